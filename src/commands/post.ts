import { STATE } from './cancel.js'
import { ServiceEventStream } from '../diagnose/service-events.js'
import { describeDeployment } from '../ecs/deployments.js'
import { followDeployment } from './follow.js'
import { recallEarlierRun } from './target-deployment.js'
import { readInputs } from '../inputs/inputs.js'
import { createContext, messageOf, runSecrets } from '../action/main.js'
import { newRelease } from '../model/release.js'
import * as core from '../action/workflow-commands.js'

/** How long the post step waits for a rollback that cancellation started (the runner allows 5 minutes). */
const POST_WAIT_MS = 4 * 60_000

/**
 * The post step. It has work only after a cancelled main step: it follows the rollback
 * that rollback-on-cancel requested (or says where the deployment stands) and reports
 * it in the comment and check run the main step wrote. It never fails the job.
 */
export async function post(): Promise<void> {
  const arn = core.getState(STATE.deploymentArn)
  if (core.getState(STATE.cancelled) !== 'true' || !arn) return
  try {
    const inputs = await readInputs(name => core.getInput(name))
    const ctx = createContext(inputs, new AbortController().signal, runSecrets())
    const release = newRelease(
      {
        command: inputs.command,
        cluster: inputs.cluster,
        service: inputs.service,
        github: ctx.github,
        deploymentArn: arn,
        // Main leaves the deployment ARN only once it changed the service.
        changedService: true,
        // Interim reports while the rollback runs keep the check run completed as cancelled.
        outcome: 'cancelled'
      },
      ctx.clock.now()
    )
    const ecs = await ctx.connectEcs()
    release.region = ecs.region
    const since = ctx.clock.now()
    const deployment = await describeDeployment(ecs, arn)
    if (deployment) await recallEarlierRun(ctx, ecs, release, deployment)
    const rollbackRequested = core.getState(STATE.cancelRollback) !== ''
    const result = await followDeployment(ctx, ecs, release, {
      until: rollbackRequested ? { kind: 'complete' } : { kind: 'none' },
      timeoutMs: POST_WAIT_MS,
      first: deployment,
      events: new ServiceEventStream(ecs, release.cluster, release.service, since)
    })
    const where = `stage ${release.stage ?? 'none'}, status ${release.status ?? 'unknown'}`
    if (!rollbackRequested) {
      core.warning(`The job was cancelled; deployment ${arn} carries on in ECS (${where}).`)
    } else if (release.status === 'ROLLBACK_SUCCESSFUL') {
      core.info(`The job was cancelled and ECS rolled deployment ${arn} back.`)
    } else {
      core.warning(
        `The job was cancelled and a rollback was requested; deployment ${arn} is at ${where} (${result.kind}).`
      )
    }
    release.reason = `The job was cancelled${rollbackRequested ? ' and a rollback requested' : ''} (${where}).`
    await ctx.reporter.publish(release, true)
  } catch (error) {
    core.warning(`Post step: ${messageOf(error)}`)
  }
}
