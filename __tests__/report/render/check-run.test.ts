import { describe, expect, it } from '@jest/globals'
import type { Outcome } from '../../../src/model/release.js'
import {
  CHECK_OUTPUT_LIMIT,
  checkRunName,
  checkRunState,
  renderCheckRun
} from '../../../src/report/render/check-run.js'
import { readSnapshot } from '../../../src/report/render/snapshot.js'
import { hugeRelease, pausedRelease, rolledBackRelease, succeededRelease } from '../fixtures.js'

describe('checkRunName', () => {
  it('is the check-name input, else ecs-bluegreen / <cluster>/<service>', () => {
    expect(checkRunName(pausedRelease(), undefined)).toBe('ecs-bluegreen / prod/web')
    expect(
      checkRunName(pausedRelease({ cluster: 'arn:aws:ecs:eu-west-1:1:cluster/prod' }), '')
    ).toBe('ecs-bluegreen / prod/web')
    expect(checkRunName(pausedRelease(), 'deploy / production')).toBe('deploy / production')
  })
})

describe('checkRunState', () => {
  it.each<[Outcome, string, string | undefined]>([
    ['running', 'in_progress', undefined],
    ['paused', 'in_progress', undefined],
    ['succeeded', 'completed', 'success'],
    ['rolled-back', 'completed', 'failure'],
    ['failed', 'completed', 'failure'],
    ['timed-out', 'completed', 'failure'],
    ['cancelled', 'completed', 'cancelled'],
    ['handed-off', 'completed', 'neutral']
  ])('maps %s to %s/%s', (outcome, status, conclusion) => {
    expect(checkRunState(pausedRelease({ outcome }))).toEqual(
      conclusion ? { status, conclusion } : { status }
    )
  })
})

describe('renderCheckRun', () => {
  it('names the current stage and the traffic on the new revision while running', () => {
    const running = pausedRelease({
      outcome: 'running',
      stage: 'TEST_TRAFFIC_SHIFT',
      stages: pausedRelease().stages.slice(0, 4)
    })
    expect(renderCheckRun(running).output.title).toBe(
      'TEST_TRAFFIC_SHIFT (test 100%, production 0% on the new revision)'
    )
  })

  it('keeps a paused release in progress, awaiting promotion, with the instructions', () => {
    const payload = renderCheckRun(pausedRelease())

    expect(payload.status).toBe('in_progress')
    expect(payload.output.title).toBe('awaiting promotion at POST_TEST_TRAFFIC_SHIFT')
    expect(payload.output.summary).toContain('-f command=promote')
    expect(payload.output.summary).toContain('-f command=rollback')
    expect(payload.details_url).toBe('https://github.com/octo/app/actions/runs/4242')
    expect(payload.started_at).toBe('2026-11-25T18:00:00.000Z')
  })

  it('completes with the outcome and when it happened', () => {
    expect(renderCheckRun(succeededRelease())).toEqual(
      expect.objectContaining({
        status: 'completed',
        conclusion: 'success',
        completed_at: '2026-11-25T18:32:00.000Z',
        output: expect.objectContaining({ title: 'succeeded in 32m00s' })
      })
    )
    expect(renderCheckRun(rolledBackRelease()).output.title).toBe(
      'rolled back: ECS rolled the deployment back: a TEST_TRAFFIC_SHIFT hook failed.'
    )
  })

  it('titles a diagnosed failure by its cause, without repeating service and outcome', () => {
    const cause = 'Lambda hook at TEST_TRAFFIC_SHIFT failed: it returned FAILED status.'
    const release = rolledBackRelease({ reason: `web (prod) rolled back: ${cause}`, cause })
    expect(renderCheckRun(release).output.title).toBe(`rolled back: ${cause}`)
  })

  it('says a step that stopped following on purpose gave no verdict', () => {
    const payload = renderCheckRun(pausedRelease({ outcome: 'handed-off', stage: 'BAKE_TIME' }))

    expect(payload.conclusion).toBe('neutral')
    expect(payload.output.title).toBe('stopped following at BAKE_TIME; ECS continues')
  })

  it('carries the snapshot in its details for a later run', () => {
    const text = renderCheckRun(pausedRelease()).output.text
    expect(readSnapshot(text, pausedRelease())?.hooks).toHaveLength(2)
  })

  it('keeps title, summary and details within GitHub’s limits whatever ECS returns', () => {
    const { output } = renderCheckRun(hugeRelease())

    expect(output.title.length).toBeLessThanOrEqual(200)
    expect(output.title).not.toMatch(/\n/)
    expect(Buffer.byteLength(output.summary)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT)
    expect(Buffer.byteLength(output.text)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT)
    expect(readSnapshot(output.text, hugeRelease())).toBeDefined()
  })
})
