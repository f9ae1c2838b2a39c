import type { DeploymentLifecycleHook } from '@aws-sdk/client-ecs'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/inputs/values.js'
import { checkHookCounts, parseLifecycleHooks } from '../../src/inputs/lifecycle-hooks.js'
import { loadStructuredTextParser } from '../../src/inputs/structured-text.js'
import { MAX_HOOKS_PER_TYPE } from '../../src/model/stages.js'

const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test'
const ROLE = 'arn:aws:iam::123456789012:role/ecs-lifecycle-hooks'
const lambda = (stages: string, extra = ''): string =>
  `- hookTargetArn: ${FUNCTION}\n  roleArn: ${ROLE}\n  lifecycleStages: [${stages}]\n${extra}`
const pause = (stages: string, extra = ''): string =>
  `- targetType: PAUSE\n  lifecycleStages: [${stages}]\n${extra}`

function inputError(raw: string): InputError {
  try {
    parseLifecycleHooks(raw)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('parseLifecycleHooks accepted the input')
}

beforeAll(loadStructuredTextParser)

describe('parseLifecycleHooks', () => {
  it('reads a YAML list of Lambda and PAUSE hooks', () => {
    const raw =
      lambda('POST_SCALE_UP, POST_TEST_TRAFFIC_SHIFT', '  hookDetails: { suite: smoke }\n') +
      pause(
        'POST_PRODUCTION_TRAFFIC_SHIFT',
        '  timeoutConfiguration:\n    timeoutInMinutes: 20160\n    action: CONTINUE\n'
      )
    expect(parseLifecycleHooks(raw)).toEqual([
      {
        targetType: 'AWS_LAMBDA',
        hookTargetArn: FUNCTION,
        roleArn: ROLE,
        lifecycleStages: ['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT'],
        hookDetails: { suite: 'smoke' }
      },
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 20160, action: 'CONTINUE' }
      }
    ])
  })

  it('reads JSON, a function alias and Lambda hooks at the traffic shifts', () => {
    const hook = {
      targetType: 'AWS_LAMBDA',
      hookTargetArn: `${FUNCTION}:live`,
      roleArn: 'arn:aws-cn:iam::123456789012:role/path/to/role',
      lifecycleStages: ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'],
      timeoutConfiguration: { timeoutInMinutes: 1440 }
    }
    expect(parseLifecycleHooks(JSON.stringify([hook]))).toEqual([hook])
  })

  it('takes an empty list (no hooks) and ten hooks of each type', () => {
    expect(parseLifecycleHooks('[]')).toEqual([])
    const stages = 'POST_SCALE_UP'
    const raw = lambda(stages).repeat(MAX_HOOKS_PER_TYPE) + pause(stages).repeat(MAX_HOOKS_PER_TYPE)
    expect(parseLifecycleHooks(raw)).toHaveLength(2 * MAX_HOOKS_PER_TYPE)
  })

  const deep = `${'['.repeat(40)}${']'.repeat(40)}`
  const bomb = ['a: &a [x, x, x, x, x, x, x, x]']
    .concat(
      ['b', 'c', 'd', 'e', 'f'].map((key, i) => `${key}: &${key} [${`*${'abcde'[i]}, `.repeat(8)}]`)
    )
    .join('\n')

  // prettier-ignore
  it.each([
    ['not YAML', 'a: [1', 'is neither valid JSON nor valid YAML'],
    ['an object, not a list', 'targetType: PAUSE\nlifecycleStages: [POST_SCALE_UP]', 'must be a list of lifecycle hooks'],
    ['a scalar', 'PAUSE', 'must be a list'],
    ['a list of strings', '- POST_SCALE_UP', 'hook 1 is not an object'],
    ['a nested list', '- []', 'hook 1 is not an object'],
    ['an unknown field', pause('POST_SCALE_UP', '  timeout: 5\n'), "hook 1 has unknown field 'timeout'; known fields are targetType, hookTargetArn"],
    ['a misspelt field', lambda('POST_SCALE_UP').replace('roleArn', 'roleARN'), "unknown field 'roleARN'"],
    ['an unknown targetType', '- targetType: WEBHOOK\n  lifecycleStages: [POST_SCALE_UP]', 'hook 1: targetType must be AWS_LAMBDA or PAUSE'],
    ['a lowercase targetType', '- targetType: pause\n  lifecycleStages: [POST_SCALE_UP]', 'targetType must be AWS_LAMBDA or PAUSE'],
    ['a Lambda hook without a function', `- roleArn: ${ROLE}\n  lifecycleStages: [POST_SCALE_UP]`, 'hook 1: hookTargetArn must be a Lambda function ARN.'],
    ['a Lambda hook with an SNS topic', lambda('POST_SCALE_UP').replace(FUNCTION, 'arn:aws:sns:us-east-1:123456789012:topic'), "hookTargetArn must be a Lambda function ARN, got 'arn:aws:sns"],
    ['a Lambda hook without a role', `- hookTargetArn: ${FUNCTION}\n  lifecycleStages: [POST_SCALE_UP]`, 'hook 1: roleArn must be an IAM role ARN'],
    ['a Lambda hook with a user for role', lambda('POST_SCALE_UP').replace('role/', 'user/'), 'roleArn must be an IAM role ARN'],
    ['a Lambda hook with a numeric role', lambda('POST_SCALE_UP').replace(ROLE, '12'), "got '12'"],
    ['a PAUSE hook with a function', `- targetType: PAUSE\n  hookTargetArn: ${FUNCTION}\n  lifecycleStages: [POST_SCALE_UP]`, 'a PAUSE hook takes no hookTargetArn or roleArn'],
    ['a PAUSE hook with a role', `- targetType: PAUSE\n  roleArn: ${ROLE}\n  lifecycleStages: [POST_SCALE_UP]`, 'a PAUSE hook takes no hookTargetArn or roleArn'],
    ['no stages', `- targetType: PAUSE`, 'hook 1: lifecycleStages must be a non-empty list of stages (RECONCILE_SERVICE, PRE_SCALE_UP'],
    ['empty stages', pause(''), 'lifecycleStages must be a non-empty list'],
    ['stages as a string', '- targetType: PAUSE\n  lifecycleStages: POST_SCALE_UP', 'lifecycleStages must be a non-empty list'],
    ['an unknown stage', lambda('BAKE_TIME'), "hook 1: 'BAKE_TIME' is not allowed (it is not a lifecycle hook stage); use RECONCILE_SERVICE"],
    ['a stage in the wrong case', lambda('post_scale_up'), "'post_scale_up' is not allowed"],
    ['a number for a stage', lambda('7'), "'7' is not allowed"],
    ['a stage twice', lambda('POST_SCALE_UP, POST_SCALE_UP'), 'hook 1: lifecycleStages lists a stage twice'],
    ['a pause at TEST_TRAFFIC_SHIFT', pause('TEST_TRAFFIC_SHIFT'), "'TEST_TRAFFIC_SHIFT' is not allowed (ECS runs only Lambda hooks while traffic shifts)"],
    ['a pause at PRODUCTION_TRAFFIC_SHIFT', lambda('POST_SCALE_UP') + pause('PRODUCTION_TRAFFIC_SHIFT'), "hook 2: 'PRODUCTION_TRAFFIC_SHIFT' is not allowed (ECS runs only Lambda hooks"],
    ['a timeout that is not an object', pause('POST_SCALE_UP', '  timeoutConfiguration: 30\n'), 'timeoutConfiguration must be an object'],
    ['an unknown timeout field', pause('POST_SCALE_UP', '  timeoutConfiguration: { minutes: 30 }\n'), "hook 1: timeoutConfiguration has unknown field 'minutes'; known fields are timeoutInMinutes, action"],
    ['a timeout of 0', pause('POST_SCALE_UP', '  timeoutConfiguration: { timeoutInMinutes: 0 }\n'), 'timeoutInMinutes must be a whole number from 1 to 20160'],
    ['a fractional timeout', pause('POST_SCALE_UP', '  timeoutConfiguration: { timeoutInMinutes: 1.5 }\n'), 'from 1 to 20160'],
    ['a timeout as text', pause('POST_SCALE_UP', '  timeoutConfiguration: { timeoutInMinutes: "30" }\n'), 'whole number'],
    ['a pause over 14 days', pause('POST_SCALE_UP', '  timeoutConfiguration: { timeoutInMinutes: 20161 }\n'), 'from 1 to 20160'],
    ['a Lambda hook over a day', lambda('POST_SCALE_UP', '  timeoutConfiguration: { timeoutInMinutes: 1441 }\n'), 'timeoutInMinutes must be a whole number from 1 to 1440'],
    ['an unknown timeout action', pause('POST_SCALE_UP', '  timeoutConfiguration: { action: rollback }\n'), 'timeoutConfiguration.action must be ROLLBACK or CONTINUE'],
    ['eleven Lambda hooks', lambda('POST_SCALE_UP').repeat(11), 'gives 11 AWS_LAMBDA hooks; ECS allows at most 10'],
    ['eleven PAUSE hooks', pause('POST_SCALE_UP').repeat(11), 'gives 11 PAUSE hooks; ECS allows at most 10'],
    ['a YAML alias bomb', bomb, 'Excessive alias count'],
    ['nesting deeper than 32', `- targetType: PAUSE\n  lifecycleStages: [POST_SCALE_UP]\n  hookDetails: ${deep}`, 'nested more than 32 levels deep'],
    ['duplicate keys', '- targetType: PAUSE\n  targetType: PAUSE', 'Map keys must be unique']
  ])('refuses %s', (_why, raw, fragment) => {
    const error = inputError(raw)
    expect(error.input).toBe('lifecycle-hooks')
    expect(error.message).toMatch(/^Input 'lifecycle-hooks': /)
    expect(error.message).toContain(fragment)
  })
})

describe('checkHookCounts', () => {
  const hooks = (
    type: 'AWS_LAMBDA' | 'PAUSE' | undefined,
    count: number
  ): DeploymentLifecycleHook[] =>
    Array.from({ length: count }, () => ({ targetType: type, lifecycleStages: ['POST_SCALE_UP'] }))

  it('allows ten of each type and names the input that went over', () => {
    expect(() =>
      checkHookCounts('pause-at', [...hooks('PAUSE', 10), ...hooks('AWS_LAMBDA', 10)])
    ).not.toThrow()
    expect(() => checkHookCounts('pause-at', hooks('PAUSE', 11))).toThrow(
      "Input 'pause-at': gives 11 PAUSE hooks; ECS allows at most 10."
    )
  })
  it('counts hooks without a targetType as Lambda hooks', () => {
    expect(() =>
      checkHookCounts('lifecycle-hooks', [...hooks(undefined, 6), ...hooks('AWS_LAMBDA', 5)])
    ).toThrow('gives 11 AWS_LAMBDA hooks')
  })
})
