import type {
  DeploymentConfiguration,
  DeploymentLifecycleHook,
  Service,
  ServiceConnectConfiguration,
  UpdateServiceCommandInput
} from '@aws-sdk/client-ecs'
import { InputError } from '../inputs/values.js'
import type { Inputs } from '../inputs/inputs.js'
import { checkHookCounts } from '../inputs/lifecycle-hooks.js'
import type { SettingChange } from '../model/release.js'
import type { PAUSE_STAGES, TimeoutAction } from '../model/stages.js'
import { ongoingDeploymentId, primaryDeployment } from '../ecs/service.js'
import { describeHook, describeSettingChanges, settingChanges } from './service-settings.js'
import {
  behindNetworkLoadBalancer,
  leastDeploymentTime,
  type LeastTime,
  timeoutFor
} from './least-time.js'

/** The UpdateService call of a release, and what it will do, decided before anything changes. */
export interface ServiceUpdatePlan {
  /** Everything UpdateService needs except the task definition, which is registered after planning. */
  update: Omit<UpdateServiceCommandInput, 'taskDefinition'>
  strategy: string
  /** The lifecycle hooks the deployment will run. */
  hooks: DeploymentLifecycleHook[]
  /** The least time the deployment takes with the configuration it will run with. */
  least: LeastTime
  /** Minutes the step waits: the timeout input, else one computed from `least`. */
  timeoutMinutes: number
  /** The service settings the update changes (they persist after the release). */
  settingChanges: SettingChange[]
  /** What the release should say before it starts: hooks it drops, pauses it will wait at. */
  warnings: string[]
}

type ReleaseInputs = Pick<
  Inputs,
  | 'cluster'
  | 'service'
  | 'strategy'
  | 'bakeTime'
  | 'canaryPercent'
  | 'canaryBakeTime'
  | 'linearStepPercent'
  | 'linearStepBakeTime'
  | 'testTrafficHeader'
  | 'lifecycleHooks'
  | 'pauseAt'
  | 'removePauses'
  | 'pauseTimeout'
  | 'pauseTimeoutAction'
  | 'waitUntil'
  | 'timeout'
  | 'taskDefinitionOnly'
>

/**
 * Checks that the service can take an ECS-native blue/green release with these inputs,
 * and builds the one UpdateService call that starts it. The deployment configuration
 * sent is the service's own with only the fields the inputs give changed, so circuit
 * breaker and alarm settings are never dropped; it is sent only when that changes a
 * setting, as is the Service Connect configuration. Load balancers are never re-sent
 * (ECS swaps target groups itself, and re-sending the declared layout would undo that).
 * With `task-definition-only`, any setting change is refused.
 */
