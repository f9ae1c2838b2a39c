import { describe, expect, it } from '@jest/globals'
import { newRelease, type Release } from '../../src/model/release.js'
import { concludeRelease, failureDetails, isFailure } from '../../src/verdict/outcome.js'
import { recordDeployment } from '../../src/watch/timeline.js'
import { deploymentAt, pausedAt } from '../support/deployments.js'

const now = new Date('2026-11-25T13:00:00Z')
const context = { timeoutMinutes: 60, now }

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
    concludeRelease(
      r,
      { kind: 'finished', deployment: deploymentAt('CLEAN_UP', 'SUCCESSFUL') },
      context
    )
    expect(r.outcome).toBe('succeeded')
    expect(isFailure(r)).toBe(false)
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
    concludeRelease(r, { kind: 'finished', deployment }, context)
    expect(r.outcome).toBe('rolled-back')
    expect(isFailure(r)).toBe(true)
    expect(r.reason).toBe(
      'ECS rolled the deployment back: Service deployment rolled back because the circuit breaker threshold was exceeded.'
    )
    expect(r.details).toEqual([
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
    concludeRelease(
      r,
      {
        kind: 'finished',
        deployment: deploymentAt('SCALE_UP', 'ROLLBACK_FAILED', {
          statusReason: 'No rollback candidate was found to run the rollback.'
        })
      },
      context
    )
    expect(r.outcome).toBe('failed')
    expect(r.reason).toBe(
      'ECS could not roll the deployment back: No rollback candidate was found to run the rollback.'
    )
    expect(r.details).toEqual([])
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
    concludeRelease(r, { kind: 'finished', deployment }, context)
    expect(r.reason).toBe(
      'ECS could not roll the deployment back: No rollback candidate was found to run the rollback; ' +
        'the rollback was started because: Service deployment rolled back because the circuit breaker threshold was exceeded.'
    )
    expect(r.details).toEqual(['Circuit breaker triggered: 3 tasks failed (threshold 3).'])
  })

  it('keeps a status reason that says more than the rollback reason in the headline', () => {
    const r = release()
    const deployment = deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', {
      statusReason: 'Service deployment rolled back; traffic returned to the previous revision.',
      rollback: { reason: 'Service deployment rolled back because alarm(s) were triggered: p99.' }
    })
    concludeRelease(r, { kind: 'finished', deployment }, context)
    expect(r.reason).toBe(
      'ECS rolled the deployment back: Service deployment rolled back because alarm(s) were triggered: p99.'
    )
    expect(r.details).toEqual([
      'Status reason: Service deployment rolled back; traffic returned to the previous revision.'
    ])
  })

  it('reports a pause as paused and a stage target as running', () => {
    const paused = release()
    recordDeployment(paused, pausedAt('POST_TEST_TRAFFIC_SHIFT'), now)
    concludeRelease(
      paused,
      { kind: 'reached', deployment: pausedAt('POST_TEST_TRAFFIC_SHIFT') },
      context
    )
    expect(paused.outcome).toBe('paused')

    const baking = release()
    concludeRelease(baking, { kind: 'reached', deployment: deploymentAt('BAKE_TIME') }, context)
    expect(baking.outcome).toBe('running')
    expect(isFailure(baking)).toBe(false)
  })

  it('fails a timeout with the last stage and status and the deployment ARN', () => {
    const r = release()
    recordDeployment(r, deploymentAt('BAKE_TIME'), now)
    concludeRelease(r, { kind: 'timeout', deployment: deploymentAt('BAKE_TIME') }, context)
    expect(r.outcome).toBe('timed-out')
    expect(r.reason).toBe(
      'Timed out after 60 minutes waiting for the deployment (last seen at stage BAKE_TIME with status IN_PROGRESS).'
    )
    expect(r.details[0]).toContain(r.deploymentArn)
  })

  it('fails when ECS stopped answering, keeping what is known', () => {
    const r = release()
    recordDeployment(r, deploymentAt('SCALE_UP'), now)
    concludeRelease(
      r,
      {
        kind: 'unreachable',
        deployment: deploymentAt('SCALE_UP'),
        error: 'ThrottlingException: Rate exceeded'
      },
      context
    )
    expect(r.outcome).toBe('timed-out')
    expect(r.reason).toContain('ThrottlingException: Rate exceeded')
    expect(r.reason).toContain('stage SCALE_UP')
  })
})
