import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { findPullRequest } from '../../../src/report/github/pull-request.js'
import { startFakeGitHub, type FakeGitHub } from '../../../sim/github/fake-github.js'
import { HEAD_SHA, REPO, fastClient, pullRequestRun, pushRun } from '../fixtures.js'

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
    expect(fake.calls.map(call => call.path)).toEqual([`/repos/octo/app/commits/${HEAD_SHA}/pulls`])
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

  it('takes the merged pull request whose merge made the deployed commit', async () => {
    fake.addPullRequest(HEAD_SHA, { number: 3, state: 'closed' })
    fake.addPullRequest(HEAD_SHA, { number: 7, headSha: 'f'.repeat(40), mergeCommitSha: HEAD_SHA })
    const found = await findPullRequest(await fastClient(fake), REPO, HEAD_SHA, pushRun())
    expect(found).toEqual({ number: 7, headSha: 'f'.repeat(40) })
  })

  it('prefers the merged pull request to an open one that merely contains the commit', async () => {
    fake.addPullRequest(HEAD_SHA, { number: 8, headSha: 'e'.repeat(40) })
    fake.addPullRequest(HEAD_SHA, { number: 7, headSha: 'f'.repeat(40), mergeCommitSha: HEAD_SHA })
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
