import { describe, expect, it } from '@jest/globals'
import { checkChainRoutes } from '../../src/commands/chain-routes.js'
import { pausedRelease } from '../report/fixtures.js'
import { albService, serviceConnectService } from '../support/ecs-fixtures.js'

const route = (header: string, value = 'green') => ({ header, value, endpoints: [] })
/** Behind an ALB whose blue/green configuration has a test listener rule. */
function withTestListener() {
  const service = albService()
  for (const balancer of service.loadBalancers ?? []) {
    if (balancer.advancedConfiguration)
      balancer.advancedConfiguration.testListenerRule =
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/lb/1/2/4'
  }
  return service
}
const hop = (service: string, testTraffic?: ReturnType<typeof route>, alb = false) => ({
  release: pausedRelease({ service, testTraffic }),
  service: alb ? withTestListener() : serviceConnectService()
})

describe('the test routes of a chain', () => {
  it('accepts one header for every Service Connect service, and a load balancer test listener', () => {
    expect(() =>
      checkChainRoutes([
        hop('gateway', undefined, true),
        hop('orders', route('x-canary')),
        hop('payments', route('X-Canary'))
      ])
    ).not.toThrow()
  })

  it('takes ECS’s default header for Service Connect services without a rule, when all use it', () => {
    const hops = [hop('gateway', undefined, true), hop('orders'), hop('payments')]
    checkChainRoutes(hops)
    expect(hops.map(({ release }) => release.testTraffic?.header)).toEqual([
      undefined,
      'x-amzn-ecs-blue-green-test',
      'x-amzn-ecs-blue-green-test'
    ])
    // ECS does not document the value its default header must carry.
    expect(hops[1]?.release.testTraffic?.value).toBeUndefined()
  })

  it('refuses ECS’s default header in some services and a rule in others', () => {
    expect(() => checkChainRoutes([hop('gateway', route('x-canary')), hop('orders')])).toThrow(
      "orders (prod) routes test traffic by 'x-amzn-ecs-blue-green-test (ECS's default; its match value is not documented)', " +
        "gateway (prod) by 'x-canary: green': one release needs one test header"
    )
  })

  it('refuses a service with no test route', () => {
    const noTestListener = { release: pausedRelease({ service: 'edge' }), service: albService() }
    expect(() => checkChainRoutes([noTestListener])).toThrow('edge (prod) has no test route')
  })

  it('refuses two headers, or two values, in one release', () => {
    expect(() =>
      checkChainRoutes([hop('a', route('x-canary')), hop('b', route('x-lane'))])
    ).toThrow("b (prod) routes test traffic by 'x-lane: green', a (prod) by 'x-canary: green'")
    expect(() =>
      checkChainRoutes([hop('a', route('x-canary')), hop('b', route('x-canary', 'blue'))])
    ).toThrow('one release needs one test header')
  })

  it('refuses a header name that proxies drop', () => {
    expect(() => checkChainRoutes([hop('a', route('x_canary'))])).toThrow(
      "the test header 'x_canary' of a (prod) has an underscore"
    )
  })
})
