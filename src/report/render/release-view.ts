import {
  type HookRecord,
  type Outcome,
  outcomeOf,
  type Release,
  shortName
} from '../../model/release.js'
import { hasReachedStage } from '../../model/stages.js'

/**
 * Facts every report derives the same way from a Release: how its outcome reads, which
 * phase it is in, what identifies it.
 */

export interface OutcomeView {
  icon: string
  /** Lower case, reads after the service name: "web on prod: rolled back". */
  label: string
  /** True when the release is over or this step has stopped following it. */
  settled: boolean
}

const OUTCOMES: Record<Outcome, OutcomeView> = {
  running: { icon: '🔄', label: 'in progress', settled: false },
  'handed-off': {
    icon: '⏩',
    label: 'continuing in ECS (this step stopped following it)',
    settled: true
  },
  paused: { icon: '⏸️', label: 'awaiting promotion', settled: false },
  succeeded: { icon: '✅', label: 'succeeded', settled: true },
  'rolled-back': { icon: '↩️', label: 'rolled back', settled: true },
  failed: { icon: '❌', label: 'failed', settled: true },
  'timed-out': { icon: '⏱️', label: 'timed out', settled: true },
  cancelled: { icon: '🚫', label: 'cancelled', settled: true }
}

export function outcomeView(release: Release): OutcomeView {
  return outcomeViewOf(outcomeOf(release))
}

export function outcomeViewOf(outcome: Outcome): OutcomeView {
  return OUTCOMES[outcome]
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
  'handed-off': 'Not followed further',
  succeeded: 'Done',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
  'timed-out': 'Timed out',
  cancelled: 'Cancelled'
}

/** started → test traffic → (approval) → production → done / rolled back. */
export function phases(release: Release): Phase[] {
  const outcome = outcomeOf(release)
  const seen = [...release.stages.map(record => record.stage), release.stage]
  const reached = (stage: string): boolean => seen.some(s => hasReachedStage(s, stage))
  const pause = lastPause(release.hooks)
  const steps: { label: string; reached: boolean; approval?: boolean }[] = [
    { label: 'Started', reached: true },
    { label: 'Test traffic', reached: reached('TEST_TRAFFIC_SHIFT') },
    { label: 'Production traffic', reached: reached('PRODUCTION_TRAFFIC_SHIFT') }
  ]
  if (pause || outcome === 'paused') {
    // The approval sits where its pause hook is: before test traffic, after production, or between.
    const stage = pause?.stage
    const at = !stage || hasReachedStage(stage, 'TEST_TRAFFIC_SHIFT') ? 2 : 1
    const afterProduction =
      stage !== undefined && hasReachedStage(stage, 'POST_PRODUCTION_TRAFFIC_SHIFT')
    steps.splice(afterProduction ? 3 : at, 0, { label: 'Approval', reached: true, approval: true })
  }
  const view = OUTCOMES[outcome]
  // The step ended on purpose before the deployment did (wait-until none or a stage).
  const handedOff = outcome === 'handed-off'
  steps.push({ label: ENDINGS[outcome], reached: view.settled && !handedOff })
  const last = steps.reduce((found, step, index) => (step.reached ? index : found), 0)
  return steps.map((step, index): Phase => {
    if (step.approval && outcome === 'paused') {
      return { label: 'Awaiting approval', state: 'waiting' }
    }
    if (!step.reached) return { label: step.label, state: 'pending' }
    if (index === steps.length - 1) {
      return { label: step.label, state: outcome === 'succeeded' ? 'done' : 'failed' }
    }
    const ongoing = index === last && !view.settled && outcome !== 'paused'
    return { label: step.label, state: ongoing ? 'current' : 'done' }
  })
}

/** Whether a deployment of the release exists: a run that failed before starting one has no phases. */
export function hasStarted(release: Release): boolean {
  return release.deploymentArn !== undefined || release.stages.length > 0
}

/**
 * `✅ Started → 🔄 **Test traffic** → ⚪ Production traffic → ⚪ Done`; undefined when no
 * deployment started (a refused input), where "✅ Started" would say what did not happen.
 */
export function phaseLine(release: Release): string | undefined {
  if (!hasStarted(release)) return undefined
  return phases(release)
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
