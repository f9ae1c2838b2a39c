import { describe, expect, it } from '@jest/globals'
import type { ReleaseSet } from '../../src/model/release-set.js'
import { concludeReleaseSet, failsSetStep } from '../../src/verdict/release-set.js'
import { pausedRelease, pushRun, succeededRelease } from '../report/fixtures.js'

function set(command: ReleaseSet['command'], members: ReleaseSet['members']): ReleaseSet {
  return { name: 'chain', command, members, github: pushRun(), startedAt: new Date(0) }
}

describe('the verdict of a release of several services', () => {
  it('is paused when every service is, and succeeded when every one succeeded', () => {
    const paused = set('deploy', [pausedRelease({ service: 'a' }), pausedRelease({ service: 'b' })])
    expect(concludeReleaseSet(paused, { kind: 'members' }).outcome).toBe('paused')
    const done = set('promote', [
      succeededRelease({ service: 'a' }),
      succeededRelease({ service: 'b' })
    ])
    expect(concludeReleaseSet(done, { kind: 'members' }).outcome).toBe('succeeded')
    expect(failsSetStep(done)).toBe(false)
  })

  it('takes the worst outcome of its services, in the words of the one that failed', () => {
    const release = set('deploy', [
      pausedRelease({ service: 'a', outcome: 'rolled-back', reason: 'rolled back' }),
      pausedRelease({
        service: 'b',
        outcome: 'failed',
        reason: 'ECS could not roll back',
        hint: 'check the tasks'
      })
    ])
    const verdict = concludeReleaseSet(release, { kind: 'members' })
    expect(verdict).toMatchObject({
      outcome: 'failed',
      reason: 'b (prod): ECS could not roll back',
      hint: 'check the tasks',
      details: ['a (prod): rolled back', 'b (prod): failed']
    })
    expect(failsSetStep(release)).toBe(true)
  })

  it('succeeds a rollback step only when every service rolled back', () => {
    const rolledBack = set('rollback', [
      pausedRelease({ service: 'a', command: 'rollback', outcome: 'rolled-back' }),
      pausedRelease({ service: 'b', command: 'rollback', outcome: 'rolled-back' })
    ])
    concludeReleaseSet(rolledBack, { kind: 'members' })
    expect(failsSetStep(rolledBack)).toBe(false)
    const partly = set('rollback', [
      pausedRelease({ service: 'a', command: 'rollback', outcome: 'rolled-back' }),
      succeededRelease({ service: 'b', command: 'rollback' })
    ])
    concludeReleaseSet(partly, { kind: 'members' })
    expect(failsSetStep(partly)).toBe(true)
  })

  it('is the error that stopped the step, with where each service stood', () => {
    const release = set('deploy', [pausedRelease({ service: 'a' })])
    expect(
      concludeReleaseSet(release, {
        kind: 'error',
        message: 'b (prod): not found',
        cancelled: false
      })
    ).toEqual({ outcome: 'failed', reason: 'b (prod): not found', details: ['a (prod): paused'] })
  })
})
