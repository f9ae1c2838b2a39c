import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs'
import { loadSeed, loadSeedFile, SeedError, seedFilePath, startSimulator } from '../../sim/index.js'
import { ecsClient, FAST_TIMING } from './helpers.js'

const minimal = () => ({
  clusters: ['c'],
  taskDefinitions: [{ family: 'f', containerDefinitions: [{ name: 'app', image: 'app:1' }] }],
  services: [{ name: 's', cluster: 'c', taskDefinition: 'f' }] as Record<string, unknown>[]
})

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecs-sim-seed-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the default seed', () => {
  test('has a service for each situation the action meets', async () => {
    const sim = await startSimulator({ timing: FAST_TIMING })
    const client = ecsClient(sim)
    try {
      const names = [
        'web',
        'api',
        'checkout',
        'catalog',
        'worker',
        'legacy',
        'fresh',
        'guarded',
        'gated',
        'orders'
      ]
      const { services = [], failures } = await client.send(
        new DescribeServicesCommand({ cluster: 'demo', services: names })
      )
      expect(failures).toEqual([])
      const summary = Object.fromEntries(
        services.map(s => [
          s.serviceName,
          [s.deploymentController?.type, s.deploymentConfiguration?.strategy]
        ])
      )
      expect(summary).toEqual({
        web: ['ECS', 'BLUE_GREEN'],
        api: ['ECS', 'BLUE_GREEN'],
        checkout: ['ECS', 'CANARY'],
        catalog: ['ECS', 'LINEAR'],
        worker: ['ECS', 'ROLLING'],
        legacy: ['CODE_DEPLOY', 'ROLLING'],
        fresh: ['ECS', 'BLUE_GREEN'],
        guarded: ['ECS', 'BLUE_GREEN'],
        gated: ['ECS', 'BLUE_GREEN'],
        orders: ['ECS', 'BLUE_GREEN']
      })
      const web = services.find(s => s.serviceName === 'web')
      expect(
        web?.deployments?.[0]?.serviceConnectConfiguration?.services?.[0]?.clientAliases
      ).toEqual([{ port: 80, dnsName: 'web.demo.local' }])
      const api = services.find(s => s.serviceName === 'api')
      expect(api?.loadBalancers?.[0]?.advancedConfiguration?.productionListenerRule).toContain(
        ':listener-rule/app/'
      )
      const guarded = services.find(s => s.serviceName === 'guarded')?.deploymentConfiguration
      expect(guarded?.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true })
      expect(guarded?.alarms?.alarmNames).toEqual(['guarded-5xx', 'guarded-latency'])
      const { taskDefinition } = await client.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: 'web' })
      )
      expect(taskDefinition?.containerDefinitions?.map(c => c.name)).toEqual(['app', 'sidecar'])
      expect(taskDefinition?.containerDefinitions?.[0]?.portMappings?.[0]?.appProtocol).toBe('http')
      const { taskDefinition: orders } = await client.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: 'orders' })
      )
      expect(orders?.containerDefinitions?.[0]?.logConfiguration).toEqual({
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/orders',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'orders'
        }
      })
      expect(sim.listDeployments('fresh')).toEqual([])
      expect(sim.listDeployments('web').map(d => d.status)).toEqual(['SUCCESSFUL'])
    } finally {
      client.destroy()
      await sim.close()
    }
  })
})

test('the default seed chains web → checkout → guarded', async () => {
  const sim = await startSimulator({ timing: FAST_TIMING })
  try {
    expect(sim.routeRequest({ service: 'web' }).map(hop => hop.service)).toEqual([
      'web',
      'checkout',
      'guarded'
    ])
  } finally {
    await sim.close()
  }
})

describe('the chain seed', () => {
  test('calls frontend → orders → payments → ledger, all through Service Connect', async () => {
    const sim = await startSimulator({
      seed: seedFilePath('chain'),
      timing: FAST_TIMING
    })
    try {
      const hops = sim.routeRequest({ service: 'frontend' })
      expect(hops.map(hop => [hop.caller, hop.service])).toEqual([
        [undefined, 'frontend'],
        ['frontend', 'orders'],
        ['orders', 'payments'],
        ['payments', 'ledger']
      ])
      expect(
        hops.map(hop => sim.describeService(hop.service).deploymentConfiguration?.strategy)
      ).toEqual(Array(4).fill('BLUE_GREEN'))
    } finally {
      await sim.close()
    }
  })
})

