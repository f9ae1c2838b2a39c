import type { DeploymentLifecycleHook } from '@aws-sdk/client-ecs'
import { InputError, quote } from './values.js'
import {
  HOOK_STAGES,
  MAX_HOOKS_PER_TYPE,
  MAX_LAMBDA_TIMEOUT,
  MAX_PAUSE_TIMEOUT,
  PAUSE_STAGES,
  TIMEOUT_ACTIONS,
  type TimeoutAction
} from '../model/stages.js'
import { isPlainObject, parseStructuredText } from './structured-text.js'
import { errorMessage } from '../model/format.js'

const HOOK_FIELDS = [
  'targetType',
  'hookTargetArn',
  'roleArn',
  'lifecycleStages',
  'hookDetails',
  'timeoutConfiguration'
]
const TIMEOUT_FIELDS = ['timeoutInMinutes', 'action']

const LAMBDA_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/

const INPUT = 'lifecycle-hooks'

/** Parses the `lifecycle-hooks` input: a YAML or JSON list of DeploymentLifecycleHook objects. */
export function parseLifecycleHooks(raw: string): DeploymentLifecycleHook[] {
  let value: unknown
  try {
    value = parseStructuredText(raw)
  } catch (error) {
    throw new InputError(INPUT, errorMessage(error))
  }
  if (!Array.isArray(value)) {
    throw new InputError(
      INPUT,
      'must be a list of lifecycle hooks (a YAML or JSON list of objects).'
    )
  }
  const hooks = value.map((item, index) => parseHook(item, `hook ${index + 1}`))
  checkHookCounts(INPUT, hooks)
  return hooks
}

function parseHook(item: unknown, where: string): DeploymentLifecycleHook {
  if (!isPlainObject(item)) throw new InputError(INPUT, `${where} is not an object.`)
  rejectUnknownFields(item, HOOK_FIELDS, where)
  const targetType = item.targetType ?? 'AWS_LAMBDA'
  if (targetType !== 'AWS_LAMBDA' && targetType !== 'PAUSE') {
    throw new InputError(INPUT, `${where}: targetType must be AWS_LAMBDA or PAUSE.`)
  }
  const isPause = targetType === 'PAUSE'
  const hook: DeploymentLifecycleHook = {
    targetType,
    lifecycleStages: parseStages(item.lifecycleStages, isPause, where)
  }
  if (isPause) {
    if (item.hookTargetArn !== undefined || item.roleArn !== undefined) {
      throw new InputError(INPUT, `${where}: a PAUSE hook takes no hookTargetArn or roleArn.`)
    }
  } else {
    hook.hookTargetArn = matchString(
      item.hookTargetArn,
      LAMBDA_ARN,
      `${where}: hookTargetArn`,
      'a Lambda function ARN'
    )
    hook.roleArn = matchString(
      item.roleArn,
      ROLE_ARN,
      `${where}: roleArn`,
      'an IAM role ARN that ECS can assume to invoke the function'
    )
  }
  if (item.hookDetails !== undefined)
    hook.hookDetails = item.hookDetails as DeploymentLifecycleHook['hookDetails']
  if (item.timeoutConfiguration !== undefined) {
    hook.timeoutConfiguration = parseTimeout(
      item.timeoutConfiguration,
      isPause ? MAX_PAUSE_TIMEOUT : MAX_LAMBDA_TIMEOUT,
      where
    )
  }
  return hook
}

function parseStages(
  value: unknown,
  isPause: boolean,
  where: string
): DeploymentLifecycleHook['lifecycleStages'] {
  const allowed: readonly string[] = isPause ? PAUSE_STAGES : HOOK_STAGES
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError(
      INPUT,
      `${where}: lifecycleStages must be a non-empty list of stages (${allowed.join(', ')}).`
    )
  }
  for (const stage of value) {
    if (typeof stage !== 'string' || !allowed.includes(stage)) {
      const why =
        isPause && (HOOK_STAGES as readonly string[]).includes(String(stage))
          ? 'ECS runs only Lambda hooks while traffic shifts'
          : 'it is not a lifecycle hook stage'
      throw new InputError(
        INPUT,
        `${where}: ${quote(String(stage))} is not allowed (${why}); use ${allowed.join(', ')}.`
      )
    }
  }
  if (new Set(value).size !== value.length)
    throw new InputError(INPUT, `${where}: lifecycleStages lists a stage twice.`)
  return value as DeploymentLifecycleHook['lifecycleStages']
}

function parseTimeout(
  value: unknown,
  maxMinutes: number,
  where: string
): DeploymentLifecycleHook['timeoutConfiguration'] {
  if (!isPlainObject(value))
    throw new InputError(INPUT, `${where}: timeoutConfiguration must be an object.`)
  rejectUnknownFields(value, TIMEOUT_FIELDS, `${where}: timeoutConfiguration`)
  const timeout: NonNullable<DeploymentLifecycleHook['timeoutConfiguration']> = {}
  if (value.timeoutInMinutes !== undefined) {
    const minutes = value.timeoutInMinutes
    if (
      typeof minutes !== 'number' ||
      !Number.isInteger(minutes) ||
      minutes < 1 ||
      minutes > maxMinutes
    ) {
      throw new InputError(
        INPUT,
        `${where}: timeoutInMinutes must be a whole number from 1 to ${maxMinutes}.`
      )
    }
    timeout.timeoutInMinutes = minutes
  }
  if (value.action !== undefined) {
    if (!TIMEOUT_ACTIONS.includes(value.action as TimeoutAction)) {
      throw new InputError(
        INPUT,
        `${where}: timeoutConfiguration.action must be ROLLBACK or CONTINUE.`
      )
    }
    timeout.action = value.action as TimeoutAction
  }
  return timeout
}

function matchString(value: unknown, pattern: RegExp, what: string, expected: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InputError(
      INPUT,
      `${what} must be ${expected}${value === undefined ? '' : `, got ${quote(typeof value === 'string' ? value : JSON.stringify(value))}`}.`
    )
  }
  return value
}

function rejectUnknownFields(
  object: Record<string, unknown>,
  known: string[],
  where: string
): void {
  const unknown = Object.keys(object).filter(key => !known.includes(key))
  if (unknown.length > 0) {
    throw new InputError(
      INPUT,
      `${where} has unknown field ${unknown.map(quote).join(', ')}; known fields are ${known.join(', ')}.`
    )
  }
}

/** ECS allows at most ten Lambda hooks and ten pause hooks on a service. */
export function checkHookCounts(input: string, hooks: DeploymentLifecycleHook[]): void {
  for (const type of ['AWS_LAMBDA', 'PAUSE']) {
    const count = hooks.filter(hook => (hook.targetType ?? 'AWS_LAMBDA') === type).length
    if (count > MAX_HOOKS_PER_TYPE) {
      throw new InputError(
        input,
        `gives ${count} ${type} hooks; ECS allows at most ${MAX_HOOKS_PER_TYPE}.`
      )
    }
  }
}
