import type { Outcome, Verdict } from '../model/release.js'
import { outcomeOf, releaseSubject } from '../model/release.js'
import type { ReleaseSet } from '../model/release-set.js'
import { isFailure } from './verdict.js'

/** How a release of several services ended: each service concluded, or the run stopped with an error. */
export type SetEnding = { kind: 'members' } | { kind: 'error'; message: string; cancelled: boolean }

/** The outcome of the whole when its services differ: the first of these that any service has. */
const PRECEDENCE: Outcome[] = [
  'failed',
  'timed-out',
  'cancelled',
  'rolled-back',
  'running',
  'handed-off',
  'paused',
  'succeeded'
]

/**
 * Decides the verdict of a release of several services from its services' verdicts
 * (concludeRelease wrote each), records it on the set and returns it. The only writer of
 * the set's verdict. The reason names the service whose failure decided it.
 */
export function concludeReleaseSet(set: ReleaseSet, ending: SetEnding): Verdict {
  set.verdict = decideSetVerdict(set, ending)
  return set.verdict
}

export function decideSetVerdict(set: ReleaseSet, ending: SetEnding): Verdict {
  const details = set.members
    .filter(member => member.verdict)
    .map(member => `${releaseSubject(member)}: ${outcomeOf(member).replace('-', ' ')}`)
  if (ending.kind === 'error') {
    return { outcome: ending.cancelled ? 'cancelled' : 'failed', reason: ending.message, details }
  }
  const outcomes = set.members.map(outcomeOf)
  const outcome = PRECEDENCE.find(candidate => outcomes.includes(candidate)) ?? 'running'
  const failed =
    set.failedMember ?? set.members.find(member => isFailure(set.command, outcomeOf(member)))
  if (!failed || !isFailure(set.command, outcome)) return { outcome, details }
  // A cancelled job is the release's ending, not one service's.
  if (outcome === 'cancelled' && !set.failedMember)
    return { outcome, reason: 'The job was cancelled.', details }
  const others = set.failedMember
    ? ` Every other service of the release was rolled back (${set.members
        .filter(member => member !== failed)
        .map(releaseSubject)
        .join(', ')}).`
    : ''
  return {
    outcome,
    reason: `${releaseSubject(failed)}: ${failed.verdict?.reason ?? `ended ${outcomeOf(failed)}`}${others}`,
    cause: failed.verdict?.cause,
    hint: failed.verdict?.hint,
    details
  }
}

/** Whether the step of a release of several services fails. */
export function failsSetStep(set: ReleaseSet): boolean {
  return isFailure(set.command, set.verdict?.outcome ?? 'running')
}
