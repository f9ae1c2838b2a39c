import { beforeAll, describe, expect, it } from '@jest/globals'
import type { DeploymentLifecycleHook, ServiceConnectConfiguration } from '@aws-sdk/client-ecs'
import { planServiceUpdate, withPauseHooks } from '../../src/plan/service-update.js'
import { getInputs } from '../../src/inputs/inputs.js'
import { loadStructuredTextParser } from '../../src/inputs/structured-text.js'
import { inputReader } from '../support/command-context.js'
import { inputMemberShape, sampleOf } from '../support/api-sample.js'
import { albService, serviceConnectService, updatedService } from '../support/ecs-fixtures.js'

const plan = (given: Record<string, string>, service = serviceConnectService()) =>
  planServiceUpdate(service, getInputs(inputReader({ service: 'web', cluster: 'demo', ...given })))

const smokeHook: DeploymentLifecycleHook = {
  targetType: 'AWS_LAMBDA',
  hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:smoke',
  roleArn: 'arn:aws:iam::123456789012:role/hooks',
  lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT']
}

beforeAll(loadStructuredTextParser)

describe('planServiceUpdate', () => {
  it('switches a rolling service to CANARY keeping its other settings', () => {
    const service = serviceConnectService({
      deploymentConfiguration: {
        strategy: 'ROLLING',
        maximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true }
      }
    })
    const { update, strategy } = plan(
      { strategy: 'CANARY', 'canary-percent': '10', 'canary-bake-time': '5', 'bake-time': '15' },
      service
    )
    expect(strategy).toBe('CANARY')
    expect(update.deploymentConfiguration).toEqual({
      strategy: 'CANARY',
      maximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      bakeTimeInMinutes: 15,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 }
    })
  })

  it('changes one linear setting and keeps the other', () => {
    const service = serviceConnectService({
      deploymentConfiguration: {
        strategy: 'LINEAR',
        linearConfiguration: { stepPercent: 20, stepBakeTimeInMinutes: 3 }
      }
    })
    expect(
      plan({ 'linear-step-bake-time': '0' }, service).update.deploymentConfiguration
        ?.linearConfiguration
    ).toEqual({
      stepPercent: 20,
      stepBakeTimeInMinutes: 0
    })
  })

  it('replaces the hooks with lifecycle-hooks and adds pauses on top', () => {
    const service = serviceConnectService({
      deploymentConfiguration: {
        strategy: 'BLUE_GREEN',
        lifecycleHooks: [
          { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT'] }
        ]
      }
    })
    const kept = plan({ 'pause-at': 'POST_TEST_TRAFFIC_SHIFT' }, service)
    expect(kept.hooks).toEqual([
      { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] },
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 1440, action: 'ROLLBACK' }
      }
    ])
    const replaced = plan({ 'lifecycle-hooks': JSON.stringify([smokeHook]) }, service)
    expect(replaced.hooks).toEqual([smokeHook])
  })

  it('sets the test header on every client alias of every Service Connect service', () => {
    const service = serviceConnectService()
    service.deployments![0]!.serviceConnectConfiguration!.services!.push({
      portName: 'grpc',
      clientAliases: [{ port: 9090, dnsName: 'web-grpc' }]
    })
    const sc = plan({ 'test-traffic-header': 'x-test=1' }, service).update
      .serviceConnectConfiguration
    const rules = sc?.services?.flatMap(entry =>
      entry.clientAliases?.map(alias => alias.testTrafficRules)
    )
    expect(rules).toEqual([
      { header: { name: 'x-test', value: { exact: '1' } } },
      { header: { name: 'x-test', value: { exact: '1' } } }
    ])
    expect(sc).toMatchObject({ enabled: true, namespace: 'demo' })
  })

  it('keeps every member of the Service Connect configuration it re-sends, known to the action or not', () => {
    // Every member the SDK models (timeouts, TLS, logs, access logs, containerConfigurations…)
    // and one it does not.
    const configuration = sampleOf(
      inputMemberShape('UpdateService', 'serviceConnectConfiguration')
    ) as ServiceConnectConfiguration & { futureMember?: string }
    configuration.futureMember = 'kept'
    const service = serviceConnectService()
    service.deployments![0]!.serviceConnectConfiguration = structuredClone(configuration)
    const sent = plan({ 'test-traffic-header': 'x-canary: 1' }, service).update
      .serviceConnectConfiguration
    const rules = { header: { name: 'x-canary', value: { exact: '1' } } }
    expect(sent).toEqual({
      ...configuration,
      services: configuration.services?.map(entry => ({
        ...entry,
        clientAliases: entry.clientAliases?.map(alias => ({ ...alias, testTrafficRules: rules }))
      }))
    })
    expect(JSON.stringify(sent)).toContain('tls')
  })

  it('sends only the settings of the strategy it switches to', () => {
    const linear = serviceConnectService({
      deploymentConfiguration: {
        strategy: 'LINEAR',
        bakeTimeInMinutes: 3,
        linearConfiguration: { stepPercent: 20, stepBakeTimeInMinutes: 2 },
        deploymentCircuitBreaker: { enable: true, rollback: true }
      }
    })
    expect(plan({ strategy: 'CANARY' }, linear).update.deploymentConfiguration).toEqual({
      strategy: 'CANARY',
      bakeTimeInMinutes: 3,
      deploymentCircuitBreaker: { enable: true, rollback: true }
    })
    const rolling = serviceConnectService({
      deploymentConfiguration: {
        strategy: 'ROLLING',
        earlySuccessCriteria: { enable: true, healthyPercent: 100 },
        maximumPercent: 200
      }
    })
    expect(
      plan({ strategy: 'BLUE_GREEN', 'bake-time': '0' }, rolling).update.deploymentConfiguration
    ).toEqual({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, maximumPercent: 200 })
  })

  it('refuses a switch to BLUE_GREEN that would leave it without the bake time ECS requires', () => {
    const rolling = serviceConnectService({ deploymentConfiguration: { strategy: 'ROLLING' } })
    expect(() => plan({ strategy: 'BLUE_GREEN' }, rolling)).toThrow(
      "Input 'bake-time': is needed to switch service 'web' from ROLLING to BLUE_GREEN: ECS requires a bake time"
    )
    const canary = serviceConnectService({
      deploymentConfiguration: { strategy: 'CANARY', bakeTimeInMinutes: 4 }
    })
    expect(plan({ strategy: 'BLUE_GREEN' }, canary).update.deploymentConfiguration).toEqual({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 4
    })
  })

  it('refuses a strategy switch while another deployment is under way, saying how to prepare', () => {
    const underWay = updatedService()
    underWay.deploymentConfiguration = { strategy: 'ROLLING' }
    expect(() => plan({ strategy: 'CANARY', 'bake-time': '1' }, underWay)).toThrow(
      /^Input 'strategy': switching service 'web' from ROLLING to CANARY needs its current deployments to have completed, and deployment ecs-svc\/1234567890123456789 is under way\. Wait for it to end, then release again\. Before the switch, a service behind a load balancer needs its advancedConfiguration .*one rolling deployment .*update-rolling-to-bluegreen\.html\.$/
    )
    // Without a switch, a release supersedes the deployment under way, as ECS does.
    const blueGreen = updatedService()
    expect(plan({}, blueGreen).strategy).toBe('BLUE_GREEN')
  })

  it('knows the least time of the deployment and waits an hour longer by default', () => {
    const service = albService({
      deploymentConfiguration: { strategy: 'LINEAR', bakeTimeInMinutes: 10 }
    })
    const planned = plan({}, service)
    expect(planned.least).toEqual({
      minutes: 64,
      parts: ['9 linear step bakes × 6 min', 'bake time 10 min']
    })
    expect(planned.timeoutMinutes).toBe(124)
    expect(plan({ timeout: '90' }, service).timeoutMinutes).toBe(90)
    expect(() => plan({ timeout: '60' }, service)).toThrow(
      "Input 'timeout': 60 minutes is less than the least time this deployment takes, 64 minutes"
    )
    // The configuration the release sends counts, not the one the service has now.
    expect(plan({ 'bake-time': '0', timeout: '60' }, service).least.minutes).toBe(54)
  })

  it('never sends load balancers and needs their advanced configuration to switch strategy', () => {
    expect(plan({}, albService()).update).toEqual({ cluster: 'demo', service: 'web' })
    const bare = albService({ deploymentConfiguration: { strategy: 'ROLLING' } })
    delete bare.loadBalancers![0]!.advancedConfiguration
    expect(() => plan({ strategy: 'BLUE_GREEN' }, bare)).toThrow(/no advancedConfiguration/)
  })

  it('counts hooks after merging', () => {
    const service = serviceConnectService({
      deploymentConfiguration: {
        strategy: 'BLUE_GREEN',
        lifecycleHooks: Array.from({ length: 10 }, () => ({
          targetType: 'PAUSE' as const,
          lifecycleStages: ['POST_SCALE_UP' as const]
        }))
      }
    })
    expect(() => plan({ 'pause-at': 'POST_TEST_TRAFFIC_SHIFT' }, service)).toThrow(
      "Input 'pause-at': gives 11 PAUSE hooks"
    )
  })

  it('accepts wait-until paused when the service already has a pause', () => {
    const service = serviceConnectService({
      deploymentConfiguration: {
        strategy: 'BLUE_GREEN',
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }]
      }
    })
    expect(plan({ 'wait-until': 'paused' }, service).update.deploymentConfiguration).toBeUndefined()
  })

  it('rejects an EXTERNAL controller', () => {
    expect(() =>
      plan({}, serviceConnectService({ deploymentController: { type: 'EXTERNAL' } }))
    ).toThrow('EXTERNAL deployment controller')
  })
})

