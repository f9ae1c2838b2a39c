import type { ServiceEvent } from '@aws-sdk/client-ecs'
import type { EcsPort } from '../ecs/port.js'
import { describeService } from '../ecs/service.js'

/** Service events are read at most this often while waiting, so they cost a DescribeServices every few polls. */
export const EVENTS_INTERVAL_MS = 30_000

/**
 * The service's events since the release started, each handed out once and oldest
 * first (DescribeServices lists the newest 100, newest first).
 */
export class ServiceEventStream {
  private readonly seen = new Set<string>()
  private lastReadAt = Number.NEGATIVE_INFINITY
  /** Every event handed out, oldest first, for the diagnosis of a failure. */
  readonly history: ServiceEvent[] = []

  constructor(
    private readonly ecs: EcsPort,
    private readonly cluster: string,
    private readonly service: string,
    private readonly since: Date
  ) {}

  /** New events, read only when EVENTS_INTERVAL_MS has passed since the last read (or when `force`). */
  async poll(now: Date, force = false): Promise<ServiceEvent[]> {
    if (!force && now.getTime() - this.lastReadAt < EVENTS_INTERVAL_MS) return []
    this.lastReadAt = now.getTime()
    const { events = [] } = await describeService(this.ecs, this.cluster, this.service)
    // Reversed before the (stable) sort: events of the same millisecond stay in ECS's order.
    const fresh = [...events]
      .reverse()
      .filter(
        event => event.createdAt && event.createdAt >= this.since && !this.seen.has(eventKey(event))
      )
      .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0))
    for (const event of fresh) this.seen.add(eventKey(event))
    this.history.push(...fresh)
    return fresh
  }
}

function eventKey(event: ServiceEvent): string {
  return event.id ?? `${event.createdAt?.getTime()}:${event.message}`
}
