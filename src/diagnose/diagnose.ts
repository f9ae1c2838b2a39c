import type { ServiceDeployment, ServiceEvent } from '@aws-sdk/client-ecs'
import type { EcsPort } from '../ecs/port.js'
import type { FailureEvidence } from '../model/evidence.js'
import type { Release } from '../model/release.js'
import { type LastWordsSettings, readLastWords } from './container-logs.js'
import { failureCause } from './headline.js'
import { chooseHint } from './hints.js'
import { loadBalancerDetail } from './load-balancer.js'
import { describeGroup, stoppedTasksOfRevision, type StoppedTaskGroup } from './stopped-tasks.js'

/** Enough events to show what led to the failure without repeating the whole history. */
const MAX_EVENTS = 5
const MAX_TASK_GROUPS = 5
const FAILURE_EVENT =
  /fail|unable|error|unhealthy|rolling back|roll back|timed out|stopped|exceeded|alarm/i

/** What the diagnosis of a failed release found. */
export interface Diagnosis {
  /** Stopped task groups, failed hooks and the service events that tell the story, a line each. */
  details: string[]
  /** One line of what to check first. */
  hint?: string
  /** The cause the facts point to (see failureCause), for the headline. */
  cause?: string
  /** Where the stopped tasks' failed containers logged, and their last lines. */
  evidence?: FailureEvidence
}

/**
 * Explains a failed release: which tasks of the new revision stopped and why (grouped),
 * which hooks failed at which stage, the service events that tell the story, one line of
 * what to check first, and the cause they point to. `reason` is the failure as stated so
 * far. With `lastWords`, the failed containers' logs are read too. Reading the tasks and
 * their logs is best effort and never hides the failure itself.
 */
export async function diagnoseFailure(
  ecs: EcsPort,
  release: Release,
  deployment: ServiceDeployment | undefined,
  events: readonly ServiceEvent[],
  reason = '',
  lastWords?: LastWordsSettings
): Promise<Diagnosis> {
  const groups = await stoppedTasks(ecs, release, deployment)
  const failedHooks = release.hooks.filter(
    hook => hook.status === 'FAILED' || hook.status === 'TIMED_OUT'
  )
  const failureEvents = events
    .filter(event => FAILURE_EVENT.test(event.message ?? ''))
    .slice(-MAX_EVENTS)

  const reasons = [
    reason,
    deployment?.statusReason ?? '',
    deployment?.rollback?.reason ?? '',
    ...groups.flatMap(group => group.reasons),
    ...failureEvents.map(event => event.message ?? '')
  ]
  const shown = groups.slice(0, MAX_TASK_GROUPS)
  const details = [
    ...shown.map(describeGroup),
    ...[loadBalancerDetail(release.servedBy, reasons)].filter(detail => detail !== undefined),
    ...failedHooks.map(
      hook =>
        `Hook ${hook.targetType ?? 'AWS_LAMBDA'} ${hook.targetArn ?? hook.hookId ?? ''} at ${hook.stage ?? 'an unknown stage'}: ${hook.status ?? 'unknown'}.`
    ),
    ...failureEvents.map(
      event => `Service event ${event.createdAt?.toISOString() ?? ''}: ${event.message ?? ''}`
    )
  ]
  const hint = chooseHint({
    reasons,
    exitCodes: groups.flatMap(group => group.exitCodes),
    unhealthy: groups.some(group => group.unhealthy),
    triggeredAlarms: deployment?.alarms?.triggeredAlarmNames ?? [],
    failedHookTargets: failedHooks.flatMap(hook => (hook.targetArn ? [hook.targetArn] : []))
  })
  return {
    details,
    hint,
    cause: failureCause(release, deployment, failedHooks, groups),
    ...(lastWords && { evidence: await readLastWords(ecs, shown, lastWords) })
  }
}

async function stoppedTasks(
  ecs: EcsPort,
  release: Release,
  deployment: ServiceDeployment | undefined
): Promise<StoppedTaskGroup[]> {
  const revisionNumber = deployment?.targetServiceRevision?.arn?.split('/').pop()
  try {
    return await stoppedTasksOfRevision(ecs, release.cluster, release.service, {
      taskDefinitionArn: release.taskDefinition?.arn,
      startedBy: revisionNumber ? `ecs-svc/${revisionNumber}` : undefined
    })
  } catch {
    return []
  }
}
