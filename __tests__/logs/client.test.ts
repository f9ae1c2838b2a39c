import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import packageJson from '../../package.json' with { type: 'json' }
import { connectLogs } from '../../src/logs/client.js'
import { startFakeProxy } from '../support/fake-proxy.js'

/** A CloudWatch Logs endpoint on 127.0.0.1 that answers every GetLogEvents with one event. */
class LogsStub {
  readonly requests: { target: string; headers: IncomingHttpHeaders; body: string }[] = []
  private server?: Server

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString()))
      request.on('end', () => {
        this.requests.push({
          target: String(request.headers['x-amz-target'] ?? ''),
          headers: request.headers,
          body
        })
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
        response.end(JSON.stringify({ events: [{ timestamp: 1, message: 'Ready' }] }))
      })
    })
    await new Promise<void>(resolve => this.server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  close(): Promise<void> {
    return new Promise(resolve => {
      this.server?.close(() => resolve())
      this.server?.closeAllConnections()
    })
  }
}

/** The SDK reads the endpoint and credentials from process.env, connectLogs the proxy variables. */
const SDK_ENV = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE'
]
const savedEnv = Object.fromEntries(SDK_ENV.map(name => [name, process.env[name]]))
const stub = new LogsStub()
let stubUrl: string

beforeAll(async () => {
  stubUrl = await stub.start()
})
afterAll(() => stub.close())
beforeEach(() => {
  for (const name of SDK_ENV) delete process.env[name]
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials'
  })
  stub.requests.length = 0
})
afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

const readStream = async (region = 'eu-west-1') =>
  (await connectLogs(region)).getLogEvents({
    logGroupName: '/ecs/web',
    logStreamName: 'ecs/app/1',
    limit: 5
  })

describe('connectLogs', () => {
  it('sends to AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ahead of AWS_ENDPOINT_URL, signed for the region asked', async () => {
    process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = stubUrl
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9'
    const { events } = await readStream('ap-southeast-2')
    expect(events?.map(event => event.message)).toEqual(['Ready'])
    const [request] = stub.requests
    expect(request?.target).toBe('Logs_20140328.GetLogEvents')
    expect(request?.headers.authorization).toContain('/ap-southeast-2/logs/aws4_request')
    expect(request?.headers['user-agent']).toContain(`ecs-bluegreen-action/${packageJson.version}`)
  })

  it('falls back to AWS_ENDPOINT_URL', async () => {
    process.env.AWS_ENDPOINT_URL = stubUrl
    await readStream()
    expect(stub.requests).toHaveLength(1)
  })

  it.each([
    ['eu-west-1', 'logs.eu-west-1.amazonaws.com:443'],
    ['cn-north-1', 'logs.cn-north-1.amazonaws.com.cn:443']
  ])(
    'goes through https_proxy to the regional endpoint of %s when none is set',
    async (region, authority) => {
      const proxy = await startFakeProxy({
        host: '127.0.0.1',
        port: Number(new URL(stubUrl).port)
      })
      try {
        process.env.HTTPS_PROXY = proxy.url
        // The tunnel ends at the plain-HTTP stub, so TLS fails: the call never leaves this machine.
        await expect(readStream(region)).rejects.toThrow()
        expect(new Set(proxy.requests)).toEqual(new Set([authority]))
      } finally {
        await proxy.close()
      }
    }
  )
})
