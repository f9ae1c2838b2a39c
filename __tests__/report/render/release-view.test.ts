import { describe, expect, it } from '@jest/globals'
import type { Outcome } from '../../../src/model/release.js'
import {
  outcomeView,
  phaseLine,
  phases,
  releaseKey
} from '../../../src/report/render/release-view.js'
import { at, pausedRelease, rolledBackRelease, succeededRelease } from '../fixtures.js'

const states = (list: { label: string; state: string }[]): string[] =>
  list.map(phase => `${phase.label}:${phase.state}`)

describe('outcomeView', () => {
  it.each<[Outcome, string, boolean]>([
    ['running', 'in progress', false],
    ['handed-off', 'continuing in ECS (this step stopped following it)', true],
    ['paused', 'awaiting promotion', false],
    ['succeeded', 'succeeded', true],
    ['rolled-back', 'rolled back', true],
    ['failed', 'failed', true],
    ['timed-out', 'timed out', true],
    ['cancelled', 'cancelled', true]
  ])('reads %s as "%s"', (outcome, label, settled) => {
    expect(outcomeView(pausedRelease({ outcome }))).toEqual(
      expect.objectContaining({ label, settled })
    )
  })
})

describe('releaseKey', () => {
  it('uses short names, so an ARN and a name find the same comment and check run', () => {
    const byArn = pausedRelease({
      cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
      service: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web'
    })
    expect(releaseKey(byArn)).toEqual(releaseKey(pausedRelease()))
  })
})

describe('phases', () => {
  it('shows a paused release waiting for approval after test traffic', () => {
    expect(states(phases(pausedRelease()))).toEqual([
      'Started:done',
      'Test traffic:done',
      'Awaiting approval:waiting',
      'Production traffic:pending',
      'Done:pending'
    ])
  })

  it('shows no phases for a run that failed before a deployment started', () => {
    const refused = pausedRelease({
      outcome: 'failed',
      deploymentArn: undefined,
      stages: [],
      hooks: []
    })
    expect(phaseLine(refused)).toBeUndefined()
  })

  it('marks the phase in progress while the release runs', () => {
    const release = pausedRelease({
      outcome: 'running',
      stage: 'TEST_TRAFFIC_SHIFT',
      hooks: [],
      stages: pausedRelease().stages.slice(0, 4)
    })
    expect(states(phases(release))).toEqual([
      'Started:done',
      'Test traffic:current',
      'Production traffic:pending',
      'Done:pending'
    ])
    expect(phaseLine(release)).toBe(
      '✅ Started → 🔄 **Test traffic** → ⚪ Production traffic → ⚪ Done'
    )
  })

  it('completes every phase of a promoted release', () => {
    expect(states(phases(succeededRelease()))).toEqual([
      'Started:done',
      'Test traffic:done',
      'Approval:done',
      'Production traffic:done',
      'Done:done'
    ])
  })

  it('ends a rolled-back release in a failed last phase', () => {
    expect(states(phases(rolledBackRelease()))).toEqual([
      'Started:done',
      'Test traffic:done',
      'Production traffic:pending',
      'Rolled back:failed'
    ])
  })

  it('places the approval where its pause hook is', () => {
    const pauseAt = (stage: string) =>
      states(
        phases(
          pausedRelease({
            stage,
            stages: [{ stage, startedAt: at(0) }],
            hooks: [
              {
                targetType: 'PAUSE',
                stage,
                status: 'AWAITING_ACTION',
                firstSeenAt: at(0),
                updatedAt: at(0)
              }
            ]
          })
        )
      ).map(entry => entry.split(':')[0])
    expect(pauseAt('PRE_SCALE_UP')).toEqual([
      'Started',
      'Awaiting approval',
      'Test traffic',
      'Production traffic',
      'Done'
    ])
    // Test traffic shifts after POST_SCALE_UP: a pause there comes before it.
    expect(pauseAt('POST_SCALE_UP')).toEqual([
      'Started',
      'Awaiting approval',
      'Test traffic',
      'Production traffic',
      'Done'
    ])
    expect(pauseAt('POST_PRODUCTION_TRAFFIC_SHIFT')).toEqual([
      'Started',
      'Test traffic',
      'Production traffic',
      'Awaiting approval',
      'Done'
    ])
  })

  it('says a release this step stopped following is not followed further', () => {
    const release = pausedRelease({ outcome: 'handed-off', stage: 'BAKE_TIME', hooks: [] })
    expect(states(phases(release)).at(-1)).toBe('Not followed further:pending')
  })
})
