import { describe, expect, test } from '@jest/globals'
import {
  DescribeServicesCommand,
  InvalidParameterException,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { MUTATING_OPERATIONS, type RecordedCall, type Simulator } from '../../sim/index.js'
import { ecsClient, rawCall, startTestSimulator, useSimulator } from './helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

describe('requests the simulator cannot answer', () => {
  test('an unknown operation is an UnknownOperationException', async () => {
    const { status, json } = await rawCall(sim, 'CreateService', '{}')
    expect(status).toBe(400)
    expect(json.__type).toBe('UnknownOperationException')
    expect(json.message).toMatch(
      /^Unknown operation CreateService\. The simulator implements: .*UpdateService/
    )
    const untargeted = await rawCall(sim, undefined, '{}')
    expect(untargeted.json.__type).toBe('UnknownOperationException')
  })

  test('a body that is not JSON, or a member of the wrong type, is a SerializationException', async () => {
    expect((await rawCall(sim, 'DescribeServices', '{"services": [')).json.__type).toBe(
      'SerializationException'
    )
    expect((await rawCall(sim, 'DescribeServices', '[]')).json.__type).toBe(
      'SerializationException'
    )
    const wrongType = await rawCall(
      sim,
      'DescribeServices',
      JSON.stringify({ cluster: 'demo', services: 'web' })
    )
    expect(wrongType).toMatchObject({ status: 400, json: { __type: 'SerializationException' } })
  })

  test('a request without an authorization header is rejected, as AWS does', async () => {
    const { status, json } = await rawCall(sim, 'DescribeServices', '{}', {})
    expect(status).toBe(400)
    expect(json).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token'
    })
    const open = await startTestSimulator({ requireAuth: false })
    try {
      const answer = await rawCall(
        open,
        'DescribeServices',
        JSON.stringify({ cluster: 'demo', services: ['web'] }),
        {}
      )
      expect(answer.status).toBe(200)
    } finally {
      await open.close()
    }
  })

  test('an empty body is an empty input', async () => {
    const error = await client
      .send(new DescribeServicesCommand({ cluster: 'demo', services: [] }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidParameterException)
    expect((await rawCall(sim, 'DescribeServices', '')).json.__type).toBe(
      'ClusterNotFoundException'
    )
  })
})

test('any path is accepted, as with an endpoint that has a path prefix', async () => {
  const prefixed = ecsClient(sim, { endpoint: `${sim.url}/ecs/prefix` })
  try {
    const described = await prefixed.send(
      new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })
    )
    expect(described.services).toHaveLength(1)
  } finally {
    prefixed.destroy()
  }
})

test('every call is recorded with its input, outcome and signer; mutating ones can be listed', async () => {
  sim.clearCalls()
  const heard: RecordedCall[] = []
  const stop = sim.onCall(call => heard.push(call))
  const start = Date.now()
  await client.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))
  await client
    .send(new UpdateServiceCommand({ cluster: 'demo', service: 'nope' }))
    .catch(() => undefined)
  stop()
  await client.send(new DescribeServicesCommand({ cluster: 'demo', services: ['api'] }))

  expect(sim.calls.map(c => [c.operation, c.outcome])).toEqual([
    ['DescribeServices', 'ok'],
    ['UpdateService', 'ServiceNotFoundException'],
    ['DescribeServices', 'ok']
  ])
  expect(sim.calls[0]?.input).toEqual({ cluster: 'demo', services: ['web'] })
  expect(sim.calls[0]?.at).toBeGreaterThanOrEqual(start)
  // The access key id from the SigV4 Authorization header: which credentials the caller used.
  expect(sim.calls.map(c => c.accessKeyId)).toEqual(['x', 'x', 'x'])
  expect(heard).toHaveLength(2)
  expect(sim.mutatingCalls().map(c => c.operation)).toEqual(['UpdateService'])
  expect(MUTATING_OPERATIONS).toEqual([
    'RegisterTaskDefinition',
    'UpdateService',
    'ContinueServiceDeployment',
    'StopServiceDeployment',
    'TagResource'
  ])
})
