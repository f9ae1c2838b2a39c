/** Service revisions: created for every deployment, never for a rollback (§2). */
import type {
  LoadBalancer,
  NetworkConfiguration,
  ServiceConnectConfiguration
} from '@aws-sdk/client-ecs'
import type { RevisionRecord, ServiceRecord, TaskDefinitionRecord } from './model.js'
import type { World } from './world.js'

/** What a revision pins: the task definition and the traffic configuration of the service. */
export interface RevisionSpec {
  taskDefinition: TaskDefinitionRecord
  serviceConnectConfiguration?: ServiceConnectConfiguration
  loadBalancers?: LoadBalancer[]
  networkConfiguration?: NetworkConfiguration
}

export function addRevision(
  world: World,
  service: ServiceRecord,
  spec: RevisionSpec
): RevisionRecord {
  const number = world.ids.revisionNumber()
  const now = Date.now()
  const revision: RevisionRecord = {
    ...spec,
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
