import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { rollBackOnCancel, STATE } from './cancel.js'
import { ServiceEventStream } from '../diagnose/service-events.js'
import { findStartedDeployment } from '../ecs/deployments.js'
import type { EcsPort } from '../ecs/port.js'
import { CLOCK_SKEW_MS } from '../model/clock.js'
import type { ServiceUpdatePlan } from '../plan/service-update.js'
import type { Release } from '../model/release.js'
import { provenanceTags } from '../model/provenance.js'
import { registerTaskDefinition } from '../task-definition/register.js'
import { concludeWatch } from '../verdict/conclude.js'
import { changeService, type CommandContext, inGroup, stopIfCancelled } from './context.js'
import { followDeployment } from '../watch/follow.js'
import { planRelease, type ReleasePlan } from './release-plan.js'
import type { WatchResult } from '../watch/watch.js'

/**
 * `command: deploy`: render and register the task definition (or take an existing
 * revision), start one blue/green deployment with UpdateService, and follow it through
 * its lifecycle stages. Every check, including those that read ECS, happens in
 * planRelease, before the first call that changes anything; `plan` runs the same checks.
 * A release of several services runs the same phases for each (commands/release-set.ts):
 * all are planned before any starts.
 */
export async function deploy(ctx: CommandContext, release: Release): Promise<void> {
  const plan = await planRelease(ctx, release)
  const started = await startPlannedDeploy(ctx, plan, release)
  const result = await followStartedDeploy(ctx, started, release)
  const { timeoutMinutes } = plan.serviceUpdate
  await concludeWatch(ctx, started.ecs, release, result, started.events, timeoutMinutes)
}

/** A deploy whose deployment has started. */
export interface StartedDeploy {
  ecs: EcsPort
  /** The deployment as found after UpdateService: the first poll of the wait. */
  first: ServiceDeployment
  events: ServiceEventStream
  timeoutMs: number
}

/** Registers the task definition (unless the plan takes an existing revision) and starts the deployment. */
export async function startPlannedDeploy(
  ctx: CommandContext,
  plan: ReleasePlan,
  release: Release
): Promise<StartedDeploy> {
  const { inputs, log } = ctx
  const { ecs, serviceUpdate } = plan

  let taskDefinitionArn: string
  if (plan.taskDefinition.kind === 'register') {
    const { input } = plan.taskDefinition
    stopIfCancelled(ctx, 'registering the task definition')
    taskDefinitionArn = await inGroup(log, 'Register task definition', async () => {
      const arn = await registerTaskDefinition(ecs, input, provenanceTags(ctx.github), log)
      log.info(`Registered ${arn}`)
      return arn
    })
  } else {
    taskDefinitionArn = plan.taskDefinition.arn
  }
  ctx.outputs.set('task-definition-arn', taskDefinitionArn)
  release.taskDefinition = { containers: [], ...release.taskDefinition, arn: taskDefinitionArn }

  const events = new ServiceEventStream(ecs, inputs.cluster, inputs.service, ctx.clock.now())
  const first = await startDeployment(ctx, ecs, serviceUpdate, taskDefinitionArn, release)
  void ctx.reporter.publish(release, false)
  return { ecs, first, events, timeoutMs: serviceUpdate.timeoutMinutes * 60_000 }
}

/** Follows a started deployment until the wait-until target, the end, or the timeout. */
export function followStartedDeploy(
  ctx: CommandContext,
  started: StartedDeploy,
  release: Release
): Promise<WatchResult> {
  return followDeployment(ctx, started.ecs, release, {
    until: ctx.inputs.waitUntil,
    first: started.first,
    events: started.events,
    timeoutMs: started.timeoutMs
  })
}

/**
 * The one UpdateService call of the release, then the deployment it started. A cancel
 * that arrives while UpdateService is in flight has no deployment to roll back yet: it
 * is rolled back here, as soon as it is found.
 */
async function startDeployment(
  ctx: CommandContext,
  ecs: EcsPort,
  plan: ServiceUpdatePlan,
  taskDefinitionArn: string,
  release: Release
): Promise<Awaited<ReturnType<typeof findStartedDeployment>>> {
  return inGroup(ctx.log, 'Start deployment', async () => {
    // Deployments created a little before UpdateService by AWS's clock still count as ours.
    const since = new Date(ctx.clock.now().getTime() - CLOCK_SKEW_MS)
    const { service: updated } = await changeService(ctx, release, 'UpdateService', () =>
      ecs.updateService({ ...plan.update, taskDefinition: taskDefinitionArn })
    )
    const deployment = await findStartedDeployment({
      ecs,
      cluster: ctx.inputs.cluster,
      service: ctx.inputs.service,
      updated,
      since,
      clock: ctx.clock,
      onRetry: message => ctx.log.warning(message)
    })
    release.deploymentArn = deployment.serviceDeploymentArn
    if (release.deploymentArn) {
      ctx.outputs.set('service-deployment-arn', release.deploymentArn)
      ctx.saveState(STATE.deploymentArn, release.deploymentArn)
    }
    ctx.log.info(`Deployment ${release.deploymentArn} started`)
    // No await since the ARN was set: either the signal handler saw it or this sees the signal.
    if (ctx.signal.aborted) {
      await rollBackOnCancel(
        ctx,
        release,
        'The job was cancelled while the deployment was starting'
      )
    }
    return deployment
  })
}
