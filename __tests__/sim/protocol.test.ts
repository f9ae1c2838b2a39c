import { expect, test } from '@jest/globals'
import {
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  ServiceNotFoundException,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { ecsClient, rawCall, useSimulator } from './helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

test('timestamps travel as epoch seconds and reach the SDK as Dates', async () => {
  const { json, headers, status } = await rawCall(
    sim,
    'DescribeServices',
    JSON.stringify({ cluster: 'demo', services: ['web'] })
  )
  expect(status).toBe(200)
  expect(headers.get('content-type')).toBe('application/x-amz-json-1.1')
  const [service] = json.services as { createdAt: unknown; events: { createdAt: unknown }[] }[]
  expect(typeof service?.createdAt).toBe('number')
  expect(Math.abs((service?.createdAt as number) - (Date.now() / 1000 - 86400))).toBeLessThan(60)
  expect(typeof service?.events[0]?.createdAt).toBe('number')

  const described = await client.send(
    new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })
  )
  const createdAt = described.services?.[0]?.createdAt
  expect(createdAt).toBeInstanceOf(Date)
  expect(createdAt?.getTime()).toBe(Math.round((service?.createdAt as number) * 1000))
  const listed = await client.send(
    new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' })
  )
  expect(listed.serviceDeployments?.[0]?.finishedAt).toBeInstanceOf(Date)
})

test('errors carry __type and message with HTTP 400, and map to the SDK exception classes', async () => {
  const raw = await rawCall(
    sim,
    'UpdateService',
    JSON.stringify({ cluster: 'demo', service: 'nope' })
  )
  expect(raw.status).toBe(400)
  expect(raw.json).toEqual({ __type: 'ServiceNotFoundException', message: 'Service not found.' })
  expect(raw.headers.get('x-amzn-errortype')).toBe('ServiceNotFoundException')
  expect(raw.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)

  const error = await client
    .send(new UpdateServiceCommand({ cluster: 'demo', service: 'nope' }))
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ServiceNotFoundException)
  const failure = error as ServiceNotFoundException
  expect(failure.$fault).toBe('client')
  expect(failure.$metadata.httpStatusCode).toBe(400)
  expect(failure.$metadata.requestId).toBe(sim.calls.at(-1)?.requestId)
  expect(failure.$metadata.attempts).toBe(1)
})

test('every answer carries the request id the call log records', async () => {
  const response = await client.send(
    new DescribeServicesCommand({ cluster: 'demo', services: ['api'] })
  )
  expect(response.$metadata.requestId).toBe(sim.calls.at(-1)?.requestId)
})
