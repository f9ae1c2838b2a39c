import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { type FailureKind, type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { annotations } from '../../scripts/runner.js'
import {
  deployInputs,
  ECR,
  PR_HEAD,
  pullRequestEvent,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'

/**
 * GitHub failing while a release runs, through the bundle: a server error or a 429 that
 * passes is retried until the comment and check run show the release; a rate limit that
 * does not pass costs warnings, not time. Either way the job's result is ECS's result.
 * Each kind of failure, and outages, are tried on the reporter itself in __tests__/report.
 */

let sim: Simulator
let github: FakeGitHub
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())
beforeEach(async () => {
  github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
})
afterEach(() => github.close())

function release(service: string, tag: string) {
  return runAction({
    ecsUrl: sim.url,
    githubUrl: github.url,
    event: pullRequestEvent,
    inputs: deployInputs(service, {
      'container-name': service,
      image: `${ECR}/${service}:${tag}`,
      'pr-comment': 'true',
      'check-run': 'true'
    })
  })
}

/** What the pull request shows once the run is over. */
function reported() {
  const checks = github.state.checkRuns.get(PR_HEAD) ?? []
  return {
    comments: (github.state.comments.get(7) ?? []).map(comment => comment.body),
    checks: checks.map(check => [check.status, check.conclusion])
  }
}

const statuses = (): number[] => github.calls.map(call => call.status)

describe('a release while GitHub fails', () => {
  it.each<[string, FailureKind]>([
    ['a 502 server error', 'server-error'],
    ['a 429 with retry-after', 'too-many-requests']
  ])('retries through %s: the report ends up right', async (_why, kind) => {
    github.setFailure('writes', kind, { times: 1 })
    const run = await release('api', `40.${kind.length}.0`)
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('SUCCESSFUL')
    expect(statuses().filter(status => status >= 400)).toHaveLength(1)
    expect(reported()).toEqual({
      comments: [expect.stringContaining('api on demo: succeeded')],
      checks: [['completed', 'success']]
    })
    expect(annotations(run, 'warning')).toEqual([])
  })

  it('fails a rolled-back release for what ECS said, not GitHub, under a rate limit with no end', async () => {
    github.setFailure('writes', {
      status: 429,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '3600' }
    })
    const run = await release('guarded', 'pull-error')
    expect(run.exitCode).toBe(1)
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(annotations(run, 'error')[0]).toContain(
      'guarded (demo) rolled back: circuit breaker tripped'
    )
    const warnings = annotations(run, 'warning')
    expect(warnings.filter(warning => /rate limit/i.test(warning)).length).toBeGreaterThan(0)
    // An hour-long wait is not worth taking: the step ended without it.
    expect(run.endedAt - run.startedAt).toBeLessThan(30_000)
    expect(run.summary).toContain('guarded on demo: rolled back')
    expect(reported()).toEqual({ comments: [], checks: [] })
  })
})
