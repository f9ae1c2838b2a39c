import type { Tag } from '@aws-sdk/client-ecs'
import { describe, expect, it } from '@jest/globals'
import { provenanceTags } from '../../src/model/provenance.js'
import type { GitHubRun } from '../../src/model/release.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const HEAD = 'fedcba9876543210fedcba9876543210fedcba98'
const push: GitHubRun = {
  serverUrl: 'https://github.com',
  repository: 'octo/shop',
  runId: '4242',
  eventName: 'push',
  sha: SHA
}
const pullRequest: GitHubRun = {
  ...push,
  eventName: 'pull_request',
  pullRequest: { number: 7, headSha: HEAD }
}
const RUN_URL = 'https://github.com/octo/shop/actions/runs/4242'
const tagMap = (tags: Tag[] | undefined): Record<string, string | undefined> =>
  Object.fromEntries((tags ?? []).map(tag => [tag.key, tag.value]))

describe('provenanceTags', () => {
  it('records the repository, the commit and the run', () => {
    expect(provenanceTags(push)).toEqual([
      { key: 'github:repository', value: 'octo/shop' },
      { key: 'github:sha', value: SHA },
      { key: 'github:run-url', value: RUN_URL }
    ])
  })
  it("records a pull request's head commit, not the merge commit", () => {
    expect(tagMap(provenanceTags(pullRequest))['github:sha']).toBe(HEAD)
  })
  it('links to the attempt that ran, and leaves out what is unknown or too long', () => {
    expect(tagMap(provenanceTags({ ...push, runAttempt: '2' }))['github:run-url']).toBe(
      `${RUN_URL}/attempts/2`
    )
    expect(provenanceTags({ ...push, runId: '', repository: '' })).toEqual([
      { key: 'github:sha', value: SHA }
    ])
    expect(
      tagMap(provenanceTags({ ...push, repository: 'o/'.padEnd(300, 'x') }))
    ).not.toHaveProperty('github:repository')
  })
})
