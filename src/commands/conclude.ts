import { diagnoseFailure } from '../diagnose/diagnose.js'
import { nameCause } from '../diagnose/headline.js'
import type { ServiceEventStream } from '../diagnose/service-events.js'
import { isOngoingStatus } from '../model/stages.js'
import { TimelineLog } from '../watch/timeline-log.js'
import { describeService } from '../ecs/service.js'
import type { EcsPort } from '../ecs/port.js'
import { requestRollback } from '../ecs/rollback.js'
import { formatElapsed } from '../model/format.js'
import { awaitingHook, type Release, releaseSubject } from '../model/release.js'
import { concludeRelease, isFailure } from '../verdict/outcome.js'
import { awaitingPauseHook, type WatchResult } from '../watch/watch.js'
import type { CommandContext } from './context.js'
import { followDeployment } from './follow.js'

/** How long a rollback that the action asked for may take before the step gives up on it. */
export const ROLLBACK_WAIT_MS = 30 * 60_000

/**
 * Turns how the wait ended into the release's outcome: rolls back on timeout when asked
 * to, recognises a deployment that a newer one replaced, logs the result and publishes
 * the final report.
 */
export async function concludeWatch(
  ctx: CommandContext,
  ecs: EcsPort,
  release: Release,
  result: WatchResult,
  events: ServiceEventStream
): Promise<void> {
  const { inputs, log } = ctx
  if (
    result.kind === 'timeout' &&
    inputs.rollbackOnTimeout &&
    result.deployment &&
    isOngoingStatus(result.deployment.status)
  ) {
    const where = `stage ${release.stage ?? 'none'}, status ${release.status ?? 'unknown'}`
    log.warning(
      `Timed out after ${inputs.timeout} minutes (${where}); rolling the deployment back (rollback-on-timeout).`
    )
    await requestRollback(ecs, release.deploymentArn ?? '', awaitingPauseHook(result.deployment))
    const rollback = await followDeployment(ctx, ecs, release, {
      until: { kind: 'complete' },
      timeoutMs: ROLLBACK_WAIT_MS,
      events
    })
    concludeRelease(release, rollback, {
      timeoutMinutes: ROLLBACK_WAIT_MS / 60_000,
      now: ctx.clock.now()
    })
    release.reason =
      `Timed out after ${inputs.timeout} minutes (${where}) and rolled back. ${release.reason ?? ''}`.trim()
  } else {
    concludeRelease(release, result, { timeoutMinutes: inputs.timeout, now: ctx.clock.now() })
  }
  if (release.status === 'STOPPED') await explainStopped(ecs, release)
  if (isFailure(release) && release.outcome !== 'cancelled') {
    new TimelineLog(ctx.log, release.startedAt).serviceEvents(
      await events.poll(ctx.clock.now(), true).catch(() => [])
    )
    const cause = await diagnoseFailure(ecs, release, result.deployment, events.history)
    // Only ECS's own ending has a cause to name; a rollback on timeout keeps its reason.
    if (cause && result.kind === 'finished') nameCause(release, result.deployment, cause)
  }
  logOutcome(ctx, release)
  await ctx.reporter.publish(release, true)
}

/** A STOPPED deployment was usually replaced by a newer one; say so when the service shows it. */
async function explainStopped(ecs: EcsPort, release: Release): Promise<void> {
  const service = await describeService(ecs, release.cluster, release.service).catch(
    () => undefined
  )
  const current = service?.currentServiceDeployment
  if (current && current !== release.deploymentArn) {
    release.supersededBy = current
    release.reason = `Superseded: a newer deployment of service '${release.service}' started (${current}), so ECS stopped this one.`
  }
}

function logOutcome(ctx: CommandContext, release: Release): void {
  const { log } = ctx
  const elapsed = formatElapsed(ctx.clock.now().getTime() - release.startedAt.getTime()).slice(1)
  const subject = releaseSubject(release)
  if (isFailure(release)) {
    log.info(
      `Release of ${subject} ${release.outcome === 'timed-out' ? 'timed out' : release.outcome} after ${elapsed}:`
    )
    for (const detail of release.details) log.info(`  ${detail}`)
    return
  }
  if (release.outcome === 'rolled-back') {
    log.info(`Rolled back ${subject} after ${elapsed}: ${release.reason}`)
  } else if (release.outcome === 'succeeded') {
    log.info(`Released ${subject}: deployment ${release.status} after ${elapsed}.`)
  } else if (release.outcome === 'paused') {
    const hook = awaitingHook(release)
    log.info(
      `Paused at ${hook?.stage ?? release.stage}: hook ${hook?.hookId ?? '?'} awaits promote or rollback` +
        `${hook?.expiresAt ? ` until ${hook.expiresAt.toISOString()} (then ${hook.timeoutAction ?? 'ROLLBACK'})` : ''}. ` +
        `Run this action with command: promote (or rollback) and deployment-arn: ${release.deploymentArn}.`
    )
  } else {
    log.info(
      `Stopped waiting at stage ${release.stage ?? 'none'} (status ${release.status}); ECS carries the deployment on.`
    )
  }
}