export function planServiceUpdate(service: Service, inputs: ReleaseInputs): ServiceUpdatePlan {
  const name = service.serviceName ?? inputs.service
  const controller = service.deploymentController?.type ?? 'ECS'
  if (controller !== 'ECS') {
    throw new Error(
      `Service '${name}' uses the ${controller} deployment controller. This action drives ECS-native ` +
        'blue/green deployments, which need the ECS controller (deploymentController type ECS with strategy ' +
        'BLUE_GREEN, CANARY or LINEAR). For CodeDeploy, use aws-actions/amazon-ecs-deploy-task-definition.'
    )
  }
  const current = service.deploymentConfiguration ?? {}
  const currentStrategy = current.strategy ?? 'ROLLING'
  const strategy = inputs.strategy ?? currentStrategy
  if (strategy === 'ROLLING') {
    throw new Error(
      `Service '${name}' uses ROLLING deployments. Set the strategy input (BLUE_GREEN, CANARY or LINEAR) ` +
        'to switch it to a blue/green release.'
    )
  }
  checkStrategySettings(inputs, strategy)
  const merged = mergeDeploymentConfiguration(current, inputs, strategy)
  const currentServiceConnect = primaryDeployment(service)?.serviceConnectConfiguration
  const serviceConnect = inputs.testTrafficHeader
    ? withTestTrafficHeader(service, inputs.testTrafficHeader, name)
    : undefined
  const changes = settingChanges(
    { deploymentConfiguration: current, serviceConnectConfiguration: currentServiceConnect },
    {
      deploymentConfiguration: merged ?? current,
      serviceConnectConfiguration: serviceConnect ?? currentServiceConnect
    },
    givenInputs(inputs)
  )
  if (inputs.taskDefinitionOnly && changes.length > 0) {
    throw new InputError(
      'task-definition-only',
      `is true, and this release would change settings of service '${name}': ${describeSettingChanges(changes)}. ` +
        'Remove those inputs (the service keeps its settings), or change the settings where they are owned.'
    )
  }
  // What ECS already applies is not sent again: a release changes no more than it says.
  const changesConfiguration = changes.some(change => change.setting !== TEST_TRAFFIC_RULE)
  const configuration = changesConfiguration ? merged : undefined
  if (strategy !== currentStrategy) {
    checkNoDeploymentUnderWay(service, name, currentStrategy, strategy)
    checkLoadBalancersReady(service, name)
    if (configuration) checkBakeTime(configuration, currentStrategy, name)
  }
  const hooks = configuration?.lifecycleHooks ?? current.lifecycleHooks ?? []
  checkHookCounts(inputs.lifecycleHooks ? 'lifecycle-hooks' : 'pause-at', hooks)
  if (inputs.waitUntil.kind === 'paused' && !hooks.some(hook => hook.targetType === 'PAUSE')) {
    throw new InputError(
      'wait-until',
      `'paused' needs a pause, but service '${name}' has no PAUSE hook; set pause-at (e.g. POST_TEST_TRAFFIC_SHIFT) or add one in lifecycle-hooks.`
    )
  }

  const least = leastDeploymentTime(configuration ?? current, behindNetworkLoadBalancer(service))
  const timeoutMinutes = timeoutFor(least, inputs)

  const update: ServiceUpdatePlan['update'] = { cluster: inputs.cluster, service: inputs.service }
  if (configuration) update.deploymentConfiguration = configuration
  if (serviceConnect && changes.some(change => change.setting === TEST_TRAFFIC_RULE))
    update.serviceConnectConfiguration = serviceConnect
  return {
    update,
    strategy,
    hooks,
    least,
    timeoutMinutes,
    settingChanges: changes,
    warnings: [
      ...droppedLambdaHooks(current.lifecycleHooks ?? [], hooks, inputs, name),
      ...keptPauses(hooks, inputs, name)
    ]
  }
}

/** The name settingChanges gives the Service Connect test traffic rule. */
const TEST_TRAFFIC_RULE = 'Test traffic rule'

/** Which of the inputs that change service settings the step was given. */
function givenInputs(inputs: ReleaseInputs): Record<string, boolean> {
  return {
    strategy: inputs.strategy !== undefined,
    'bake-time': inputs.bakeTime !== undefined,
    'canary-percent': inputs.canaryPercent !== undefined,
    'canary-bake-time': inputs.canaryBakeTime !== undefined,
    'linear-step-percent': inputs.linearStepPercent !== undefined,
    'linear-step-bake-time': inputs.linearStepBakeTime !== undefined,
    'lifecycle-hooks': inputs.lifecycleHooks !== undefined,
    'pause-at': inputs.pauseAt.length > 0 || inputs.removePauses,
    'test-traffic-header': inputs.testTrafficHeader !== undefined
  }
}

/**
 * `lifecycle-hooks` replaces the service's hooks: a Lambda hook the service runs today and
 * the list leaves out is removed, which is easy to miss when the list was meant to change
 * something else (say, to drop a pause).
 */
function droppedLambdaHooks(
  before: DeploymentLifecycleHook[],
  after: DeploymentLifecycleHook[],
  inputs: ReleaseInputs,
  name: string
): string[] {
  if (inputs.lifecycleHooks === undefined) return []
  const kept = new Set(after.map(hook => hook.hookTargetArn))
  return before
    .filter(hook => hook.targetType !== 'PAUSE' && !kept.has(hook.hookTargetArn))
    .map(
      hook =>
        `lifecycle-hooks leaves out the Lambda hook ${describeHook(hook)} (${hook.hookTargetArn ?? 'no function'}) ` +
        `that service '${name}' runs today: this release removes it from the service. List it in lifecycle-hooks to keep it; ` +
        'to remove only pauses, set pause-at: none instead.'
    )
}

