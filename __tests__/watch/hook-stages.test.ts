import { describe, expect, it } from '@jest/globals'
import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { newRelease, type Release } from '../../src/model/release.js'
import {
  attributeHookStage,
  configuredHooks,
  stageNamedInReason
} from '../../src/watch/hook-stages.js'
import { recordDeployment } from '../../src/watch/timeline.js'
import { deploymentAt } from '../support/deployments.js'

const SMOKE = 'arn:aws:lambda:eu-west-1:111122223333:function:payments-smoke'
const T0 = Date.parse('2026-12-07T14:00:00Z')
const at = (seconds: number): Date => new Date(T0 + seconds * 1000)

/** Payments from the newcomer trial: a smoke-test Lambda after test traffic, and a pause. */
const PAYMENTS_HOOKS = configuredHooks([
  {
    targetType: 'AWS_LAMBDA',
    hookTargetArn: SMOKE,
    roleArn: 'arn:aws:iam::111122223333:role/hooks',
    lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT']
  },
  { targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }
])

function release(): Release {
  return newRelease(
    {
      command: 'deploy',
      cluster: 'prod',
      service: 'payments',
      github: { serverUrl: '', repository: '', runId: '', eventName: '', sha: '' }
    },
    at(0)
  )
}

/** A poll of a deployment whose configuration carries `lifecycleHooks`. */
function poll(
  stage: string,
  hooks: NonNullable<ServiceDeployment['lifecycleHookDetails']>,
  overrides: Partial<ServiceDeployment> = {}
): ServiceDeployment {
  return deploymentAt(stage, overrides.status ?? 'IN_PROGRESS', {
    lifecycleHookDetails: hooks,
    deploymentConfiguration: {
      strategy: 'CANARY',
      lifecycleHooks: [
        {
          targetType: 'AWS_LAMBDA',
          hookTargetArn: SMOKE,
          roleArn: 'arn:aws:iam::111122223333:role/hooks',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT']
        },
        { targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }
      ]
    },
    ...overrides
  })
}

describe('attributeHookStage', () => {
  it('places a Lambda hook at its configured stage even when a poll missed that stage', () => {
    expect(
      attributeHookStage(
        { targetType: 'AWS_LAMBDA', targetArn: SMOKE, status: 'SUCCEEDED' },
        { configured: PAYMENTS_HOOKS, seenAt: 'PRODUCTION_TRAFFIC_SHIFT' }
      )
    ).toBe('POST_TEST_TRAFFIC_SHIFT')
  })

  it('places a pause seen at CLEAN_UP (command: status) at its configured stage', () => {
    expect(
      attributeHookStage(
        { targetType: 'PAUSE', status: 'SUCCEEDED' },
        { configured: PAYMENTS_HOOKS, seenAt: 'CLEAN_UP' }
      )
    ).toBe('POST_TEST_TRAFFIC_SHIFT')
  })

  it('gives each pause of several configured ones the next stage, and repeats a repeating stage', () => {
    const configured = configuredHooks([
      { targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] },
      { targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }
    ])
    const pause = { targetType: 'PAUSE', status: 'AWAITING_ACTION' }
    const seenAt = 'PRODUCTION_TRAFFIC_SHIFT'
    expect(attributeHookStage(pause, { configured, seenAt })).toBe('POST_TEST_TRAFFIC_SHIFT')
    expect(
      attributeHookStage(pause, { configured, seenAt, previous: 'POST_TEST_TRAFFIC_SHIFT' })
    ).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT')
    expect(
      attributeHookStage(pause, { configured, seenAt, previous: 'PRE_PRODUCTION_TRAFFIC_SHIFT' })
    ).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT')
  })

  it('never places a hook where ECS does not run its type', () => {
    // A pause is not allowed during a traffic shift, whatever the configuration claims.
    const configured = configuredHooks([
      { targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] }
    ])
    expect(
      attributeHookStage(
        { targetType: 'PAUSE', status: 'AWAITING_ACTION' },
        { configured, seenAt: 'PRODUCTION_TRAFFIC_SHIFT' }
      )
    ).toBeUndefined()
    // Without a configuration, a running pause reported under PRODUCTION_TRAFFIC_SHIFT is at
    // PRE_PRODUCTION_TRAFFIC_SHIFT, the hook stage ECS reports under that name.
    expect(
      attributeHookStage(
        { targetType: 'PAUSE', status: 'AWAITING_ACTION' },
        { seenAt: 'PRODUCTION_TRAFFIC_SHIFT' }
      )
    ).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT')
  })

  it('does not guess the stage of a finished hook that no configuration names', () => {
    expect(
      attributeHookStage(
        { targetType: 'AWS_LAMBDA', targetArn: SMOKE, status: 'SUCCEEDED' },
        { seenAt: 'PRODUCTION_TRAFFIC_SHIFT' }
      )
    ).toBeUndefined()
    expect(
      attributeHookStage(
        { targetType: 'AWS_LAMBDA', targetArn: 'arn:aws:lambda:eu-west-1:1:function:other' },
        { configured: PAYMENTS_HOOKS, seenAt: 'PRODUCTION_TRAFFIC_SHIFT' }
      )
    ).toBeUndefined()
  })
})

