import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import type { Diagnosis } from '../diagnose/diagnose.js'
import { causeHeadline, MAX_HEADLINE, rollbackFailure } from '../diagnose/headline.js'
import type { Command } from '../inputs/inputs.js'
import { alreadySays, minutes, plain } from '../model/format.js'
import {
  awaitingHook,
  type Outcome,
  outcomeOf,
  type Release,
  releaseSubject,
  type Verdict
} from '../model/release.js'
import { isTerminalStatus } from '../model/stages.js'
import type { WatchResult } from '../watch/watch.js'

/** How a run of the action ended, with every fact its verdict depends on. */
export type Ending =
  /** The step followed the deployment until the wait ended. */
  | {
      kind: 'watched'
      result: WatchResult
      /** How long the wait could last, for the reason of a release that timed out. */
      timeoutMinutes: number
      /**
       * The step timed out and asked ECS to roll the deployment back (rollback-on-timeout):
       * `result` is how that ended, `where` where the deployment stood at the timeout.
       */
      rolledBackAfterTimeout?: { timeoutMinutes: number; where: string }
      /** What the diagnosis of a failure found. */
      diagnosis?: Diagnosis
    }
  /** `status`: where the deployment stands, read once. */
  | { kind: 'observed'; deployment: ServiceDeployment }
  /** `render`: the task definition was written; nothing was released. */
  | { kind: 'rendered' }
  /** `plan`: deploy would go ahead with the inputs; nothing was changed. */
  | { kind: 'planned' }
  /** The command stopped with an error, or because the job was cancelled meanwhile. */
  | { kind: 'error'; message: string; cancelled: boolean }
  /** The post step of a cancelled job; `where` once it knows where the deployment stands. */
  | { kind: 'job-cancelled'; rollbackRequested: boolean; where?: string }

/**
 * Decides the release's verdict from how the run ended, records it on the release, and
 * returns it. The only writer of the outcome and of the words that explain it.
 */
export function concludeRelease(release: Release, ending: Ending, now: Date): Verdict {
  release.verdict = decideVerdict(release, ending)
  const finished =
    ending.kind === 'observed'
      ? ending.deployment
      : ending.kind === 'watched' && ending.result.kind === 'finished'
        ? ending.result.deployment
        : undefined
  if (finished && isTerminalStatus(finished.status)) release.finishedAt = finished.finishedAt ?? now
  return release.verdict
}

/** The verdict `ending` gives the release; changes nothing. */
export function decideVerdict(release: Release, ending: Ending): Verdict {
  switch (ending.kind) {
    case 'rendered':
    case 'planned':
      return { outcome: 'succeeded', details: [] }
    case 'error':
      return {
        outcome: ending.cancelled ? 'cancelled' : 'failed',
        reason: ending.message,
        details: []
      }
    case 'job-cancelled': {
      const requested = ending.rollbackRequested ? ' and a rollback requested' : ''
      return {
        outcome: 'cancelled',
        reason: ending.where && `The job was cancelled${requested} (${ending.where}).`,
        details: []
      }
    }
    case 'observed':
      return isTerminalStatus(ending.deployment.status)
        ? finished(ending.deployment)
        : { outcome: awaitingHook(release) ? 'paused' : 'running', details: [] }
    case 'watched':
      return watched(release, ending)
  }
}

/** Whether a step of `command` that ended with `outcome` fails. */
export function isFailure(command: Command, outcome: Outcome): boolean {
  if (command === 'status') return false
  if (command === 'rollback') return outcome !== 'rolled-back'
  return ['rolled-back', 'failed', 'timed-out', 'cancelled'].includes(outcome)
}

/**
 * Whether the step fails. A status step never does; a rollback step succeeds exactly
 * when ECS rolled back; any other step fails when the release did not go out.
 */
export function failsStep(release: Release): boolean {
  return isFailure(release.command, outcomeOf(release))
}

