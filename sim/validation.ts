/**
 * Synchronous validation of what UpdateService (and a seed) may configure, beyond the shapes
 * request-check.ts enforces: deployment configuration and lifecycle hooks, Service Connect
 * test traffic rules and load balancers with advancedConfiguration (sim/README.md, "Validation").
 * Messages are ECS's where known (sim/README.md lists which are chosen here).
 */
import type {
  DeploymentConfiguration,
  LoadBalancer,
  ServiceConnectConfiguration
} from '@aws-sdk/client-ecs'
import { invalidParameter } from './errors.js'
import {
  objectList,
  oneOf,
  optionalOneOf,
  optionalNumber,
  optionalObject,
  optionalString,
  stringList
} from './input.js'
import { HOOK_STAGES, LAMBDA_ONLY_STAGES } from './phases.js'
import type { JsonObject } from './protocol.js'

const STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY']
const HOOK_TARGET_TYPES = ['AWS_LAMBDA', 'PAUSE']
const HOOK_ACTIONS = ['CONTINUE', 'ROLLBACK']
const THRESHOLD_TYPES = ['BOUNDED_PERCENT', 'UNBOUNDED_PERCENT', 'COUNT']
const MAX_HOOKS_PER_TYPE = 10
const MAX_MINUTES = 1440
const MAX_PAUSE_MINUTES = 20160

/**
 * Members valid with one strategy only, as the API reference says of each
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
 */
const STRATEGY_MEMBERS: Record<string, string> = {
  canaryConfiguration: 'CANARY',
  linearConfiguration: 'LINEAR',
  earlySuccessCriteria: 'ROLLING'
}

function minutes(input: JsonObject, key: string, min: number, max: number): void {
  const value = optionalNumber(input, key)
  if (value !== undefined && (value < min || value > max)) {
    throw invalidParameter(`${key} must be an integer between ${min} and ${max}.`)
  }
}

/** A percentage in steps of 0.1 within [min, 100] (canaryPercent, stepPercent). */
function percent(input: JsonObject, key: string, min: number): void {
  const value = optionalNumber(input, key)
  if (value === undefined) return
  const tenths = value * 10
  if (value < min || value > 100 || Math.abs(tenths - Math.round(tenths)) > 1e-6) {
    throw invalidParameter(
      `${key} must be between ${min.toFixed(1)} and 100.0, in increments of 0.1.`
    )
  }
}

function validateCanary(config: JsonObject): void {
  percent(config, 'canaryPercent', 0.1)
  minutes(config, 'canaryBakeTimeInMinutes', 0, MAX_MINUTES)
}

function validateLinear(config: JsonObject): void {
  percent(config, 'stepPercent', 3)
  minutes(config, 'stepBakeTimeInMinutes', 0, MAX_MINUTES)
}

function validateCircuitBreaker(breaker: JsonObject): void {
  const threshold = optionalObject(breaker, 'thresholdConfiguration')
  if (!threshold) return
  optionalOneOf(threshold, 'type', THRESHOLD_TYPES, 'thresholdConfiguration.type')
  const value = optionalNumber(threshold, 'value')
  if (value !== undefined && value < 0) {
    throw invalidParameter('thresholdConfiguration.value must be a non-negative integer.')
  }
}

