import type { ServiceEvent } from '@aws-sdk/client-ecs'
import { formatElapsed, formatTime } from '../model/format.js'
import type { Log } from '../model/log.js'
import type { HookRecord, Release, TrafficSnapshot } from '../model/release.js'
import { percent } from '../model/format.js'
import { productionStepLabel } from '../model/production-steps.js'
import type { TimelineEvent } from './timeline.js'

/**
 * Writes timeline events as the job log of a release: one collapsible group per
 * lifecycle stage, titled with the time, the time since the release started and the
 * traffic split, holding that stage's hooks, traffic steps and status changes.
 */
export class TimelineLog {
  private groupOpen = false

  /** `release` names the production steps (its strategy) and dates the log (its start). */
  constructor(
    private readonly log: Log,
    private readonly release: Pick<Release, 'startedAt' | 'strategy' | 'linearStepPercent'>
  ) {}

  private get startedAt(): Date {
    return this.release.startedAt
  }

  write(events: TimelineEvent[], now: Date): void {
    for (const event of events) {
      const stamp = `${formatTime(now)} ${formatElapsed(now.getTime() - this.startedAt.getTime())}`
      switch (event.kind) {
        case 'stage':
          this.close()
          if (event.passed.length > 0)
            this.log.info(`${stamp}  passed between two polls: ${event.passed.join(', ')}`)
          this.log.startGroup(
            `${stamp}  ${event.stage}${this.step(event)}${suffix(formatTraffic(event.traffic))}`
          )
          this.groupOpen = true
          break
        case 'traffic':
          this.log.info(
            `${stamp}  traffic moved${this.step(event)}: ${formatTraffic(event.traffic)}`
          )
          break
        case 'hook':
          this.log.info(`${stamp}  ${formatHook(event.hook)}`)
          break
        case 'status':
          this.log.info(
            `${stamp}  status ${event.from ? `${event.from} → ` : ''}${event.to}${event.reason ? `: ${event.reason}` : ''}`
          )
      }
    }
  }

  /** Service events (task starts, failures, steady state), at the time ECS recorded them. */
  serviceEvents(events: readonly ServiceEvent[]): void {
    for (const event of events) {
      const at = event.createdAt ?? this.startedAt
      this.log.info(
        `${formatTime(at)} ${formatElapsed(at.getTime() - this.startedAt.getTime())}  event: ${event.message ?? ''}`
      )
    }
  }

  /** ` (canary 10 %)`: which production step a stage or traffic move is. */
  private step(event: { stage: string; traffic: TrafficSnapshot }): string {
    const label = productionStepLabel(event.stage, event.traffic.targetProduction, this.release)
    return label ? ` (${label})` : ''
  }

  /** Ends the open stage group, so what follows stands outside the timeline. */
  close(): void {
    if (this.groupOpen) this.log.endGroup()
    this.groupOpen = false
  }
}

function suffix(text: string): string {
  return text ? `  (${text})` : ''
}

/** `new: test 100% · prod 20% · tasks 2/2 | old: test 0% · prod 80% · tasks 2/2`, leaving out what ECS did not report. */
export function formatTraffic(traffic: TrafficSnapshot | undefined): string {
  if (!traffic) return ''
  const t = traffic
  return [
    revisionTraffic('new', t.targetTest, t.targetProduction, t.targetRunning, t.targetRequested),
    revisionTraffic('old', t.sourceTest, t.sourceProduction, t.sourceRunning, t.sourceRequested)
  ]
    .filter(Boolean)
    .join(' | ')
}

function revisionTraffic(
  name: string,
  test?: number,
  production?: number,
  running?: number,
  requested?: number
): string {
  const parts = [
    test !== undefined && `test ${percent(test)}`,
    production !== undefined && `prod ${percent(production)}`,
    requested !== undefined && `tasks ${running ?? 0}/${requested}`
  ].filter(Boolean)
  return parts.length > 0 ? `${name}: ${parts.join(' · ')}` : ''
}

/** `hook PAUSE ecs-pause-abc at POST_TEST_TRAFFIC_SHIFT: AWAITING_ACTION (expires …, then ROLLBACK)` */
export function formatHook(hook: HookRecord): string {
  const target = hook.targetArn ?? hook.hookId ?? 'unnamed'
  const at = hook.stage ? ` at ${hook.stage}` : ''
  const expiry =
    hook.status === 'AWAITING_ACTION' || hook.status === 'IN_PROGRESS'
      ? [
          hook.expiresAt && `expires ${hook.expiresAt.toISOString()}`,
          hook.timeoutAction && `then ${hook.timeoutAction}`
        ]
          .filter(Boolean)
          .join(', ')
      : ''
  return `hook ${hook.targetType ?? 'AWS_LAMBDA'} ${target}${at}: ${hook.status ?? 'unknown'}${expiry ? ` (${expiry})` : ''}`
}
