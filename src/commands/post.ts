import { ServiceEventStream } from '../diagnose/service-events.js'
import { describeDeployment } from '../ecs/deployments.js'
import { type Release, whereItStands } from '../model/release.js'
import { continueEarlierReport } from '../report/continuity.js'
import { identifyDeployedRelease } from './target-deployment.js'
import { concludeRelease } from '../verdict/verdict.js'
import { followDeployment } from '../watch/follow.js'
import { STATE } from './cancel.js'
import type { CommandContext } from './context.js'

/** How long the post step waits for a rollback that cancellation started (the runner allows 5 minutes). */
const POST_WAIT_MS = 4 * 60_000

/**
 * The post step of a cancelled job: follows the rollback that rollback-on-cancel
 * requested (or says where the deployment stands) and reports it in the comment and
 * check run the main step wrote.
 */
export async function post(ctx: CommandContext, release: Release): Promise<void> {
  const arn = release.deploymentArn ?? ''
  const rollbackRequested = ctx.readState(STATE.cancelRollback) !== ''
  // Interim reports while the rollback runs keep the check run completed as cancelled.
  concludeRelease(release, { kind: 'job-cancelled', rollbackRequested }, ctx.clock.now())
  const ecs = await ctx.connectEcs()
  release.region = ecs.region
  const since = ctx.clock.now()
  const deployment = await describeDeployment(ecs, arn)
  if (deployment) {
    await identifyDeployedRelease(ctx, ecs, release, deployment)
    await continueEarlierReport(ctx.reporter, release)
  }
  const result = await followDeployment(ctx, ecs, release, {
    until: rollbackRequested ? { kind: 'complete' } : { kind: 'none' },
    timeoutMs: POST_WAIT_MS,
    first: deployment,
    events: new ServiceEventStream(ecs, release.cluster, release.service, since)
  })
  const where = whereItStands(release)
  if (!rollbackRequested) {
    ctx.log.warning(`The job was cancelled; deployment ${arn} carries on in ECS (${where}).`)
  } else if (release.status === 'ROLLBACK_SUCCESSFUL') {
    ctx.log.info(`The job was cancelled and ECS rolled deployment ${arn} back.`)
  } else if (release.status === 'SUCCESSFUL' || release.status === 'STOPPED') {
    // ECS may end a requested rollback either way:
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html
    ctx.log.warning(
      `The job was cancelled and a rollback was requested, but ECS ${release.status === 'SUCCESSFUL' ? 'completed' : 'stopped'} deployment ${arn} instead (${release.status}).`
    )
  } else {
    ctx.log.warning(
      `The job was cancelled and a rollback was requested; deployment ${arn} is at ${where} (${result.kind}).`
    )
  }
  concludeRelease(release, { kind: 'job-cancelled', rollbackRequested, where }, ctx.clock.now())
  await ctx.reporter.publish(release, true)
}