/** PAUSE hooks stay in the service's configuration: a release that did not ask for one (pause-at, a PAUSE in lifecycle-hooks, wait-until paused) still waits there. */
function keptPauses(
  hooks: DeploymentLifecycleHook[],
  inputs: ReleaseInputs,
  name: string
): string[] {
  const pauses = hooks
    .filter(hook => hook.targetType === 'PAUSE')
    .flatMap(hook => hook.lifecycleStages ?? [])
  const asked =
    inputs.pauseAt.length > 0 ||
    inputs.waitUntil.kind === 'paused' ||
    (inputs.lifecycleHooks ?? []).some(hook => hook.targetType === 'PAUSE')
  if (pauses.length === 0 || asked) return []
  return [
    `Service ${name} pauses at ${pauses.join(', ')} (PAUSE hooks are kept in the service's configuration, ` +
      'e.g. from an earlier pause-at): this release waits there for promote. Set pause-at: none to release without them (its Lambda hooks are kept).'
  ]
}

function checkStrategySettings(inputs: ReleaseInputs, strategy: string): void {
  const only = (input: string, value: number | undefined, wanted: string): void => {
    if (value !== undefined && strategy !== wanted) {
      throw new InputError(
        input,
        `applies only to strategy ${wanted}; this release uses ${strategy}.`
      )
    }
  }
  only('canary-percent', inputs.canaryPercent, 'CANARY')
  only('canary-bake-time', inputs.canaryBakeTime, 'CANARY')
  only('linear-step-percent', inputs.linearStepPercent, 'LINEAR')
  only('linear-step-bake-time', inputs.linearStepBakeTime, 'LINEAR')
}

/**
 * ECS changes a service's deployment strategy only once its current deployments have
 * completed, and a service with a load balancer or Service Connect needs a rolling
 * deployment with its blue/green resources first
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/update-rolling-to-bluegreen.html;
 * README.md, "Switching a service's strategy").
 */
function checkNoDeploymentUnderWay(service: Service, name: string, from: string, to: string): void {
  const ongoing = ongoingDeploymentId(service)
  if (!ongoing) return
  throw new InputError(
    'strategy',
    `switching service '${name}' from ${from} to ${to} needs its current deployments to have completed, ` +
      `and deployment ${ongoing} is under way. Wait for it to end, then release again. ` +
      (from === 'ROLLING'
        ? 'Before the switch, a service behind a load balancer needs its advancedConfiguration (alternate target group, ' +
          'listener rules, infrastructure role) and a Service Connect service its configuration, each followed by one ' +
          'rolling deployment (ECS then consolidates traffic on one revision); see ' +
          'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/update-rolling-to-bluegreen.html.'
        : 'See https://docs.aws.amazon.com/AmazonECS/latest/developerguide/migrate-deployment-strategies.html.')
  )
}

/**
 * bakeTimeInMinutes: "You must provide this parameter when you use the BLUE_GREEN deployment
 * strategy" (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
 */
function checkBakeTime(configuration: DeploymentConfiguration, from: string, name: string): void {
  if (configuration.strategy !== 'BLUE_GREEN' || configuration.bakeTimeInMinutes !== undefined)
    return
  throw new InputError(
    'bake-time',
    `is needed to switch service '${name}' from ${from} to BLUE_GREEN: ECS requires a bake time with BLUE_GREEN ` +
      'and the service has none. Set bake-time to the minutes both revisions run after production traffic moved (0 for none).'
  )
}

/** ECS needs the alternate target group and listener rules before it can shift traffic between revisions. */
function checkLoadBalancersReady(service: Service, name: string): void {
  const missing = (service.loadBalancers ?? []).filter(
    loadBalancer => loadBalancer.targetGroupArn && !loadBalancer.advancedConfiguration
  )
  if (missing.length > 0) {
    throw new Error(
      `Service '${name}' cannot switch to a blue/green strategy: its load balancer (target group ` +
        `${missing[0]?.targetGroupArn}) has no advancedConfiguration (alternate target group, production ` +
        'and test listener rules, infrastructure role). Add it to the service first.'
    )
  }
}

