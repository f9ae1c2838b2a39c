import type { RegisterTaskDefinitionCommandInput, Service } from '@aws-sdk/client-ecs'
import { registerTaskDefinitionShape } from '../ecs/api-schema.js'
import type { EcsPort } from '../ecs/port.js'
import { describeService, ongoingDeploymentId, primaryDeployment } from '../ecs/service.js'
import { minutes } from '../model/format.js'
import { TAG_COMMIT } from '../model/provenance.js'
import { taskDefinitionSecrets } from '../model/secrets.js'
import type { Release } from '../model/release.js'
import { describeLeastTime, TIMEOUT_MARGIN_MINUTES } from '../plan/least-time.js'
import { describeSettingChanges } from '../plan/service-settings.js'
import { planServiceUpdate, type ServiceUpdatePlan } from '../plan/service-update.js'
import { checkTaskDefinitionFits } from '../plan/task-definition-fit.js'
import { describeTestTraffic, testTrafficRoute } from '../plan/test-traffic.js'
import { conformToShape } from '../task-definition/conform.js'
import { otherFieldChanges } from '../task-definition/diff.js'
import {
  describeTaskDefinition,
  loadTaskDefinitionFile,
  type TaskDefinitionDocument
} from '../task-definition/load.js'
import { READ_ONLY_FIELDS, renderTaskDefinition } from '../task-definition/render.js'
import { loadRevision } from '../task-definition/revision.js'
import { configuredHooks } from '../watch/hook-stages.js'
import { type CommandContext, inGroup } from './context.js'
import { renderToFile } from './render.js'

/**
 * What `deploy` decides before its first change, and what `plan` shows: every check
 * (inputs, the task definition, its containers, the service, the strategy rules) and the
 * requests that follow from them. Deploy sends exactly this; plan stops here. It makes
 * read-only calls only (DescribeServices, DescribeTaskDefinition).
 */
export interface ReleasePlan {
  ecs: EcsPort
  service: Service
  serviceUpdate: ServiceUpdatePlan
  /** The task definition to register, or the existing revision to release as it is. */
  taskDefinition:
    | { kind: 'register'; input: RegisterTaskDefinitionCommandInput }
    | { kind: 'existing'; arn: string }
  /** What deploy warns about before it starts (also in the log). */
  warnings: string[]
}

/**
 * Checks everything deploy checks and decides what it would send, recording on `release`
 * what the reports show: the strategy, the task definition change, the settings changed.
 */
export async function planRelease(ctx: CommandContext, release: Release): Promise<ReleasePlan> {
  const { inputs, log } = ctx
  // A bad file is refused before the SDK is even loaded.
  const file = inputs.taskDefinition
    ? await loadTaskDefinitionFile(inputs.taskDefinition, ctx.workspace)
    : undefined
  const ecs = await ctx.connectEcs()
  release.region = ecs.region
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    log.warning(message)
  }
  const { service, serviceUpdate } = await inGroup(
    log,
    `Check service ${inputs.service} in cluster ${inputs.cluster}`,
    async () => {
      const service = await describeService(ecs, inputs.cluster, inputs.service)
      const serviceUpdate = planServiceUpdate(service, inputs)
      describeServiceUpdate(ctx, service, serviceUpdate, release)
      for (const warning of serviceUpdate.warnings) warn(warning)
      const ongoing = ongoingDeploymentId(service)
      if (ongoing) {
        release.supersededDeploymentArn = service.currentServiceDeployment ?? ongoing
        warn(
          `Another deployment of ${service.serviceName} is under way (${release.supersededDeploymentArn}); ` +
            'ECS stops it when this release starts.'
        )
      }
      return { service, serviceUpdate }
    }
  )
  const current = await describeTaskDefinition(ecs, service.taskDefinition ?? '')
  const shape = await registerTaskDefinitionShape()
  const registrable = (document: TaskDefinitionDocument): Record<string, unknown> =>
    conformToShape(document, shape, READ_ONLY_FIELDS).value as Record<string, unknown>

  if (inputs.taskDefinitionRevision) {
    const revision = await loadRevision(ecs, inputs.taskDefinitionRevision, inputs.containerName)
    for (const value of taskDefinitionSecrets(revision.document)) ctx.secrets.add(value)
    if (revision.arn === service.taskDefinition) {
      throw new Error(
        `Service '${service.serviceName}' already runs ${inputs.taskDefinitionRevision}: releasing it again would start no deployment. Nothing was changed.`
      )
    }
    const label = `Task definition ${inputs.taskDefinitionRevision}`
    for (const warning of checkTaskDefinitionFits(service, revision.document, label)) warn(warning)
    const unchanged = { images: [], environment: [] }
    // The same description of containers as a rendered one's, against what the service runs.
    const { containers } = renderTaskDefinition(
      shape,
      revision.document,
      unchanged,
      current.document
    )
    release.taskDefinition = {
      arn: revision.arn,
      previousArn: service.taskDefinition,
      containers,
      otherChanges: otherFieldChanges(registrable(revision.document), registrable(current.document))
    }
    // The commit the revision records: the report of this release belongs to it, as the
    // promote run, which reads it back from the revision, will find.
    release.commit =
      revision.tags.find(tag => tag.key === TAG_COMMIT)?.value ??
      ctx.github.pullRequest?.headSha ??
      ctx.github.sha
    log.info(`Releasing ${revision.arn} as it is: nothing is registered.`)
    return {
      ecs,
      service,
      serviceUpdate,
      taskDefinition: { kind: 'existing', arn: revision.arn },
      warnings
    }
  }

  const rendered = await renderToFile(ctx, file ?? current.document, current.document)
  const label = `The task definition${inputs.taskDefinition ? ` in '${inputs.taskDefinition}'` : ''}`
  const document = rendered.input as unknown as TaskDefinitionDocument
  for (const warning of checkTaskDefinitionFits(service, document, label)) warn(warning)
  release.taskDefinition = {
    previousArn: service.taskDefinition,
    containers: rendered.containers,
    otherChanges: otherFieldChanges(
      rendered.input as unknown as Record<string, unknown>,
      registrable(current.document)
    )
  }
  release.commit = ctx.github.pullRequest?.headSha ?? ctx.github.sha
  return {
    ecs,
    service,
    serviceUpdate,
    taskDefinition: { kind: 'register', input: rendered.input },
    warnings
  }
}

/** Logs what the release will do to the service, and records what the reports show of it. */
function describeServiceUpdate(
  ctx: CommandContext,
  service: Service,
  plan: ServiceUpdatePlan,
  release: Release
): void {
  const { log } = ctx
  release.strategy = plan.strategy
  release.settingChanges = plan.settingChanges
  const configuration = plan.update.deploymentConfiguration
  // Until the deployment reports its own configuration, the one this run sends says where hooks run.
  release.configuredHooks = configuredHooks(plan.hooks)
  release.linearStepPercent = (configuration ?? service.deploymentConfiguration)
    ?.linearConfiguration?.stepPercent
  log.info(
    `Service ${service.serviceArn}: ${service.desiredCount ?? '?'} tasks of ${service.taskDefinition}`
  )
  log.info(`Strategy ${plan.strategy}`)
  log.info(
    plan.settingChanges.length > 0
      ? `This release changes service settings, which stay after it: ${describeSettingChanges(plan.settingChanges)}.`
      : 'Service settings: unchanged; this release changes only the task definition.'
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
}
