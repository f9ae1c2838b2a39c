import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import packageJson from '../../../package.json' with { type: 'json' }
import {
  createGitHubClient,
  GITHUB_API_VERSION,
  WRITE_SPACING_MS,
  type GitHubApi
} from '../../../src/report/github/client.js'
import { startFakeGitHub, type FakeGitHub } from '../../../sim/github/fake-github.js'
import { startFakeProxy } from '../../support/fake-proxy.js'
import { recordingLog } from '../fixtures.js'

const TOKEN = 'ghs_test-token'
const COMMENTS = { owner: 'octo', repo: 'app', issue_number: 1 }
let fake: FakeGitHub
let api: GitHubApi

beforeEach(async () => {
  fake = await startFakeGitHub({ token: TOKEN })
  api = await createGitHubClient(TOKEN, {
    baseUrl: fake.url,
    log: recordingLog(),
    retryAfterBaseValue: 1,
    // The fake's first answer compiles GitHub's description: slow on a busy machine.
    timeoutMs: 15_000
  })
})

afterEach(async () => {
  await fake.close()
})

const listComments = (): Promise<unknown> => api.rest.issues.listComments(COMMENTS)
const fakePort = (): number => Number(new URL(fake.url).port)
const statusOf = (error: unknown): unknown => (error as { status?: number }).status

describe('createGitHubClient', () => {
  it('talks to GITHUB_API_URL with the token', async () => {
    await listComments()

    expect(fake.calls).toEqual([
      expect.objectContaining({
        path: '/repos/octo/app/issues/1/comments',
        authorization: `token ${TOKEN}`
      })
    ])
  })

  it('names the action and its version in the user agent', async () => {
    await listComments()

    expect(fake.calls[0]?.userAgent).toContain(`ecs-bluegreen-action/${packageJson.version}`)
  })

  it.each(['rate-limit', 'secondary-rate-limit', 'too-many-requests'] as const)(
    'waits out a %s and succeeds',
    async kind => {
      fake.setFailure('listComments', kind, { times: 1 })

      await expect(listComments()).resolves.toBeDefined()
      expect(fake.calls.map(call => call.status)).toEqual([
        kind === 'too-many-requests' ? 429 : 403,
        200
      ])
    }
  )

  it('asks for the API version it was written against', async () => {
    await listComments()

    expect(fake.calls[0]?.apiVersion).toBe(GITHUB_API_VERSION)
  })

  it('keeps a second between writes, also around a write retried after a rate limit', async () => {
    // Waits as GitHub asks (one second), not shortened. The throttling plugin alone spaces
    // the starts of writes, which can arrive less than a second apart.
    const patient = await createGitHubClient(TOKEN, { baseUrl: fake.url, log: recordingLog() })
    const comment = fake.addComment(1, 'first')
    const edit = (body: string) =>
      patient.rest.issues.updateComment({
        owner: 'octo',
        repo: 'app',
        comment_id: comment.id,
        body
      })
    fake.setFailure('updateComment', 'secondary-rate-limit', { times: 1 })

    await edit('second')
    await edit('third')

    const writes = fake.calls.filter(call => call.method === 'PATCH')
    expect(writes.map(call => call.status)).toEqual([403, 200, 200])
    const gaps = writes.slice(1).map((call, i) => call.at - writes[i]!.at)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(WRITE_SPACING_MS)
  })

  it('gives up after two rate-limit retries', async () => {
    fake.setFailure('listComments', 'rate-limit')

    const error = await listComments().catch((e: unknown) => e)
    expect(statusOf(error)).toBe(403)
    expect(fake.calls).toHaveLength(3)
  })

  it('does not wait for a rate limit that resets in an hour', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 3600)
    fake.setFailure('listComments', {
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
    })

    await expect(listComments()).rejects.toMatchObject({ status: 403 })
    expect(fake.calls).toHaveLength(1)
  })

  it.each(['unauthorized', 'forbidden', 'not-found'] as const)('does not retry %s', async kind => {
    fake.setFailure('listComments', kind)

    await expect(listComments()).rejects.toBeDefined()
    expect(fake.calls).toHaveLength(1)
  })

  it('does not retry a 422', async () => {
    await expect(
      api.rest.issues.createComment({ ...COMMENTS, body: 'x'.repeat(70000) })
    ).rejects.toMatchObject({
      status: 422
    })
    expect(fake.calls).toHaveLength(1)
  })

  it('retries server errors twice', async () => {
    fake.setFailure('listComments', 'server-error', { times: 2 })

    await expect(listComments()).resolves.toBeDefined()
    expect(fake.calls.map(call => call.status)).toEqual([502, 502, 200])
  })

  it('gives up on an API that does not answer', async () => {
    fake.setFailure('listComments', { status: 504, message: 'slow', delayMs: 60_000 })
    const quick = await createGitHubClient(TOKEN, {
      baseUrl: fake.url,
      log: recordingLog(),
      retryAfterBaseValue: 1,
      timeoutMs: 100
    })
    const started = Date.now()

    await expect(quick.rest.issues.listComments(COMMENTS)).rejects.toBeDefined()
    expect(Date.now() - started).toBeLessThan(5000)
  })
})

describe('the way to the API', () => {
  const owned = ['http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY']
  const saved = Object.fromEntries(owned.map(name => [name, process.env[name]]))
  beforeEach(() => {
    for (const name of owned) delete process.env[name]
  })
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })

  it('goes through the proxy the runner names', async () => {
    const proxy = await startFakeProxy({ host: '127.0.0.1', port: fakePort() })
    try {
      // A host only the proxy can reach: a direct request could not resolve it.
      const apiUrl = `http://github.test:${fakePort()}`
      process.env.HTTP_PROXY = proxy.url
      const proxied = await createGitHubClient(TOKEN, { baseUrl: apiUrl, log: recordingLog() })

      await proxied.rest.issues.listComments(COMMENTS)
      expect(proxy.requests).toEqual([`github.test:${fakePort()}`])
      expect(fake.calls).toEqual([
        expect.objectContaining({ path: '/repos/octo/app/issues/1/comments' })
      ])
    } finally {
      await proxy.close()
    }
  })

  it('goes straight to an API on this machine even when a proxy is set', async () => {
    const proxy = await startFakeProxy({ host: '127.0.0.1', port: fakePort() })
    try {
      process.env.HTTP_PROXY = proxy.url
      const direct = await createGitHubClient(TOKEN, { baseUrl: fake.url, log: recordingLog() })

      await direct.rest.issues.listComments(COMMENTS)
      expect(proxy.requests).toEqual([])
      expect(fake.calls).toHaveLength(1)
    } finally {
      await proxy.close()
    }
  })
})
