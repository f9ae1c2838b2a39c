import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readGitHubRun } from '../../src/action/github-run.js'

let directory: string
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'github-run-test-'))
})
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const payloadFile = (name: string, text: string): string => {
  const path = join(directory, name)
  writeFileSync(path, text)
  return path
}

const HEAD = 'fedcba9876543210fedcba9876543210fedcba98'
const env = {
  GITHUB_SERVER_URL: 'https://github.example.com',
  GITHUB_REPOSITORY: 'octo/shop',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_NUMBER: '17',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_JOB: 'deploy',
  GITHUB_WORKFLOW: 'Release',
  GITHUB_WORKFLOW_REF: 'octo/shop/.github/workflows/release.yml@refs/heads/main',
  GITHUB_WORKFLOW_SHA: 'aaaabbbbccccddddeeeeffff0000111122223333',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_ACTOR: 'mona'
}

describe('readGitHubRun', () => {
  it('reads the run from the GITHUB_* variables', () => {
    expect(readGitHubRun(env)).toEqual({
      serverUrl: 'https://github.example.com',
      repository: 'octo/shop',
      runId: '4242',
      runNumber: '17',
      runAttempt: '2',
      workflow: 'Release',
      workflowRef: 'octo/shop/.github/workflows/release.yml@refs/heads/main',
      workflowSha: 'aaaabbbbccccddddeeeeffff0000111122223333',
      job: 'deploy',
      eventName: 'push',
      sha: '0123456789abcdef0123456789abcdef01234567',
      ref: 'refs/heads/main',
      actor: 'mona'
    })
  })

  it('falls back to github.com and empty values outside a runner', () => {
    expect(readGitHubRun({})).toEqual({
      serverUrl: 'https://github.com',
      repository: '',
      runId: '',
      eventName: '',
      sha: ''
    })
  })

  it('reads the pull request number and head commit from the event payload', () => {
    const path = payloadFile(
      'pull_request.json',
      JSON.stringify({ action: 'synchronize', pull_request: { number: 7, head: { sha: HEAD } } })
    )
    const run = readGitHubRun({
      ...env,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: path
    })
    expect(run.pullRequest).toEqual({ number: 7, headSha: HEAD })
    expect(run.sha).toBe(env.GITHUB_SHA)
  })

  it('reads which inputs a workflow_dispatch event carries', () => {
    const path = payloadFile(
      'workflow_dispatch.json',
      JSON.stringify({ inputs: { command: 'promote', service: 'web', 'deployment-arn': '' } })
    )
    const run = readGitHubRun({
      ...env,
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_EVENT_PATH: path
    })
    expect(run.dispatchInputs).toEqual(['command', 'service', 'deployment-arn'])
    expect(readGitHubRun({ ...env, GITHUB_EVENT_PATH: path }).dispatchInputs).toBeUndefined()
  })

  // prettier-ignore
  it.each([
    ['a missing payload file', join('/nonexistent', 'event.json')],
    ['a payload that is not JSON', 'not-json'],
    ['a payload that is JSON null', 'null'],
    ['a push payload', JSON.stringify({ ref: 'refs/heads/main', head_commit: { id: HEAD } })],
    ['a pull request without a head', JSON.stringify({ pull_request: { number: 7 } })],
    ['a pull request number as text', JSON.stringify({ pull_request: { number: '7', head: { sha: HEAD } } })]
  ])('tolerates %s (no pull request)', (_why, content) => {
    const path = content.startsWith('/') ? content : payloadFile(`payload-${Math.random()}.json`, content)
    const run = readGitHubRun({ ...env, GITHUB_EVENT_PATH: path })
    expect(run.pullRequest).toBeUndefined()
    expect(run.repository).toBe('octo/shop')
  })
})
