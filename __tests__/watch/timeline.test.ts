import { describe, expect, it } from '@jest/globals'
import { newRelease, type Release } from '../../src/model/release.js'
import {
  observedStages,
  recordDeployment,
  stagesPassedUnseen,
  trafficOf
} from '../../src/watch/timeline.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'

const T0 = Date.parse('2026-11-25T12:00:00Z')
const at = (seconds: number): Date => new Date(T0 + seconds * 1000)

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
    at(0)
  )
}

describe('recordDeployment', () => {
  it('records each stage once, with its start, end and traffic', () => {
    const r = release()
    recordDeployment(r, deploymentAt(undefined, 'PENDING'), at(0))
    recordDeployment(r, deploymentAt('SCALE_UP'), at(10))
    recordDeployment(r, deploymentAt('SCALE_UP'), at(20))
    recordDeployment(r, deploymentAt('TEST_TRAFFIC_SHIFT'), at(30))
    recordDeployment(r, deploymentAt('CLEAN_UP', 'SUCCESSFUL', { finishedAt: at(45) }), at(50))
    expect(
      observedStages(r).map(s => [
        s.stage,
        s.startedAt.getTime() - T0,
        (s.endedAt?.getTime() ?? 0) - T0
      ])
    ).toEqual([
      ['SCALE_UP', 10_000, 30_000],
      ['TEST_TRAFFIC_SHIFT', 30_000, 50_000],
      ['CLEAN_UP', 50_000, 50_000]
    ])
    expect(observedStages(r)[1]?.traffic).toMatchObject({
      targetTest: 100,
      targetProduction: 0,
      sourceProduction: 100
    })
    expect(r).toMatchObject({
      status: 'SUCCESSFUL',
      stage: 'CLEAN_UP',
      deploymentArn: DEPLOYMENT_ARN
    })
  })

  it('says what changed: status, stage, hooks', () => {
    const r = release()
    expect(recordDeployment(r, deploymentAt(undefined, 'PENDING'), at(0))).toEqual([
      { kind: 'status', from: undefined, to: 'PENDING', reason: undefined }
    ])
    const events = recordDeployment(r, pausedAt('POST_TEST_TRAFFIC_SHIFT'), at(10))
    expect(events.map(e => e.kind)).toEqual(['stage', 'status', 'hook'])
    expect(r.hooks).toEqual([
      expect.objectContaining({
        hookId: PAUSE_HOOK,
        targetType: 'PAUSE',
        stage: 'POST_TEST_TRAFFIC_SHIFT',
        status: 'AWAITING_ACTION'
      })
    ])
    expect(recordDeployment(r, pausedAt('POST_TEST_TRAFFIC_SHIFT'), at(20))).toEqual([])
  })

  it('tracks a hook through its statuses', () => {
    const r = release()
    const lambda = (status: 'IN_PROGRESS' | 'SUCCEEDED') =>
      deploymentAt('POST_SCALE_UP', 'IN_PROGRESS', {
        lifecycleHookDetails: [
          {
            hookId: 'ecs-lambda-1',
            targetType: 'AWS_LAMBDA',
            targetArn: 'arn:aws:lambda:us-east-1:1:function:check',
            status
          }
        ]
      })
    recordDeployment(r, lambda('IN_PROGRESS'), at(0))
    const events = recordDeployment(r, lambda('SUCCEEDED'), at(10))
    expect(events).toEqual([
      expect.objectContaining({ kind: 'hook', previousStatus: 'IN_PROGRESS' })
    ])
    expect(r.hooks).toHaveLength(1)
    expect(r.hooks[0]).toMatchObject({ status: 'SUCCEEDED', updatedAt: at(10) })
  })

  it('records each canary or linear production step as its own entry', () => {
    const r = release()
    const step = (percent: number) =>
      deploymentAt('PRODUCTION_TRAFFIC_SHIFT', 'IN_PROGRESS', {
        targetServiceRevision: {
          requestedTestTrafficWeight: 100,
          requestedProductionTrafficWeight: percent
        }
      })
    recordDeployment(r, step(10), at(0))
    expect(recordDeployment(r, step(10), at(10))).toEqual([])
    expect(recordDeployment(r, step(20), at(20)).map(e => e.kind)).toEqual(['traffic'])
    recordDeployment(r, step(100), at(30))
    const steps = observedStages(r)
    expect(steps.map(s => s.traffic?.targetProduction)).toEqual([10, 20, 100])
    expect(steps.every(s => s.stage === 'PRODUCTION_TRAFFIC_SHIFT')).toBe(true)
  })

  it('shows the stages that passed between two polls as passed, not observed', () => {
    const r = release()
    recordDeployment(r, deploymentAt('PRE_SCALE_UP'), at(0))
    const events = recordDeployment(r, deploymentAt('TEST_TRAFFIC_SHIFT'), at(10))
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'stage',
        stage: 'TEST_TRAFFIC_SHIFT',
        passed: ['SCALE_UP', 'POST_SCALE_UP']
      })
    )
    expect(r.stages.map(s => [s.stage, s.unobserved ?? false])).toEqual([
      ['PRE_SCALE_UP', false],
      ['SCALE_UP', true],
      ['POST_SCALE_UP', true],
      ['TEST_TRAFFIC_SHIFT', false]
    ])
    expect(r.stages[1]).toMatchObject({ startedAt: at(10), endedAt: at(10) })
    expect(r.stages[1]?.traffic).toBeUndefined()
  })

  it('assumes neither RECONCILE_SERVICE nor PRE_PRODUCTION_TRAFFIC_SHIFT, which ECS may not report', () => {
    expect(stagesPassedUnseen(undefined, 'SCALE_UP')).toEqual(['PRE_SCALE_UP'])
    expect(stagesPassedUnseen('POST_TEST_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT')).toEqual([
      'PRODUCTION_TRAFFIC_SHIFT'
    ])
    // Canary and linear steps go back to PRE_PRODUCTION_TRAFFIC_SHIFT; unknown stages tell nothing.
    expect(stagesPassedUnseen('PRODUCTION_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT')).toEqual(
      []
    )
    expect(stagesPassedUnseen('SCALE_UP', 'QUANTUM_SHIFT')).toEqual([])
  })

  it('keeps unknown stage and status strings as they are', () => {
    const r = release()
    recordDeployment(r, deploymentAt('QUANTUM_SHIFT', 'PONDERING'), at(0))
    expect(r).toMatchObject({ stage: 'QUANTUM_SHIFT', status: 'PONDERING' })
  })
})

