import { afterEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import {
  GITHUB_ACTIONS_BOT,
  startFakeGitHub,
  type FakeGitHub
} from '../../../sim/github/fake-github.js'

const SHA = 'c'.repeat(40)
const OTHER_APP = { id: 9000, slug: 'other-ci', name: 'Other CI' }
let fake: FakeGitHub

afterEach(async () => {
  await fake.close()
})

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; headers: Headers; data: Record<string, unknown> }> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: 'token secret', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return {
    status: response.status,
    headers: response.headers,
    data: (await response.json()) as Record<string, unknown>
  }
}

const createRun = (body: Record<string, unknown>): ReturnType<typeof call> =>
  call('POST', '/repos/octo/app/check-runs', { name: 'deploy', head_sha: SHA, ...body })

describe('pagination', () => {
  it('links pages as GitHub does, on the /repositories/{id} URL, and Octokit follows them', async () => {
    fake = await startFakeGitHub({ perPage: 2 })
    for (let n = 1; n <= 5; n += 1) fake.addComment(3, `comment ${n}`)
    const octokit = getOctokit('secret', { baseUrl: fake.url })

    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'octo',
      repo: 'app',
      issue_number: 3
    })
    const middle = await call('GET', '/repos/octo/app/issues/3/comments?page=2')

    expect(comments.map(comment => comment.body)).toEqual([
      'comment 1',
      'comment 2',
      'comment 3',
      'comment 4',
      'comment 5'
    ])
    const pages = `${fake.url}/repositories/1296269/issues/3/comments`
    expect(middle.headers.get('link')).toBe(
      `<${pages}?page=1>; rel="prev", <${pages}?page=3>; rel="next", ` +
        `<${pages}?page=3>; rel="last", <${pages}?page=1>; rel="first"`
    )
    expect(fake.calls.map(c => `${c.path}?${c.query.page ?? ''}`)).toEqual([
      '/repos/octo/app/issues/3/comments?',
      '/repositories/1296269/issues/3/comments?2',
      '/repositories/1296269/issues/3/comments?3',
      '/repos/octo/app/issues/3/comments?2'
    ])
  })

  it('keeps the query of the request and sends no Link header for a single page', async () => {
    fake = await startFakeGitHub()
    for (let n = 1; n <= 3; n += 1) fake.addComment(3, `comment ${n}`)

    const first = await call('GET', '/repos/octo/app/issues/3/comments?per_page=2')
    const all = await call('GET', '/repos/octo/app/issues/3/comments')

    expect(first.headers.get('link')).toContain(
      '/repositories/1296269/issues/3/comments?per_page=2&page=2>; rel="next"'
    )
    expect(all.headers.get('link')).toBeNull()
  })
})

describe('comments', () => {
  it('creates and updates comments as the token identity, in GitHub’s shape', async () => {
    fake = await startFakeGitHub()
    const created = await call('POST', '/repos/octo/app/issues/7/comments', { body: 'hello' })
    const id = created.data.id as number
    const updated = await call('PATCH', `/repos/octo/app/issues/comments/${id}`, { body: 'again' })

    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe(`${fake.url}/repos/octo/app/issues/comments/${id}`)
    expect(updated.status).toBe(200)
    expect(updated.data).toMatchObject({
      id,
      node_id: Buffer.from(`012:IssueComment${id}`).toString('base64'),
      html_url: `https://github.com/octo/app/pull/7#issuecomment-${id}`,
      body: 'again',
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }
    })
    expect(fake.state.comments.get(7)).toEqual([expect.objectContaining({ id, body: 'again' })])
  })

  it('refuses bodies over 65 536 characters, empty or missing, with 422 like GitHub', async () => {
    fake = await startFakeGitHub()
    const post = (body: unknown): ReturnType<typeof call> =>
      call('POST', '/repos/octo/app/issues/1/comments', body)

    expect((await post({ body: 'x'.repeat(65536) })).status).toBe(201)
    const tooLong = await post({ body: 'x'.repeat(65537) })
    const missing = await post({})
    const notText = await post({ body: 42 })

    expect(tooLong.status).toBe(422)
    expect(JSON.stringify(tooLong.data)).toContain('body is too long (maximum is 65536 characters)')
    expect(missing).toMatchObject({
      status: 422,
      data: {
        message: 'Invalid request.\n\n"body" wasn\'t supplied.',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment'
      }
    })
    expect(notText.data.message).toBe(
      "Invalid request.\n\nFor 'properties/body', 42 is not a string."
    )
    expect(fake.state.comments.get(1)).toHaveLength(1)
  })
})

