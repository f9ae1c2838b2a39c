import { describe, expect, it } from '@jest/globals'
import { newRelease, type Release } from '../../src/model/release.js'
import type { WatchResult } from '../../src/watch/watch.js'
import { concludeRelease, failsStep, failureDetails } from '../../src/verdict/verdict.js'
import { recordDeployment } from '../../src/watch/timeline.js'
import { deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'

const now = new Date('2026-11-25T13:00:00Z')

/** Concludes a wait of 60 minutes that ended with `result`. */
function conclude(r: Release, result: WatchResult): void {
  concludeRelease(r, { kind: 'watched', result, timeoutMinutes: 60 }, now)
}

function release(): Release {
  return newRelease(
    {
      command: 'deploy',
      cluster: 'demo',
      service: 'web',
      github: {
        serverUrl: 'https://github.com',
        repository: 'o/r',
        runId: '1',
        eventName: 'push',
        sha: 'abc'
      }
    },
    new Date('2026-11-25T12:00:00Z')
  )
}

describe('concludeRelease', () => {
  it('succeeds when ECS reports SUCCESSFUL', () => {
    const r = release()
    conclude(r, { kind: 'finished', deployment: deploymentAt('CLEAN_UP', 'SUCCESSFUL') })
    expect(r.verdict?.outcome).toBe('succeeded')
    expect(failsStep(r)).toBe(false)
    expect(r.finishedAt).toEqual(now)
  })

  it('fails a rollback with the reason ECS gave and the circuit breaker counts', () => {
    const r = release()
    const deployment = deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
      statusReason:
        'Service deployment rolled back because the circuit breaker threshold was exceeded.',
      rollback: {
        reason:
          'Service deployment rolled back because the circuit breaker threshold was exceeded.',
        serviceRevisionArn: 'arn:blue'
      },
      deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 }
    })
    conclude(r, { kind: 'finished', deployment })
    expect(r.verdict?.outcome).toBe('rolled-back')
    expect(failsStep(r)).toBe(true)
    expect(r.verdict?.reason).toBe(
      'ECS rolled the deployment back: Service deployment rolled back because the circuit breaker threshold was exceeded.'
    )
    expect(r.verdict?.details).toEqual([
      'Circuit breaker triggered: 3 tasks failed (threshold 3).',
      'Traffic is back on revision arn:blue.'
    ])
  })

  it('names the alarms that triggered', () => {
    const details = failureDetails(
      deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', {
        alarms: {
          status: 'TRIGGERED',
          alarmNames: ['p99', 'errors'],
          triggeredAlarmNames: ['errors']
        }
      }),
      'ECS rolled the deployment back.'
    )
    expect(details).toEqual(['Alarms that triggered: errors.'])
  })

  it('fails when the rollback itself failed', () => {
    const r = release()
    conclude(r, {
      kind: 'finished',
      deployment: deploymentAt('SCALE_UP', 'ROLLBACK_FAILED', {
        statusReason: 'No rollback candidate was found to run the rollback.'
      })
    })
    expect(r.verdict?.outcome).toBe('failed')
    expect(r.verdict?.reason).toBe(
      'ECS could not roll the deployment back: No rollback candidate was found to run the rollback.'
    )
    expect(r.verdict?.details).toEqual([])
  })

  it('says both why the rollback failed and why it was started, without repeating either', () => {
    const r = release()
    const deployment = deploymentAt('SCALE_UP', 'ROLLBACK_FAILED', {
      statusReason: 'No rollback candidate was found to run the rollback.',
      rollback: {
        reason: 'Service deployment rolled back because the circuit breaker threshold was exceeded.'
      },
      deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 }
    })
    conclude(r, { kind: 'finished', deployment })
    expect(r.verdict?.reason).toBe(
      'ECS could not roll the deployment back: No rollback candidate was found to run the rollback; ' +
        'the rollback was started because: Service deployment rolled back because the circuit breaker threshold was exceeded.'
    )
    expect(r.verdict?.details).toEqual(['Circuit breaker triggered: 3 tasks failed (threshold 3).'])
  })

  it('keeps a status reason that says more than the rollback reason in the headline', () => {
    const r = release()
    const deployment = deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', {
      statusReason: 'Service deployment rolled back; traffic returned to the previous revision.',
      rollback: { reason: 'Service deployment rolled back because alarm(s) were triggered: p99.' }
    })
    conclude(r, { kind: 'finished', deployment })
    expect(r.verdict?.reason).toBe(
      'ECS rolled the deployment back: Service deployment rolled back because alarm(s) were triggered: p99.'
    )
    expect(r.verdict?.details).toEqual([
      'Status reason: Service deployment rolled back; traffic returned to the previous revision.'
    ])
  })

  it('reports a pause as paused and a stage target as handed off', () => {
    const paused = release()
    recordDeployment(paused, pausedAt('POST_TEST_TRAFFIC_SHIFT'), now)
    conclude(paused, {
      kind: 'reached',
      deployment: pausedAt('POST_TEST_TRAFFIC_SHIFT'),
      pausedHookId: PAUSE_HOOK
    })
    expect(paused.verdict?.outcome).toBe('paused')

    const baking = release()
    conclude(baking, { kind: 'reached', deployment: deploymentAt('BAKE_TIME') })
    expect(baking.verdict?.outcome).toBe('handed-off')
    expect(failsStep(baking)).toBe(false)
  })

  it('fails a timeout with the last stage and status and the deployment ARN', () => {
    const r = release()
    recordDeployment(r, deploymentAt('BAKE_TIME'), now)
    conclude(r, { kind: 'timeout', deployment: deploymentAt('BAKE_TIME') })
    expect(r.verdict?.outcome).toBe('timed-out')
    expect(failsStep(r)).toBe(true)
    expect(r.verdict?.reason).toBe(
      'Timed out after 60 minutes waiting for the deployment (last seen at stage BAKE_TIME with status IN_PROGRESS).'
    )
    expect(r.verdict?.details[0]).toContain(r.deploymentArn)
  })

  it('fails when ECS stopped answering, keeping what is known', () => {
    const r = release()
    recordDeployment(r, deploymentAt('SCALE_UP'), now)
    conclude(r, {
      kind: 'unreachable',
      deployment: deploymentAt('SCALE_UP'),
      error: 'ThrottlingException: Rate exceeded'
    })
    expect(r.verdict?.outcome).toBe('timed-out')
    expect(r.verdict?.reason).toContain('ThrottlingException: Rate exceeded')
    expect(r.verdict?.reason).toContain('stage SCALE_UP')
  })

  it('reports a rollback ECS resolved otherwise as what it is', () => {
    const completed = deploymentAt('CLEAN_UP', 'SUCCESSFUL')
    const stopped = deploymentAt('CLEAN_UP', 'STOPPED', {
      statusReason: 'Service deployment stopped because a newer service deployment was started.'
    })
    const asked = (command: 'rollback' | 'deploy', deployment = completed) => {
      const r = release()
      r.command = command
      recordDeployment(r, deployment, now)
      concludeRelease(
        r,
        {
          kind: 'watched',
          result: { kind: 'finished', deployment },
          timeoutMinutes: 30,
          ...(command === 'deploy' && {
            rolledBackAfterTimeout: {
              timeoutMinutes: 60,
              where: 'stage CLEAN_UP, status IN_PROGRESS'
            }
          })
        },
        now
      )
      return r
    }
    // A rollback step: ECS completed the deployment instead; the step fails saying so.
    const rollbackStep = asked('rollback')
    expect(rollbackStep.verdict).toEqual({
      outcome: 'succeeded',
      reason:
        'ECS completed the deployment instead of rolling it back (SUCCESSFUL): the new revision serves production traffic. To go back, deploy the previous task definition.',
      details: []
    })
    expect(failsStep(rollbackStep)).toBe(true)
    expect(asked('rollback', stopped).verdict).toMatchObject({
      outcome: 'failed',
      reason:
        'ECS stopped the deployment instead of rolling it back (STOPPED): Service deployment stopped because a newer service deployment was started.'
    })
    // rollback-on-timeout: the release went out after all, and the step says so.
    const onTimeout = asked('deploy')
    expect(onTimeout.verdict?.outcome).toBe('succeeded')
    expect(onTimeout.verdict?.reason).toBe(
      'Timed out after 60 minutes (stage CLEAN_UP, status IN_PROGRESS) and asked ECS to roll back. ECS completed the deployment instead of rolling it back (SUCCESSFUL): the new revision serves production traffic. To go back, deploy the previous task definition.'
    )
    expect(failsStep(onTimeout)).toBe(false)
  })
})
