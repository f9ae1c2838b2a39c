import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  GITHUB_ACTIONS_BOT,
  startFakeGitHub,
  type FakeGitHub
} from '../../../sim/github/fake-github.js'
import {
  createCheckRun,
  createComment,
  findCheckRun,
  findComment,
  findPullRequest,
  isAnotherAppsCheckRun,
  MAX_PAGES,
  repoRef,
  reportSha,
  tokenIdentity,
  updateCheckRun,
  updateComment
} from '../../../src/report/github/api.js'
import type { GitHubApi } from '../../../src/report/github/client.js'
import type { CheckRunPayload } from '../../../src/report/render/check-run.js'
import { HEAD_SHA, MERGE_SHA, REPO, fastClient, pullRequestRun, pushRun } from '../fixtures.js'

describe('repository', () => {
  describe('repoRef', () => {
    it('splits GITHUB_REPOSITORY and rejects anything else', () => {
      expect(repoRef(pushRun())).toEqual({ owner: 'octo', repo: 'app' })
      expect(repoRef(pushRun({ repository: '' }))).toBeUndefined()
      expect(repoRef(pushRun({ repository: 'a/b/c' }))).toBeUndefined()
    })
  })

  describe('reportSha', () => {
    const DEPLOYED = 'd'.repeat(40)

    it('uses the pull request head, never the merge commit', () => {
      expect(reportSha(MERGE_SHA, pullRequestRun())).toBe(HEAD_SHA)
    })

    it('uses the deployed commit on other events, else the run’s commit', () => {
      expect(reportSha(DEPLOYED, pushRun())).toBe(DEPLOYED)
      expect(reportSha(undefined, pushRun())).toBe(HEAD_SHA)
      expect(reportSha('v1.2.3', pushRun())).toBe(HEAD_SHA)
      expect(reportSha(undefined, pushRun({ sha: '' }))).toBeUndefined()
    })
  })
})

describe('pull request', () => {
  let fake: FakeGitHub

  beforeEach(async () => {
    fake = await startFakeGitHub()
  })

  afterEach(async () => {
    await fake.close()
  })

  describe('findPullRequest', () => {
    it('takes the pull request of a pull_request event without asking the API', async () => {
      const found = await findPullRequest(await fastClient(fake), REPO, HEAD_SHA, pullRequestRun())

      expect(found).toEqual({ number: 7, headSha: HEAD_SHA })
      expect(fake.calls).toEqual([])
    })

    it('prefers the open pull request whose head is the deployed commit', async () => {
      fake.addPullRequest(HEAD_SHA, { number: 3, state: 'closed' })
      fake.addPullRequest(HEAD_SHA, { number: 4, headSha: 'e'.repeat(40) })
      fake.addPullRequest(HEAD_SHA, { number: 5 })

      const found = await findPullRequest(await fastClient(fake), REPO, HEAD_SHA, pushRun())

      expect(found).toEqual({ number: 5, headSha: HEAD_SHA })
      expect(fake.calls.map(call => call.path)).toEqual([
        `/repos/octo/app/commits/${HEAD_SHA}/pulls`
      ])
    })

    it('falls back to another open pull request containing the commit', async () => {
      fake.addPullRequest(HEAD_SHA, { number: 4, headSha: 'e'.repeat(40) })

      const found = await findPullRequest(
        await fastClient(fake),
        REPO,
        HEAD_SHA,
        pushRun({ eventName: 'workflow_dispatch' })
      )
      expect(found?.number).toBe(4)
    })

    it.each(['2022-11-28', '2026-03-10'])(
      'takes the merged pull request that brought in the deployed commit, in API version %s',
      async version => {
        fake.addPullRequest(HEAD_SHA, { number: 3, state: 'closed' })
        fake.addPullRequest(HEAD_SHA, {
          number: 7,
          headSha: 'f'.repeat(40),
          mergeCommitSha: HEAD_SHA
        })
        const api = inVersion(await fastClient(fake), version)
        const found = await findPullRequest(api, REPO, HEAD_SHA, pushRun())
        expect(found).toEqual({ number: 7, headSha: 'f'.repeat(40) })
        expect(fake.calls.map(call => call.apiVersion)).toEqual([version])
      }
    )

    it('prefers the merged pull request to an open one that merely contains the commit', async () => {
      fake.addPullRequest(HEAD_SHA, { number: 8, headSha: 'e'.repeat(40) })
      fake.addPullRequest(HEAD_SHA, {
        number: 7,
        headSha: 'f'.repeat(40),
        mergeCommitSha: HEAD_SHA
      })
      const found = await findPullRequest(await fastClient(fake), REPO, HEAD_SHA, pushRun())
      expect(found?.number).toBe(7)
    })

    it('finds none when the commit is only in pull requests closed unmerged, or in none', async () => {
      const api = await fastClient(fake)
      expect(await findPullRequest(api, REPO, HEAD_SHA, pushRun())).toBeUndefined()
      fake.addPullRequest(HEAD_SHA, { number: 3, state: 'closed' })
      expect(await findPullRequest(api, REPO, HEAD_SHA, pushRun())).toBeUndefined()
    })
  })
})

