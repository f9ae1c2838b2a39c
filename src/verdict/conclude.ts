import type { CommandContext } from '../commands/context.js'
import { followDeployment } from '../watch/follow.js'
import { diagnoseFailure } from '../diagnose/diagnose.js'
import type { ServiceEventStream } from '../diagnose/service-events.js'
import type { EcsPort } from '../ecs/port.js'
import { readServedBy } from '../ecs/revisions.js'
import { describeRollbackRequest, requestRollback } from '../ecs/rollback.js'
import { describeService } from '../ecs/service.js'
import { formatElapsed, minutes } from '../model/format.js'
import {
  awaitingHook,
  outcomeOf,
  type Release,
  releaseSubject,
  whereItStands
} from '../model/release.js'
import { promotionLines } from '../report/render/promotion.js'
import { isOngoingStatus } from '../model/stages.js'
import { TimelineLog } from '../watch/timeline-log.js'
import { awaitingPauseHook, type WatchResult } from '../watch/watch.js'
import { logFailureDetails } from './failure-log.js'
import { concludeRelease, decideVerdict, type Ending, failsStep, isFailure } from './verdict.js'

/** How long a rollback that the action asked for may take before the step gives up on it. */
export const ROLLBACK_WAIT_MS = 30 * 60_000

/**
 * Ends a deploy, promote or rollback step from how its wait ended (a wait of at most
 * `timeoutMinutes`): rolls back on timeout when asked to, recognises a deployment that a
 * newer one replaced, reads which target groups serve its revisions, diagnoses a failure
 * (reading the failed containers' logs), then records the verdict, logs it and publishes
 * the final report.
 */
export async function concludeWatch(
  ctx: CommandContext,
  ecs: EcsPort,
  release: Release,
  result: WatchResult,
  events: ServiceEventStream,
  timeoutMinutes: number,
  /** False for a service rolled back because another of its release failed: nothing of its own to diagnose. */
  diagnose = true
): Promise<void> {
  const { inputs, log } = ctx
  let ending: Extract<Ending, { kind: 'watched' }> = {
    kind: 'watched',
    result,
    timeoutMinutes
  }
  if (
    result.kind === 'timeout' &&
    inputs.rollbackOnTimeout &&
    result.deployment &&
    isOngoingStatus(result.deployment.status)
  ) {
    const where = whereItStands(release)
    log.warning(
      `Timed out after ${minutes(timeoutMinutes)} (${where}); rolling the deployment back (rollback-on-timeout).`
    )
    const how = await requestRollback(ecs, {
      serviceDeploymentArn: release.deploymentArn ?? '',
      status: result.deployment.status,
      pausedHookId: awaitingPauseHook(result.deployment)
    })
    log.info(describeRollbackRequest(how, result.deployment.lifecycleStage))
    const rollback = await followDeployment(ctx, ecs, release, {
      until: { kind: 'complete' },
      timeoutMs: ROLLBACK_WAIT_MS,
      events
    })
    ending = {
      kind: 'watched',
      result: rollback,
      timeoutMinutes: ROLLBACK_WAIT_MS / 60_000,
      rolledBackAfterTimeout: { timeoutMinutes, where }
    }
  }
  if (release.status === 'STOPPED') await findSuccessor(ecs, release)
  const { deployment } = ending.result
  if (deployment && !ctx.signal.aborted && ending.result.kind !== 'unreachable')
    release.servedBy = (await readServedBy(ecs, deployment)) ?? release.servedBy
  const stated = decideVerdict(release, ending)
  // A rollback step that ECS ended SUCCESSFUL fails, but nothing went wrong to diagnose.
  if (
    diagnose &&
    isFailure(release.command, stated.outcome) &&
    !['cancelled', 'succeeded'].includes(stated.outcome)
  ) {
    new TimelineLog(ctx.log, release).serviceEvents(
      await events.poll(ctx.clock.now(), true).catch(() => [])
    )
    ending.diagnosis = await diagnoseFailure(
      ecs,
      release,
      result.deployment,
      events.history,
      stated.reason,
      {
        lines: inputs.logLines,
        connectLogs: region => ctx.connectLogs(region),
        redact: text => ctx.secrets.redact(text)
      }
    )
  }
  concludeRelease(release, ending, ctx.clock.now())
  if (outcomeOf(release) === 'paused') release.promotion = await ctx.reporter.promotionRoute()
  logOutcome(ctx, release)
  await ctx.reporter.publish(release, true)
}

/** A STOPPED deployment was usually replaced by a newer one; records which when the service shows it. */
async function findSuccessor(ecs: EcsPort, release: Release): Promise<void> {
  const service = await describeService(ecs, release.cluster, release.service).catch(
    () => undefined
  )
  const current = service?.currentServiceDeployment
  if (current && current !== release.deploymentArn) release.supersededBy = current
}

function logOutcome(ctx: CommandContext, release: Release): void {
  const { log } = ctx
  const verdict = release.verdict
  if (!verdict) return
  const elapsed = formatElapsed(ctx.clock.now().getTime() - release.startedAt.getTime()).slice(1)
  const subject = releaseSubject(release)
  if (failsStep(release)) {
    const ended = verdict.outcome === 'timed-out' ? 'timed out' : verdict.outcome.replace('-', ' ')
    const colon = verdict.details.length > 0 ? ':' : '.'
    log.info(`Release of ${subject} ${ended} after ${elapsed}${colon}`)
    logFailureDetails(log, release)
    return
  }
  switch (verdict.outcome) {
    case 'rolled-back':
      log.info(
        `Rolled back ${subject} after ${elapsed}${verdict.reason ? `: ${verdict.reason}` : '.'}`
      )
      return
    case 'succeeded':
      log.info(`Released ${subject}: deployment ${release.status ?? ''} after ${elapsed}.`)
      return
    case 'paused': {
      const hook = awaitingHook(release)
      log.info(
        `Paused at ${hook?.stage ?? release.stage ?? 'an unknown stage'}: hook ${hook?.hookId ?? '?'} awaits promote or rollback` +
          `${hook?.expiresAt ? ` until ${hook.expiresAt.toISOString()} (then ${hook.timeoutAction ?? 'ROLLBACK'})` : ''}.`
      )
      for (const line of promotionLines(release)) log.info(line)
      return
    }
    default:
      log.info(
        `Stopped waiting ${release.stage ? `at stage ${release.stage}` : 'before the first stage'} (status ${release.status ?? 'unknown'}); ECS carries the deployment on.`
      )
  }
}
