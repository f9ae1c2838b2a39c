import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { CheckRunPayload } from '../../../src/report/render/check-run.js'
import {
  createCheckRun,
  findCheckRun,
  updateCheckRun
} from '../../../src/report/github/check-runs.js'
import { startFakeGitHub, type FakeGitHub } from '../../../sim/github/fake-github.js'
import { HEAD_SHA, REPO, fastClient } from '../fixtures.js'

const NAME = 'ecs-bluegreen / prod/web'
let fake: FakeGitHub

const payload = (title: string, done = false): CheckRunPayload => ({
  name: NAME,
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

    expect(updated).toEqual({ id: created.id, status: 'completed', text: 'text of done' })
    expect(fake.state.checkRuns.get(HEAD_SHA)).toEqual([
      expect.objectContaining({ name: NAME, status: 'completed', conclusion: 'success' })
    ])
  })

  it('finds the newest check run of that name on the commit', async () => {
    const api = await fastClient(fake)
    await createCheckRun(api, REPO, HEAD_SHA, payload('old', true))
    const newest = await createCheckRun(api, REPO, HEAD_SHA, payload('new'))
    await createCheckRun(api, REPO, HEAD_SHA, { ...payload('other'), name: 'something else' })

    expect(await findCheckRun(api, REPO, HEAD_SHA, NAME)).toEqual({
      id: newest.id,
      status: 'in_progress',
      text: 'text of new'
    })
    expect(await findCheckRun(api, REPO, 'f'.repeat(40), NAME)).toBeUndefined()
  })
})
