import { describe, expect, it } from '@jest/globals'
import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import type { WaitUntil } from '../../src/inputs/inputs.js'
import { awaitingPauseHook, watchDeployment, type WatchRequest } from '../../src/watch/watch.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import { FakeClock } from '../support/fake-clock.js'

const STAGES = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP'
]
const throttled = Object.assign(new Error('Rate exceeded'), {
  name: 'ThrottlingException',
  $fault: 'client'
})

/** Runs the watch over a script of answers; the last answer repeats. */
async function watch(
  script: (ServiceDeployment | Error)[],
  options: Partial<WatchRequest> & { until?: WaitUntil } = {}
) {
  const clock = new FakeClock()
  const seen: string[] = []
  const errors: string[] = []
  let calls = 0
  const result = await watchDeployment({
    arn: DEPLOYMENT_ARN,
    describe: async () => {
      const answer = script[Math.min(calls++, script.length - 1)]
      if (answer instanceof Error) throw answer
      return answer
    },
    until: { kind: 'complete' },
    timeoutMs: 60 * 60_000,
    pollIntervalMs: 10_000,
    clock,
    onSnapshot: deployment => {
      seen.push(`${deployment.status}/${deployment.lifecycleStage ?? '-'}`)
    },
    onPollError: message => errors.push(message),
    ...options
  })
  return { result, seen, errors, calls, clock }
}

