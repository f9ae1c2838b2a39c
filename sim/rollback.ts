/**
 * Rolling a deployment back (sim/README.md, "What happens in a deployment"): traffic returns to
 * blue, the Lambda hooks of each traffic shift that happened run again with reversed weights,
 * then green is scaled in. Without a rollback candidate, or when such a hook fails, the
 * rollback ends ROLLBACK_FAILED.
 */
import { after, cancelTimers, retire, touch, transition } from './deployment-steps.js'
import { abandonHooks, allSettled, hookTimerOwner, startHooks } from './hooks.js'
import type { DeploymentRecord, RevisionRecord } from './model.js'
import { shiftsToUndo } from './phases.js'
import { eventText } from './service-events.js'
import { scaleRevision } from './tasks.js'
import type { World } from './world.js'

const NO_CANDIDATE = 'No rollback candidate was found to run the rollback.'

export function rollBack(world: World, deployment: DeploymentRecord, reason: string): void {
  const { service, candidate } = deployment
  deployment.rollback = { reason, startedAt: Date.now(), serviceRevisionArn: candidate?.arn }
  if (!candidate) {
    endRollbackFailed(world, deployment, NO_CANDIDATE)
    return
  }
  deployment.status = 'ROLLBACK_IN_PROGRESS'
  deployment.testWeight = 0
  deployment.productionWeight = 0
  world.event(service, eventText.rollingBack(service, candidate))
  candidate.active = true
  scaleRevision(world, candidate, service.desiredCount)
  transition(world, deployment)
  const shifts = world.scenario.rollbackShiftHooks ? shiftsToUndo(deployment) : []
  undoShifts(world, deployment, shifts, candidate)
}

/** One traffic shift after another, the latest first, each once all its hooks settled. */
function undoShifts(
  world: World,
  deployment: DeploymentRecord,
  stages: string[],
  candidate: RevisionRecord
): void {
  const [stage, ...rest] = stages
  const next = () => undoShifts(world, deployment, rest, candidate)
  if (stage === undefined) {
    after(world, deployment, world.timing.stageMs, () =>
      finishRollback(world, deployment, candidate)
    )
    return
  }
  const rolling = () => deployment.status === 'ROLLBACK_IN_PROGRESS'
  const events = {
    settled: () => {
      if (!rolling()) return
      touch(world, deployment)
      if (!allSettled(hooks)) return
      world.scheduler.cancel(hookTimerOwner(deployment))
      next()
    },
    failed: (why: string) => {
      if (!rolling()) return
      cancelTimers(world, deployment)
      abandonHooks(deployment)
      endRollbackFailed(world, deployment, why)
    }
  }
  const hooks = startHooks(world, deployment, stage, events, true)
  if (hooks.length === 0) {
    next()
    return
  }
  touch(world, deployment)
}

function finishRollback(
  world: World,
  deployment: DeploymentRecord,
  candidate: RevisionRecord
): void {
  const { service } = deployment
  for (const revision of [deployment.target, ...deployment.sources]) {
    if (revision !== candidate) retire(world, revision, candidate)
  }
  service.primary = candidate
  service.serving = candidate
  deployment.status = 'ROLLBACK_SUCCESSFUL'
  deployment.finishedAt = Date.now()
  world.event(service, eventText.steadyState(service))
  transition(world, deployment)
}

/** rollback.reason keeps the cause; what the rollback had not done yet stays undone. */
function endRollbackFailed(world: World, deployment: DeploymentRecord, reason: string): void {
  const { service } = deployment
  deployment.status = 'ROLLBACK_FAILED'
  deployment.statusReason = reason
  deployment.finishedAt = Date.now()
  world.event(service, eventText.rollbackFailed(service, deployment.target, reason))
  transition(world, deployment)
}
