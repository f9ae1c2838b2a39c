import { describe, expect, test } from '@jest/globals'
import {
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type UpdateServiceCommandInput
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { ecsClient, rawCall, useSimulator } from './helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

/** The SDK serializes members it models as they are given, whatever their type. */
const unchecked = (input: object) => input as UpdateServiceCommandInput

async function rejection(send: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await send
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message }
  }
  throw new Error('the request was accepted')
}

describe('a member of the wrong JSON type, sent through the real SDK', () => {
  test.each([
    [
      'a number for a string (a YAML task definition with cpu: 512)',
      () =>
        client.send(
          new RegisterTaskDefinitionCommand({
            family: 'web',
            cpu: 512 as unknown as string,
            containerDefinitions: [{ name: 'app', image: 'web:1' }]
          })
        ),
      'cpu: NUMBER_VALUE can not be converted to a String'
    ],
    [
      'a string for an integer',
      () =>
        client.send(
          new UpdateServiceCommand(
            unchecked({ cluster: 'demo', service: 'worker', desiredCount: '2' })
          )
        ),
      'desiredCount: STRING_VALUE can not be converted to an Integer'
    ],
    [
      'a fraction for an integer',
      () =>
        client.send(
          new UpdateServiceCommand({
            cluster: 'demo',
            service: 'web',
            deploymentConfiguration: { bakeTimeInMinutes: 1.5 }
          })
        ),
      'deploymentConfiguration.bakeTimeInMinutes: NUMBER_VALUE 1.5 can not be converted to an Integer'
    ],
    [
      'a string for a double',
      () =>
        client.send(
          new UpdateServiceCommand({
            cluster: 'demo',
            service: 'checkout',
            deploymentConfiguration: {
              canaryConfiguration: { canaryPercent: '20' as unknown as number }
            }
          })
        ),
      'deploymentConfiguration.canaryConfiguration.canaryPercent: STRING_VALUE can not be converted to a Double'
    ],
    [
      'a list for a map',
      () =>
        client.send(
          new RegisterTaskDefinitionCommand({
            family: 'web',
            containerDefinitions: [
              {
                name: 'app',
                image: 'web:1',
                dockerLabels: ['a'] as unknown as Record<string, string>
              }
            ]
          })
        ),
      'containerDefinitions[0].dockerLabels: Expected map or null'
    ],
    [
      'a number for a map value',
      () =>
        client.send(
          new RegisterTaskDefinitionCommand({
            family: 'web',
            containerDefinitions: [
              { name: 'app', image: 'web:1', dockerLabels: { port: 8080 as unknown as string } }
            ]
          })
        ),
      'containerDefinitions[0].dockerLabels.port: NUMBER_VALUE can not be converted to a String'
    ],
    [
      'a string for a boolean',
      () =>
        client.send(
          new UpdateServiceCommand(
            unchecked({ cluster: 'demo', service: 'worker', forceNewDeployment: 'true' })
          )
        ),
      'forceNewDeployment: STRING_VALUE can not be converted to a Boolean'
    ],
    [
      'a string for a timestamp',
      () =>
        client.send(
          new ListServiceDeploymentsCommand({
            cluster: 'demo',
            service: 'worker',
            createdAt: { after: '2026-01-01' as unknown as Date }
          })
        ),
      'createdAt.after: STRING_VALUE can not be converted to a Timestamp'
    ],
    [
      'a string for a list',
      () =>
        client.send(
          new UpdateServiceCommand(
            unchecked({ cluster: 'demo', service: 'worker', loadBalancers: 'x' })
          )
        ),
      'loadBalancers: Expected list or null'
    ],
    [
      'a string for a structure',
      () =>
        client.send(
          new UpdateServiceCommand(
            unchecked({ cluster: 'demo', service: 'worker', deploymentConfiguration: 'x' })
          )
        ),
      'deploymentConfiguration: Expected null'
    ],
    [
      'an object for a string, deep in a list',
      () =>
        client.send(
          new UpdateServiceCommand(
            unchecked({
              cluster: 'demo',
              service: 'worker',
              networkConfiguration: { awsvpcConfiguration: { subnets: ['a', { id: 'b' }] } }
            })
          )
        ),
      'networkConfiguration.awsvpcConfiguration.subnets[1]: Start of structure or map found where not expected.'
    ]
  ])('%s is a SerializationException naming the member', async (_, send, message) => {
    sim.clearCalls()
    expect(await rejection(send())).toEqual({ name: 'SerializationException', message })
    expect(sim.calls.map(call => call.outcome)).toEqual(['SerializationException'])
  })
})

