import type {
  DeploymentConfiguration,
  DeploymentLifecycleHook,
  ServiceConnectConfiguration
} from '@aws-sdk/client-ecs'
import type { SettingChange } from '../model/release.js'
import { functionName, NONE } from '../model/format.js'
import { CANARY_DEFAULTS, LINEAR_DEFAULTS } from './least-time.js'
import { testTrafficRoute } from './test-traffic.js'

/**
 * The service settings a release can change through UpdateService, as people read them,
 * and what a release changes among them. These persist after the release: they are the
 * settings Terraform, CDK or CloudFormation may also own (README.md, "Beside Terraform,
 * CDK and CloudFormation").
 */

/** The settings a release can touch, and how each one reads. */
export interface ServiceSettings {
  deploymentConfiguration?: DeploymentConfiguration
  /** Its client aliases hold the Service Connect test traffic rules. */
  serviceConnectConfiguration?: ServiceConnectConfiguration
}

/** Which inputs a release was given, to say which one makes each change. */
export type GivenInputs = Partial<Record<string, boolean>>

interface Setting {
  name: string
  /** Compared before and after: equal keys are the same setting as ECS applies it. */
  key: (settings: ServiceSettings) => string
  text: (settings: ServiceSettings) => string
  /** The inputs that change it; the first given one is named, else the last. */
  inputs: string[]
}

/** ECS's default timeout of a hook (DeploymentLifecycleHookTimeoutConfiguration). */
const HOOK_TIMEOUT_DEFAULT = { timeoutInMinutes: 1440, action: 'ROLLBACK' }

const strategyOf = (settings: ServiceSettings): string =>
  settings.deploymentConfiguration?.strategy ?? 'ROLLING'

function canary(settings: ServiceSettings): string {
  if (strategyOf(settings) !== 'CANARY') return NONE
  const { canaryPercent, canaryBakeTimeInMinutes } =
    settings.deploymentConfiguration?.canaryConfiguration ?? {}
  const percent = canaryPercent ?? CANARY_DEFAULTS.percent
  const bake = canaryBakeTimeInMinutes ?? CANARY_DEFAULTS.bakeMinutes
  return `${percent} %, then ${bake} min`
}

function linear(settings: ServiceSettings): string {
  if (strategyOf(settings) !== 'LINEAR') return NONE
  const { stepPercent, stepBakeTimeInMinutes } =
    settings.deploymentConfiguration?.linearConfiguration ?? {}
  const percent = stepPercent ?? LINEAR_DEFAULTS.percent
  const bake = stepBakeTimeInMinutes ?? LINEAR_DEFAULTS.bakeMinutes
  return `${percent} % steps, ${bake} min apart`
}

function bakeTime(settings: ServiceSettings): string {
  const minutes = settings.deploymentConfiguration?.bakeTimeInMinutes
  return minutes === undefined ? NONE : `${minutes} min`
}

function hooksOf(settings: ServiceSettings, pauses: boolean): DeploymentLifecycleHook[] {
  return (settings.deploymentConfiguration?.lifecycleHooks ?? []).filter(
    hook => (hook.targetType === 'PAUSE') === pauses
  )
}

/** What ECS runs of a hook, with ECS's defaults filled in, so equal hooks compare equal. */
function hookKey(hook: DeploymentLifecycleHook): string {
  return JSON.stringify([
    hook.targetType ?? 'AWS_LAMBDA',
    hook.hookTargetArn ?? '',
    hook.roleArn ?? '',
    [...(hook.lifecycleStages ?? [])].sort(),
    hook.timeoutConfiguration?.timeoutInMinutes ?? HOOK_TIMEOUT_DEFAULT.timeoutInMinutes,
    hook.timeoutConfiguration?.action ?? HOOK_TIMEOUT_DEFAULT.action,
    hook.hookDetails ?? null
  ])
}

/** `smoke-test at PRE_SCALE_UP` or, for a pause, `POST_TEST_TRAFFIC_SHIFT (60 min, then ROLLBACK)`. */
export function describeHook(hook: DeploymentLifecycleHook): string {
  const stages = (hook.lifecycleStages ?? []).join(', ')
  const timeout =
    hook.timeoutConfiguration?.timeoutInMinutes ?? HOOK_TIMEOUT_DEFAULT.timeoutInMinutes
  const action = hook.timeoutConfiguration?.action ?? HOOK_TIMEOUT_DEFAULT.action
  if (hook.targetType === 'PAUSE') return `${stages} (${timeout} min, then ${action})`
  return `${functionName(hook.hookTargetArn ?? 'a Lambda function')} at ${stages}`
}

const hookList =
  (pauses: boolean) =>
  (settings: ServiceSettings): string => {
    const hooks = hooksOf(settings, pauses)
    return hooks.length === 0 ? NONE : hooks.map(describeHook).join('; ')
  }

const SETTINGS: Setting[] = [
  { name: 'Strategy', key: strategyOf, text: strategyOf, inputs: ['strategy'] },
  { name: 'Bake time', key: bakeTime, text: bakeTime, inputs: ['bake-time'] },
  {
    name: 'Canary',
    key: canary,
    text: canary,
    inputs: ['canary-percent', 'canary-bake-time', 'strategy']
  },
  {
    name: 'Linear steps',
    key: linear,
    text: linear,
    inputs: ['linear-step-percent', 'linear-step-bake-time', 'strategy']
  },
  {
    name: 'Lambda hooks',
    key: settings => hooksOf(settings, false).map(hookKey).sort().join('\n'),
    text: hookList(false),
    inputs: ['lifecycle-hooks']
  },
  {
    name: 'Pauses',
    key: settings => hooksOf(settings, true).map(hookKey).sort().join('\n'),
    text: hookList(true),
    inputs: ['pause-at', 'lifecycle-hooks']
  },
  {
    name: 'Early success criteria',
    key: settings => JSON.stringify(settings.deploymentConfiguration?.earlySuccessCriteria ?? null),
    text: settings => (settings.deploymentConfiguration?.earlySuccessCriteria ? 'set' : NONE),
    inputs: ['strategy']
  },
  {
    name: 'Test traffic rule',
    key: settings =>
      JSON.stringify(
        (settings.serviceConnectConfiguration?.services ?? []).flatMap(entry =>
          (entry.clientAliases ?? []).map(alias => alias.testTrafficRules ?? null)
        )
      ),
    text: settings => {
      const route = testTrafficRoute(settings.serviceConnectConfiguration)
      return route ? `${route.header}: ${route.value}` : NONE
    },
    inputs: ['test-traffic-header']
  }
]

/**
 * The settings that differ between `before` (the service now) and `after` (what the
 * release sends), each with the input that changes it. Values ECS fills in with its
 * defaults compare equal to the defaults spelt out.
 */
export function settingChanges(
  before: ServiceSettings,
  after: ServiceSettings,
  given: GivenInputs
): SettingChange[] {
  return SETTINGS.filter(setting => setting.key(before) !== setting.key(after)).map(setting => ({
    setting: setting.name,
    before: setting.text(before),
    after: setting.text(after),
    input: setting.inputs.find(input => given[input]) ?? setting.inputs.at(-1) ?? ''
  }))
}

/** `Strategy ROLLING → BLUE_GREEN; Bake time — → 10 min`, for the log and error messages. */
export function describeSettingChanges(changes: SettingChange[]): string {
  return changes
    .map(change => `${change.setting} ${change.before} → ${change.after} (${change.input})`)
    .join('; ')
}