describe('planServiceUpdate and the service settings it changes', () => {
  const pauseHook: DeploymentLifecycleHook = {
    targetType: 'PAUSE',
    lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
    timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' }
  }
  const hooked = () =>
    serviceConnectService({
      deploymentConfiguration: {
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 5,
        lifecycleHooks: [smokeHook, pauseHook]
      }
    })

  it('sends no configuration when the inputs repeat what the service has', () => {
    const { update, settingChanges } = plan({ strategy: 'BLUE_GREEN', 'bake-time': '5' })
    expect(update).toEqual({ cluster: 'demo', service: 'web' })
    expect(settingChanges).toEqual([])
  })

  it('with task-definition-only, refuses any settings change and names it', () => {
    expect(() => plan({ 'bake-time': '10', 'task-definition-only': 'true' })).toThrow(
      "Input 'task-definition-only': is true, and this release would change settings of service 'web': Bake time 5 min → 10 min (bake-time)."
    )
    expect(plan({ 'bake-time': '5', 'task-definition-only': 'true' }).settingChanges).toEqual([])
  })

  it('removes the pauses with pause-at: none and keeps the Lambda hooks', () => {
    const { update, settingChanges, warnings } = plan({ 'pause-at': 'none' }, hooked())
    expect(update.deploymentConfiguration?.lifecycleHooks).toEqual([smokeHook])
    expect(settingChanges.map(change => change.setting)).toEqual(['Pauses'])
    expect(warnings).toEqual([])
  })

  it('warns about pauses the service keeps when the release did not ask for them', () => {
    expect(plan({}, hooked()).warnings).toEqual([
      expect.stringContaining('Service web pauses at POST_TEST_TRAFFIC_SHIFT')
    ])
  })

  it('does not warn about a pause lifecycle-hooks lists itself', () => {
    const listed = JSON.stringify([smokeHook, pauseHook])
    expect(plan({ 'lifecycle-hooks': listed }, hooked()).warnings).toEqual([])
  })

  it('warns by name about a Lambda hook lifecycle-hooks leaves out', () => {
    const { warnings } = plan({ 'lifecycle-hooks': '[]' }, hooked())
    expect(warnings).toEqual([
      `lifecycle-hooks leaves out the Lambda hook smoke at POST_TEST_TRAFFIC_SHIFT (${smokeHook.hookTargetArn}) that service 'web' runs today: ` +
        'this release removes it from the service. List it in lifecycle-hooks to keep it; to remove only pauses, set pause-at: none instead.'
    ])
  })
})

