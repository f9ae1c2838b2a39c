import type { CommandContext } from './context.js'
import { describeRollbackRequest, requestRollback, sentRollback } from '../ecs/rollback.js'
import { awaitingHook, type Release } from '../model/release.js'

/** Names of the values main leaves for the post step. */
export const STATE = {
  deploymentArn: 'deployment-arn',
  cancelled: 'cancelled',
  cancelRollback: 'cancel-rollback',
  /** A release of several services: each service's own values, by `cluster/service`, as JSON. */
  members: 'members'
} as const

/**
 * What the main step does when the runner cancels the job (SIGINT, then SIGTERM 7.5 s
 * later): stop following the deployment, send nothing more to ECS, and with
 * rollback-on-cancel ask ECS at once to roll back what this run started, so the request
 * is out well inside the grace period.
 */
export async function cancelRelease(
  ctx: CommandContext,
  releases: readonly { ctx: CommandContext; release: Release }[],
  abort: AbortController,
  signal: string
): Promise<void> {
  if (abort.signal.aborted) return
  abort.abort()
  ctx.saveState(STATE.cancelled, 'true')
  // In call order: a release of several services rolls back its entry service first.
  for (const one of releases) await rollBackOnCancel(one.ctx, one.release, `Received ${signal}`)
}

/**
 * Rolls back, with rollback-on-cancel, the deployment this deploy or promote run changed,
 * and leaves the post step what it needs to follow it; without it, says how to undo it.
 * Runs at the signal, and again from deploy when the signal came while UpdateService was
 * in flight and the deployment it started has just been found. `when` opens each log line.
 */
export async function rollBackOnCancel(
  ctx: CommandContext,
  release: Release,
  when: string
): Promise<void> {
  const arn = release.deploymentArn
  if (!release.changedService) {
    ctx.log.warning(`${when}: the job is being cancelled before it changed the service.`)
    return
  }
  if (release.command === 'rollback') {
    ctx.log.warning(
      `${when}: the job is being cancelled; ECS carries on with the rollback it asked for.`
    )
    return
  }
  if (!arn) {
    ctx.log.warning(
      `${when} while the deployment was being started: ` +
        (ctx.inputs.rollbackOnCancel
          ? 'it is rolled back as soon as it is found (rollback-on-cancel).'
          : 'it will carry on in ECS (rollback-on-cancel is off).')
    )
    return
  }
  ctx.saveState(STATE.deploymentArn, arn)
  if (!ctx.inputs.rollbackOnCancel) {
    ctx.log.warning(
      `${when}: rollback-on-cancel is off, so deployment ${arn} carries on in ECS; ` +
        'run this action with command: rollback to undo it.'
    )
    return
  }
  const how = await requestRollback(await ctx.connectEcs(), {
    serviceDeploymentArn: arn,
    status: release.status,
    pausedHookId: awaitingHook(release)?.hookId
  })
  ctx.saveState(STATE.cancelRollback, how)
  ctx.log.warning(
    sentRollback(how)
      ? `${when}: asked ECS to roll back deployment ${arn} (rollback-on-cancel).`
      : `${when}: ${describeRollbackRequest(how, release.stage)} (deployment ${arn}, rollback-on-cancel)`
  )
}