describe('watchDeployment', () => {
  it('follows a deployment through every stage to SUCCESSFUL, polling at the interval', async () => {
    const script = [
      deploymentAt(undefined, 'PENDING'),
      ...STAGES.map(stage => deploymentAt(stage)),
      deploymentAt('CLEAN_UP', 'SUCCESSFUL')
    ]
    const { result, seen, clock } = await watch(script)
    expect(result.kind).toBe('finished')
    expect(result.deployment?.status).toBe('SUCCESSFUL')
    expect(seen).toEqual(script.map(d => `${d.status}/${d.lifecycleStage ?? '-'}`))
    expect(clock.slept.every(ms => ms === 10_000)).toBe(true)
  })

  it.each(['ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'])(
    'ends when ECS ends the deployment with %s',
    async status => {
      const { result } = await watch([
        deploymentAt('SCALE_UP'),
        deploymentAt('SCALE_UP', 'ROLLBACK_IN_PROGRESS'),
        deploymentAt('SCALE_UP', status)
      ])
      expect(result).toMatchObject({ kind: 'finished', deployment: { status } })
    }
  )

  it('stops at a pause when waiting until paused, and ignores pauses already answered', async () => {
    const paused = await watch(
      [deploymentAt('POST_SCALE_UP'), pausedAt('POST_TEST_TRAFFIC_SHIFT')],
      { until: { kind: 'paused' } }
    )
    expect(paused.result.kind).toBe('reached')
    expect(awaitingPauseHook(paused.result.deployment!)).toBe(PAUSE_HOOK)

    const next = await watch(
      [
        pausedAt('POST_TEST_TRAFFIC_SHIFT'),
        deploymentAt('PRODUCTION_TRAFFIC_SHIFT'),
        pausedAt('POST_PRODUCTION_TRAFFIC_SHIFT', 'ecs-pause-second')
      ],
      { until: { kind: 'paused' }, ignoreHookIds: [PAUSE_HOOK] }
    )
    expect(next.result.kind).toBe('reached')
    expect(awaitingPauseHook(next.result.deployment!, [PAUSE_HOOK])).toBe('ecs-pause-second')
  })

  it('keeps waiting through a pause when waiting until complete', async () => {
    const { result, calls } = await watch([
      pausedAt('POST_TEST_TRAFFIC_SHIFT'),
      pausedAt('POST_TEST_TRAFFIC_SHIFT'),
      deploymentAt('BAKE_TIME'),
      deploymentAt('CLEAN_UP', 'SUCCESSFUL')
    ])
    expect(result.kind).toBe('finished')
    expect(calls).toBe(4)
  })

  it('stops once the wanted stage or a later one is reached', async () => {
    const exact = await watch(
      [deploymentAt('POST_PRODUCTION_TRAFFIC_SHIFT'), deploymentAt('BAKE_TIME')],
      { until: { kind: 'stage', stage: 'BAKE_TIME' } }
    )
    expect(exact.result).toMatchObject({
      kind: 'reached',
      deployment: { lifecycleStage: 'BAKE_TIME' }
    })

    const later = await watch([deploymentAt('SCALE_UP'), deploymentAt('CLEAN_UP')], {
      until: { kind: 'stage', stage: 'BAKE_TIME' }
    })
    expect(later.result).toMatchObject({
      kind: 'reached',
      deployment: { lifecycleStage: 'CLEAN_UP' }
    })

    const finishedFirst = await watch([deploymentAt('CLEAN_UP', 'SUCCESSFUL')], {
      until: { kind: 'stage', stage: 'BAKE_TIME' }
    })
    expect(finishedFirst.result).toMatchObject({
      kind: 'finished',
      deployment: { status: 'SUCCESSFUL' }
    })
  })

  it.each(STAGES)(
    'waiting until %s, stops there as ECS passes stage after stage, not a stage early',
    async stage => {
      const { result } = await watch(
        STAGES.map(passed => deploymentAt(passed)),
        { until: { kind: 'stage', stage } }
      )
      expect(result).toMatchObject({ kind: 'reached', deployment: { lifecycleStage: stage } })
    }
  )

  it('does not count a stage seen during a rollback as reaching it', async () => {
    const { result } = await watch(
      [
        deploymentAt('BAKE_TIME', 'ROLLBACK_IN_PROGRESS'),
        deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL')
      ],
      {
        until: { kind: 'stage', stage: 'BAKE_TIME' }
      }
    )
    expect(result.kind).toBe('finished')
  })

  it('returns at once when not waiting', async () => {
    const { result, calls } = await watch([deploymentAt(undefined, 'PENDING')], {
      until: { kind: 'none' }
    })
    expect(result.kind).toBe('reached')
    expect(calls).toBe(1)
  })

  it('passes unknown stage and status strings through without failing', async () => {
    const { result, seen } = await watch(
      [
        deploymentAt('QUANTUM_SHIFT'),
        deploymentAt('QUANTUM_SHIFT', 'PONDERING'),
        deploymentAt('CLEAN_UP', 'SUCCESSFUL')
      ],
      {
        until: { kind: 'stage', stage: 'BAKE_TIME' }
      }
    )
    expect(seen).toEqual([
      'IN_PROGRESS/QUANTUM_SHIFT',
      'PONDERING/QUANTUM_SHIFT',
      'SUCCESSFUL/CLEAN_UP'
    ])
    expect(result.kind).toBe('finished')
  })

  it('tolerates throttling, server errors and dropped connections', async () => {
    const serverError = Object.assign(new Error('Internal'), {
      name: 'ServerException',
      $fault: 'server'
    })
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    const { result, errors } = await watch([
      deploymentAt('SCALE_UP'),
      throttled,
      serverError,
      reset,
      deploymentAt('CLEAN_UP', 'SUCCESSFUL')
    ])
    expect(result.kind).toBe('finished')
    expect(errors).toHaveLength(3)
    expect(errors[0]).toContain('ThrottlingException: Rate exceeded')
  })

  it('gives up with the last known state when the error budget is spent', async () => {
    const { result, calls } = await watch([deploymentAt('BAKE_TIME'), throttled], {
      errorBudget: 3
    })
    expect(result).toMatchObject({
      kind: 'unreachable',
      deployment: { lifecycleStage: 'BAKE_TIME' }
    })
    expect(calls).toBe(5)
  })

  it('resets the error budget after a good answer', async () => {
    const script = [
      deploymentAt('SCALE_UP'),
      throttled,
      throttled,
      deploymentAt('SCALE_UP'),
      throttled,
      throttled,
      deploymentAt('CLEAN_UP', 'SUCCESSFUL')
    ]
    const { result } = await watch(script, { errorBudget: 2 })
    expect(result.kind).toBe('finished')
  })

  it('stops on errors that polling again cannot fix', async () => {
    const denied = Object.assign(
      new Error('not authorized to perform ecs:DescribeServiceDeployments'),
      { name: 'AccessDeniedException', $fault: 'client' }
    )
    await expect(watch([deploymentAt('SCALE_UP'), denied])).rejects.toThrow(
      'ecs:DescribeServiceDeployments'
    )
  })

  it('times out with the last state seen, after about timeout / interval polls', async () => {
    const { result, calls, clock } = await watch([deploymentAt('SCALE_UP')], { timeoutMs: 60_000 })
    expect(result).toMatchObject({ kind: 'timeout', deployment: { lifecycleStage: 'SCALE_UP' } })
    expect(calls).toBe(7)
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(60_000)
  })

  it('stops when the job is cancelled', async () => {
    const controller = new AbortController()
    let polls = 0
    const result = await watchDeployment({
      arn: DEPLOYMENT_ARN,
      describe: async () => {
        if (++polls === 2) controller.abort()
        return deploymentAt('BAKE_TIME')
      },
      until: { kind: 'complete' },
      timeoutMs: 60 * 60_000,
      pollIntervalMs: 10_000,
      clock: new FakeClock(),
      signal: controller.signal,
      onSnapshot: () => undefined,
      onPollError: () => undefined
    })
    expect(result).toMatchObject({ kind: 'cancelled', deployment: { lifecycleStage: 'BAKE_TIME' } })
    expect(polls).toBe(2)
  })

  it('uses a snapshot already read as the first poll', async () => {
    const { calls, seen } = await watch([deploymentAt('CLEAN_UP', 'SUCCESSFUL')], {
      first: deploymentAt(undefined, 'PENDING')
    })
    expect(seen).toEqual(['PENDING/-', 'SUCCESSFUL/CLEAN_UP'])
    expect(calls).toBe(1)
  })
})