describe('withPauseHooks', () => {
  const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test'
  const ROLE = 'arn:aws:iam::123456789012:role/ecs-lifecycle-hooks'
  const smoke: DeploymentLifecycleHook = {
    targetType: 'AWS_LAMBDA',
    hookTargetArn: FUNCTION,
    roleArn: ROLE,
    lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT']
  }
  const approve: DeploymentLifecycleHook = {
    targetType: 'PAUSE',
    lifecycleStages: ['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT'],
    timeoutConfiguration: { timeoutInMinutes: 60, action: 'CONTINUE' }
  }

  it('adds one PAUSE hook per stage with the pause timeout and action', () => {
    expect(
      withPauseHooks(
        [smoke],
        ['POST_TEST_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'],
        120,
        'ROLLBACK'
      )
    ).toEqual([
      smoke,
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 120, action: 'ROLLBACK' }
      },
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 120, action: 'ROLLBACK' }
      }
    ])
  })

  it('takes the stage from a PAUSE hook already there, keeping its other stages', () => {
    const result = withPauseHooks([approve, smoke], ['POST_TEST_TRAFFIC_SHIFT'], 30, 'CONTINUE')
    expect(result).toEqual([
      { ...approve, lifecycleStages: ['POST_SCALE_UP'] },
      smoke,
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 30, action: 'CONTINUE' }
      }
    ])
    expect(approve.lifecycleStages).toEqual(['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT'])
  })

  it('drops a PAUSE hook left without stages; Lambda hooks at the stage stay', () => {
    const result = withPauseHooks(
      [approve, smoke],
      ['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT'],
      5,
      'ROLLBACK'
    )
    expect(result.filter(hook => hook.targetType === 'PAUSE')).toHaveLength(2)
    expect(result).toContainEqual(smoke)
    expect(result.map(hook => hook.lifecycleStages)).toEqual([
      ['POST_TEST_TRAFFIC_SHIFT'],
      ['POST_SCALE_UP'],
      ['POST_TEST_TRAFFIC_SHIFT']
    ])
  })

  it('returns the hooks unchanged without pause-at stages', () => {
    expect(withPauseHooks([approve, smoke], [], 5, 'ROLLBACK')).toEqual([approve, smoke])
    expect(withPauseHooks([], ['PRE_SCALE_UP'], 5, 'ROLLBACK')).toEqual([
      {
        targetType: 'PAUSE',
        lifecycleStages: ['PRE_SCALE_UP'],
        timeoutConfiguration: { timeoutInMinutes: 5, action: 'ROLLBACK' }
      }
    ])
  })
})
