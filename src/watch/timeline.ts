import type {
  DeploymentLifecycleHookDetail,
  ServiceDeployment,
  ServiceRevisionSummary
} from '@aws-sdk/client-ecs'
import type { HookRecord, Release, StageRecord, TrafficSnapshot } from '../model/release.js'
import {
  isTerminalStatus,
  LIFECYCLE_STAGES,
  stageIndex,
  STOPPING_STATUSES
} from '../model/stages.js'
import { applyNamedStage, attributeHookStage, configuredHooks } from './hook-stages.js'

/** Something about the deployment that changed since the previous poll. */
export type TimelineEvent =
  | { kind: 'status'; from?: string; to: string; reason?: string }
  /** `passed`: stages the deployment went through since the previous poll without a poll seeing them. */
  | { kind: 'stage'; stage: string; traffic: TrafficSnapshot; passed: string[] }
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
  const configuration = deployment.deploymentConfiguration
  release.configuredHooks =
    configuredHooks(configuration?.lifecycleHooks) ?? release.configuredHooks
  release.strategy ??= configuration?.strategy
  release.linearStepPercent =
    configuration?.linearConfiguration?.stepPercent ?? release.linearStepPercent

  const stage = deployment.lifecycleStage
  const current = release.stages.at(-1)
  if (stage && stage !== release.stage) {
    if (current && !current.endedAt) current.endedAt = now
    const passed = stagesPassedUnseen(current?.stage, stage)
    for (const missed of passed)
      release.stages.push({ stage: missed, startedAt: now, endedAt: now, unobserved: true })
    release.stages.push({ stage, startedAt: now, traffic })
    release.stage = stage
    events.push({ kind: 'stage', stage, traffic, passed })
  } else if (stage && current) {
    const moved = weightsMoved(current.traffic, traffic)
    if (isStoppingStatus(deployment.status)) {
      // A rollback moves traffic back and scales the new revision in: the stage keeps what it
      // reached, and counts the failures.
      current.traffic = { ...current.traffic, failedTasks: traffic.failedTasks }
    } else if (moved === 'production') {
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
  release.rollbackStartedAt = deployment.rollback?.startedAt ?? release.rollbackStartedAt
  for (const detail of deployment.lifecycleHookDetails ?? [])
    events.push(...recordHook(release, detail, now))
  const reason = deployment.rollback?.reason ?? deployment.statusReason
  for (const hook of release.hooks) applyNamedStage(hook, reason, release.configuredHooks)

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

function isStoppingStatus(status: string | undefined): boolean {
  return (STOPPING_STATUSES as readonly string[]).includes(status ?? '')
}

/**
 * The stages between the last one seen and `next` that ECS always reports, which a poll
 * missed. RECONCILE_SERVICE runs only sometimes, and PRE_PRODUCTION_TRAFFIC_SHIFT may be
 * reported as PRODUCTION_TRAFFIC_SHIFT (sim/README.md), so neither is assumed.
 */
export function stagesPassedUnseen(last: string | undefined, next: string): string[] {
  const to = stageIndex(next)
  const from = last === undefined ? stageIndex('RECONCILE_SERVICE') : stageIndex(last)
  if (to === undefined || from === undefined || to <= from) return []
  return LIFECYCLE_STAGES.slice(from + 1, to).filter(
    stage => stage !== 'RECONCILE_SERVICE' && stage !== 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  )
}

/** The stages a poll saw, leaving out those that passed between polls. */
export function observedStages(release: Release): StageRecord[] {
  return release.stages.filter(record => !record.unobserved)
}

const FINISHED_HOOK_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT']

function recordHook(
  release: Release,
  detail: DeploymentLifecycleHookDetail,
  now: Date
): TimelineEvent[] {
  const known = release.hooks.find(hook => sameHook(hook, detail))
  if (!known) {
    const previous = release.hooks.filter(hook => sameKind(hook, detail)).at(-1)
    const hook: HookRecord = {
      hookId: detail.hookId,
      targetType: detail.targetType,
      targetArn: detail.targetArn,
      stage: attributeHookStage(detail, {
        configured: release.configuredHooks,
        seenAt: release.stage,
        previous: previous?.stage
      }),
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

type HookFields = Pick<HookRecord, 'hookId' | 'targetType' | 'targetArn'>

/** ECS gives every hook run an id; without one, the unfinished run of the same hook is it. */
function sameHook(hook: HookRecord, detail: HookFields): boolean {
  if (detail.hookId !== undefined) return hook.hookId === detail.hookId
  return sameKind(hook, detail) && !FINISHED_HOOK_STATUSES.includes(hook.status ?? '')
}

/** Runs of the same configured hook: pauses, or one Lambda function. */
function sameKind(hook: HookFields, other: HookFields): boolean {
  const type = hook.targetType ?? 'AWS_LAMBDA'
  return (
    type === (other.targetType ?? 'AWS_LAMBDA') &&
    (type === 'PAUSE' || hook.targetArn === other.targetArn)
  )
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
    sourceRequested: sum(revision => revision.requestedTaskCount),
    failedTasks: deployment.deploymentCircuitBreaker?.failureCount
  }
}
