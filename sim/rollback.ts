/**
 * Rolling a deployment back (semantics §2.1, §12.3): traffic returns to blue, then green is
 * scaled in. Without a rollback candidate the rollback ends ROLLBACK_FAILED.
 */
import { after, retire, transition } from './deployment-steps.js'
import type { DeploymentRecord, RevisionRecord } from './model.js'
import { eventText } from './service-events.js'
import { scaleRevision } from './tasks.js'
import type { World } from './world.js'

const NO_CANDIDATE = 'No rollback candidate was found to run the rollback.'

export function rollBack(world: World, deployment: DeploymentRecord, reason: string): void {
  const { service, candidate } = deployment
  deployment.rollback = { reason, startedAt: Date.now(), serviceRevisionArn: candidate?.arn }
  if (!candidate) return endRollbackFailed(world, deployment, NO_CANDIDATE)
  deployment.status = 'ROLLBACK_IN_PROGRESS'
  deployment.testWeight = 0
  deployment.productionWeight = 0
  world.event(service, eventText.rollingBack(service, candidate))
  candidate.active = true
  scaleRevision(world, candidate, service.desiredCount)
  transition(world, deployment)
  after(world, deployment, world.timing.stageMs, () => finishRollback(world, deployment, candidate))
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

/** rollback.reason keeps the cause. */
function endRollbackFailed(world: World, deployment: DeploymentRecord, reason: string): void {
  const { service } = deployment
  deployment.status = 'ROLLBACK_FAILED'
  deployment.statusReason = reason
  deployment.finishedAt = Date.now()
  world.event(service, eventText.rollbackFailed(service, deployment.target, reason))
  transition(world, deployment)
}
