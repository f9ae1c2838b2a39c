import { describe, expect, test } from '@jest/globals'
import {
  ContinueServiceDeploymentCommand,
  type ECSClient,
  type ServiceDeployment,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { type Hop, type Simulator, seedFilePath } from '../../sim/index.js'
import { deploy, registerRevision, useSimulator, waitForTerminal } from './helpers.js'

const RELEASED = ['frontend', 'orders', 'payments']
const TAGGED = { name: 'x-canary', value: 'green' }

const pause = {
  targetType: 'PAUSE' as const,
  lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT' as const],
  timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' as const }
}

/**
 * A new revision of the service, with a test traffic rule on its alias (when a header is given)
 * and a pause after the test traffic shift, as the action configures a release.
 */
async function releaseToPause(
  sim: Simulator,
  client: ECSClient,
  service: string,
  header?: { name: string; value: string }
): Promise<ServiceDeployment> {
  const taskDefinition = await registerRevision(client, service)
  const testTrafficRules = header && {
    header: { name: header.name, value: { exact: header.value } }
  }
  const { service: updated } = await client.send(
    new UpdateServiceCommand({
      cluster: 'shop',
      service,
      taskDefinition,
      serviceConnectConfiguration: {
        enabled: true,
        namespace: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-shop0example0001',
        services: [
          {
            portName: 'http',
            discoveryName: service,
            clientAliases: [
              {
                port: 80,
                dnsName: `${service}.shop.local`,
                ...(testTrafficRules && { testTrafficRules })
              }
            ]
          }
        ]
      },
      deploymentConfiguration: { lifecycleHooks: [pause] }
    })
  )
  const arn = updated?.currentServiceDeployment
  return sim.waitForDeployment(
    d =>
      d.serviceDeploymentArn === arn &&
      (d.lifecycleHookDetails ?? []).some(hook => hook.status === 'AWAITING_ACTION')
  )
}

/** Per hop: service, route, and the role and ARN of each revision with its weight. */
const summary = (hops: Hop[]) =>
  hops.map(hop => ({
    service: hop.service,
    route: hop.route,
    header: hop.header?.name,
    serves: hop.revisions.map(r => `${r.role} ${r.weight}`).join(', ')
  }))

describe('a chain released together, each held at its test traffic pause', () => {
  let sim: Simulator
  let client: ECSClient
  useSimulator(s => ({ sim, client } = s), { seed: seedFilePath('chain') })
  const paused = new Map<string, ServiceDeployment>()
  const green = (service: string) => paused.get(service)?.targetServiceRevision?.arn
  const blue = (service: string) => paused.get(service)?.sourceServiceRevisions?.[0]?.arn
  const primary = (service: string) => sim.describeService(service, 'shop').deployments?.[0]

  test('a tagged request reaches green at every released hop, and ledger serves its one revision', async () => {
    for (const service of RELEASED)
      paused.set(service, await releaseToPause(sim, client, service, TAGGED))
    const hops = sim.routeRequest({ service: 'frontend', cluster: 'shop', header: TAGGED })
    expect(summary(hops)).toEqual([
      { service: 'frontend', route: 'test', header: 'x-canary', serves: 'green 100' },
      { service: 'orders', route: 'test', header: 'x-canary', serves: 'green 100' },
      { service: 'payments', route: 'test', header: 'x-canary', serves: 'green 100' },
      { service: 'ledger', route: 'production', header: 'x-canary', serves: 'stable 100' }
    ])
    expect(hops.map(hop => hop.revisions[0]?.arn)).toEqual([
      ...RELEASED.map(green),
      sim.listDeployments('ledger', 'shop')[0]?.targetServiceRevision?.arn
    ])
    expect(hops.map(hop => hop.caller)).toEqual([undefined, 'frontend', 'orders', 'payments'])
    expect(hops[1]?.revisions[0]?.taskDefinitionArn).toBe(primary('orders')?.taskDefinition)
  })

  test('an untagged request stays on blue at every hop', () => {
    const hops = sim.routeRequest({ service: 'frontend', cluster: 'shop' })
    expect(summary(hops)).toEqual([
      { service: 'frontend', route: 'production', header: undefined, serves: 'blue 100' },
      { service: 'orders', route: 'production', header: undefined, serves: 'blue 100' },
      { service: 'payments', route: 'production', header: undefined, serves: 'blue 100' },
      { service: 'ledger', route: 'production', header: undefined, serves: 'stable 100' }
    ])
    expect(hops.slice(0, 3).map(hop => hop.revisions[0]?.arn)).toEqual(RELEASED.map(blue))
  })

  test('a header with another value is production traffic; the name matches in any case', () => {
    const mismatched = sim.routeRequest({
      service: 'frontend',
      header: { name: 'x-canary', value: 'blue' }
    })
    expect(mismatched.map(hop => hop.route)).toEqual(Array(4).fill('production'))
    expect(mismatched.slice(0, 3).map(hop => hop.revisions[0]?.arn)).toEqual(RELEASED.map(blue))
    const capitalised = sim.routeRequest({
      service: 'frontend',
      header: { name: 'X-Canary', value: 'green' }
    })
    expect(capitalised.slice(0, 3).map(hop => hop.revisions[0]?.arn)).toEqual(RELEASED.map(green))
  })

  test('when the middle service does not forward the header, the request falls back to blue after it', () => {
    sim.setForwardsTestHeader('orders', false, 'shop')
    try {
      const hops = sim.routeRequest({ service: 'frontend', cluster: 'shop', header: TAGGED })
      expect(summary(hops)).toEqual([
        { service: 'frontend', route: 'test', header: 'x-canary', serves: 'green 100' },
        { service: 'orders', route: 'test', header: 'x-canary', serves: 'green 100' },
        { service: 'payments', route: 'production', header: undefined, serves: 'blue 100' },
        { service: 'ledger', route: 'production', header: undefined, serves: 'stable 100' }
      ])
      expect(hops[1]?.forwardsTestHeader).toBe(false)
      expect(hops[2]?.revisions[0]?.arn).toBe(blue('payments'))
    } finally {
      sim.setForwardsTestHeader('orders', true, 'shop')
    }
  })

  test('a request entering mid-chain starts there', () => {
    const hops = sim.routeRequest({ service: 'payments', header: TAGGED })
    expect(summary(hops).map(hop => `${hop.service} ${hop.serves}`)).toEqual([
      'payments green 100',
      'ledger stable 100'
    ])
  })

  test('after every service is promoted, tagged and untagged requests meet the new revisions', async () => {
    // Callee first, as the action promotes a chain.
    for (const service of [...RELEASED].reverse()) {
      const deployment = paused.get(service)
      const hookId = deployment?.lifecycleHookDetails?.find(
        h => h.status === 'AWAITING_ACTION'
      )?.hookId
      await client.send(
        new ContinueServiceDeploymentCommand({
          serviceDeploymentArn: deployment?.serviceDeploymentArn,
          hookId,
          action: 'CONTINUE'
        })
      )
      const done = await waitForTerminal(sim, deployment?.serviceDeploymentArn ?? '')
      expect(done.status).toBe('SUCCESSFUL')
    }
    for (const header of [TAGGED, undefined]) {
      const hops = sim.routeRequest({ service: 'frontend', header })
      expect(hops.map(hop => `${hop.route} ${hop.revisions.map(r => r.role).join()}`)).toEqual(
        Array(4).fill('production stable')
      )
      expect(hops.slice(0, 3).map(hop => hop.revisions[0]?.arn)).toEqual(RELEASED.map(green))
    }
  })

  test('without a test traffic rule, the default header by presence is test traffic', async () => {
    const ledger = await releaseToPause(sim, client, 'ledger')
    const hops = sim.routeRequest({
      service: 'ledger',
      header: { name: 'x-amzn-ecs-blue-green-test', value: 'anything' }
    })
    expect(hops[0]?.route).toBe('test')
    expect(hops[0]?.revisions[0]?.arn).toBe(ledger.targetServiceRevision?.arn)
    expect(sim.routeRequest({ service: 'ledger', header: TAGGED })[0]?.route).toBe('production')
  })

  test('an unknown entry service is not found', () => {
    expect(() => sim.routeRequest({ service: 'nowhere', cluster: 'shop' })).toThrow(
      'Service not found.'
    )
  })
})

describe('routes follow the weights of the deployment under way', () => {
  let sim: Simulator
  let client: ECSClient
  useSimulator(s => ({ sim, client } = s))

  test('at a canary step, production traffic splits and test traffic goes to green', async () => {
    const arn = await deploy(client, 'checkout')
    const atStep = await sim.waitForDeployment(
      d =>
        d.serviceDeploymentArn === arn &&
        d.status === 'IN_PROGRESS' &&
        d.targetServiceRevision?.requestedProductionTrafficWeight === 20
    )
    sim.holdTimers()
    try {
      const production = sim.routeRequest({ service: 'checkout' })[0]
      expect(production?.revisions.map(r => [r.role, r.weight, r.arn])).toEqual([
        ['blue', 80, atStep.sourceServiceRevisions?.[0]?.arn],
        ['green', 20, atStep.targetServiceRevision?.arn]
      ])
      const test = sim.routeRequest({
        service: 'checkout',
        header: { name: 'x-amzn-ecs-bluegreen-test', value: 'test' }
      })[0]
      expect(test?.route).toBe('test')
      expect(test?.revisions.map(r => [r.role, r.weight])).toEqual([['green', 100]])
    } finally {
      sim.releaseTimers()
    }
    await waitForTerminal(sim, arn)
  })

  test('before the test traffic shift, the test route still leads to blue', async () => {
    sim.holdTimers()
    try {
      const arn = await deploy(client, 'checkout')
      const [hop] = sim.routeRequest({
        service: 'checkout',
        header: { name: 'x-amzn-ecs-bluegreen-test', value: 'test' }
      })
      expect(sim.describeDeployment(arn).status).toBe('PENDING')
      expect(hop?.revisions.map(r => [r.role, r.weight])).toEqual([['blue', 100]])
    } finally {
      sim.releaseTimers()
    }
  })

  test('a rollback takes test traffic back to blue', async () => {
    const arn = await deploy(client, 'checkout')
    await sim.waitForDeployment(
      d =>
        d.serviceDeploymentArn === arn &&
        d.targetServiceRevision?.requestedTestTrafficWeight === 100
    )
    await client.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })
    )
    const rolling = await sim.waitForDeployment(
      d => d.serviceDeploymentArn === arn && d.status === 'ROLLBACK_IN_PROGRESS'
    )
    const tagged = {
      service: 'checkout',
      header: { name: 'x-amzn-ecs-bluegreen-test', value: 'test' }
    }
    expect(sim.routeRequest(tagged)[0]?.revisions.map(r => [r.role, r.arn])).toEqual([
      ['blue', rolling.sourceServiceRevisions?.[0]?.arn]
    ])
    await waitForTerminal(sim, arn)
    expect(sim.routeRequest(tagged)[0]?.revisions.map(r => [r.role, r.arn])).toEqual([
      ['stable', rolling.sourceServiceRevisions?.[0]?.arn]
    ])
  })

  test('a service reached only through a load balancer is refused, naming it', () => {
    expect(() => sim.routeRequest({ service: 'api' })).toThrow(
      'demo/api has no Service Connect service that clients can call'
    )
  })
})

describe('a rolling deployment', () => {
  let sim: Simulator
  let client: ECSClient
  useSimulator(s => ({ sim, client } = s), {
    seed: {
      clusters: ['c'],
      taskDefinitions: [{ family: 'f', containerDefinitions: [{ name: 'app', image: 'app:1' }] }],
      services: [
        {
          name: 'rolling',
          cluster: 'c',
          taskDefinition: 'f',
          serviceConnectConfiguration: {
            enabled: true,
            namespace: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1',
            services: [{ portName: 'http', clientAliases: [{ port: 80 }] }]
          }
        }
      ]
    }
  })

  test('has no test route: the default header changes nothing', async () => {
    sim.holdTimers()
    try {
      await deploy(client, 'rolling', { family: 'f', cluster: 'c' })
      const [hop] = sim.routeRequest({
        service: 'rolling',
        header: { name: 'x-amzn-ecs-blue-green-test', value: '1' }
      })
      expect(hop?.route).toBe('production')
      expect(hop?.revisions.map(r => r.role)).toEqual(['blue'])
    } finally {
      sim.releaseTimers()
    }
  })
})