describe('seeds from objects and files', () => {
  test('an object seed sets region and account', async () => {
    const sim = await startSimulator({
      seed: { ...minimal(), region: 'eu-west-1', accountId: '111122223333' }
    })
    try {
      expect(sim.region).toBe('eu-west-1')
      expect(sim.describeService('s').serviceArn).toBe(
        'arn:aws:ecs:eu-west-1:111122223333:service/c/s'
      )
    } finally {
      await sim.close()
    }
  })

  test('log groups, log knobs and the output of a failing image', () => {
    const seed = loadSeed({
      ...minimal(),
      logGroups: ['/ecs/app'],
      scenario: {
        denyLogReads: true,
        containerLogsExpired: true,
        imageFailures: [{ match: ':crash', kind: 'exit', output: ['boom'] }]
      }
    })
    expect(seed.logGroups).toEqual(['/ecs/app'])
    expect(seed.scenario).toEqual({
      denyLogReads: true,
      containerLogsExpired: true,
      imageFailures: [{ match: ':crash', kind: 'exit', output: ['boom'] }]
    })
  })

  test('a YAML file seed, with a repeated family becoming revision 2', async () => {
    const path = join(dir, 'seed.yaml')
    writeFileSync(
      path,
      [
        'clusters: [c]',
        'taskDefinitions:',
        '  - { family: f, containerDefinitions: [{ name: app, image: "app:1" }] }',
        '  - { family: f, containerDefinitions: [{ name: app, image: "app:2" }] }',
        'services:',
        '  - { name: s, cluster: c, taskDefinition: "f:2", desiredCount: 3 }',
        'scenario:',
        '  lambdas: { "arn:aws:lambda:us-east-1:123456789012:function:x": { result: FAILED, durationMs: 5 } }'
      ].join('\n')
    )
    const seed = loadSeedFile(path)
    expect(seed.logGroups).toEqual([])
    expect(seed.scenario.lambdas).toEqual({
      'arn:aws:lambda:us-east-1:123456789012:function:x': {
        result: 'FAILED',
        durationMs: 5,
        rounds: undefined
      }
    })
    const sim = await startSimulator({ seed: path })
    try {
      expect(sim.describeService('s')).toMatchObject({
        taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/f:2',
        runningCount: 3
      })
    } finally {
      await sim.close()
    }
  })
})

