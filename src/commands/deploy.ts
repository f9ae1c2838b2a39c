import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs'
import { rollBackOnCancel, STATE } from './cancel.js'
import { ServiceEventStream } from '../diagnose/service-events.js'
import { findStartedDeployment } from '../ecs/deployments.js'
import type { EcsPort } from '../ecs/port.js'
import { describeService, ongoingDeploymentId, primaryDeployment } from '../ecs/service.js'
import { CLOCK_SKEW_MS } from '../model/clock.js'
import { minutes } from '../model/format.js'
import { planServiceUpdate, type ServiceUpdatePlan } from '../plan/service-update.js'
import { describeLeastTime, TIMEOUT_MARGIN_MINUTES } from '../plan/least-time.js'
import type { Release } from '../model/release.js'
import { describeTaskDefinition, loadTaskDefinitionFile } from '../task-definition/load.js'
import { provenanceTags } from '../model/provenance.js'
import { registerTaskDefinition } from '../task-definition/register.js'
import { concludeWatch } from '../verdict/conclude.js'
import { changeService, type CommandContext, inGroup, stopIfCancelled } from './context.js'
import { followDeployment } from '../watch/follow.js'
import { renderToFile } from './render.js'
import type { RenderedTaskDefinition } from '../task-definition/render.js'
import type { WatchResult } from '../watch/watch.js'
import { configuredHooks } from '../watch/hook-stages.js'
import { describeTestTraffic, testTrafficRoute } from '../plan/test-traffic.js'

/**
 * `command: deploy`: render and register the task definition, start one blue/green
 * deployment with UpdateService, and follow it through its lifecycle stages. Every
 * check, including those that read ECS, happens before the first call that changes
 * anything (RegisterTaskDefinition). A release of several services runs the same three
 * phases for each (commands/release-set.ts): all are prepared before any starts.
 */
export async function deploy(ctx: CommandContext, release: Release): Promise<void> {
  const prepared = await prepareDeploy(ctx, release)
  const started = await startPreparedDeploy(ctx, prepared, release)
  const result = await followStartedDeploy(ctx, started, release)
  await concludeWatch(
    ctx,
    started.ecs,
    release,
    result,
    started.events,
    prepared.plan.timeoutMinutes
  )
}

/** What a deploy checked and rendered before changing anything. */
export interface PreparedDeploy {
  ecs: EcsPort
  service: Service
  plan: ServiceUpdatePlan
  rendered: RenderedTaskDefinition
}

/** A deploy whose deployment has started. */
export interface StartedDeploy {
  ecs: EcsPort
  /** The deployment as found after UpdateService: the first poll of the wait. */
  first: ServiceDeployment
  events: ServiceEventStream
  timeoutMs: number
}

/**
 * Every check of a deploy, reading ECS but changing nothing: the task definition file,
 * the service and what UpdateService will send, the rendered task definition.
 */
export async function prepareDeploy(
  ctx: CommandContext,
  release: Release
): Promise<PreparedDeploy> {
  const { inputs, log } = ctx
  const file = inputs.taskDefinition
    ? await loadTaskDefinitionFile(inputs.taskDefinition, ctx.workspace)
    : undefined
  const ecs = await ctx.connectEcs()
  release.region = ecs.region

  const { service, plan } = await inGroup(
    log,
    `Check service ${inputs.service} in cluster ${inputs.cluster}`,
    async () => {
      const service = await describeService(ecs, inputs.cluster, inputs.service)
      const plan = planServiceUpdate(service, inputs)
      describePlan(ctx, service, plan, release)
      return { service, plan }
    }
  )
  const current = await describeTaskDefinition(ecs, service.taskDefinition ?? '')
  const rendered = await renderToFile(ctx, file ?? current.document, current.document)
  return { ecs, service, plan, rendered }
}

/** Registers the rendered task definition and starts the deployment with UpdateService. */
export async function startPreparedDeploy(
  ctx: CommandContext,
  prepared: PreparedDeploy,
  release: Release
): Promise<StartedDeploy> {
  const { inputs, log } = ctx
  const { ecs, service, plan, rendered } = prepared
  stopIfCancelled(ctx, 'registering the task definition')
  const taskDefinitionArn = await inGroup(log, 'Register task definition', async () => {
    const arn = await registerTaskDefinition(ecs, rendered.input, provenanceTags(ctx.github), log)
    log.info(`Registered ${arn}`)
    return arn
  })
  ctx.outputs.set('task-definition-arn', taskDefinitionArn)
  release.taskDefinition = {
    arn: taskDefinitionArn,
    previousArn: service.taskDefinition,
    containers: rendered.containers
  }
  release.commit = ctx.github.pullRequest?.headSha ?? ctx.github.sha

  const events = new ServiceEventStream(ecs, inputs.cluster, inputs.service, ctx.clock.now())
  const first = await startDeployment(ctx, ecs, plan, taskDefinitionArn, release)
  void ctx.reporter.publish(release, false)
  return { ecs, first, events, timeoutMs: plan.timeoutMinutes * 60_000 }
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

function describePlan(
  ctx: CommandContext,
  service: Service,
  plan: ServiceUpdatePlan,
  release: Release
): void {
  const { log } = ctx
  release.strategy = plan.strategy
  const configuration = plan.update.deploymentConfiguration
  // Until the deployment reports its own configuration, the one this run sends says where hooks run.
  release.configuredHooks = configuredHooks(plan.hooks)
  release.linearStepPercent = (configuration ?? service.deploymentConfiguration)
    ?.linearConfiguration?.stepPercent
  log.info(
    `Service ${service.serviceArn}: ${service.desiredCount ?? '?'} tasks of ${service.taskDefinition}`
  )
  log.info(
    `Strategy ${plan.strategy}${configuration ? ' (deployment configuration updated by this release)' : ''}`
  )
  for (const hook of plan.hooks) {
    const target = hook.targetType === 'PAUSE' ? 'pause' : hook.hookTargetArn
    log.info(
      `Hook ${hook.targetType ?? 'AWS_LAMBDA'} ${target} at ${(hook.lifecycleStages ?? []).join(', ')}`
    )
  }
  release.testTraffic = testTrafficRoute(
    plan.update.serviceConnectConfiguration ??
      primaryDeployment(service)?.serviceConnectConfiguration
  )
  if (release.testTraffic) log.info(`Test traffic: ${describeTestTraffic(release.testTraffic)}`)
  log.info(
    `Least time this deployment takes: ${describeLeastTime(plan.least)}; the step waits up to ${minutes(plan.timeoutMinutes)}` +
      `${ctx.inputs.timeout === undefined ? ` (the least time plus ${TIMEOUT_MARGIN_MINUTES})` : ''}.`
  )
  const pauses = plan.hooks
    .filter(hook => hook.targetType === 'PAUSE')
    .flatMap(hook => hook.lifecycleStages ?? [])
  if (
    pauses.length > 0 &&
    ctx.inputs.pauseAt.length === 0 &&
    ctx.inputs.waitUntil.kind !== 'paused'
  ) {
    log.warning(
      `Service ${service.serviceName} pauses at ${pauses.join(', ')} (PAUSE hooks are kept in the service's configuration, ` +
        'e.g. from an earlier pause-at): this release waits there for promote. Set lifecycle-hooks to release without them.'
    )
  }
  const ongoing = ongoingDeploymentId(service)
  if (ongoing) {
    release.supersededDeploymentArn = service.currentServiceDeployment ?? ongoing
    log.warning(
      `Another deployment of ${service.serviceName} is under way (${release.supersededDeploymentArn}); ` +
        'ECS stops it when this release starts.'
    )
  }
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