export function validateLifecycleHooks(hooks: JsonObject[], path: string): void {
  const perType = new Map<string, number>()
  hooks.forEach((hook, index) => {
    const at = `${path}[${index}]`
    const targetType = optionalString(hook, 'targetType', `${at}.targetType`) ?? 'AWS_LAMBDA'
    if (!HOOK_TARGET_TYPES.includes(targetType)) {
      throw invalidParameter('Invalid targetType. Valid values are: AWS_LAMBDA, PAUSE')
    }
    perType.set(targetType, (perType.get(targetType) ?? 0) + 1)
    const stages = stringList(hook, 'lifecycleStages', `${at}.lifecycleStages`) ?? []
    if (stages.length === 0) throw invalidParameter('lifecycleStages can not be empty.')
    for (const stage of stages) oneOf(stage, [...HOOK_STAGES], 'lifecycleStage')
    const isPause = targetType === 'PAUSE'
    if (isPause && stages.some(stage => LAMBDA_ONLY_STAGES.includes(stage))) {
      throw invalidParameter('Invalid lifecycle stage provided for Pause Hook')
    }
    if (!isPause && !optionalString(hook, 'hookTargetArn', `${at}.hookTargetArn`)) {
      throw invalidParameter(
        'hookTargetArn is required for lifecycle hooks with targetType AWS_LAMBDA.'
      )
    }
    const timeout = optionalObject(hook, 'timeoutConfiguration', `${at}.timeoutConfiguration`)
    if (timeout) {
      minutes(timeout, 'timeoutInMinutes', 1, isPause ? MAX_PAUSE_MINUTES : MAX_MINUTES)
      optionalOneOf(timeout, 'action', HOOK_ACTIONS, 'timeoutConfiguration.action')
    }
  })
  for (const [targetType, count] of perType) {
    if (count > MAX_HOOKS_PER_TYPE) {
      throw invalidParameter(
        `A service can have at most ${MAX_HOOKS_PER_TYPE} lifecycle hooks with targetType ${targetType}.`
      )
    }
  }
}

/**
 * The deployment configuration an update leaves: the members it sends replace the stored ones,
 * the others stay, except those of another strategy when it changes the strategy. A member
 * sent for another strategy is refused, and BLUE_GREEN needs a bake time.
 */
export function validateDeploymentConfiguration(
  update: JsonObject,
  stored: DeploymentConfiguration = {}
): DeploymentConfiguration {
  optionalOneOf(update, 'strategy', STRATEGIES)
  const strategy = (update.strategy ?? stored.strategy ?? 'ROLLING') as string
  const kept = Object.fromEntries(
    Object.entries(stored).filter(([key]) => (STRATEGY_MEMBERS[key] ?? strategy) === strategy)
  )
  for (const [key, only] of Object.entries(STRATEGY_MEMBERS)) {
    if (update[key] !== undefined && update[key] !== null && only !== strategy) {
      throw invalidParameter(
        `${key} is only valid with the ${only} deployment strategy; the strategy is ${strategy}.`
      )
    }
  }
  const config: JsonObject = { ...kept, ...update }
  if (strategy === 'BLUE_GREEN' && config.bakeTimeInMinutes === undefined) {
    throw invalidParameter('bakeTimeInMinutes is required with the BLUE_GREEN deployment strategy.')
  }
  minutes(config, 'bakeTimeInMinutes', 0, MAX_MINUTES)
  const canary = optionalObject(config, 'canaryConfiguration')
  if (canary) validateCanary(canary)
  const linear = optionalObject(config, 'linearConfiguration')
  if (linear) validateLinear(linear)
  const breaker = optionalObject(config, 'deploymentCircuitBreaker')
  if (breaker) validateCircuitBreaker(breaker)
  const hooks = objectList(config, 'lifecycleHooks')
  if (hooks) validateLifecycleHooks(hooks, 'lifecycleHooks')
  return config
}

/** A test traffic rule routes on one header: present, or with an exact value. */
function validateTestTrafficRules(rules: JsonObject, path: string): void {
  const header = optionalObject(rules, 'header') ?? {}
  if (!optionalString(header, 'name')) {
    throw invalidParameter(`${path}.header.name can not be blank.`)
  }
  const value = optionalObject(header, 'value')
  if (value && !optionalString(value, 'exact')) {
    throw invalidParameter(`${path}.header.value.exact can not be blank.`)
  }
}

export function validateServiceConnect(
  config: JsonObject,
  path = 'serviceConnectConfiguration'
): ServiceConnectConfiguration {
  objectList(config, 'services')?.forEach((service, i) => {
    const at = `${path}.services[${i}]`
    if (!optionalString(service, 'portName', `${at}.portName`)) {
      throw invalidParameter(`${at}.portName can not be blank.`)
    }
    const aliases = objectList(service, 'clientAliases', `${at}.clientAliases`) ?? []
    if (aliases.length > 1)
      throw invalidParameter(`${at}.clientAliases can contain at most one alias.`)
    aliases.forEach((alias, j) => {
      const aliasPath = `${at}.clientAliases[${j}]`
      const port = optionalNumber(alias, 'port', `${aliasPath}.port`)
      if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
        throw invalidParameter(`${aliasPath}.port must be an integer between 1 and 65535.`)
      }
      optionalString(alias, 'dnsName', `${aliasPath}.dnsName`)
      const rules = optionalObject(alias, 'testTrafficRules', `${aliasPath}.testTrafficRules`)
      if (rules) validateTestTrafficRules(rules, `${aliasPath}.testTrafficRules`)
    })
  })
  return config as unknown as ServiceConnectConfiguration
}

