/**
 * ListServiceDeployments, DescribeServiceDeployments, ContinueServiceDeployment,
 * StopServiceDeployment and DescribeServiceRevisions (sim/README.md, "What happens in a
 * deployment").
 */
import { clientException, EcsError, invalidParameter } from '../errors.js'
import {
  oneOf,
  optionalObject,
  optionalOneOf,
  optionalString,
  requiredList,
  requiredString,
  stringList
} from '../input.js'
import { isTerminal } from '../deployment-machine.js'
import type { DeploymentRecord, DeploymentStatus } from '../model.js'
import { epochSecondsToMs, type JsonObject } from '../protocol.js'
import { renderDeployment, renderDeploymentBrief, renderRevision } from '../views.js'
import type { World } from '../world.js'
import { maxResults, missing, type Operation, page } from './operation.js'

const STATUSES: DeploymentStatus[] = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESSFUL',
  'STOPPED',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED'
]
const HOOK_ID = /^ecs-[a-z]+-[A-Za-z0-9_-]+$/

function deploymentFor(world: World, input: JsonObject): DeploymentRecord {
  const deployment = world.state.deployments.get(requiredString(input, 'serviceDeploymentArn'))
  if (!deployment) {
    throw new EcsError(
      'ServiceDeploymentNotFoundException',
      'The service deployment does not exist.'
    )
  }
  return deployment
}

/**
 * Newest first (sim/README.md, "Choices where ECS is uncertain"), filtered by status and
 * creation time, paged by nextToken.
 */
function listServiceDeployments(world: World, input: JsonObject): unknown {
  const service = world.state.service(
    optionalString(input, 'cluster'),
    requiredString(input, 'service')
  )
  const statuses = stringList(input, 'status')?.map(status => oneOf(status, STATUSES, 'status'))
  const createdAt = optionalObject(input, 'createdAt') ?? {}
  const before = epochSecondsToMs(createdAt.before, 'createdAt.before')
  const after = epochSecondsToMs(createdAt.after, 'createdAt.after')
  const limit = maxResults(input, 20)
  const matching = service.deployments
    .filter(d => !statuses || statuses.includes(d.status))
    .filter(d => before === undefined || d.createdAt < before)
    .filter(d => after === undefined || d.createdAt > after)
    .sort((a, b) => b.seq - a.seq)
  const result = page(input, matching, service.arn, d => -d.seq, limit)
  return {
    serviceDeployments: result.items.map(renderDeploymentBrief),
    nextToken: result.nextToken
  }
}

function describeServiceDeployments(world: World, input: JsonObject): unknown {
  const arns = requiredList(input, 'serviceDeploymentArns', 20)
  const found = arns.map(arn => ({ arn, deployment: world.state.deployments.get(arn) }))
  return {
    serviceDeployments: found.flatMap(({ deployment }) =>
      deployment ? [renderDeployment(world, deployment)] : []
    ),
    failures: found.filter(({ deployment }) => !deployment).map(({ arn }) => missing(arn))
  }
}

/**
 * The checks and messages of
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html;
 * their order and exception classes are choices (sim/README.md, "Choices where ECS is uncertain").
 */
function continueServiceDeployment(world: World, input: JsonObject): unknown {
  const hookId = requiredString(input, 'hookId')
  const action = optionalOneOf(input, 'action', ['CONTINUE', 'ROLLBACK'] as const) ?? 'CONTINUE'
  const deployment = deploymentFor(world, input)
  if (isTerminal(deployment)) {
    throw clientException(
      'Continuing a service deployment is not allowed for service deployment in terminal states.'
    )
  }
  if (!HOOK_ID.test(hookId)) {
    throw invalidParameter('Invalid hookId: hookId must follow the format: ecs-{hookType}-{id}')
  }
  const hook = deployment.hooks.find(h => h.hookId === hookId)
  if (
    deployment.status !== 'IN_PROGRESS' ||
    hook?.targetType !== 'PAUSE' ||
    hook.status !== 'AWAITING_ACTION'
  ) {
    throw invalidParameter(
      'Provided hookId is either completed, unavailable, or not associated with the given Resource ARN'
    )
  }
  world.machine.continueHook(deployment, hook, action)
  return { serviceDeploymentArn: deployment.arn }
}

function stopServiceDeployment(world: World, input: JsonObject): unknown {
  const stopType = optionalOneOf(input, 'stopType', ['ROLLBACK', 'ABORT'] as const) ?? 'ROLLBACK'
  const deployment = deploymentFor(world, input)
  if (isTerminal(deployment)) {
    throw new EcsError(
      'ConflictException',
      'Stopping a service deployment is not allowed for service deployment in terminal states.'
    )
  }
  world.machine.requestStop(deployment, stopType)
  return { serviceDeploymentArn: deployment.arn }
}

function describeServiceRevisions(world: World, input: JsonObject): unknown {
  const arns = requiredList(input, 'serviceRevisionArns', 20)
  const found = arns.map(arn => ({ arn, revision: world.state.revisions.get(arn) }))
  return {
    serviceRevisions: found.flatMap(({ revision }) => (revision ? [renderRevision(revision)] : [])),
    failures: found.filter(({ revision }) => !revision).map(({ arn }) => missing(arn))
  }
}

export const deploymentOperations: Record<string, Operation> = {
  ListServiceDeployments: listServiceDeployments,
  DescribeServiceDeployments: describeServiceDeployments,
  ContinueServiceDeployment: continueServiceDeployment,
  StopServiceDeployment: stopServiceDeployment,
  DescribeServiceRevisions: describeServiceRevisions
}