describe('stageNamedInReason', () => {
  it('reads the stage and kind of hook from ECS rollback reasons', () => {
    expect(
      stageNamedInReason(
        'Service deployment rolled back because PRE_PRODUCTION_TRAFFIC_SHIFT pause hook timed out.'
      )
    ).toEqual({ stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', targetType: 'PAUSE' })
    expect(
      stageNamedInReason(
        `Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. Lifecycle hook target ${SMOKE} returned FAILED status.`
      )
    ).toEqual({ stage: 'POST_TEST_TRAFFIC_SHIFT', targetType: 'AWS_LAMBDA' })
    expect(
      stageNamedInReason('Service deployment rolled back because the circuit breaker tripped.')
    ).toBeUndefined()
  })
})

describe('hooks through recordDeployment', () => {
  it('keeps the configured stage for a pause that timed out under a folded stage name', () => {
    const r = release()
    const pause = {
      hookId: 'ecs-pause-1',
      targetType: 'PAUSE' as const,
      status: 'AWAITING_ACTION' as const
    }
    recordDeployment(r, poll('POST_TEST_TRAFFIC_SHIFT', []), at(0))
    recordDeployment(r, poll('PRODUCTION_TRAFFIC_SHIFT', [pause]), at(10))
    recordDeployment(
      r,
      poll('PRODUCTION_TRAFFIC_SHIFT', [{ ...pause, status: 'TIMED_OUT' }], {
        status: 'ROLLBACK_SUCCESSFUL',
        statusReason:
          'Service deployment rolled back because PRE_PRODUCTION_TRAFFIC_SHIFT pause hook timed out.'
      }),
      at(20)
    )
    expect(r.hooks).toEqual([
      expect.objectContaining({ stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', status: 'TIMED_OUT' })
    ])
  })

  it('uses the plan this run sent when the deployment does not report its configuration', () => {
    const r = release()
    r.configuredHooks = PAYMENTS_HOOKS
    recordDeployment(
      r,
      deploymentAt('PRODUCTION_TRAFFIC_SHIFT', 'IN_PROGRESS', {
        lifecycleHookDetails: [
          {
            hookId: 'ecs-lambda-1',
            targetType: 'AWS_LAMBDA',
            targetArn: SMOKE,
            status: 'SUCCEEDED'
          }
        ]
      }),
      at(0)
    )
    expect(r.hooks[0]?.stage).toBe('POST_TEST_TRAFFIC_SHIFT')
  })

  it('moves a failed hook to the stage ECS names when its configuration allows several', () => {
    const r = release()
    r.configuredHooks = configuredHooks([
      {
        targetType: 'AWS_LAMBDA',
        hookTargetArn: SMOKE,
        roleArn: 'arn:aws:iam::1:role/r',
        lifecycleStages: ['TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT']
      }
    ])
    const lambda = (status: 'IN_PROGRESS' | 'FAILED') => ({
      hookId: 'ecs-lambda-1',
      targetType: 'AWS_LAMBDA' as const,
      targetArn: SMOKE,
      status
    })
    const noConfiguration = { deploymentConfiguration: undefined }
    // First seen under a stage after both: attributed to the first configured stage.
    recordDeployment(
      r,
      poll('PRODUCTION_TRAFFIC_SHIFT', [lambda('IN_PROGRESS')], noConfiguration),
      at(0)
    )
    expect(r.hooks[0]?.stage).toBe('TEST_TRAFFIC_SHIFT')
    recordDeployment(
      r,
      poll('PRODUCTION_TRAFFIC_SHIFT', [lambda('FAILED')], {
        ...noConfiguration,
        status: 'ROLLBACK_IN_PROGRESS',
        statusReason: `Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. Lifecycle hook target ${SMOKE} returned FAILED status.`
      }),
      at(10)
    )
    expect(r.hooks[0]?.stage).toBe('POST_TEST_TRAFFIC_SHIFT')
  })
})