/**
 * An Application Load Balancer's traffic is moved by listener *rules*, a Network Load
 * Balancer's by listeners (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html).
 */
const RULE_OR_LISTENER_ARN =
  /^arn:aws[\w-]*:elasticloadbalancing:[\w-]+:\d{12}:(listener-rule\/app|listener\/net)\//

function validateAdvancedConfiguration(advanced: JsonObject, path: string): string[] {
  for (const key of ['alternateTargetGroupArn', 'productionListenerRule', 'roleArn']) {
    if (!optionalString(advanced, key, `${path}.${key}`))
      throw invalidParameter(`${path}.${key} can not be blank.`)
  }
  const production = optionalString(advanced, 'productionListenerRule') ?? ''
  const test = optionalString(advanced, 'testListenerRule', `${path}.testListenerRule`)
  for (const [key, rule] of [
    ['productionListenerRule', production],
    ['testListenerRule', test]
  ] as const) {
    if (rule !== undefined && !RULE_OR_LISTENER_ARN.test(rule)) {
      throw invalidParameter(
        `${key} has an invalid ARN format. Must be RuleArn for ALB or ListenerArn for NLB. Got: ${rule}`
      )
    }
  }
  if (test === production) {
    throw invalidParameter(
      `The following rules cannot be used as both production and test listener rules: ${production}`
    )
  }
  return [optionalString(advanced, 'alternateTargetGroupArn') ?? '']
}

export function validateLoadBalancers(
  loadBalancers: JsonObject[],
  strategy: string | undefined,
  path = 'loadBalancers'
): LoadBalancer[] {
  const isV2 = (lb: JsonObject) => optionalString(lb, 'targetGroupArn') !== undefined
  const isV1 = (lb: JsonObject) => optionalString(lb, 'loadBalancerName') !== undefined
  if (
    loadBalancers.some(lb => isV1(lb) === isV2(lb)) ||
    (loadBalancers.some(isV1) && loadBalancers.some(isV2))
  ) {
    throw invalidParameter(
      'All loadBalancers must be strictly either ELBv1 (defining loadBalancerName) or ELBv2 (defining targetGroupArn)'
    )
  }
  const advanced = loadBalancers.map((lb, i) =>
    optionalObject(lb, 'advancedConfiguration', `${path}[${i}].advancedConfiguration`)
  )
  if (loadBalancers.some((lb, i) => isV1(lb) && advanced[i])) {
    throw invalidParameter('advancedConfiguration field is not allowed with ELBv1 loadBalancers')
  }
  const withAdvanced = advanced.filter(config => config !== undefined)
  if (withAdvanced.length > 0 && withAdvanced.length < loadBalancers.length) {
    throw invalidParameter(
      'Either all or none of the provided loadBalancers must have advancedConfiguration defined'
    )
  }
  const nonRolling = strategy !== undefined && strategy !== 'ROLLING'
  if (nonRolling && loadBalancers.length > 0 && withAdvanced.length === 0) {
    throw invalidParameter(
      'advancedConfiguration field is required for all loadBalancers when using a non-ROLLING deployment strategy'
    )
  }
  const targetGroups = loadBalancers.flatMap((lb, i) => {
    const own = optionalString(lb, 'targetGroupArn')
    const config = advanced[i]
    const alternate = config
      ? validateAdvancedConfiguration(config, `${path}[${i}].advancedConfiguration`)
      : []
    return own === undefined ? alternate : [own, ...alternate]
  })
  const duplicate = targetGroups.find((arn, i) => targetGroups.indexOf(arn) !== i)
  if (duplicate) throw invalidParameter(`Duplicate targetGroupArn found: ${duplicate}`)
  return loadBalancers
}
