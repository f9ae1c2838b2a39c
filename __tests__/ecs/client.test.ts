import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import packageJson from '../../package.json' with { type: 'json' }
import { connectEcs } from '../../src/ecs/client.js'
import { NEW_TD, serviceConnectService } from '../support/ecs-fixtures.js'
import { FakeClock } from '../support/fake-clock.js'
import { startFakeProxy } from '../support/fake-proxy.js'

/** What the stub answers: awsJson1_1 as ECS writes it. */
interface StubAnswer {
  status: number
  body: object
}
const THROTTLED: StubAnswer = {
  status: 400,
  body: { __type: 'ThrottlingException', message: 'Rate exceeded' }
}
const SERVER_ERROR: StubAnswer = {
  status: 500,
  body: { __type: 'ServerException', message: 'Internal error' }
}
const SERVICES: StubAnswer = { status: 200, body: { services: [{ serviceName: 'web' }] } }

interface StubRequest {
  operation: string
  headers: IncomingHttpHeaders
  /** Date.now() when it arrived. */
  at: number
}

/** An ECS endpoint on 127.0.0.1 that plays a script of answers, the last one for ever. */
class EcsStub {
  readonly requests: StubRequest[] = []
  script: StubAnswer[] = [SERVICES]
  private server?: Server

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      request.resume()
      request.on('end', () => {
        const target = String(request.headers['x-amz-target'] ?? '')
        this.requests.push({
          operation: target.split('.').pop() ?? '',
          headers: request.headers,
          at: Date.now()
        })
        const answer = this.script[Math.min(this.requests.length - 1, this.script.length - 1)]
        const body = JSON.stringify(answer?.body ?? {})
        response.writeHead(answer?.status ?? 200, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': `request-${this.requests.length}`
        })
        response.end(body)
      })
    })
    await new Promise<void>(resolve => this.server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** The `amz-sdk-request` header of each request: `attempt=n; max=m`. */
  attempts(): string[] {
    return this.requests.map(request => String(request.headers['amz-sdk-request']))
  }

  /** The region each request was signed for (SigV4 credential scope). */
  signedRegions(): string[] {
    return this.requests.map(
      request =>
        /\/\d{8}\/([^/]+)\/ecs\/aws4_request/.exec(request.headers.authorization ?? '')?.[1] ?? ''
    )
  }

  close(): Promise<void> {
    return new Promise(resolve => {
      this.server?.close(() => resolve())
      this.server?.closeAllConnections()
    })
  }
}

/**
 * The SDK reads the endpoint and credentials from process.env itself, and connectEcs the
 * runner's proxy variables; these tests own them.
 */
const SDK_ENV = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_ECS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE'
]
const savedEnv = Object.fromEntries(SDK_ENV.map(name => [name, process.env[name]]))
const stub = new EcsStub()
let stubUrl: string

beforeAll(async () => {
  stubUrl = await stub.start()
})
afterAll(() => stub.close())
beforeEach(() => {
  for (const name of SDK_ENV) delete process.env[name]
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_ECS: stubUrl,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    // No shared config of the machine running the tests may leak in.
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials'
  })
  stub.requests.length = 0
  stub.script = [SERVICES]
})
afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

const describeWeb = async (env: NodeJS.ProcessEnv = { AWS_REGION: 'us-east-1' }) =>
  (await connectEcs(env)).describeServices({ cluster: 'demo', services: ['web'] })

