import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { describeDeployment, findCurrentDeployment } from '../ecs/deployments.js'
import type { EcsPort } from '../ecs/port.js'
import { describeService } from '../ecs/service.js'
import { InputError } from '../inputs/values.js'
import { shortName, type Release } from '../model/release.js'
import { isTerminalStatus } from '../model/stages.js'
import { type CurrentTaskDefinition, describeTaskDefinition } from '../task-definition/load.js'
import { TAG_COMMIT } from '../model/provenance.js'
import { taskDefinitionSecrets } from '../model/secrets.js'
import type { CommandContext } from './context.js'

export interface TargetDeployment {
  ecs: EcsPort
  deployment: ServiceDeployment
}

/**
 * The deployment a promote, rollback or status run acts on: `deployment-arn`, else the
 * service's current deployment. A given ARN is checked against the service and cluster inputs, so a copy-pasted ARN of
 * another service is caught before anything changes.
 */
export async function loadTargetDeployment(
  ctx: CommandContext,
  release: Release
): Promise<TargetDeployment> {
  const { inputs } = ctx
  const ecs = await ctx.connectEcs()
  release.region = ecs.region
  if (inputs.deploymentArn)
    checkArnMatchesService(inputs.deploymentArn, inputs.cluster, inputs.service)
  const arn =
    inputs.deploymentArn ?? (await findCurrentDeployment(ecs, inputs.cluster, inputs.service))
  if (!arn) {
    throw new Error(
      `Service '${inputs.service}' in cluster '${inputs.cluster}' has no deployment to ${inputs.command}.`
    )
  }
  const deployment = await describeDeployment(ecs, arn)
  if (!deployment) {
    throw new Error(
      `ECS does not know deployment ${arn} (ECS keeps deployments for 90 days). Check deployment-arn and the AWS region.`
    )
  }
  release.deploymentArn = arn
  ctx.outputs.set('service-deployment-arn', arn)
  return { ecs, deployment }
}

/**
 * `arn:…:service-deployment/<cluster>/<service>/<id>` must name the service the inputs
 * name (each input may be a name or an ARN).
 */
function checkArnMatchesService(arn: string, cluster: string, service: string): void {
  const [, arnCluster, arnService] = arn.split(':').pop()?.split('/') ?? []
  const clusterName = shortName(cluster)
  const serviceName = shortName(service)
  if (arnCluster !== clusterName || arnService !== serviceName) {
    throw new InputError(
      'deployment-arn',
      `belongs to service '${arnService}' in cluster '${arnCluster}', not to service '${serviceName}' in cluster '${clusterName}'.`
    )
  }
}

/**
 * Fails clearly when the deployment can no longer be acted on: finished, or replaced by
 * a newer deployment of the service (whose pause ids then no longer work).
 */
export async function checkStillUnderWay(
  ecs: EcsPort,
  release: Release,
  deployment: ServiceDeployment,
  action: string
): Promise<void> {
  const stopping = deployment.status === 'STOP_REQUESTED' || deployment.status === 'STOPPED'
  if (stopping) {
    const service = await describeService(ecs, release.cluster, release.service)
    const current = service.currentServiceDeployment
    if (current && current !== deployment.serviceDeploymentArn) {
      throw new Error(
        `Deployment ${deployment.serviceDeploymentArn} was superseded by a newer deployment of service '${release.service}' ` +
          `(${current}); nothing to ${action} there. Run ${action} without deployment-arn to act on the newest one.`
      )
    }
  }
  if (isTerminalStatus(deployment.status) || stopping) {
    throw new Error(
      `Deployment ${deployment.serviceDeploymentArn} has already ended with status ${deployment.status}` +
        `${deployment.statusReason ? ` (${deployment.statusReason})` : ''}; nothing to ${action}.`
    )
  }
}

/**
 * The task definition the deployment releases, with its tags. The commit recorded on it
 * when it was registered lets the promote run find the pull request and check run of
 * the original release. Undefined when it cannot be told.
 */
async function deployedTaskDefinition(
  ecs: EcsPort,
  deployment: ServiceDeployment
): Promise<CurrentTaskDefinition | undefined> {
  const revisionArn = deployment.targetServiceRevision?.arn
  if (!revisionArn) return undefined
  try {
    const { serviceRevisions } = await ecs.describeServiceRevisions({
      serviceRevisionArns: [revisionArn]
    })
    const taskDefinition = serviceRevisions?.[0]?.taskDefinition
    return taskDefinition ? await describeTaskDefinition(ecs, taskDefinition) : undefined
  } catch {
    return undefined
  }
}

/**
 * What the deployment releases, read back from ECS: the commit recorded on its task
 * definition when it was registered (so the promote run finds the pull request and check
 * run of the original release), and the task definition's secret references, which ECS
 * quotes in the reasons of tasks that fail to fetch them.
 */
export async function identifyDeployedRelease(
  ctx: CommandContext,
  ecs: EcsPort,
  release: Release,
  deployment: ServiceDeployment
): Promise<void> {
  const deployed = await deployedTaskDefinition(ecs, deployment)
  for (const value of taskDefinitionSecrets(deployed?.document ?? {})) ctx.secrets.add(value)
  release.commit =
    deployed?.tags.find(tag => tag.key === TAG_COMMIT)?.value ??
    ctx.github.pullRequest?.headSha ??
    ctx.github.sha
}
