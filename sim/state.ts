/** The simulator's world: every record, and lookups that fail the way ECS does. */
import type { Tag } from '@aws-sdk/client-ecs'
import { EcsError } from './errors.js'
import type { Arns } from './ids.js'
import type {
  ClusterRecord,
  DeploymentRecord,
  RevisionRecord,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord
} from './model.js'

const DEFAULT_CLUSTER = 'default'

/** The last path segment of an ARN, or the input when it is a plain name. */
function nameOf(ref: string): string {
  return ref.startsWith('arn:') ? (ref.split('/').pop() ?? ref) : ref
}

/** The cluster named inside a service ARN of the long format (service/<cluster>/<name>). */
function clusterInServiceArn(ref: string): string | undefined {
  if (!ref.startsWith('arn:')) return undefined
  const parts = ref.split(':').slice(5).join(':').split('/')
  return parts.length === 3 ? parts[1] : undefined
}

export class SimState {
  readonly clusters = new Map<string, ClusterRecord>()
  readonly taskDefinitions = new Map<string, TaskDefinitionRecord[]>()
  readonly deployments = new Map<string, DeploymentRecord>()
  readonly revisions = new Map<string, RevisionRecord>()
  readonly tasks = new Map<string, TaskRecord>()
  readonly tags = new Map<string, Tag[]>()
  private seq = 0

  constructor(readonly arns: Arns) {}

  /** A counter shared by deployments and tasks: creation order for sorting and paging. */
  nextSeq(): number {
    return ++this.seq
  }

  addCluster(name: string): ClusterRecord {
    const cluster = { name, arn: this.arns.cluster(name), services: new Map() }
    this.clusters.set(name, cluster)
    return cluster
  }

  cluster(ref: string | undefined): ClusterRecord {
    const cluster = this.clusters.get(nameOf(ref ?? DEFAULT_CLUSTER))
    if (!cluster) throw new EcsError('ClusterNotFoundException', 'Cluster not found.')
    return cluster
  }

  /** A service by name or ARN; a long-format service ARN names its cluster when none is given. */
  service(clusterRef: string | undefined, serviceRef: string): ServiceRecord {
    const service = this.findService(clusterRef, serviceRef)
    if (!service) throw new EcsError('ServiceNotFoundException', 'Service not found.')
    return service
  }

  findService(clusterRef: string | undefined, serviceRef: string): ServiceRecord | undefined {
    const cluster = this.cluster(clusterRef ?? clusterInServiceArn(serviceRef))
    return cluster.services.get(nameOf(serviceRef))
  }

  allServices(): ServiceRecord[] {
    return [...this.clusters.values()].flatMap(cluster => [...cluster.services.values()])
  }

  /** A task definition by family (latest revision), family:revision or ARN. */
  taskDefinition(ref: string): TaskDefinitionRecord | undefined {
    const [family = '', revision] = nameOf(ref).split(':')
    const revisions = this.taskDefinitions.get(family) ?? []
    if (revision === undefined) return revisions[revisions.length - 1]
    return revisions.find(td => String(td.revision) === revision)
  }

  nextTaskDefinitionRevision(family: string): number {
    return (this.taskDefinitions.get(family)?.length ?? 0) + 1
  }

  /** Whether an ARN names something tags can be attached to. */
  isTaggable(arn: string): boolean {
    if (this.taskDefinition(arn)?.arn === arn) return true
    if ([...this.clusters.values()].some(cluster => cluster.arn === arn)) return true
    return this.allServices().some(service => service.arn === arn)
  }
}
