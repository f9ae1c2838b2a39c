/**
 * DescribeServices and UpdateService (sim/README.md, "What happens in a deployment" and
 * "Validation").
 */
import { clientException, invalidParameter } from '../errors.js'
import {
  objectList,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredList,
  requiredString,
  stringList
} from '../input.js'
import { isTerminal } from '../deployment-machine.js'
import type { ServiceRecord, TaskDefinitionRecord } from '../model.js'
import type { JsonObject } from '../protocol.js'
import { currentSpec, type RevisionSpec } from '../revisions.js'
import { scaleRevision } from '../tasks.js'
import {
  validateDeploymentConfiguration,
  validateLoadBalancers,
  validateServiceConnect
} from '../validation.js'
import { renderService } from '../views.js'
import type { World } from '../world.js'
import { missing, type Operation } from './operation.js'

/**
 * Members whose presence starts a deployment besides taskDefinition and forceNewDeployment
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html).
 */
const OTHER_TRIGGERS = [
  'platformVersion',
  'serviceRegistries',
  'volumeConfigurations',
  'vpcLatticeConfigurations'
]

function describeServices(world: World, input: JsonObject): unknown {
  const clusterRef = optionalString(input, 'cluster')
  const cluster = world.state.cluster(clusterRef)
  const refs = requiredList(input, 'services', 10)
  const withTags = stringList(input, 'include')?.includes('TAGS')
  const found = refs.map(ref => ({ ref, service: world.state.findService(cluster.arn, ref) }))
  return {
    services: found.flatMap(({ service }) =>
      service ? [renderService(world, service, withTags)] : []
    ),
    failures: found
      .filter(({ service }) => !service)
      .map(({ ref }) =>
        missing(ref.startsWith('arn:') ? ref : world.arns.service(cluster.name, ref))
      )
  }
}

/** The revision a deploying update asks for, or undefined when the update starts no deployment. */
function requestedRevision(
  world: World,
  service: ServiceRecord,
  input: JsonObject
): RevisionSpec | undefined {
  const taskDefinitionRef = optionalString(input, 'taskDefinition')
  const taskDefinition =
    taskDefinitionRef === undefined ? undefined : world.state.taskDefinition(taskDefinitionRef)
  if (taskDefinitionRef !== undefined && !taskDefinition)
    throw clientException('TaskDefinition not found.')
  const serviceConnect = optionalObject(input, 'serviceConnectConfiguration')
  const loadBalancers = objectList(input, 'loadBalancers')
  const network = optionalObject(input, 'networkConfiguration')
  const forced = optionalBoolean(input, 'forceNewDeployment') === true
  const deploys =
    (taskDefinition !== undefined && taskDefinition !== service.primary.taskDefinition) ||
    forced ||
    serviceConnect !== undefined ||
    loadBalancers !== undefined ||
    network !== undefined ||
    OTHER_TRIGGERS.some(key => input[key] !== undefined)
  if (service.controllerType === 'CODE_DEPLOY') {
    if (taskDefinitionRef !== undefined) {
      throw invalidParameter(
        'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.'
      )
    }
    if (deploys) {
      throw invalidParameter(
        'Unable to force a new deployment on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.'
      )
    }
  }
  if (!deploys) return undefined
  const current = currentSpec(service)
  return {
    taskDefinition: taskDefinition ?? current.taskDefinition,
    serviceConnectConfiguration: serviceConnect
      ? validateServiceConnect(serviceConnect)
      : current.serviceConnectConfiguration,
    // Validated with the effective strategy in updateService.
    loadBalancers: loadBalancers ?? current.loadBalancers,
    networkConfiguration: network ?? current.networkConfiguration
  }
}

/**
 * A load balancer's container "must remain in the task definition"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html):
 * ECS refuses a revision without it.
 */
function checkLoadBalancerContainers(
  taskDefinition: TaskDefinitionRecord,
  loadBalancers: readonly { containerName?: unknown }[]
): void {
  for (const loadBalancer of loadBalancers) {
    const name = loadBalancer.containerName
    if (typeof name !== 'string') continue
    if (!taskDefinition.containers.some(container => container.name === name)) {
      throw invalidParameter(`The container ${name} does not exist in the task definition.`)
    }
  }
}

/** Validates everything first, so a rejected update changes nothing. */
function updateService(world: World, input: JsonObject): unknown {
  const service = world.state.service(
    optionalString(input, 'cluster'),
    requiredString(input, 'service')
  )
  const desiredCount = optionalNumber(input, 'desiredCount')
  if (desiredCount !== undefined && (!Number.isInteger(desiredCount) || desiredCount < 0)) {
    throw invalidParameter('desiredCount must be a non-negative integer.')
  }
  const configUpdate = optionalObject(input, 'deploymentConfiguration')
  const configuration = configUpdate
    ? validateDeploymentConfiguration(configUpdate, service.deploymentConfiguration)
    : service.deploymentConfiguration
  const revision = requestedRevision(world, service, input)
  if (configUpdate || input.loadBalancers !== undefined) {
    const loadBalancers = revision?.loadBalancers ?? service.primary.loadBalancers ?? []
    validateLoadBalancers(loadBalancers as JsonObject[], configuration.strategy)
  }
  if (revision) checkLoadBalancerContainers(revision.taskDefinition, revision.loadBalancers ?? [])

  service.deploymentConfiguration = configuration
  if (desiredCount !== undefined) {
    service.desiredCount = desiredCount
    if (service.deployments.every(isTerminal)) scaleRevision(world, service.primary, desiredCount)
  }
  if (revision) world.machine.create(service, revision)
  return { service: renderService(world, service) }
}

export const serviceOperations: Record<string, Operation> = {
  DescribeServices: describeServices,
  UpdateService: updateService
}
