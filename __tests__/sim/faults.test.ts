import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { ecsClient, registerRevision, startTestSimulator } from './helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>

beforeAll(async () => {
  sim = await startTestSimulator({ randomSeed: 1234 })
  client = ecsClient(sim)
})
afterEach(() => sim.setFaults({}))
afterAll(async () => {
  client.destroy()
  await sim.close()
})

const describeWeb = (c = client) =>
  c.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))

async function outcomes(target: Simulator, calls: number): Promise<string[]> {
  const c = ecsClient(target)
  try {
    target.clearCalls()
    for (let i = 0; i < calls; i++) await describeWeb(c).catch(() => undefined)
    return target.calls.map(call => call.outcome)
  } finally {
    c.destroy()
  }
}

test('the SDK retries throttling; the final error is a ThrottlingException', async () => {
  sim.setFaults({ throttleRate: 1 })
  sim.clearCalls()
  const retrying = ecsClient(sim, { maxAttempts: 2 })
  try {
    const error = (await describeWeb(retrying).catch((e: unknown) => e)) as Error & {
      $metadata: { attempts: number; httpStatusCode: number }
    }
    expect(error.name).toBe('ThrottlingException')
    expect(error.message).toBe('Rate exceeded')
    expect(error.$metadata).toMatchObject({ attempts: 2, httpStatusCode: 400 })
    expect(sim.calls.map(c => c.outcome)).toEqual(['fault:throttle', 'fault:throttle'])
  } finally {
    retrying.destroy()
  }
})

test('server errors are 500 ServerException, retried by the SDK', async () => {
  sim.setFaults({ serverErrorRate: 1 })
  sim.clearCalls()
  const retrying = ecsClient(sim, { maxAttempts: 3 })
  try {
    const error = (await describeWeb(retrying).catch((e: unknown) => e)) as Error & {
      $fault: string
    }
    expect(error.name).toBe('ServerException')
    expect(error.$fault).toBe('server')
    expect(sim.calls.map(c => c.outcome)).toEqual(Array(3).fill('fault:server-error'))
  } finally {
    retrying.destroy()
  }
})

// 260 round trips through the SDK: under a second alone, past Jest's 5 s on a starved CPU.
test('rates are honoured and a fixed randomSeed reproduces the same faults', async () => {
  sim.setFaults({ throttleRate: 0.3, serverErrorRate: 0.1 })
  const first = await outcomes(sim, 200)
  const throttled = first.filter(o => o === 'fault:throttle').length / first.length
  const failed = first.filter(o => o === 'fault:server-error').length / first.length
  expect(throttled).toBeGreaterThan(0.2)
  expect(throttled).toBeLessThan(0.4)
  expect(failed).toBeGreaterThan(0.03)
  expect(failed).toBeLessThan(0.17)

  const twins = await Promise.all(
    [1, 2].map(() => startTestSimulator({ randomSeed: 99, faults: { throttleRate: 0.5 } }))
  )
  try {
    const [a, b] = await Promise.all(twins.map(twin => outcomes(twin, 30)))
    expect(a).toEqual(b)
    expect(new Set(a)).toEqual(new Set(['ok', 'fault:throttle']))
  } finally {
    await Promise.all(twins.map(twin => twin.close()))
  }
}, 30_000)

test('a faulted call changes nothing; faults can be limited to some operations', async () => {
  sim.setFaults({ throttleRate: 1, operations: ['UpdateService'] })
  const before = sim.describeService('web')
  const taskDefinition = await registerRevision(client, 'web')
  const error = (await client
    .send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition }))
    .catch((e: unknown) => e)) as Error
  expect(error.name).toBe('ThrottlingException')
  expect(sim.describeService('web')).toEqual(before)
  const listed = await client.send(
    new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' })
  )
  expect(listed.serviceDeployments).toHaveLength(1)
  expect(
    sim
      .mutatingCalls()
      .slice(-2)
      .map(c => [c.operation, c.outcome])
  ).toEqual([
    ['RegisterTaskDefinition', 'ok'],
    ['UpdateService', 'fault:throttle']
  ])
})

test('a dropped connection gets no answer and registers nothing', async () => {
  sim.setFaults({ dropRate: 1, operations: ['RegisterTaskDefinition'] })
  const revision = sim.describeService('api').taskDefinition
  const error = await client
    .send(
      new RegisterTaskDefinitionCommand({
        family: 'api',
        containerDefinitions: [{ name: 'api', image: 'api:2' }]
      })
    )
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(Error)
  expect(sim.calls.at(-1)).toMatchObject({
    operation: 'RegisterTaskDefinition',
    outcome: 'fault:drop'
  })
  sim.setFaults({})
  const next = await client.send(
    new RegisterTaskDefinitionCommand({
      family: 'api',
      containerDefinitions: [{ name: 'api', image: 'api:2' }]
    })
  )
  expect(next.taskDefinition?.revision).toBe(Number(revision?.split(':').pop()) + 1)
})

test('a lost answer: the call takes effect, the client only sees the connection drop', async () => {
  sim.setFaults({ lostResponseRate: 1, operations: ['RegisterTaskDefinition'] })
  const before = Number(sim.describeService('api').taskDefinition?.split(':').pop())
  const input = { family: 'api', containerDefinitions: [{ name: 'api', image: 'api:lost' }] }
  const error = await client.send(new RegisterTaskDefinitionCommand(input)).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(Error)
  expect(sim.calls.at(-1)).toMatchObject({
    operation: 'RegisterTaskDefinition',
    outcome: 'fault:lost-response'
  })
  sim.setFaults({})
  const { taskDefinition } = await client.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: 'api' })
  )
  expect(taskDefinition?.revision).toBeGreaterThan(before)
  expect(taskDefinition?.containerDefinitions?.[0]?.image).toBe('api:lost')
})

test('a lost answer to a refused request is the refusal', async () => {
  sim.setFaults({ lostResponseRate: 1, operations: ['RegisterTaskDefinition'] })
  const error = (await client
    .send(new RegisterTaskDefinitionCommand({ family: 'api', containerDefinitions: [] }))
    .catch((e: unknown) => e)) as Error
  expect(error.name).toBe('ClientException')
  expect(sim.calls.at(-1)?.outcome).toBe('ClientException')
})

test('latency delays answers', async () => {
  sim.setFaults({ latencyMs: 80, latencyJitterMs: 20 })
  const start = Date.now()
  await describeWeb()
  expect(Date.now() - start).toBeGreaterThanOrEqual(80)
})

test('invalid fault settings are refused', () => {
  expect(() => sim.setFaults({ throttleRate: 1.5 })).toThrow(
    'faults.throttleRate must be between 0 and 1'
  )
  expect(() => sim.setFaults({ throttleRate: 0.6, dropRate: 0.6 })).toThrow(/add up to 1.2/)
})