/** The service's deployment configuration with the inputs applied, or undefined when no input changes it. */
function mergeDeploymentConfiguration(
  current: DeploymentConfiguration,
  inputs: ReleaseInputs,
  strategy: string
): DeploymentConfiguration | undefined {
  // Settings only valid with another strategy ("Only valid when the deployment strategy is
  // CANARY" / "LINEAR"; early success criteria "only with rolling deployment strategy":
  // DeploymentConfiguration in the SDK's documentation) are left out, so ECS keeps none.
  const next: DeploymentConfiguration = {
    ...current,
    strategy: strategy as DeploymentConfiguration['strategy']
  }
  if (strategy !== 'CANARY') delete next.canaryConfiguration
  if (strategy !== 'LINEAR') delete next.linearConfiguration
  delete next.earlySuccessCriteria
  let changed = strategy !== (current.strategy ?? 'ROLLING')
  if (inputs.bakeTime !== undefined) {
    next.bakeTimeInMinutes = inputs.bakeTime
    changed = true
  }
  if (inputs.canaryPercent !== undefined || inputs.canaryBakeTime !== undefined) {
    next.canaryConfiguration = {
      ...current.canaryConfiguration,
      ...(inputs.canaryPercent !== undefined && { canaryPercent: inputs.canaryPercent }),
      ...(inputs.canaryBakeTime !== undefined && { canaryBakeTimeInMinutes: inputs.canaryBakeTime })
    }
    changed = true
  }
  if (inputs.linearStepPercent !== undefined || inputs.linearStepBakeTime !== undefined) {
    next.linearConfiguration = {
      ...current.linearConfiguration,
      ...(inputs.linearStepPercent !== undefined && { stepPercent: inputs.linearStepPercent }),
      ...(inputs.linearStepBakeTime !== undefined && {
        stepBakeTimeInMinutes: inputs.linearStepBakeTime
      })
    }
    changed = true
  }
  if (inputs.lifecycleHooks !== undefined || inputs.pauseAt.length > 0 || inputs.removePauses) {
    const given = inputs.lifecycleHooks ?? current.lifecycleHooks ?? []
    const hooks = inputs.removePauses ? given.filter(hook => hook.targetType !== 'PAUSE') : given
    next.lifecycleHooks = withPauseHooks(
      hooks,
      inputs.pauseAt,
      inputs.pauseTimeout,
      inputs.pauseTimeoutAction
    )
    changed = true
  }
  return changed ? next : undefined
}

/**
 * The service's Service Connect configuration with an exact header match as the test
 * traffic rule on every client alias. DescribeServices returns that configuration only
 * on the deployments, so it is read from the PRIMARY one.
 */
function withTestTrafficHeader(
  service: Service,
  header: NonNullable<ReleaseInputs['testTrafficHeader']>,
  name: string
): ServiceConnectConfiguration {
  const current = primaryDeployment(service)?.serviceConnectConfiguration
  const aliases = current?.services?.flatMap(entry => entry.clientAliases ?? []) ?? []
  if (!current?.enabled || aliases.length === 0) {
    throw new InputError(
      'test-traffic-header',
      `service '${name}' does not use Service Connect with a client alias, so there is no header route to set. ` +
        'Services behind a load balancer take their test traffic from the test listener rule already on the service; remove this input.'
    )
  }
  const testTrafficRules = { header: { name: header.name, value: { exact: header.value } } }
  return {
    ...current,
    services: current.services?.map(entry => ({
      ...entry,
      clientAliases: entry.clientAliases?.map(alias => ({ ...alias, testTrafficRules }))
    }))
  }
}

/**
 * Adds one PAUSE hook per stage of `pause-at`. A PAUSE hook already at one of those stages
 * loses that stage (and is dropped when it has none left), so each stage pauses once.
 */
export function withPauseHooks(
  hooks: DeploymentLifecycleHook[],
  stages: string[],
  timeoutInMinutes: number,
  action: TimeoutAction
): DeploymentLifecycleHook[] {
  if (stages.length === 0) return hooks
  const kept = hooks.flatMap(hook => {
    if (hook.targetType !== 'PAUSE') return [hook]
    const remaining = (hook.lifecycleStages ?? []).filter(stage => !stages.includes(stage))
    return remaining.length > 0 ? [{ ...hook, lifecycleStages: remaining }] : []
  })
  const pauses = stages.map(stage => ({
    targetType: 'PAUSE' as const,
    lifecycleStages: [stage as (typeof PAUSE_STAGES)[number]],
    timeoutConfiguration: { timeoutInMinutes, action }
  }))
  return [...kept, ...pauses]
}
