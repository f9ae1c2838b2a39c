import { describeRollbackRequest, requestRollback, sentRollback } from '../ecs/rollback.js'
import { TIMEOUT_MARGIN_MINUTES } from '../plan/least-time.js'
import type { Release } from '../model/release.js'
import { recordDeployment } from '../watch/timeline.js'
import { awaitingPauseHook } from '../watch/watch.js'
import { ServiceEventStream } from '../diagnose/service-events.js'
import { concludeWatch } from '../verdict/conclude.js'
import { changeService, type CommandContext } from './context.js'
import { followDeployment } from '../watch/follow.js'
import { continueEarlierReport } from '../report/continuity.js'
import {
  checkStillUnderWay,
  identifyDeployedRelease,
  loadTargetDeployment
} from './target-deployment.js'

/**
 * `command: rollback`: a paused deployment is answered ROLLBACK at its pause; one still
 * moving (bake time included) is stopped with ROLLBACK; one ECS is rolling back already is
 * followed. The step succeeds when ECS reports ROLLBACK_SUCCESSFUL; a rollback that ECS
 * resolves otherwise (ROLLBACK_FAILED, or SUCCESSFUL and STOPPED, which ECS may also end a
 * requested rollback with) fails it, saying what happened.
 */
export async function rollback(ctx: CommandContext, release: Release): Promise<void> {
  const { ecs, deployment } = await loadTargetDeployment(ctx, release)
  await checkStillUnderWay(ecs, release, deployment, 'roll back')
  await identifyDeployedRelease(ctx, ecs, release, deployment)
  await continueEarlierReport(ctx.reporter, release)
  recordDeployment(release, deployment, ctx.clock.now())
  const changedBefore = release.changedService
  const how = await changeService(ctx, release, 'the rollback request', () =>
    requestRollback(ecs, {
      serviceDeploymentArn: release.deploymentArn ?? '',
      status: deployment.status,
      pausedHookId: awaitingPauseHook(deployment)
    })
  )
  if (!sentRollback(how)) release.changedService = changedBefore
  ctx.log.info(describeRollbackRequest(how, deployment.lifecycleStage))
  void ctx.reporter.publish(release, false)
  const events = new ServiceEventStream(ecs, release.cluster, release.service, ctx.clock.now())
  // A rollback bakes nothing: the margin alone.
  const timeoutMinutes = ctx.inputs.timeout ?? TIMEOUT_MARGIN_MINUTES
  const result = await followDeployment(ctx, ecs, release, {
    until: { kind: 'complete' },
    events,
    timeoutMs: timeoutMinutes * 60_000
  })
  await concludeWatch(ctx, ecs, release, result, events, timeoutMinutes)
}