describe('what only a raw request can send', () => {
  test('an unknown member is a SerializationException; the SDK itself drops it', async () => {
    const raw = await rawCall(
      sim,
      'UpdateService',
      JSON.stringify({ cluster: 'demo', service: 'worker', deploymentConfiguration: { bake: 1 } })
    )
    expect(raw).toMatchObject({
      status: 400,
      json: {
        __type: 'SerializationException',
        message: 'deploymentConfiguration.bake: unknown member of DeploymentConfiguration'
      }
    })
    sim.clearCalls()
    await client.send(
      new UpdateServiceCommand(unchecked({ cluster: 'demo', service: 'worker', bake: 1 }))
    )
    expect(sim.calls[0]?.input).toEqual({ cluster: 'demo', service: 'worker' })
  })

  test('a union needs exactly one member', async () => {
    const union = (configuration: object) =>
      JSON.stringify({
        cluster: 'demo',
        service: 'worker',
        serviceConnectConfiguration: { enabled: true, containerConfigurations: [configuration] }
      })
    for (const configuration of [{}, { logLevel: 'debug', other: 'x' }]) {
      const { json } = await rawCall(sim, 'UpdateService', union(configuration))
      expect(json.__type).toBe('SerializationException')
    }
    const { json } = await rawCall(sim, 'UpdateService', union({}))
    expect(json.message).toBe(
      'serviceConnectConfiguration.containerConfigurations[0]: ServiceConnectContainerConfiguration is a union: exactly one member must be set'
    )
  })
})

describe('required members', () => {
  test('a missing nested member is an InvalidParameterException that names its path', async () => {
    const error = await rejection(
      client.send(
        new UpdateServiceCommand(
          unchecked({
            cluster: 'demo',
            service: 'worker',
            deploymentConfiguration: { deploymentCircuitBreaker: { enable: true } }
          })
        )
      )
    )
    expect(error).toEqual({
      name: InvalidParameterException.name,
      message: 'deploymentConfiguration.deploymentCircuitBreaker.rollback can not be null.'
    })
  })

  test('a wrong type wins over a missing member, as deserializing comes first', async () => {
    const { json } = await rawCall(
      sim,
      'UpdateService',
      JSON.stringify({
        cluster: 'demo',
        service: 'worker',
        deploymentConfiguration: { deploymentCircuitBreaker: {}, maximumPercent: '200' }
      })
    )
    expect(json.__type).toBe('SerializationException')
  })
})

test('an enum value the SDK does not document is let through and noted on the call', async () => {
  sim.clearCalls()
  await client.send(
    new UpdateServiceCommand(
      unchecked({ cluster: 'demo', service: 'worker', propagateTags: 'EVERYTHING' })
    )
  )
  const [call] = sim.calls
  expect(call?.outcome).toBe('ok')
  expect(call?.warnings).toEqual([
    expect.stringMatching(
      /^propagateTags: EVERYTHING is not a value @aws-sdk\/client-ecs \S+ documents \(TASK_DEFINITION, SERVICE, NONE\)$/
    )
  ])
})

test('a refused request changes nothing', async () => {
  const before = sim.describeService('worker')
  await rejection(
    client.send(
      new UpdateServiceCommand(
        unchecked({ cluster: 'demo', service: 'worker', desiredCount: 3, forceNewDeployment: 1 })
      )
    )
  )
  expect(sim.describeService('worker')).toEqual(before)
})
