import { describe, expect, it } from '@jest/globals'
import { responseProblems } from '../../../sim/github/openapi.js'
import {
  checkRun,
  comment,
  GITHUB_ACTIONS_APP,
  GITHUB_ACTIONS_BOT,
  nodeId,
  profile,
  pullRequest,
  type Site
} from '../../../sim/github/resources.js'

const SITE: Site = { api: 'http://127.0.0.1:1', owner: 'octo', repo: 'app', repositoryId: 1296269 }
const OCTOCAT = { login: 'octocat', type: 'User' as const, id: 1 }
const V = '2022-11-28'

describe('nodeId', () => {
  it('makes the node ids GitHub gives (its documented examples)', () => {
    expect(nodeId('Repository', 1296269)).toBe('MDEwOlJlcG9zaXRvcnkxMjk2MjY5')
    expect(nodeId('CheckRun', 4)).toBe('MDg6Q2hlY2tSdW40')
    expect(nodeId('App', GITHUB_ACTIONS_APP.id)).toBe('MDM6QXBwMTUzNjg=')
  })
})

describe('the shapes of GitHub’s objects', () => {
  it('are answers GitHub could give', () => {
    const run = checkRun(SITE, 5, {
      name: 'deploy',
      headSha: 'a'.repeat(40),
      app: GITHUB_ACTIONS_APP,
      checkSuiteId: 1
    })
    const pull = pullRequest(
      SITE,
      {
        id: 9,
        number: 7,
        state: 'closed',
        headSha: 'a'.repeat(40),
        headRef: 'f',
        mergeCommitSha: 'b'.repeat(40)
      },
      OCTOCAT
    )

    expect(responseProblems('POST', '/repos/{owner}/{repo}/check-runs', 201, run, V)).toEqual([])
    expect(
      responseProblems(
        'POST',
        '/repos/{owner}/{repo}/issues/{issue_number}/comments',
        201,
        comment(SITE, 3, 7, 'hi', GITHUB_ACTIONS_BOT),
        V
      )
    ).toEqual([])
    expect(
      responseProblems('GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls', 200, [pull], V)
    ).toEqual([])
    expect(responseProblems('GET', '/user', 200, profile(SITE, OCTOCAT), V)).toEqual([])
  })

  it('show GITHUB_TOKEN as the github-actions[bot] of the GitHub Actions app', () => {
    expect(comment(SITE, 3, 7, 'hi', GITHUB_ACTIONS_BOT).user).toMatchObject({
      login: 'github-actions[bot]',
      type: 'Bot',
      html_url: 'https://github.com/apps/github-actions'
    })
  })
})