describe('check runs', () => {
  it('keeps check runs per head SHA and lists them by name, newest first', async () => {
    fake = await startFakeGitHub({ commits: [SHA] })
    const first = await createRun({ status: 'in_progress' })
    await createRun({ name: 'other', status: 'in_progress' })
    const second = await createRun({ status: 'in_progress' })
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

  it('records the app that created each check run and its external_id', async () => {
    fake = await startFakeGitHub({ commits: [SHA] })
    fake.addCheckRun(SHA, { name: 'deploy', app: OTHER_APP, status: 'in_progress' })
    const ours = await createRun({ external_id: 'release-1' })

    const mine = await call('GET', `/repos/octo/app/commits/${SHA}/check-runs?app_id=15368`)

    expect(ours.data).toMatchObject({
      external_id: 'release-1',
      app: { id: 15368, slug: 'github-actions', node_id: 'MDM6QXBwMTUzNjg=' }
    })
    expect(mine.data).toMatchObject({ total_count: 1, check_runs: [{ id: ours.data.id }] })
    expect(fake.state.checkRuns.get(SHA)?.map(run => run.app?.slug)).toEqual([
      'other-ci',
      'github-actions'
    ])
  })

  it('refuses what GitHub refuses, and stores nothing', async () => {
    fake = await startFakeGitHub({ commits: [SHA] })

    const unknownCommit = await createRun({ head_sha: 'd'.repeat(40) })
    const shortSha = await createRun({ head_sha: SHA.slice(0, 7) })
    const badStatus = await createRun({ status: 'done' })
    const badConclusion = await createRun({ conclusion: 'passed' })
    const stale = await createRun({ conclusion: 'stale' })
    const noConclusion = await createRun({ status: 'completed' })
    const summary = await createRun({ output: { title: 't', summary: 's'.repeat(65536) } })
    const noTitle = await createRun({ output: { summary: 's' } })
    const annotations = await createRun({
      output: {
        title: 't',
        summary: 's',
        annotations: Array.from({ length: 51 }, () => ({
          path: 'a.ts',
          start_line: 1,
          end_line: 1,
          annotation_level: 'notice',
          message: 'm'
        }))
      }
    })

    expect(unknownCommit).toMatchObject({
      status: 422,
      data: { message: `No commit found for SHA: ${'d'.repeat(40)}` }
    })
    expect(shortSha.status).toBe(422)
    expect(badStatus.data.message).toBe(
      'Invalid request.\n\nFor \'properties/status\', done is not a member of ["queued", "in_progress", "completed"].'
    )
    expect(badConclusion.status).toBe(422)
    expect(stale.status).toBe(422)
    expect(noConclusion.data.message).toBe('Invalid request.\n\n"conclusion" wasn\'t supplied.')
    expect(summary.data.message).toBe(
      'Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.'
    )
    expect(noTitle.data.message).toBe('Invalid request.\n\n"title" wasn\'t supplied.')
    expect(annotations.data.message).toBe(
      'Invalid request.\n\nNo more than 50 items are allowed; 51 were supplied.'
    )
    expect(fake.state.checkRuns.size).toBe(0)
  })

  it('keeps a completed check run completed: status and conclusion changes are ignored, as GitHub ignores them', async () => {
    fake = await startFakeGitHub({ commits: [SHA] })
    const run = await createRun({
      conclusion: 'neutral',
      output: { title: 'paused', summary: 's' }
    })
    const path = `/repos/octo/app/check-runs/${run.data.id as number}`

    const reopened = await call('PATCH', path, {
      status: 'in_progress',
      output: { title: 'running', summary: 'again' }
    })
    const concluded = await call('PATCH', path, { conclusion: 'success' })

    expect(reopened).toMatchObject({
      status: 200,
      data: { status: 'completed', conclusion: 'neutral', output: { title: 'running' } }
    })
    expect(concluded.data).toMatchObject({
      status: 'completed',
      conclusion: 'neutral',
      completed_at: run.data.completed_at
    })
  })

  it('lets only the app that created a check run change it, and only apps write check runs', async () => {
    fake = await startFakeGitHub({ commits: [SHA] })
    const theirs = fake.addCheckRun(SHA, { name: 'deploy', app: OTHER_APP })

    const update = await call('PATCH', `/repos/octo/app/check-runs/${theirs.id}`, {
      status: 'in_progress'
    })
    await fake.close()
    fake = await startFakeGitHub({
      commits: [SHA],
      identity: { login: 'octocat', type: 'User', id: 1 }
    })
    const byUser = await createRun({})

    expect(update).toMatchObject({
      status: 403,
      data: {
        message:
          'Invalid app_id `15368` - check run can only be modified by the GitHub App that created it.',
        documentation_url: 'https://docs.github.com/rest/checks/runs#update-a-check-run'
      }
    })
    expect(theirs.status).toBe('queued')
    expect(byUser).toMatchObject({
      status: 403,
      data: { message: 'You must authenticate via a GitHub App.' }
    })
  })

  it('answers 422 for the check runs or pull requests of a commit the repository does not have', async () => {
    fake = await startFakeGitHub({ commits: [] })

    const runs = await call('GET', `/repos/octo/app/commits/${SHA}/check-runs`)
    const pulls = await call('GET', `/repos/octo/app/commits/${SHA}/pulls`)
    fake.addCommit(SHA)
    const known = await call('GET', `/repos/octo/app/commits/${SHA}/check-runs`)

    expect([runs.status, pulls.status, known.status]).toEqual([422, 422, 200])
    expect(known.data).toEqual({ total_count: 0, check_runs: [] })
  })
})

describe('API versions', () => {
  it('serves 2022-11-28 when the client names no version, and records what each client sent', async () => {
    fake = await startFakeGitHub()

    const plain = await call('GET', `/repos/octo/app/commits/${SHA}/pulls`)
    const pinned = await call('GET', `/repos/octo/app/commits/${SHA}/pulls`, undefined, {
      'x-github-api-version': '2022-11-28'
    })

    expect(plain.headers.get('x-github-api-version-selected')).toBe('2022-11-28')
    expect(pinned.headers.get('x-github-api-version-selected')).toBe('2022-11-28')
    expect(fake.calls.map(c => c.apiVersion)).toEqual([undefined, '2022-11-28'])
  })

  it('refuses an unsupported version with 400, and answers 2026-03-10 in its shapes', async () => {
    fake = await startFakeGitHub()
    fake.addPullRequest(SHA, { number: 9, mergeCommitSha: 'e'.repeat(40) })

    const unsupported = await call('GET', `/repos/octo/app/commits/${SHA}/pulls`, undefined, {
      'x-github-api-version': '2021-01-01'
    })
    const newer = await call('GET', `/repos/octo/app/commits/${SHA}/pulls`, undefined, {
      'x-github-api-version': '2026-03-10'
    })
    const older = await call('GET', `/repos/octo/app/commits/${SHA}/pulls`)

    expect(unsupported).toMatchObject({
      status: 400,
      data: {
        message: 'Bad Request',
        errors:
          'The version you specified in the "X-GitHub-API-Version" request header, "2021-01-01", is not a supported version. The following versions are currently supported: "2026-03-10" (most recent) and "2022-11-28".'
      }
    })
    expect(newer.data).toEqual([
      expect.not.objectContaining({ merge_commit_sha: expect.anything() })
    ])
    expect(older.data).toEqual([expect.objectContaining({ merge_commit_sha: 'e'.repeat(40) })])
  })
})

describe('the fake’s own answers', () => {
  it('turns an answer GitHub could never give into a 500, and close() rejects', async () => {
    fake = await startFakeGitHub({ commits: [SHA] })
    fake.addCheckRun(SHA, { name: 'deploy', status: 'completed', conclusion: 'passed' })

    const listed = await call('GET', `/repos/octo/app/commits/${SHA}/check-runs`)

    expect(listed.status).toBe(500)
    expect(fake.invalidResponses).toEqual([
      expect.stringContaining('/check_runs/0/conclusion must be equal to one of the allowed values')
    ])
    await expect(fake.close()).rejects.toThrow(/answered as GitHub never would/)
    fake.invalidResponses.length = 0
  })
})

describe('access', () => {
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

  it('answers a file of the repository in base64, at a commit it has or a branch', async () => {
    fake = await startFakeGitHub()
    const workflow = 'on: workflow_dispatch\njobs: {}\n'
    fake.addFile('.github/workflows/release-control.yml', workflow)
    const octokit = getOctokit('secret', { baseUrl: fake.url })

    const { data } = await octokit.rest.repos.getContent({
      owner: 'octo',
      repo: 'app',
      path: '.github/workflows/release-control.yml',
      ref: 'c0ffee0000000000000000000000000000000000'
    })

    expect(data).toMatchObject({
      type: 'file',
      name: 'release-control.yml',
      path: '.github/workflows/release-control.yml',
      sha: '191b9529d393b34d745ac1a59823a110c899affd'
    })
    expect(Buffer.from((data as { content: string }).content, 'base64').toString()).toBe(workflow)
    expect((await call('GET', '/repos/octo/app/contents/README.md')).status).toBe(404)
    expect(
      (
        await call(
          'GET',
          `/repos/octo/app/contents/.github/workflows/release-control.yml?ref=${SHA}`
        )
      ).data.message
    ).toBe(`No commit found for the ref ${SHA}`)
  })

  it('refuses GET /user to a GITHUB_TOKEN-like identity and answers it for a user token', async () => {
    fake = await startFakeGitHub({ identity: GITHUB_ACTIONS_BOT })
    expect((await call('GET', '/user')).status).toBe(403)
    await fake.close()

    fake = await startFakeGitHub({ identity: { login: 'octocat', type: 'User', id: 1 } })
    const user = await call('GET', '/user')
    expect(user.data).toEqual(expect.objectContaining({ login: 'octocat', type: 'User' }))
  })

  it('demands the configured token', async () => {
    fake = await startFakeGitHub({ token: 'secret', commits: [SHA] })
    const wrong = await call('GET', `/repos/octo/app/commits/${SHA}/pulls`, undefined, {
      authorization: 'token wrong'
    })
    expect(wrong.status).toBe(401)
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

  it('answers 404 for other repositories, unknown endpoints and malformed paths, and records every call', async () => {
    fake = await startFakeGitHub()
    fake.setFailure('all', { status: 503, message: 'Unavailable' }, { times: 1 })

    const unavailable = await call('GET', '/repos/octo/app/issues/1/comments')
    const otherRepo = await call('GET', '/repos/someone/else/issues/1/comments')
    const unknown = await call('DELETE', '/repos/octo/app/issues/comments/1')
    const notANumber = await call('GET', '/repos/octo/app/issues/one/comments')

    expect([unavailable.status, otherRepo.status, unknown.status, notANumber.status]).toEqual([
      503, 404, 404, 404
    ])
    expect(fake.calls.map(c => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /repos/octo/app/issues/1/comments 503',
      'GET /repos/someone/else/issues/1/comments 404',
      'DELETE /repos/octo/app/issues/comments/1 404',
      'GET /repos/octo/app/issues/one/comments 404'
    ])
  })
})
