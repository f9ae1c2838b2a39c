import type { CommandContext } from './commands/context.js'
import { requestRollback } from './ecs/rollback.js'
import { awaitingHook, type Release } from './release.js'

/** Names of the values main leaves for the post step. */
export const STATE = {
  deploymentArn: 'deployment-arn',
  cancelled: 'cancelled',
  cancelRollback: 'cancel-rollback'
} as const

/**
 * What the main step does when the runner cancels the job (SIGINT, then SIGTERM 7.5 s
 * later): stop following the deployment and, with rollback-on-cancel, ask ECS to roll it
 * back at once — before anything else, so the request is out well inside the grace
 * period. Without it, the deployment is left alone and the log says so.
 */
export async function cancelRelease(
  ctx: CommandContext,
  release: Release,
  abort: AbortController,
  signal: string
): Promise<void> {
  if (abort.signal.aborted) return
  abort.abort()
  ctx.saveState(STATE.cancelled, 'true')
  const arn = release.deploymentArn
  const acting = release.command === 'deploy' || release.command === 'promote'
  if (!arn || !acting) {
    ctx.log.warning(`Received ${signal}: the job is being cancelled.`)
    return
  }
  if (!ctx.inputs.rollbackOnCancel) {
    ctx.log.warning(
      `Received ${signal}: the job is being cancelled. rollback-on-cancel is off, so deployment ${arn} carries on in ECS; ` +
        'run this action with command: rollback to undo it.'
    )
    return
  }
  const how = await requestRollback(await ctx.connectEcs(), arn, awaitingHook(release)?.hookId)
  ctx.saveState(STATE.cancelRollback, how)
  ctx.log.warning(
    `Received ${signal}: asked ECS to roll back deployment ${arn} (rollback-on-cancel).`
  )
}
