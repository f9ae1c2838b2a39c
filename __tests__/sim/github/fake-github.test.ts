import { afterEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { startFakeGitHub, type FakeGitHub } from '../../sim/github/fake-github.js'

const SHA = 'c'.repeat(40)
let fake: FakeGitHub

afterEach(async () => {
  await fake.close()
})

async function call(
  method: string,
  path: string,
  body?: unknown,
  token = 'secret'
): Promise<{ status: number; headers: Headers; data: Record<string, unknown> }> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return {
    status: response.status,
    headers: response.headers,
    data: (await response.json()) as Record<string, unknown>
  }
}

describe('startFakeGitHub', () => {
  it('serves comments in pages that Octokit follows through Link headers', async () => {
    fake = await startFakeGitHub({ perPage: 2 })
    for (let n = 1; n <= 5; n += 1) fake.addComment(3, `comment ${n}`)
    const octokit = getOctokit('secret', { baseUrl: fake.url })

    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'octo',
      repo: 'app',
      issue_number: 3
    })

    expect(comments.map(comment => comment.body)).toEqual([
      'comment 1',
      'comment 2',
      'comment 3',
      'comment 4',
      'comment 5'
    ])
    expect(fake.calls.map(c => c.query.page ?? '1')).toEqual(['1', '2', '3'])
  })

  it('creates and updates comments as the token identity', async () => {
    fake = await startFakeGitHub()
    const created = await call('POST', '/repos/octo/app/issues/7/comments', { body: 'hello' })
    const id = created.data.id as number
    const updated = await call('PATCH', `/repos/octo/app/issues/comments/${id}`, { body: 'again' })

    expect(created.status).toBe(201)
    expect(updated.status).toBe(200)
    expect(fake.state.comments.get(7)).toEqual([
      expect.objectContaining({
        id,
        body: 'again',
        user: expect.objectContaining({ login: 'github-actions[bot]', type: 'Bot' })
      })
    ])
  })

  it('refuses comment bodies over 65 536 characters with 422, like GitHub', async () => {
    fake = await startFakeGitHub()
    const ok = await call('POST', '/repos/octo/app/issues/1/comments', { body: 'x'.repeat(65536) })
    const tooLong = await call('POST', '/repos/octo/app/issues/1/comments', {
      body: 'x'.repeat(65537)
    })

    expect(ok.status).toBe(201)
    expect(tooLong.status).toBe(422)
    expect(JSON.stringify(tooLong.data)).toContain('body is too long (maximum is 65536 characters)')
  })

  it('keeps check runs per head SHA and lists them by name, newest first', async () => {
    fake = await startFakeGitHub()
    const create = (name: string): ReturnType<typeof call> =>
      call('POST', '/repos/octo/app/check-runs', { name, head_sha: SHA, status: 'in_progress' })
    const first = await create('deploy')
    await create('other')
    const second = await create('deploy')
    await call('PATCH', `/repos/octo/app/check-runs/${second.data.id as number}`, {
      conclusion: 'success',
      output: { title: 'done', summary: 'all good', text: 'details' }
    })

    const latest = await call('GET', `/repos/octo/app/commits/${SHA}/check-runs?check_name=deploy`)
    const all = await call(
      'GET',
      `/repos/octo/app/commits/${SHA}/check-runs?check_name=deploy&filter=all`
    )

    expect(latest.data).toEqual({
      total_count: 1,
      check_runs: [
        expect.objectContaining({
          id: second.data.id,
          status: 'completed',
          conclusion: 'success',
          output: expect.objectContaining({ title: 'done', text: 'details' })
        })
      ]
    })
    expect((all.data.check_runs as { id: number }[]).map(run => run.id)).toEqual([
      second.data.id,
      first.data.id
    ])
  })

  it('validates check runs like GitHub: full SHA, conclusion when completed, output size', async () => {
    fake = await startFakeGitHub()
    const post = (body: unknown): ReturnType<typeof call> =>
      call('POST', '/repos/octo/app/check-runs', body)

    expect((await post({ name: 'x', head_sha: 'abc1234' })).status).toBe(422)
    expect((await post({ name: 'x', head_sha: SHA, status: 'completed' })).status).toBe(422)
    const huge = await post({
      name: 'x',
      head_sha: SHA,
      output: { title: 't', summary: 's'.repeat(65536) }
    })
    expect(huge.status).toBe(422)
    expect(fake.state.checkRuns.size).toBe(0)
  })

  it('answers the pull requests that contain a commit', async () => {
    fake = await startFakeGitHub()
    fake.addPullRequest(SHA, { number: 9, state: 'closed' })
    fake.addPullRequest(SHA, { number: 10 })

    const pulls = await call('GET', `/repos/octo/app/commits/${SHA}/pulls`)

    expect(pulls.data).toEqual([
      expect.objectContaining({
        number: 9,
        state: 'closed',
        head: expect.objectContaining({ sha: SHA })
      }),
      expect.objectContaining({ number: 10, state: 'open' })
    ])
  })

  it('refuses GET /user to a GITHUB_TOKEN-like identity and answers it for a user token', async () => {
    fake = await startFakeGitHub()
    expect((await call('GET', '/user')).status).toBe(403)
    await fake.close()

    fake = await startFakeGitHub({ identity: { login: 'octocat', type: 'User', id: 1 } })
    const user = await call('GET', '/user')
    expect(user.data).toEqual(expect.objectContaining({ login: 'octocat', type: 'User' }))
  })

  it('demands the configured token', async () => {
    fake = await startFakeGitHub({ token: 'secret' })
    expect(
      (await call('GET', `/repos/octo/app/commits/${SHA}/pulls`, undefined, 'wrong')).status
    ).toBe(401)
    expect((await call('GET', `/repos/octo/app/commits/${SHA}/pulls`)).status).toBe(200)
  })

  it('fails writes with "Resource not accessible by integration" and lets reads through', async () => {
    fake = await startFakeGitHub()
    fake.setFailure('writes', 'forbidden')

    const write = await call('POST', '/repos/octo/app/issues/1/comments', { body: 'x' })
    const read = await call('GET', '/repos/octo/app/issues/1/comments')

    expect(write.status).toBe(403)
    expect(write.data.message).toBe('Resource not accessible by integration')
    expect(read.status).toBe(200)
    expect(fake.state.comments.size).toBe(0)
  })

  it('rate limits a number of requests, with the headers GitHub sends', async () => {
    fake = await startFakeGitHub()
    fake.setFailure('listComments', 'rate-limit', { times: 1 })
    fake.setFailure('createComment', 'too-many-requests', { times: 1 })

    const limited = await call('GET', '/repos/octo/app/issues/1/comments')
    const secondary = await call('POST', '/repos/octo/app/issues/1/comments', { body: 'x' })
    const after = await call('GET', '/repos/octo/app/issues/1/comments')

    expect(limited.status).toBe(403)
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    expect(secondary.status).toBe(429)
    expect(secondary.headers.get('retry-after')).toBe('1')
    expect(secondary.data.message).toMatch(/secondary rate limit/)
    expect(after.status).toBe(200)
  })

  it('answers 404 for other repositories and unknown endpoints, and records every call', async () => {
    fake = await startFakeGitHub()
    fake.setFailure('all', { status: 503, message: 'Unavailable' }, { times: 1 })

    const unavailable = await call('GET', '/repos/octo/app/issues/1/comments')
    const otherRepo = await call('GET', '/repos/someone/else/issues/1/comments')
    const unknown = await call('DELETE', '/repos/octo/app/issues/comments/1')

    expect([unavailable.status, otherRepo.status, unknown.status]).toEqual([503, 404, 404])
    expect(fake.calls.map(c => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /repos/octo/app/issues/1/comments 503',
      'GET /repos/someone/else/issues/1/comments 404',
      'DELETE /repos/octo/app/issues/comments/1 404'
    ])
  })
})
