import type {
  DescribeServiceDeploymentsCommandOutput,
  DescribeServiceRevisionsCommandOutput,
  DescribeServicesCommandInput,
  DescribeServicesCommandOutput
} from '@aws-sdk/client-ecs'
import type { EcsPort } from './port.js'

/**
 * DescribeServiceDeployments and DescribeServiceRevisions take at most 20 ARNs,
 * DescribeServices 10 services of one cluster.
 */
export const MAX_DEPLOYMENTS_PER_CALL = 20
export const MAX_REVISIONS_PER_CALL = 20
export const MAX_SERVICES_PER_CALL = 10

/**
 * How long reads wait for others to join them (`wait` sleeps this long on the release's
 * clock): the polls of a release of several services are due together, and wake within a
 * few milliseconds of each other.
 */
export const BATCH_WINDOW_MS = 20

interface Waiter<T> {
  keys: string[]
  resolve: (value: T) => void
  reject: (error: unknown) => void
}

/**
 * Collects the reads made within a short window into as few calls as the API allows, and
 * hands each caller the part of the answer it asked about.
 */
class Batcher<T> {
  private waiting: Waiter<T>[] = []
  private flushing = false

  constructor(
    private readonly limit: number,
    private readonly wait: () => Promise<void>,
    private readonly send: (keys: string[]) => Promise<T>,
    private readonly pick: (answer: T, keys: string[]) => T
  ) {}

  read(keys: string[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ keys, resolve, reject })
      if (this.flushing) return
      this.flushing = true
      void this.wait().then(() => {
        this.flushing = false
        this.flush()
      })
    })
  }

  private flush(): void {
    const waiting = this.waiting
    this.waiting = []
    // Waiters go together while their keys fit one call; a waiter is never split.
    let group: Waiter<T>[] = []
    let keys = new Set<string>()
    const groups: { waiters: Waiter<T>[]; keys: string[] }[] = []
    for (const waiter of waiting) {
      // Only the keys it adds: copying the group's keys for every waiter costs a poll of 20 services 20 sets.
      const added = new Set(waiter.keys.filter(key => !keys.has(key)))
      if (group.length > 0 && keys.size + added.size > this.limit) {
        groups.push({ waiters: group, keys: [...keys] })
        group = []
        keys = new Set(waiter.keys)
      } else {
        for (const key of added) keys.add(key)
      }
      group.push(waiter)
    }
    if (group.length > 0) groups.push({ waiters: group, keys: [...keys] })
    for (const { waiters, keys: batch } of groups) {
      // A send that throws at once fails its waiters like one that rejects.
      Promise.resolve()
        .then(() => this.send(batch))
        .then(
          answer => {
            for (const waiter of waiters) waiter.resolve(this.pick(answer, waiter.keys))
          },
          (error: unknown) => {
            for (const waiter of waiters) waiter.reject(error)
          }
        )
    }
  }
}

/**
 * The ECS port of a release of several services: DescribeServiceDeployments of all its
 * deployments is one call per poll (up to 20), DescribeServiceRevisions one call for up to
 * 20 revisions, and DescribeServices one call per cluster (up to 10 services), however many
 * services poll. Every other call goes through as is.
 * Reads made while `wait` runs join one call.
 */
export function withBatchedReads(ecs: EcsPort, wait: () => Promise<void>): EcsPort {
  const deployments = new Batcher<DescribeServiceDeploymentsCommandOutput>(
    MAX_DEPLOYMENTS_PER_CALL,
    wait,
    arns => ecs.describeServiceDeployments({ serviceDeploymentArns: arns }),
    (answer, arns) => ({
      ...answer,
      serviceDeployments: ofArns(answer.serviceDeployments, arns, d => d.serviceDeploymentArn),
      failures: ofArns(answer.failures, arns, failure => failure.arn)
    })
  )
  const revisions = new Batcher<DescribeServiceRevisionsCommandOutput>(
    MAX_REVISIONS_PER_CALL,
    wait,
    arns => ecs.describeServiceRevisions({ serviceRevisionArns: arns }),
    (answer, arns) => ({
      ...answer,
      serviceRevisions: ofArns(answer.serviceRevisions, arns, r => r.serviceRevisionArn),
      failures: ofArns(answer.failures, arns, failure => failure.arn)
    })
  )
  const clusters = new Map<string, Batcher<DescribeServicesCommandOutput>>()
  const services = (cluster: string): Batcher<DescribeServicesCommandOutput> => {
    let batcher = clusters.get(cluster)
    if (!batcher) {
      batcher = new Batcher(
        MAX_SERVICES_PER_CALL,
        wait,
        refs => ecs.describeServices({ cluster, services: refs }),
        (answer, refs) => ({
          ...answer,
          services: answer.services?.filter(service => refs.some(ref => names(service, ref))),
          failures: answer.failures?.filter(failure =>
            refs.some(ref => failure.arn === ref || failure.arn?.endsWith(`/${ref}`))
          )
        })
      )
      clusters.set(cluster, batcher)
    }
    return batcher
  }
  const batched = Object.create(ecs) as EcsPort & Record<string, unknown>
  batched.describeServiceDeployments = input => deployments.read(input.serviceDeploymentArns ?? [])
  batched.describeServiceRevisions = input => revisions.read(input.serviceRevisionArns ?? [])
  batched.describeServices = (input: DescribeServicesCommandInput) =>
    // Reads that ask for more than the services (tags) go alone.
    input.include?.length
      ? ecs.describeServices(input)
      : services(input.cluster ?? 'default').read(input.services ?? [])
  return batched
}

/** The items of a batched answer that one caller asked about, by their ARN. */
function ofArns<T>(
  items: T[] | undefined,
  arns: string[],
  arnOf: (item: T) => string | undefined
): T[] | undefined {
  return items?.filter(item => arns.includes(arnOf(item) ?? ''))
}

/** Whether `service` is the one `ref` (a name or an ARN) names. */
function names(service: { serviceName?: string; serviceArn?: string }, ref: string): boolean {
  return ref === service.serviceName || ref === service.serviceArn
}
