/**
 * Service revisions: created for every deployment, never for a rollback
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html).
 */
import type {
  LoadBalancer,
  NetworkConfiguration,
  ServiceConnectConfiguration
} from '@aws-sdk/client-ecs'
import type { RevisionRecord, ServiceRecord, TaskDefinitionRecord } from './model.js'
import { isBlueGreenFamily } from './phases.js'
import type { World } from './world.js'

/** What a revision pins: the task definition and the traffic configuration of the service. */
export interface RevisionSpec {
  taskDefinition: TaskDefinitionRecord
  serviceConnectConfiguration?: ServiceConnectConfiguration
  loadBalancers?: LoadBalancer[]
  networkConfiguration?: NetworkConfiguration
}

/**
 * Per load balancer, the target group a new revision registers in. A blue/green deployment
 * puts green in the group of the pair that the serving revision is not in, so the two groups
 * swap roles with every deployment (sim/README.md, "Target groups"); otherwise the serving
 * revision's group, or the configured one.
 */
export function greenTargetGroups(
  service: ServiceRecord,
  loadBalancers: LoadBalancer[] = []
): (string | undefined)[] {
  return loadBalancers.map((loadBalancer, i) => {
    const primary = loadBalancer.targetGroupArn
    const alternate = loadBalancer.advancedConfiguration?.alternateTargetGroupArn
    const serving = service.serving.targetGroups[i]
    if (alternate === undefined || !isBlueGreenFamily(service.deploymentConfiguration)) {
      return serving === alternate && serving !== undefined ? serving : primary
    }
    return serving === alternate ? primary : alternate
  })
}

export function addRevision(
  world: World,
  service: ServiceRecord,
  spec: RevisionSpec,
  targetGroups: (string | undefined)[]
): RevisionRecord {
  const number = world.ids.revisionNumber()
  const now = Date.now()
  const revision: RevisionRecord = {
    ...spec,
    targetGroups,
    arn: world.arns.serviceRevision(service.cluster.name, service.name, number),
    id: `ecs-svc/${number}`,
    service,
    createdAt: now,
    updatedAt: now,
    active: true,
    requested: 0,
    rolloutState: 'IN_PROGRESS',
    failedTasks: 0,
    tasks: []
  }
  service.revisions.push(revision)
  world.state.revisions.set(revision.arn, revision)
  return revision
}

/** The spec of the service's current revision, for updates that change only part of it. */
export function currentSpec(service: ServiceRecord): RevisionSpec {
  const { taskDefinition, serviceConnectConfiguration, loadBalancers, networkConfiguration } =
    service.primary
  return { taskDefinition, serviceConnectConfiguration, loadBalancers, networkConfiguration }
}