describe('trafficOf', () => {
  it('sums the old revisions and leaves missing weights undefined', () => {
    expect(
      trafficOf({
        targetServiceRevision: {
          requestedProductionTrafficWeight: 40,
          runningTaskCount: 1,
          requestedTaskCount: 2
        },
        sourceServiceRevisions: [
          { requestedProductionTrafficWeight: 35, runningTaskCount: 2, requestedTaskCount: 2 },
          { requestedProductionTrafficWeight: 25, runningTaskCount: 1 }
        ]
      })
    ).toEqual({
      targetProduction: 40,
      sourceProduction: 60,
      targetRunning: 1,
      targetRequested: 2,
      sourceRunning: 3,
      sourceRequested: 2,
      targetTest: undefined,
      sourceTest: undefined
    })
  })
})

describe('recordDeployment of stale answers', () => {
  it('keeps a hook finished once it finished', () => {
    const r = release()
    recordDeployment(r, pausedAt('POST_TEST_TRAFFIC_SHIFT'), at(0))
    r.hooks[0]!.status = 'SUCCEEDED'
    expect(recordDeployment(r, pausedAt('POST_TEST_TRAFFIC_SHIFT'), at(10))).toEqual([])
    expect(r.hooks[0]!.status).toBe('SUCCEEDED')
  })
})
