import { setDeploymentOutputs } from '../model/outputs.js'
import type { Release } from '../model/release.js'
import { formatHook, formatTraffic } from '../watch/timeline-log.js'
import { recordDeployment, trafficOf } from '../watch/timeline.js'
import { concludeRelease } from '../verdict/verdict.js'
import type { CommandContext } from './context.js'
import { loadTargetDeployment } from './target-deployment.js'

/**
 * `command: status`: shows where the deployment stands in the log and the job summary, and
 * sets the outputs; changes nothing.
 */
export async function status(ctx: CommandContext, release: Release): Promise<void> {
  const { deployment } = await loadTargetDeployment(ctx, release)
  recordDeployment(release, deployment, ctx.clock.now())
  setDeploymentOutputs(ctx.outputs, release)
  const { log } = ctx
  log.info(`Deployment ${release.deploymentArn}`)
  log.info(
    `  status: ${deployment.status ?? 'unknown'}${deployment.statusReason ? ` (${deployment.statusReason})` : ''}`
  )
  log.info(`  stage: ${deployment.lifecycleStage ?? 'none'}`)
  log.info(`  traffic and tasks: ${formatTraffic(trafficOf(deployment)) || 'not reported'}`)
  log.info(`  strategy: ${deployment.deploymentConfiguration?.strategy ?? 'unknown'}`)
  for (const hook of release.hooks) log.info(`  ${formatHook(hook)}`)
  if (deployment.createdAt) log.info(`  created: ${deployment.createdAt.toISOString()}`)
  if (deployment.finishedAt) log.info(`  finished: ${deployment.finishedAt.toISOString()}`)
  concludeRelease(release, { kind: 'observed', deployment }, ctx.clock.now())
  await ctx.reporter.publish(release, true)
}
