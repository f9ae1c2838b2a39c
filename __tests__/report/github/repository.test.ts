import { describe, expect, it } from '@jest/globals'
import { repoRef, reportSha } from '../../../src/report/github/repository.js'
import { HEAD_SHA, MERGE_SHA, pullRequestRun, pushRun } from '../fixtures.js'

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
