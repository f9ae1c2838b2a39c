import { shortName, type HookRecord, type Outcome, type Release } from '../../model/release.js'
import { hasReachedStage } from '../../model/stages.js'

/**
 * Facts every report derives the same way from a Release: how its outcome reads, which
 * phase it is in, what identifies it. `final` is true once the step is about to end.
 */

export interface OutcomeView {
  icon: string
  /** Lower case, reads after the service name: "web on prod: rolled back". */
  label: string
  /** True when the release is over or this step has stopped following it. */
  settled: boolean
}

const OUTCOMES: Record<Exclude<Outcome, 'running'>, OutcomeView> = {
  paused: { icon: '⏸️', label: 'awaiting promotion', settled: false },
  succeeded: { icon: '✅', label: 'succeeded', settled: true },
  'rolled-back': { icon: '↩️', label: 'rolled back', settled: true },
  failed: { icon: '❌', label: 'failed', settled: true },
  'timed-out': { icon: '⏱️', label: 'timed out', settled: true },
  cancelled: { icon: '🚫', label: 'cancelled', settled: true }
}

export function outcomeView(release: Release, final: boolean): OutcomeView {
  if (release.outcome !== 'running') return OUTCOMES[release.outcome]
  return isStoppedFollowing(release, final)
    ? { icon: '⏩', label: 'continuing in ECS (this step stopped following it)', settled: true }
    : { icon: '🔄', label: 'in progress', settled: false }
}

/** The step ended on purpose before the deployment did (wait-until none or a stage). */
export function isStoppedFollowing(release: Release, final: boolean): boolean {
  return final && release.outcome === 'running'
}

/** The short cluster and service names that identify a release's comment and check run. */
export function releaseKey(release: Release): { cluster: string; service: string } {
  return { cluster: shortName(release.cluster), service: shortName(release.service) }
}

/** The stage ECS reported last, else the last one recorded. */
export function currentStage(release: Release): string | undefined {
  return release.stage ?? release.stages.at(-1)?.stage
}

export type PhaseState = 'done' | 'current' | 'waiting' | 'pending' | 'failed'

export interface Phase {
  label: string
  state: PhaseState
}

const PHASE_ICONS: Record<PhaseState, string> = {
  done: '✅',
  current: '🔄',
  waiting: '⏸️',
  pending: '⚪',
  failed: '❌'
}

const ENDINGS: Record<Outcome, string> = {
  running: 'Done',
  paused: 'Done',
  succeeded: 'Done',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
  'timed-out': 'Timed out',
  cancelled: 'Cancelled'
}

/** started → test traffic → (approval) → production → done / rolled back. */
export function phases(release: Release, final: boolean): Phase[] {
  const seen = [...release.stages.map(record => record.stage), release.stage]
  const reached = (stage: string): boolean => seen.some(s => hasReachedStage(s, stage))
  const pause = lastPause(release.hooks)
  const steps: { label: string; reached: boolean; approval?: boolean }[] = [
    { label: 'Started', reached: true },
    { label: 'Test traffic', reached: reached('TEST_TRAFFIC_SHIFT') },
    { label: 'Production traffic', reached: reached('PRODUCTION_TRAFFIC_SHIFT') }
  ]
  if (pause || release.outcome === 'paused') {
    // The approval sits where its pause hook is: before test traffic, after production, or between.
    const stage = pause?.stage
    const at = !stage || hasReachedStage(stage, 'TEST_TRAFFIC_SHIFT') ? 2 : 1
    const afterProduction =
      stage !== undefined && hasReachedStage(stage, 'POST_PRODUCTION_TRAFFIC_SHIFT')
    steps.splice(afterProduction ? 3 : at, 0, { label: 'Approval', reached: true, approval: true })
  }
  const view = outcomeView(release, final)
  const stopped = isStoppedFollowing(release, final)
  steps.push({
    label: stopped ? 'Not followed further' : ENDINGS[release.outcome],
    reached: view.settled && !stopped
  })
  const last = steps.reduce((found, step, index) => (step.reached ? index : found), 0)
  return steps.map((step, index): Phase => {
    if (step.approval && release.outcome === 'paused') {
      return { label: 'Awaiting approval', state: 'waiting' }
    }
    if (!step.reached) return { label: step.label, state: 'pending' }
    if (index === steps.length - 1) {
      return { label: step.label, state: release.outcome === 'succeeded' ? 'done' : 'failed' }
    }
    const ongoing = index === last && !view.settled && release.outcome !== 'paused'
    return { label: step.label, state: ongoing ? 'current' : 'done' }
  })
}

/** `✅ Started → 🔄 **Test traffic** → ⚪ Production traffic → ⚪ Done`. */
export function phaseLine(release: Release, final: boolean): string {
  return phases(release, final)
    .map(phase => {
      const label =
        phase.state === 'current' || phase.state === 'waiting' ? `**${phase.label}**` : phase.label
      return `${PHASE_ICONS[phase.state]} ${label}`
    })
    .join(' → ')
}

function lastPause(hooks: HookRecord[]): HookRecord | undefined {
  return hooks.filter(hook => hook.targetType === 'PAUSE').at(-1)
}
