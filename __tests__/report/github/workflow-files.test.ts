import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startFakeGitHub, type FakeGitHub } from '../../../sim/github/fake-github.js'
import { readWorkflowFile } from '../../../src/report/github/workflow-files.js'
import { HEAD_SHA, REPO, fastClient } from '../fixtures.js'

let fake: FakeGitHub

beforeEach(async () => {
  fake = await startFakeGitHub()
})

afterEach(async () => {
  await fake.close()
})

describe('readWorkflowFile', () => {
  it('reads a workflow of .github/workflows at a commit, or on the default branch', async () => {
    const text = 'name: release-control\non:\n  workflow_dispatch:\n'.repeat(20)
    fake.addFile('.github/workflows/release-control.yml', text)
    const api = await fastClient(fake)

    expect(await readWorkflowFile(api, REPO, 'release-control.yml', HEAD_SHA)).toBe(text)
    expect(await readWorkflowFile(api, REPO, 'release-control.yml')).toBe(text)
    expect(fake.calls.map(call => [call.path, call.query])).toEqual([
      ['/repos/octo/app/contents/.github%2Fworkflows%2Frelease-control.yml', { ref: HEAD_SHA }],
      ['/repos/octo/app/contents/.github%2Fworkflows%2Frelease-control.yml', {}]
    ])
  })

  it('lets GitHub’s refusal through for the caller to weigh', async () => {
    const api = await fastClient(fake)
    await expect(readWorkflowFile(api, REPO, 'missing.yml')).rejects.toMatchObject({ status: 404 })
  })
})
