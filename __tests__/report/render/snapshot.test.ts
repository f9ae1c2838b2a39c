import { describe, expect, it } from '@jest/globals'
import {
  MAX_SNAPSHOT_LENGTH,
  readSnapshot,
  snapshotComment
} from '../../../src/report/render/snapshot.js'
import { at, pausedRelease } from '../fixtures.js'

/** A snapshot comment for prod/web holding arbitrary data, as someone editing a comment could write. */
function forged(data: unknown): string {
  return forgedJson(JSON.stringify(data))
}

function forgedJson(json: string): string {
  const real = snapshotComment(pausedRelease())
  const prefix = real.slice(0, real.indexOf(' v1 ') + 4)
  return `${prefix}${Buffer.from(json).toString('base64')} -->`
}

function validData(): Record<string, unknown> {
  return {
    startedAt: at(0).getTime(),
    stages: [{ stage: 'PRE_SCALE_UP', startedAt: at(0).getTime() }],
    hooks: []
  }
}

describe('snapshotComment and readSnapshot', () => {
  it('carry the timeline, hooks and task definition change to a later run', () => {
    const release = pausedRelease()
    // A stage that passed between two polls stays marked as such.
    release.stages[2] = { ...release.stages[2]!, unobserved: true }
    const text = `Some comment text\n\n${snapshotComment(release)}`
    const later = pausedRelease({
      command: 'promote',
      stages: [],
      hooks: [],
      taskDefinition: undefined
    })

    expect(readSnapshot(text, later)).toEqual({
      strategy: 'CANARY',
      region: 'eu-west-1',
      commit: release.commit,
      deploymentArn: release.deploymentArn,
      startedAt: release.startedAt,
      taskDefinition: release.taskDefinition,
      stages: release.stages,
      // A finished hook keeps when it finished (the end of a wait for approval).
      hooks: release.hooks.map(hook =>
        hook.status === 'SUCCEEDED' ? hook : { ...hook, updatedAt: hook.firstSeenAt }
      )
    })
  })

  it('is a hidden HTML comment that does not change when only poll times do', () => {
    const release = pausedRelease()
    const polledAgain = pausedRelease({
      updatedAt: at(9),
      hooks: release.hooks.map(hook =>
        hook.status === 'AWAITING_ACTION' ? { ...hook, updatedAt: at(9) } : hook
      )
    })

    expect(snapshotComment(release)).toMatch(
      /^<!-- ecs-bluegreen-action:snapshot cluster=prod service=web v1 [A-Za-z0-9+/=]+ -->$/
    )
    expect(snapshotComment(polledAgain)).toBe(snapshotComment(release))
  })

  it('belongs to one cluster and service, and to one deployment when both are known', () => {
    const text = snapshotComment(pausedRelease())

    expect(readSnapshot(text, pausedRelease({ service: 'api' }))).toBeUndefined()
    expect(readSnapshot(text, pausedRelease({ cluster: 'staging' }))).toBeUndefined()
    expect(
      readSnapshot(
        text,
        pausedRelease({
          deploymentArn: 'arn:aws:ecs:eu-west-1:1:service-deployment/prod/web/other'
        })
      )
    ).toBeUndefined()
    expect(readSnapshot(text, pausedRelease({ deploymentArn: undefined }))).toBeDefined()
  })

  it('stays within its size limit whatever the release holds, keeping the latest stages', () => {
    const huge = 'x'.repeat(100_000)
    const release = pausedRelease({
      stages: Array.from({ length: 3000 }, (_, i) => ({ stage: `STAGE_${i}`, startedAt: at(i) })),
      hooks: Array.from({ length: 3000 }, (_, i) => ({
        hookId: huge,
        firstSeenAt: at(i),
        updatedAt: at(i)
      })),
      deploymentArn: huge
    })
    const text = snapshotComment(release)
    const read = readSnapshot(text, pausedRelease({ deploymentArn: undefined }))

    expect(text.length).toBeLessThanOrEqual(MAX_SNAPSHOT_LENGTH)
    expect(read?.stages.length).toBeGreaterThan(0)
    expect(read?.stages.at(-1)?.stage).toBe('STAGE_2999')
  })

  it('is found only when well-formed', () => {
    expect(readSnapshot(forged(validData()), pausedRelease())).toBeDefined()
    expect(readSnapshot(undefined, pausedRelease())).toBeUndefined()
    expect(readSnapshot('no snapshot here', pausedRelease())).toBeUndefined()
    const prefix = forged({}).slice(0, forged({}).indexOf(' v1 ') + 4)
    expect(readSnapshot(`${prefix}not*base64 -->`, pausedRelease())).toBeUndefined()
    expect(
      readSnapshot(`${prefix}${Buffer.from('{not json').toString('base64')} -->`, pausedRelease())
    ).toBeUndefined()
  })

  it.each<[string, (data: Record<string, unknown>) => void]>([
    ['a stage without a name', data => (data.stages = [{ startedAt: at(0).getTime() }])],
    ['a date given as text', data => (data.startedAt = '2026-11-25T18:00:00Z')],
    ['a date in the year 3000', data => (data.startedAt = Date.UTC(3000, 0, 1))],
    [
      'a traffic weight over 100',
      data => (data.stages = [{ stage: 'X', startedAt: 1, traffic: { targetTest: 101 } }])
    ],
    ['a stage list that is an object', data => (data.stages = { 0: 'PRE_SCALE_UP' })],
    [
      'too many hooks',
      data => (data.hooks = Array.from({ length: 501 }, () => ({ firstSeenAt: at(0).getTime() })))
    ],
    ['an over-long strategy', data => (data.strategy = 'x'.repeat(257))],
    [
      'an image that is a number',
      data =>
        (data.taskDefinition = { containers: [{ name: 'a', image: 1, changedEnvironment: [] }] })
    ],
    ['no hook list', data => delete data.hooks]
  ])('is ignored entirely when it has %s', (_, spoil) => {
    const data = validData()
    spoil(data)
    expect(readSnapshot(forged(data), pausedRelease())).toBeUndefined()
  })

  it('cannot pollute prototypes', () => {
    const json = JSON.stringify(validData()).replace('{', '{"__proto__":{"polluted":true},')

    expect(readSnapshot(forgedJson(json), pausedRelease())).toBeDefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
