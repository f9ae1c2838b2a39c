import { describe, expect, it } from '@jest/globals'
import {
  applyCheckRunFields,
  CheckRunRefusal,
  refuseCheckRunFields
} from '../../../sim/github/check-runs.js'
import { checkRun, GITHUB_ACTIONS_APP, type Site } from '../../../sim/github/resources.js'

const SITE: Site = { api: 'http://127.0.0.1:1', owner: 'octo', repo: 'app', repositoryId: 1 }
const OTHER_APP = { id: 9000, slug: 'other-ci', name: 'Other CI' }
const newRun = () =>
  checkRun(SITE, 5, {
    name: 'deploy',
    headSha: 'a'.repeat(40),
    app: GITHUB_ACTIONS_APP,
    checkSuiteId: 1
  })

describe('applyCheckRunFields', () => {
  it('completes a check run that is given a conclusion', () => {
    const run = newRun()
    applyCheckRunFields(run, { status: 'in_progress' })
    applyCheckRunFields(run, { conclusion: 'failure', completed_at: '2026-01-01T00:00:00Z' })

    expect(run).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      completed_at: '2026-01-01T00:00:00Z'
    })
  })

  it('leaves the status and conclusion of a completed run as they are, and changes the rest', () => {
    const run = newRun()
    applyCheckRunFields(run, { conclusion: 'neutral' })
    applyCheckRunFields(run, {
      status: 'in_progress',
      conclusion: 'success',
      name: 'renamed',
      output: { title: 't', summary: 's' }
    })

    expect(run).toMatchObject({
      status: 'completed',
      conclusion: 'neutral',
      name: 'renamed',
      output: { title: 't', summary: 's' }
    })
  })

  it('adds up annotations over updates', () => {
    const run = newRun()
    const annotation = {
      path: 'a',
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice',
      message: 'm'
    }
    applyCheckRunFields(run, { output: { title: 't', summary: 's', annotations: [annotation] } })
    applyCheckRunFields(run, { output: { summary: 's', annotations: [annotation, annotation] } })

    expect(run.output.annotations_count).toBe(3)
  })
})

describe('refuseCheckRunFields', () => {
  const refusal = (
    fields: Parameters<typeof refuseCheckRunFields>[0],
    app = GITHUB_ACTIONS_APP
  ) => {
    try {
      refuseCheckRunFields(fields, app)
      return undefined
    } catch (error) {
      return error instanceof CheckRunRefusal ? [error.status, error.message] : error
    }
  }

  it('refuses the stale conclusion, which only GitHub sets', () => {
    expect(refusal({ conclusion: 'stale' })).toEqual([422, 'Validation Failed'])
  })

  it('refuses the statuses only GitHub Actions sets to other apps', () => {
    expect(refusal({ status: 'waiting' }, OTHER_APP)).toEqual([422, 'Validation Failed'])
    expect(refusal({ status: 'waiting' })).toBeUndefined()
  })

  it('wants a conclusion with a completed status or a completion time', () => {
    const missing = [422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.']
    expect(refusal({ status: 'completed' })).toEqual(missing)
    expect(refusal({ completed_at: '2026-01-01T00:00:00Z' })).toEqual(missing)
    expect(refusal({ status: 'completed', conclusion: 'success' })).toBeUndefined()
  })
})
