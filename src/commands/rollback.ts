import { requestRollback } from '../ecs/rollback.js'
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
 * moving (bake time included) is stopped with ROLLBACK. The step succeeds when ECS
 * reports ROLLBACK_SUCCESSFUL and fails on ROLLBACK_FAILED.
 */
export async function rollback(ctx: CommandContext, release: Release): Promise<void> {
  const { ecs, deployment } = await loadTargetDeployment(ctx, release)
  await checkStillUnderWay(ecs, release, deployment, 'roll back')
  await identifyDeployedRelease(ctx, ecs, release, deployment)
  await continueEarlierReport(ctx.reporter, release)
  recordDeployment(release, deployment, ctx.clock.now())
  const how = await changeService(ctx, release, 'the rollback request', () =>
    requestRollback(ecs, release.deploymentArn ?? '', awaitingPauseHook(deployment))
  )
  ctx.log.info(
    how === 'continue-rollback'
      ? `Rollback requested: answered ROLLBACK at the pause (${deployment.lifecycleStage}).`
      : `Rollback requested: stopped the deployment with ROLLBACK at stage ${deployment.lifecycleStage ?? 'none'}.`
  )
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
