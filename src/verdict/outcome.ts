import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import type { Release } from '../model/release.js'
import type { WatchResult } from '../watch/watch.js'

/**
 * Whether the step fails. A status step never does; a rollback step succeeds exactly
 * when ECS rolled back; any other step fails when the release did not go out.
 */
export function isFailure(release: Release): boolean {
  if (release.command === 'status') return false
  if (release.command === 'rollback') return release.outcome !== 'rolled-back'
  return ['rolled-back', 'failed', 'timed-out', 'cancelled'].includes(release.outcome)
}

/** Sets the release's outcome, reason and details from how the wait ended. */
export function concludeRelease(
  release: Release,
  result: WatchResult,
  context: { timeoutMinutes: number; now: Date }
): void {
  const where = `last seen at stage ${release.stage ?? 'none'} with status ${release.status ?? 'unknown'}`
  switch (result.kind) {
    case 'finished':
      concludeFinished(release, result.deployment)
      release.finishedAt = result.deployment.finishedAt ?? context.now
      return
    case 'reached':
      release.outcome = release.hooks.some(hook => hook.status === 'AWAITING_ACTION')
        ? 'paused'
        : 'running'
      return
    case 'timeout':
      release.outcome = 'timed-out'
      release.reason = `Timed out after ${context.timeoutMinutes} minutes waiting for the deployment (${where}).`
      release.details.push(stillRunning(release))
      return
    case 'unreachable':
      release.outcome = 'timed-out'
      release.reason = `Gave up waiting: ECS did not answer (${result.error}); the deployment was ${where}.`
      release.details.push(stillRunning(release))
      return
    case 'cancelled':
      release.outcome = 'cancelled'
      release.reason = `The job was cancelled while waiting for the deployment (${where}).`
  }
}

function stillRunning(release: Release): string {
  return `The deployment may still be running in ECS: ${release.deploymentArn ?? 'its ARN is unknown'}.`
}

function concludeFinished(release: Release, deployment: ServiceDeployment): void {
  const { rollback, statusReason } = deployment
  const cause = rollback?.reason ?? statusReason ?? 'ECS gave no reason.'
  switch (deployment.status) {
    case 'SUCCESSFUL':
      release.outcome = 'succeeded'
      return
    case 'ROLLBACK_SUCCESSFUL':
      release.outcome = 'rolled-back'
      release.reason = `ECS rolled the deployment back: ${cause}`
      break
    case 'ROLLBACK_FAILED':
      release.outcome = 'failed'
      release.reason = `ECS could not roll the deployment back: ${rollbackFailure(deployment, rollback?.reason)}`
      break
    default:
      release.outcome = 'failed'
      release.reason = `The deployment ended with status ${deployment.status}: ${cause}`
  }
  release.details.push(...failureDetails(deployment, release.reason))
}

/**
 * Why a rollback failed and why it was started: ECS puts the first in statusReason
 * (always set) and keeps the real cause (circuit breaker, hook, alarm) in rollback.reason.
 */
export function rollbackFailure(deployment: ServiceDeployment, startedBecause?: string): string {
  const failure = deployment.statusReason ?? 'ECS gave no reason.'
  if (!startedBecause || startedBecause === failure) return failure
  return `${withoutFullStop(failure)}; the rollback was started because: ${startedBecause}`
}

function withoutFullStop(text: string): string {
  return text.replace(/\.$/, '')
}

/** Whether `headline` already gives `text`, perhaps as a clause without its full stop. */
export function alreadySays(headline: string | undefined, text: string): boolean {
  return headline?.includes(withoutFullStop(text)) ?? false
}

/** The facts ECS gives about a failed deployment, one line each, leaving out what `headline` already says. */
export function failureDetails(deployment: ServiceDeployment, headline: string): string[] {
  const details: string[] = []
  const { statusReason, deploymentCircuitBreaker: breaker, alarms, rollback } = deployment
  if (statusReason && !alreadySays(headline, statusReason))
    details.push(`Status reason: ${statusReason}`)
  if (breaker?.status === 'TRIGGERED') {
    details.push(
      `Circuit breaker triggered: ${breaker.failureCount ?? '?'} tasks failed (threshold ${breaker.threshold ?? '?'}).`
    )
  }
  if (alarms?.triggeredAlarmNames?.length)
    details.push(`Alarms that triggered: ${alarms.triggeredAlarmNames.join(', ')}.`)
  if (rollback?.serviceRevisionArn)
    details.push(`Traffic is back on revision ${rollback.serviceRevisionArn}.`)
  return details
}
