import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { clip } from '../model/format.js'
import type { HookRecord, Release } from '../model/release.js'
import { infrastructureRoleFailure } from './hints.js'
import { describeGroup, type StoppedTaskGroup } from './stopped-tasks.js'

/** The runner cuts annotations at 4096 characters; a headline stays well inside, on one line. */
export const MAX_HEADLINE = 1000
/** The stopped tasks' line is cut first, so the rest of the headline always shows. */
const MAX_TASKS_TEXT = 500

/**
 * What made ECS roll back or stop the deployment, in a few words: the circuit breaker
 * with the tasks that tripped it, the failed hook and its stage, or the alarms.
 * Undefined when ECS's own reason is all there is (a rollback someone asked for).
 */
export function failureCause(
  release: Release,
  deployment: ServiceDeployment | undefined,
  failedHooks: HookRecord[],
  groups: StoppedTaskGroup[]
): string | undefined {
  const breaker = deployment?.deploymentCircuitBreaker
  if (breaker?.status === 'TRIGGERED') {
    const counts = `circuit breaker tripped (${breaker.failureCount ?? '?'} of threshold ${breaker.threshold ?? '?'} tasks failed)`
    const [top] = groups
    return top ? `${counts} — ${clip(describeGroup(top), MAX_TASKS_TEXT)}` : counts
  }
  const alarms = deployment?.alarms?.triggeredAlarmNames ?? []
  if (alarms.length > 0) {
    const during = release.stage ? ` during ${release.stage}` : ''
    return `alarm${alarms.length === 1 ? '' : 's'} ${alarms.join(', ')} went into ALARM${during}`
  }
  const reason = deployment?.rollback?.reason ?? deployment?.statusReason ?? ''
  const infrastructure = infrastructureRoleFailure(reason)
  if (infrastructure) {
    const stage = /(\w+) lifecycle hook\(s\) failed/.exec(reason)?.[1]
    return `ECS's infrastructure role ${infrastructure.action ? `may not call ${infrastructure.action}` : 'could not manage the load balancer'}${stage ? ` at ${stage}` : ''}`
  }
  // After the monitors: a rollback they start also fails the hooks it leaves unfinished.
  const hook = failedHooks.find(candidate => reasonBlames(reason, candidate, deployment))
  return hook && hookCause(hook, reason)
}

/**
 * Whether ECS's reason points at this hook: a Lambda hook by its function or its role
 * (ECS names the role it could not assume), or as the hook that timed out; a pause by
 * what happened to a pause. A hook the rollback merely left unfinished is not blamed.
 */
function reasonBlames(
  reason: string,
  hook: HookRecord,
  deployment: ServiceDeployment | undefined
): boolean {
  if (hook.targetType === 'PAUSE') return /pause hook/i.test(reason)
  if (hook.status === 'TIMED_OUT' && /lifecycle hook\(s\) timed out/i.test(reason)) return true
  const roles = (deployment?.deploymentConfiguration?.lifecycleHooks ?? [])
    .filter(configured => configured.hookTargetArn === hook.targetArn)
    .map(configured => configured.roleArn)
  return [hook.targetArn, ...roles].some(name => name !== undefined && reason.includes(name))
}

function hookCause(hook: HookRecord, ecsReason: string): string {
  const stage = hook.stage ?? 'an unknown stage'
  if (hook.targetType === 'PAUSE') {
    return hook.status === 'TIMED_OUT'
      ? `the pause at ${stage} timed out before anyone promoted the release`
      : `the pause at ${stage} was answered with ROLLBACK`
  }
  const kind = (hook.targetType ?? 'AWS_LAMBDA') === 'AWS_LAMBDA' ? 'Lambda' : hook.targetType
  const target = hook.targetArn ?? hook.hookId ?? ''
  const outcome = hook.status === 'TIMED_OUT' ? 'timed out' : 'failed'
  // ECS's reason says how: returned FAILED, could not be invoked or assumed, threw.
  const how = /lifecycle hook\(s\) (?:failed|timed out)\.\s*(\S.*)$/s.exec(ecsReason)?.[1]
  const named = !target || how?.includes(target) ? '' : ` ${target}`
  return `${kind} hook${named} at ${stage} ${outcome}${how ? `: ${how}` : ''}`
}

/**
 * The headline that names `cause`, for a deployment ECS rolled back, failed to roll back
 * or stopped, e.g. `web (demo) rolled back: circuit breaker tripped (4 of threshold 3 tasks
 * failed) — 4 tasks stopped: …`; undefined for any other status. `subject` names the release.
 */
export function causeHeadline(
  subject: string,
  deployment: ServiceDeployment,
  cause: string
): string | undefined {
  switch (deployment.status) {
    case 'ROLLBACK_SUCCESSFUL':
      return `${subject} rolled back: ${cause}`
    case 'ROLLBACK_FAILED':
      return `${subject} could not roll back: ${rollbackFailure(deployment, cause)}`
    case 'STOPPED':
      return `${subject} was stopped: ${cause}`
    default:
      return undefined
  }
}

/**
 * Why a rollback failed and why it was started: ECS puts the first in statusReason
 * (always set) and keeps the real cause (circuit breaker, hook, alarm) in rollback.reason.
 */
export function rollbackFailure(deployment: ServiceDeployment, startedBecause?: string): string {
  const failure = deployment.statusReason ?? 'ECS gave no reason.'
  if (!startedBecause || startedBecause === failure) return failure
  return `${failure.replace(/\.$/, '')}; the rollback was started because: ${startedBecause}`
}