describe('invalid seeds name the field', () => {
  const withService = (service: Record<string, unknown>) => {
    const seed = minimal()
    seed.services = [{ ...seed.services[0], ...service }]
    return seed
  }
  test.each([
    [
      'a negative count',
      withService({ desiredCount: -1 }),
      'services[0].desiredCount must be a non-negative integer'
    ],
    [
      'a misspelt field',
      withService({ desiredcount: 1 }),
      'services[0].desiredcount is not a known field'
    ],
    [
      'an unknown cluster',
      withService({ cluster: 'x' }),
      'services[0].cluster names no cluster of the seed: x'
    ],
    [
      'an unknown task definition',
      withService({ taskDefinition: 'nope' }),
      'services[0].taskDefinition names no task definition of the seed: nope'
    ],
    [
      'a configuration ECS rejects',
      withService({
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          bakeTimeInMinutes: 1,
          lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }]
        }
      }),
      'services[0].deploymentConfiguration is rejected by ECS: Invalid lifecycle stage provided for Pause Hook'
    ],
    [
      'a member of the wrong type, as UpdateService would be refused',
      withService({ deploymentConfiguration: { strategy: 'ROLLING', maximumPercent: '200' } }),
      'services[0] is rejected by ECS: deploymentConfiguration.maximumPercent: STRING_VALUE can not be converted to an Integer'
    ],
    [
      'a task definition number where ECS wants a string',
      { ...minimal(), taskDefinitions: [{ family: 'f', cpu: 256, containerDefinitions: [] }] },
      'taskDefinitions[0] is rejected by ECS: cpu: NUMBER_VALUE can not be converted to a String'
    ],
    [
      'an alarm trigger no alarm watches',
      withService({ triggerAlarm: 'cpu' }),
      'services[0].triggerAlarm is not an enabled alarm of deploymentConfiguration.alarms: cpu'
    ],
    [
      'a task definition without containers',
      { ...minimal(), taskDefinitions: [{ family: 'f', containerDefinitions: [] }] },
      'taskDefinitions[0] is rejected by ECS: Container list cannot be empty.'
    ],
    [
      'an unknown failure kind',
      { ...minimal(), scenario: { imageFailures: [{ match: ':x', kind: 'boom' }] } },
      'scenario.imageFailures[0].kind must be one of pull, exit, oom, unhealthy'
    ],
    [
      'an unknown Lambda result',
      { ...minimal(), scenario: { lambdas: { fn: 'MAYBE' } } },
      'scenario.lambdas.fn must be one of SUCCEEDED, FAILED, IN_PROGRESS, THROW, INVOKE_ERROR'
    ],
    [
      'output that is not text',
      { ...minimal(), scenario: { imageFailures: [{ match: ':x', kind: 'exit', output: [1] }] } },
      'scenario.imageFailures[0].output[0] must be a string'
    ],
    [
      'a log group that is no name',
      { ...minimal(), logGroups: [''] },
      'logGroups[0] must be a non-empty string'
    ],
    ['a short account id', { ...minimal(), accountId: '123' }, 'accountId must be 12 digits'],
    [
      'a service twice',
      { ...minimal(), services: [minimal().services[0], minimal().services[0]] },
      'services names c/s twice'
    ]
  ])('%s', async (_name, seed, message) => {
    const error = await startSimulator({ seed }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SeedError)
    expect((error as Error).message).toContain(`Invalid seed: ${message}`)
  })

  describe('calls', () => {
    const connected = (name: string, calls: string[] = []) => ({
      name,
      cluster: 'c',
      taskDefinition: 'f',
      serviceConnectConfiguration: {
        enabled: true,
        namespace: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1',
        services: [{ portName: 'http', clientAliases: [{ port: 80, dnsName: `${name}.local` }] }]
      },
      calls
    })
    const seedOf = (...services: Record<string, unknown>[]) => ({ ...minimal(), services })
    test.each([
      [
        'a service the cluster does not have',
        seedOf(connected('a', ['b'])),
        'services[0].calls[0] names no service of cluster c: b'
      ],
      [
        'a callee without Service Connect',
        seedOf(connected('a', ['b']), { name: 'b', cluster: 'c', taskDefinition: 'f' }),
        'services[0].calls[0] names b, which has no Service Connect service that clients can call'
      ],
      [
        'a caller without Service Connect',
        seedOf({ name: 'a', cluster: 'c', taskDefinition: 'f', calls: ['b'] }, connected('b')),
        'services[0].calls needs Service Connect enabled on the calling service'
      ],
      [
        'a cycle',
        seedOf(connected('a', ['b']), connected('b', ['c']), connected('c', ['a'])),
        'services calls in a cycle: a → b → c → a'
      ],
      [
        'a flag that is not a boolean',
        seedOf({ ...connected('a'), forwardsTestHeader: 'no' }),
        'services[0].forwardsTestHeader must be true or false'
      ]
    ])('%s', async (_name, seed, message) => {
      const error = await startSimulator({ seed }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SeedError)
      expect((error as Error).message).toContain(`Invalid seed: ${message}`)
    })

    test('are kept in order; a service forwards the test header unless it says not', () => {
      const seed = loadSeed(
        seedOf(
          connected('a', ['c', 'b']),
          { ...connected('b'), forwardsTestHeader: false },
          connected('c')
        )
      )
      expect(seed.services.map(s => [s.name, s.calls, s.forwardsTestHeader])).toEqual([
        ['a', ['c', 'b'], true],
        ['b', [], false],
        ['c', [], true]
      ])
    })
  })

  test('a file that is not YAML says which file', () => {
    const path = join(dir, 'broken.yaml')
    writeFileSync(path, 'clusters: [c\n')
    expect(() => loadSeed(path)).toThrow(`Cannot read seed ${path}`)
    expect(() => loadSeed(join(dir, 'missing.yaml'))).toThrow('Cannot read seed')
  })
})