describe('connectEcs region', () => {
  it('takes the region from AWS_REGION before AWS_DEFAULT_REGION', async () => {
    const ecs = await connectEcs({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' })
    expect(ecs.region).toBe('eu-west-1')
    await ecs.describeServices({ cluster: 'demo', services: ['web'] })
    expect(stub.signedRegions()).toEqual(['eu-west-1'])
  })

  it('falls back to AWS_DEFAULT_REGION, which the SDK alone ignores', async () => {
    await describeWeb({ AWS_REGION: '', AWS_DEFAULT_REGION: 'ap-northeast-1' })
    expect(stub.signedRegions()).toEqual(['ap-northeast-1'])
  })

  it('says how to set a region when there is none', async () => {
    await expect(connectEcs({})).rejects.toThrow(
      'No AWS region: set AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input).'
    )
  })
})

describe('connectEcs endpoint and identity', () => {
  it('sends ECS calls to AWS_ENDPOINT_URL_ECS, ahead of AWS_ENDPOINT_URL', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9'
    const { services } = await describeWeb()
    expect(services?.[0]?.serviceName).toBe('web')
    expect(stub.requests.map(request => request.operation)).toEqual(['DescribeServices'])
  })

  it('names the action and its version in the user agent', async () => {
    await describeWeb()
    expect(stub.requests[0]?.headers['user-agent']).toContain(
      `ecs-bluegreen-action/${packageJson.version}`
    )
  })
})

describe('connectEcs behind a proxy', () => {
  const stubPort = (): number => Number(new URL(stubUrl).port)

  it('goes through the proxy the runner names for the ECS endpoint', async () => {
    const proxy = await startFakeProxy({ host: '127.0.0.1', port: stubPort() })
    try {
      // A host only the proxy can reach: a direct request could not resolve it.
      process.env.AWS_ENDPOINT_URL_ECS = `http://ecs.test:${stubPort()}`
      process.env.HTTP_PROXY = proxy.url
      const { services } = await describeWeb()
      expect(services?.[0]?.serviceName).toBe('web')
      expect(proxy.requests).toEqual([`ecs.test:${stubPort()}`])
    } finally {
      await proxy.close()
    }
  })

  it('goes through https_proxy to the regional endpoint when no endpoint is set', async () => {
    const proxy = await startFakeProxy({ host: '127.0.0.1', port: stubPort() })
    try {
      delete process.env.AWS_ENDPOINT_URL_ECS
      process.env.HTTPS_PROXY = proxy.url
      // The tunnel ends at the plain-HTTP stub, so the TLS handshake fails (EPROTO): the call
      // never leaves this machine.
      await expect(describeWeb({ AWS_REGION: 'eu-west-1' })).rejects.toThrow('EPROTO')
      expect(new Set(proxy.requests)).toEqual(new Set(['ecs.eu-west-1.amazonaws.com:443']))
    } finally {
      await proxy.close()
    }
  })

  it('goes straight to an endpoint on this machine even when a proxy is set', async () => {
    const proxy = await startFakeProxy({ host: '127.0.0.1', port: stubPort() })
    try {
      process.env.HTTP_PROXY = proxy.url
      await describeWeb()
      expect(proxy.requests).toEqual([])
      expect(stub.requests).toHaveLength(1)
    } finally {
      await proxy.close()
    }
  })
})

describe('connectEcs retries', () => {
  // Server errors back off for tens of milliseconds; throttling for up to a second or more.
  it('retries a read through server errors, up to 5 attempts', async () => {
    stub.script = [SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVICES]
    const { services } = await describeWeb()
    expect(services?.[0]?.serviceName).toBe('web')
    expect(stub.attempts()).toEqual([1, 2, 3, 4, 5].map(n => `attempt=${n}; max=5`))

    stub.requests.length = 0
    stub.script = [SERVER_ERROR]
    await expect(describeWeb()).rejects.toThrow('Internal error')
    expect(stub.attempts()).toHaveLength(5)
  })

  it('retries a throttled read', async () => {
    stub.script = [THROTTLED, SERVICES]
    const { services } = await describeWeb()
    expect(services?.[0]?.serviceName).toBe('web')
    expect(stub.attempts()).toEqual(['attempt=1; max=5', 'attempt=2; max=5'])
  }, 10_000)

  it('leaves retries of state-changing calls to the action, paced by the adaptive rate limiter', async () => {
    stub.script = [THROTTLED, { status: 200, body: { service: serviceConnectService() } }]
    const clock = new FakeClock()
    const ecs = await connectEcs({ AWS_REGION: 'us-east-1' }, { clock })
    const { service } = await ecs.updateService({
      cluster: 'demo',
      service: 'web',
      taskDefinition: NEW_TD
    })
    expect(service?.serviceName).toBe('web')
    expect(stub.attempts()).toEqual(['attempt=1; max=1', 'attempt=1; max=1'])
    expect(clock.slept).toHaveLength(1)
    // The action's own backoff took no time (virtual clock): the wait is the client slowing
    // down after throttling, which only retryMode adaptive does (its token bucket then
    // refills at 1.12 sends/s at most, so the next send waits 0.9 s or more).
    const [throttled, retried] = stub.requests
    expect((retried?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(500)
  }, 30_000)
})
