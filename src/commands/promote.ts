import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { deploymentActionError } from '../ecs/errors.js'
import type { EcsPort } from '../ecs/port.js'
import { describeService } from '../ecs/service.js'
import {
  behindNetworkLoadBalancer,
  defaultTimeout,
  leastDeploymentTime
} from '../plan/least-time.js'
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
 * `command: promote`: answers CONTINUE at the pause that holds the deployment, then
 * follows it like deploy does, so a release can stop again at its next pause (each
 * canary or linear step pauses with a new hook id).
 */
export async function promote(ctx: CommandContext, release: Release): Promise<void> {
  const { ecs, deployment } = await loadTargetDeployment(ctx, release)
  await checkStillUnderWay(ecs, release, deployment, 'promote')
  const hookId = awaitingPauseHook(deployment)
  if (!hookId) {
    throw new Error(
      `Deployment ${release.deploymentArn} is not paused: it is at stage ${deployment.lifecycleStage ?? 'none'} ` +
        `with status ${deployment.status}. Nothing was changed; promote once it reports a pause (wait-until: paused).`
    )
  }
  await identifyDeployedRelease(ctx, ecs, release, deployment)
  await continueEarlierReport(ctx.reporter, release)
  recordDeployment(release, deployment, ctx.clock.now())
  const timeoutMinutes = await promotionTimeout(ctx, ecs, deployment)
  await continueAtPause(ctx, ecs, release, deployment, hookId)
  const events = new ServiceEventStream(ecs, release.cluster, release.service, ctx.clock.now())
  const result = await followDeployment(ctx, ecs, release, {
    until: ctx.inputs.waitUntil,
    ignoreHookIds: [hookId],
    events,
    timeoutMs: timeoutMinutes * 60_000
  })
  await concludeWatch(ctx, ecs, release, result, events, timeoutMinutes)
}

/** Answers CONTINUE at the pause `hookId` that holds the release's deployment. */
export async function continueAtPause(
  ctx: CommandContext,
  ecs: EcsPort,
  release: Release,
  deployment: ServiceDeployment,
  hookId: string
): Promise<void> {
  const arn = release.deploymentArn ?? ''
  await changeService(ctx, release, 'ContinueServiceDeployment', () =>
    ecs
      .continueServiceDeployment({ serviceDeploymentArn: arn, hookId, action: 'CONTINUE' })
      .catch((error: unknown) => {
        throw deploymentActionError(error, 'ContinueServiceDeployment', arn, hookId)
      })
  )
  ctx.log.info(`Promoted: answered CONTINUE at pause ${hookId} (${deployment.lifecycleStage}).`)
  const resumed = release.hooks.find(hook => hook.hookId === hookId)
  if (resumed) Object.assign(resumed, { status: 'SUCCEEDED', updatedAt: ctx.clock.now() })
  void ctx.reporter.publish(release, false)
}

/**
 * The `timeout` input, else enough for the whole deployment of this configuration, which
 * is more than what is left of it after a pause. The service says whether it is behind a
 * Network Load Balancer; without it (it could not be read) that delay is left out.
 */
export async function promotionTimeout(
  ctx: CommandContext,
  ecs: EcsPort,
  deployment: ServiceDeployment
): Promise<number> {
  if (ctx.inputs.timeout !== undefined) return ctx.inputs.timeout
  const service = await describeService(ecs, ctx.inputs.cluster, ctx.inputs.service).catch(
    () => undefined
  )
  const configuration = deployment.deploymentConfiguration ?? service?.deploymentConfiguration
  return defaultTimeout(
    leastDeploymentTime(configuration, service !== undefined && behindNetworkLoadBalancer(service))
  )
}