describe('check runs', () => {
  const NAME = 'ecs-bluegreen / prod/web'
  let fake: FakeGitHub

  const OURS = 'ecs-bluegreen-action cluster=prod service=web'
  const ours = (run: { external_id: string | null }): boolean => run.external_id === OURS
  const payload = (title: string, done = false): CheckRunPayload => ({
    name: NAME,
    external_id: OURS,
    status: done ? 'completed' : 'in_progress',
    ...(done ? { conclusion: 'success' as const } : {}),
    output: { title, summary: 'summary', text: `text of ${title}` }
  })

  beforeEach(async () => {
    fake = await startFakeGitHub()
  })

  afterEach(async () => {
    await fake.close()
  })

  describe('check runs', () => {
    it('creates a check run on a commit and updates it', async () => {
      const api = await fastClient(fake)
      const created = await createCheckRun(api, REPO, HEAD_SHA, payload('running'))
      const updated = await updateCheckRun(api, REPO, created.id, payload('done', true))

      expect(updated).toEqual({
        id: created.id,
        status: 'completed',
        conclusion: 'success',
        htmlUrl: expect.stringMatching(/^https:\/\/github\.com\/octo\/app\/runs\/\d+$/),
        text: 'text of done'
      })
      expect(fake.state.checkRuns.get(HEAD_SHA)).toEqual([
        expect.objectContaining({ name: NAME, status: 'completed', conclusion: 'success' })
      ])
    })

    it('finds the newest check run of that name on the commit', async () => {
      const api = await fastClient(fake)
      await createCheckRun(api, REPO, HEAD_SHA, payload('old', true))
      const newest = await createCheckRun(api, REPO, HEAD_SHA, payload('new'))
      await createCheckRun(api, REPO, HEAD_SHA, { ...payload('other'), name: 'something else' })

      expect(await findCheckRun(api, REPO, HEAD_SHA, NAME, ours)).toEqual({
        id: newest.id,
        status: 'in_progress',
        htmlUrl: newest.htmlUrl,
        text: 'text of new'
      })
      expect(await findCheckRun(api, REPO, 'f'.repeat(40), NAME, ours)).toBeUndefined()
    })

    it('leaves alone check runs of that name it does not recognise: a job’s own, another app’s', async () => {
      const api = await fastClient(fake)
      const mine = await createCheckRun(api, REPO, HEAD_SHA, payload('mine'))
      fake.addCheckRun(HEAD_SHA, { name: NAME, status: 'in_progress', external_id: 'job-1234' })
      fake.addCheckRun(HEAD_SHA, {
        name: NAME,
        status: 'in_progress',
        app: { id: 99, slug: 'other-ci', name: 'Other CI' }
      })

      expect((await findCheckRun(api, REPO, HEAD_SHA, NAME, ours))?.id).toBe(mine.id)
    })

    it('recognises GitHub’s refusal to change another app’s check run', async () => {
      const api = await fastClient(fake)
      const theirs = fake.addCheckRun(HEAD_SHA, {
        name: NAME,
        status: 'in_progress',
        external_id: OURS,
        app: { id: 99, slug: 'other-ci', name: 'Other CI' }
      })
      const refusal = await updateCheckRun(api, REPO, theirs.id, payload('done', true)).catch(
        (error: unknown) => error
      )

      expect(isAnotherAppsCheckRun(refusal)).toBe(true)
      expect(isAnotherAppsCheckRun(Object.assign(new Error('Forbidden'), { status: 403 }))).toBe(
        false
      )
      expect(theirs.status).toBe('in_progress')
    })
  })
})

