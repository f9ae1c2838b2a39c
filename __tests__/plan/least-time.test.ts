import { describe, expect, it } from '@jest/globals'
import type { DeploymentConfiguration } from '@aws-sdk/client-ecs'
import {
  behindNetworkLoadBalancer,
  defaultTimeout,
  describeLeastTime,
  leastDeploymentTime,
  linearSteps,
  timeoutFor
} from '../../src/plan/least-time.js'
import { albService } from '../support/ecs-fixtures.js'

const least = (configuration: DeploymentConfiguration, nlb = false) =>
  leastDeploymentTime(configuration, nlb)

describe('leastDeploymentTime', () => {
  it('is the bake time of a BLUE_GREEN deployment', () => {
    expect(least({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 15 })).toEqual({
      minutes: 15,
      parts: ['bake time 15 min']
    })
    expect(least({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 })).toEqual({
      minutes: 0,
      parts: []
    })
  })

  it("takes ECS's canary and linear defaults, and skips the last linear step's bake", () => {
    // 10 % steps: ten shifts, nine bakes of 6 minutes between them.
    expect(least({ strategy: 'LINEAR' })).toEqual({
      minutes: 54,
      parts: ['9 linear step bakes × 6 min']
    })
    expect(least({ strategy: 'CANARY', bakeTimeInMinutes: 5 })).toEqual({
      minutes: 15,
      parts: ['canary bake 10 min', 'bake time 5 min']
    })
  })

  it('adds the Network Load Balancer delay at the test shift and at every production shift', () => {
    const linear: DeploymentConfiguration = {
      strategy: 'LINEAR',
      bakeTimeInMinutes: 1,
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 }
    }
    expect(least(linear, true)).toEqual({
      minutes: 3 * 2 + 1 + 5 * 10,
      parts: [
        '3 linear step bakes × 2 min',
        'bake time 1 min',
        '5 Network Load Balancer delays × 10 min'
      ]
    })
    expect(least({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 }, true).minutes).toBe(20)
  })

  it('counts a last linear step smaller than the others', () => {
    expect(linearSteps(10)).toBe(10)
    expect(linearSteps(3)).toBe(34)
    expect(linearSteps(33.3)).toBe(4)
    expect(linearSteps(100)).toBe(1)
  })
})

describe('timeoutFor', () => {
  const linear = least({ strategy: 'LINEAR' })
  const complete = { kind: 'complete' } as const

  it('defaults to the least time plus an hour, within the input’s bounds', () => {
    expect(timeoutFor(linear, { waitUntil: complete })).toBe(114)
    expect(defaultTimeout({ minutes: 50_000, parts: [] })).toBe(43200)
  })

  it('refuses a timeout that cannot see the release complete, naming the minimum', () => {
    expect(() => timeoutFor(linear, { timeout: 30, waitUntil: complete })).toThrow(
      "Input 'timeout': 30 minutes is less than the least time this deployment takes, 54 minutes (9 linear step bakes × 6 min): give at least 54, or leave timeout empty to wait 114 minutes."
    )
    expect(timeoutFor(linear, { timeout: 54, waitUntil: complete })).toBe(54)
  })

  it('takes any timeout when the step ends before the deployment does', () => {
    expect(timeoutFor(linear, { timeout: 5, waitUntil: { kind: 'paused' } })).toBe(5)
    expect(
      timeoutFor(linear, { timeout: 5, waitUntil: { kind: 'stage', stage: 'BAKE_TIME' } })
    ).toBe(5)
  })
})

describe('behindNetworkLoadBalancer', () => {
  it('tells a Network Load Balancer by its listener, an Application Load Balancer by its rule', () => {
    const alb = albService()
    expect(behindNetworkLoadBalancer(alb)).toBe(false)
    const nlb = albService()
    nlb.loadBalancers![0]!.advancedConfiguration!.productionListenerRule =
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/demo-nlb/50dc6c495c0c9188/f2f7dc8efc522ab2'
    expect(behindNetworkLoadBalancer(nlb)).toBe(true)
    expect(behindNetworkLoadBalancer({})).toBe(false)
  })
})

describe('describeLeastTime', () => {
  it('adds up the parts', () => {
    expect(describeLeastTime(least({ strategy: 'CANARY', bakeTimeInMinutes: 1 }))).toBe(
      '11 minutes (canary bake 10 min + bake time 1 min)'
    )
    expect(describeLeastTime({ minutes: 1, parts: [] })).toBe('1 minute')
  })
})
