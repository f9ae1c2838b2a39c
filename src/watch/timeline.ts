import type {
  DeploymentLifecycleHookDetail,
  ServiceDeployment,
  ServiceRevisionSummary
} from '@aws-sdk/client-ecs'
import type { HookRecord, Release, TrafficSnapshot } from '../model/release.js'
import { isTerminalStatus } from '../model/stages.js'

/** Something about the deployment that changed since the previous poll. */
export type TimelineEvent =
  | { kind: 'status'; from?: string; to: string; reason?: string }
  | { kind: 'stage'; stage: string; traffic: TrafficSnapshot }
  /** Weights moved within a stage: test traffic arriving, or a canary or linear production step. */
  | { kind: 'traffic'; stage: string; traffic: TrafficSnapshot }
  | { kind: 'hook'; hook: HookRecord; previousStatus?: string }

/**
 * Folds one DescribeServiceDeployments answer into the release and says what changed.
 * Stage and status strings are kept as ECS sends them: values this version does not
 * know are recorded and shown like any other.
 */
export function recordDeployment(
  release: Release,
  deployment: ServiceDeployment,
  now: Date
): TimelineEvent[] {
  const events: TimelineEvent[] = []
  const traffic = trafficOf(deployment)
  release.deploymentArn ??= deployment.serviceDeploymentArn
  release.updatedAt = now

  const stage = deployment.lifecycleStage
  const current = release.stages.at(-1)
  if (stage && stage !== release.stage) {
    if (current && !current.endedAt) current.endedAt = now
    release.stages.push({ stage, startedAt: now, traffic })
    release.stage = stage
    events.push({ kind: 'stage', stage, traffic })
  } else if (stage && current) {
    const moved = weightsMoved(current.traffic, traffic)
    if (moved === 'production') {
      current.endedAt = now
      release.stages.push({ stage, startedAt: now, traffic })
    } else {
      current.traffic = traffic
    }
    if (moved) events.push({ kind: 'traffic', stage, traffic })
  }

  if (deployment.status && deployment.status !== release.status) {
    events.push({
      kind: 'status',
      from: release.status,
      to: deployment.status,
      reason: deployment.statusReason
    })
    release.status = deployment.status
  }
  release.statusReason = deployment.statusReason ?? release.statusReason
  for (const detail of deployment.lifecycleHookDetails ?? [])
    events.push(...recordHook(release, detail, now))

  if (isTerminalStatus(deployment.status)) {
    const last = release.stages.at(-1)
    // ECS's finish time can precede the poll that first saw the stage.
    if (last && !last.endedAt)
      last.endedAt = new Date(
        Math.max(last.startedAt.getTime(), (deployment.finishedAt ?? now).getTime())
      )
  }
  return events
}

const FINISHED_HOOK_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT']

function recordHook(
  release: Release,
  detail: DeploymentLifecycleHookDetail,
  now: Date
): TimelineEvent[] {
  const key = hookKey(detail, release.stage)
  const known = release.hooks.find(hook => hookKey(hook, hook.stage) === key)
  if (!known) {
    const hook: HookRecord = {
      hookId: detail.hookId,
      targetType: detail.targetType,
      targetArn: detail.targetArn,
      stage: release.stage,
      status: detail.status,
      expiresAt: detail.expiresAt,
      timeoutAction: detail.timeoutAction,
      firstSeenAt: now,
      updatedAt: now
    }
    release.hooks.push(hook)
    return [{ kind: 'hook', hook }]
  }
  // A finished hook never runs again; an answer saying otherwise is a stale read (a
  // pause just continued can show AWAITING_ACTION for another poll or two).
  if (detail.status === known.status || FINISHED_HOOK_STATUSES.includes(known.status ?? ''))
    return []
  const previousStatus = known.status
  Object.assign(known, {
    status: detail.status,
    expiresAt: detail.expiresAt ?? known.expiresAt,
    updatedAt: now
  })
  return [{ kind: 'hook', hook: known, previousStatus }]
}

/** ECS gives every hook run an id; the fallback covers answers without one. */
function hookKey(
  hook: { hookId?: string; targetType?: string; targetArn?: string },
  stage?: string
): string {
  return hook.hookId ?? `${hook.targetType}:${hook.targetArn}:${stage}`
}

/** Which weight of the new revision moved; a production move is a step of its own in the timeline. */
function weightsMoved(
  before: TrafficSnapshot | undefined,
  after: TrafficSnapshot
): 'production' | 'test' | undefined {
  const moved = (a: number | undefined, b: number | undefined): boolean =>
    a !== undefined && b !== undefined && a !== b
  if (moved(before?.targetProduction, after.targetProduction)) return 'production'
  if (moved(before?.targetTest, after.targetTest)) return 'test'
  return undefined
}

/** Traffic weights and task counts of the new revision, and the summed ones of the old revisions. */
export function trafficOf(deployment: ServiceDeployment): TrafficSnapshot {
  const target: ServiceRevisionSummary = deployment.targetServiceRevision ?? {}
  const sources = deployment.sourceServiceRevisions ?? []
  const sum = (
    pick: (revision: ServiceRevisionSummary) => number | undefined
  ): number | undefined =>
    sources.some(revision => pick(revision) !== undefined)
      ? sources.reduce((total, revision) => total + (pick(revision) ?? 0), 0)
      : undefined
  return {
    targetTest: target.requestedTestTrafficWeight,
    targetProduction: target.requestedProductionTrafficWeight,
    sourceTest: sum(revision => revision.requestedTestTrafficWeight),
    sourceProduction: sum(revision => revision.requestedProductionTrafficWeight),
    targetRunning: target.runningTaskCount,
    targetRequested: target.requestedTaskCount,
    sourceRunning: sum(revision => revision.runningTaskCount),
    sourceRequested: sum(revision => revision.requestedTaskCount)
  }
}
