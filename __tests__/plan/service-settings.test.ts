import { describe, expect, it } from '@jest/globals'
import type { DeploymentLifecycleHook } from '@aws-sdk/client-ecs'
import {
  describeHook,
  describeSettingChanges,
  settingChanges
} from '../../src/plan/service-settings.js'

const lambda: DeploymentLifecycleHook = {
  targetType: 'AWS_LAMBDA',
  hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:smoke',
  roleArn: 'arn:aws:iam::123456789012:role/hooks',
  lifecycleStages: ['PRE_SCALE_UP']
}
const pause: DeploymentLifecycleHook = {
  targetType: 'PAUSE',
  lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
  timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' }
}

describe('settingChanges', () => {
  it('names each changed setting, before → after, with the input given for it', () => {
    const changes = settingChanges(
      { deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 } },
      {
        deploymentConfiguration: {
          strategy: 'CANARY',
          bakeTimeInMinutes: 5,
          canaryConfiguration: { canaryPercent: 20 }
        }
      },
      { strategy: true, 'canary-percent': true }
    )
    expect(changes).toEqual([
      { setting: 'Strategy', before: 'BLUE_GREEN', after: 'CANARY', input: 'strategy' },
      { setting: 'Canary', before: '—', after: '20 %, then 10 min', input: 'canary-percent' }
    ])
  })

  it('takes what ECS fills in with its defaults as the defaults spelt out', () => {
    const spelt: DeploymentLifecycleHook = {
      ...lambda,
      timeoutConfiguration: { timeoutInMinutes: 1440, action: 'ROLLBACK' }
    }
    expect(
      settingChanges(
        {
          deploymentConfiguration: {
            strategy: 'LINEAR',
            linearConfiguration: {},
            lifecycleHooks: [lambda]
          }
        },
        {
          deploymentConfiguration: {
            strategy: 'LINEAR',
            linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: 6 },
            lifecycleHooks: [spelt]
          }
        },
        {}
      )
    ).toEqual([])
  })

  it('tells pauses from Lambda hooks, so removing pauses shows as that alone', () => {
    const changes = settingChanges(
      { deploymentConfiguration: { strategy: 'BLUE_GREEN', lifecycleHooks: [lambda, pause] } },
      { deploymentConfiguration: { strategy: 'BLUE_GREEN', lifecycleHooks: [lambda] } },
      { 'pause-at': true }
    )
    expect(changes).toEqual([
      {
        setting: 'Pauses',
        before: 'POST_TEST_TRAFFIC_SHIFT (60 min, then ROLLBACK)',
        after: '—',
        input: 'pause-at'
      }
    ])
  })

  it('sees a new Service Connect test traffic rule', () => {
    const rule = (value: string) => ({
      enabled: true,
      services: [
        {
          portName: 'http',
          clientAliases: [
            {
              port: 80,
              testTrafficRules: { header: { name: 'x-canary', value: { exact: value } } }
            }
          ]
        }
      ]
    })
    expect(
      settingChanges(
        { serviceConnectConfiguration: rule('1') },
        { serviceConnectConfiguration: rule('2') },
        { 'test-traffic-header': true }
      )
    ).toEqual([
      {
        setting: 'Test traffic rule',
        before: 'x-canary: 1',
        after: 'x-canary: 2',
        input: 'test-traffic-header'
      }
    ])
  })
})

describe('describeHook and describeSettingChanges', () => {
  it('read as the log says them', () => {
    expect(describeHook(lambda)).toBe('smoke at PRE_SCALE_UP')
    expect(describeHook(pause)).toBe('POST_TEST_TRAFFIC_SHIFT (60 min, then ROLLBACK)')
    expect(
      describeSettingChanges([
        { setting: 'Bake time', before: '—', after: '10 min', input: 'bake-time' },
        { setting: 'Strategy', before: 'ROLLING', after: 'BLUE_GREEN', input: 'strategy' }
      ])
    ).toBe('Bake time — → 10 min (bake-time); Strategy ROLLING → BLUE_GREEN (strategy)')
  })
})