describe('sticky comment', () => {
  const MARKER = '<!-- ecs-bluegreen-action:release cluster=prod service=web -->'
  const HUMAN = { login: 'mallory', type: 'User' as const, id: 7 }
  const OTHER_USER = { login: 'octocat', type: 'User' as const, id: 1 }
  let fake: FakeGitHub

  afterEach(async () => {
    await fake.close()
  })

  describe('findComment with GITHUB_TOKEN', () => {
    it('pages through every comment to find the marker', async () => {
      fake = await startFakeGitHub()
      for (let n = 0; n < 250; n += 1) fake.addComment(7, `chatter ${n}`, HUMAN)
      const ours = fake.addComment(7, `${MARKER}\nrelease`)
      const api = await fastClient(fake)

      const found = await findComment(api, REPO, 7, MARKER, () => tokenIdentity(api))

      expect(found).toEqual({ id: ours.id, body: ours.body })
      expect(fake.calls.filter(call => call.path.endsWith('/comments'))).toHaveLength(3)
    })

    it('ignores a person who quotes the marker, and asks who it is only when it must', async () => {
      fake = await startFakeGitHub()
      fake.addComment(7, `> ${MARKER}\nquoted`, HUMAN)
      const api = await fastClient(fake)
      const lookups: string[] = []
      const identity = () => (lookups.push('identity'), tokenIdentity(api))

      expect(await findComment(api, REPO, 7, MARKER, identity)).toBeUndefined()
      expect(await findComment(api, REPO, 7, 'no such marker', identity)).toBeUndefined()
      expect(lookups).toHaveLength(1)
    })

    it('creates and updates the comment in place', async () => {
      fake = await startFakeGitHub()
      const api = await fastClient(fake)

      const created = await createComment(api, REPO, 7, `${MARKER}\nfirst`)
      const updated = await updateComment(api, REPO, created.id, `${MARKER}\nsecond`)

      expect(updated.id).toBe(created.id)
      expect(fake.state.comments.get(7)?.map(comment => comment.body)).toEqual([
        `${MARKER}\nsecond`
      ])
    })
  })

  describe('findComment with a personal access token', () => {
    it('matches the token’s own login, not other accounts or bots', async () => {
      fake = await startFakeGitHub({ identity: OTHER_USER })
      fake.addComment(7, `${MARKER}\nby a bot`, GITHUB_ACTIONS_BOT)
      fake.addComment(7, `${MARKER}\nby someone else`, HUMAN)
      const ours = fake.addComment(7, `${MARKER}\nours`, OTHER_USER)
      const api = await fastClient(fake)

      const found = await findComment(api, REPO, 7, MARKER, () => tokenIdentity(api))
      expect(found?.id).toBe(ours.id)
    })
  })
})

describe('lists', () => {
  it('reads at most MAX_PAGES pages of a list whose server keeps sending a next link', async () => {
    let requests = 0
    const server = createServer((request, response) => {
      requests += 1
      const self = `http://127.0.0.1:${(server.address() as AddressInfo).port}${request.url ?? ''}`
      response.writeHead(200, {
        'content-type': 'application/json',
        link: `<${self}>; rel="next"`
      })
      response.end('[]')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const api = await fastClient({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      })
      const found = await findComment(api, REPO, 7, 'marker', () => tokenIdentity(api))

      expect(found).toBeUndefined()
      expect(requests).toBe(MAX_PAGES)
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  })
})

/** `api` asking for API version `version` instead of the one the client was written against. */
function inVersion(api: GitHubApi, version: string): GitHubApi {
  api.hook.wrap('request', (request, options) => {
    options.headers['x-github-api-version'] = version
    return request(options)
  })
  return api
}