function watched(release: Release, ending: Extract<Ending, { kind: 'watched' }>): Verdict {
  const { result, rolledBackAfterTimeout: timedOut, diagnosis } = ending
  if (result.kind === 'reached') {
    return { outcome: result.pausedHookId ? 'paused' : 'handed-off', details: [] }
  }
  // A rollback was asked for: by this rollback step, or on timeout.
  const rollbackAsked = timedOut !== undefined || release.command === 'rollback'
  const verdict =
    result.kind === 'finished'
      ? (rollbackAsked && notRolledBack(result.deployment)) || finished(result.deployment)
      : gaveUp(release, ending)
  if (timedOut) {
    verdict.reason =
      `Timed out after ${minutes(timedOut.timeoutMinutes)} (${timedOut.where}) and asked ECS to roll back. ${verdict.reason ?? ''}`.trim()
  }
  if (release.supersededBy) {
    verdict.reason = `Superseded: a newer deployment of service '${release.service}' started (${release.supersededBy}), so ECS stopped this one.`
  }
  if (!diagnosis) return verdict
  verdict.details.push(...diagnosis.details)
  verdict.hint = diagnosis.hint
  if (diagnosis.evidence) verdict.evidence = diagnosis.evidence
  // Only ECS's own ending has a cause to name: a rollback on timeout or a newer deployment keeps its reason.
  const headline =
    diagnosis.cause && result.kind === 'finished' && !timedOut && !release.supersededBy
      ? causeHeadline(releaseSubject(release), result.deployment, diagnosis.cause)
      : undefined
  if (diagnosis.cause && headline) {
    verdict.cause = plain(diagnosis.cause, MAX_HEADLINE)
    verdict.reason = plain(headline, MAX_HEADLINE)
    // The stopped tasks the headline names need no line of their own.
    verdict.details = verdict.details.filter(detail => !alreadySays(verdict.reason, detail))
  }
  return verdict
}

/** The wait ended before ECS did: timed out, ECS stopped answering, or the job was cancelled. */
function gaveUp(release: Release, ending: Extract<Ending, { kind: 'watched' }>): Verdict {
  const where = `last seen at stage ${release.stage ?? 'none'} with status ${release.status ?? 'unknown'}`
  const stillRunning = `The deployment may still be running in ECS: ${release.deploymentArn ?? 'its ARN is unknown'}.`
  const { result } = ending
  switch (result.kind) {
    case 'unreachable':
      return {
        outcome: 'timed-out',
        reason: `Gave up waiting: ECS did not answer (${result.error}); the deployment was ${where}.`,
        details: [stillRunning]
      }
    case 'cancelled':
      return {
        outcome: 'cancelled',
        reason: `The job was cancelled while waiting for the deployment (${where}).`,
        details: []
      }
    default:
      return {
        outcome: 'timed-out',
        reason: `Timed out after ${minutes(ending.timeoutMinutes)} waiting for the deployment (${where}).`,
        details: [stillRunning]
      }
  }
}

/**
 * ECS may end a deployment it was asked to roll back SUCCESSFUL or STOPPED instead
 * (ROLLBACK_REQUESTED → SUCCESSFUL | STOPPED,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html): the
 * verdict says so. Undefined for any other ending.
 */
function notRolledBack(deployment: ServiceDeployment): Verdict | undefined {
  switch (deployment.status) {
    case 'SUCCESSFUL':
      return {
        outcome: 'succeeded',
        reason:
          'ECS completed the deployment instead of rolling it back (SUCCESSFUL): the new revision serves ' +
          'production traffic. To go back, deploy the previous task definition.',
        details: []
      }
    case 'STOPPED': {
      const reason = `ECS stopped the deployment instead of rolling it back (STOPPED): ${deployment.statusReason ?? 'ECS gave no reason.'}`
      return { outcome: 'failed', reason, details: failureDetails(deployment, reason) }
    }
    default:
      return undefined
  }
}

function finished(deployment: ServiceDeployment): Verdict {
  const { rollback, statusReason } = deployment
  const cause = rollback?.reason ?? statusReason ?? 'ECS gave no reason.'
  let outcome: Outcome
  let reason: string
  switch (deployment.status) {
    case 'SUCCESSFUL':
      return { outcome: 'succeeded', details: [] }
    case 'ROLLBACK_SUCCESSFUL':
      outcome = 'rolled-back'
      reason = `ECS rolled the deployment back: ${cause}`
      break
    case 'ROLLBACK_FAILED':
      outcome = 'failed'
      reason = `ECS could not roll the deployment back: ${rollbackFailure(deployment, rollback?.reason)}`
      break
    default:
      outcome = 'failed'
      reason = `The deployment ended with status ${deployment.status ?? 'unknown'}: ${cause}`
  }
  return { outcome, reason, details: failureDetails(deployment, reason) }
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
