import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { DescribeTasksCommand, ECSClient, ListTasksCommand, type Task } from '@aws-sdk/client-ecs'
import { diagnoseFailure } from '../../src/diagnose/diagnose.js'
import { createEcsPort } from '../../src/ecs/client.js'
import { newRelease, type Release } from '../../src/model/release.js'
import { concludeRelease, decideVerdict, type Ending } from '../../src/verdict/verdict.js'
import { recordDeployment } from '../../src/watch/timeline.js'
import { deploymentAt } from '../support/deployments.js'
import { GITHUB_RUN } from '../support/command-context.js'
import {
  circuitBreakerEvents,
  killedUnhealthyTask,
  pullFailures,
  unhealthyTask
} from '../fixtures/failures.js'

const mock = mockClient(ECSClient)
const ecs = createEcsPort(
  new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
  'us-east-1'
)
const HOOK = 'arn:aws:lambda:us-east-1:123456789012:function:smoke'

function stoppedTasks(tasks: Task[]): void {
  mock.on(ListTasksCommand).resolves({ taskArns: tasks.map(task => task.taskArn!) })
  mock.on(DescribeTasksCommand).resolves({ tasks })
}

/** A release that ECS ended with `deployment`, diagnosed and concluded as a step concludes it. */
async function diagnosed(
  deployment: ReturnType<typeof deploymentAt>,
  events = circuitBreakerEvents
): Promise<Release> {
  const release = newRelease(
    { command: 'deploy', cluster: 'demo', service: 'web', github: GITHUB_RUN },
    new Date('2026-11-25T12:00:00Z')
  )
  release.taskDefinition = {
    arn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:8',
    containers: []
  }
  recordDeployment(release, deployment, new Date('2026-11-25T12:05:00Z'))
  const ending: Ending = {
    kind: 'watched',
    result: { kind: 'finished', deployment },
    timeoutMinutes: 60
  }
  const { reason } = decideVerdict(release, ending)
  const diagnosis = await diagnoseFailure(ecs, release, deployment, [...events].reverse(), reason)
  concludeRelease(release, { ...ending, diagnosis }, new Date())
  return release
}

beforeEach(() => {
  mock.reset()
  stoppedTasks([])
})

describe('diagnoseFailure', () => {
  it('explains a circuit breaker rollback by the image that could not be pulled', async () => {
    stoppedTasks(pullFailures)
    const release = await diagnosed(
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            'Service deployment rolled back because the circuit breaker threshold was exceeded.'
        },
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 }
      })
    )
    // The stopped tasks are named in the headline, so not again in the details.
    expect(release.verdict?.reason).toMatch(
      /circuit breaker tripped \(3 of threshold 3 tasks failed\) — 3 tasks stopped: TaskFailedToStart: CannotPullContainerError/
    )
    expect(release.verdict?.details).toEqual([
      'Circuit breaker triggered: 3 tasks failed (threshold 3).',
      'Service event 2026-11-25T12:02:00.000Z: (service web) deployment ecs-svc/1234567890123456789 deployment failed: tasks failed to start.',
      'Service event 2026-11-25T12:02:01.000Z: (service web) rolling back to deployment ecs-svc/1111111111111111111.'
    ])
    expect(release.verdict?.hint).toMatch(/image tag exists/)
  })

  it('names the failing hook with its stage', async () => {
    const release = await diagnosed(
      deploymentAt('POST_TEST_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason: `Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. Lifecycle hook target ${HOOK} returned FAILED status.`
        },
        lifecycleHookDetails: [
          { hookId: 'ecs-lambda-1', targetType: 'AWS_LAMBDA', targetArn: HOOK, status: 'FAILED' }
        ]
      }),
      []
    )
    expect(release.verdict?.details).toContain(
      `Hook AWS_LAMBDA ${HOOK} at POST_TEST_TRAFFIC_SHIFT: FAILED.`
    )
    expect(release.verdict?.hint).toBe(
      `The hook Lambda ${HOOK} returned FAILED: its CloudWatch logs say which check failed.`
    )
  })

  it('names the alarm that rolled the release back in bake time', async () => {
    const release = await diagnosed(
      deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', {
        rollback: { reason: 'Service deployment rolled back because alarm web-5xx was triggered.' },
        alarms: {
          status: 'TRIGGERED',
          alarmNames: ['web-5xx', 'web-p99'],
          triggeredAlarmNames: ['web-5xx']
        }
      }),
      []
    )
    expect(release.verdict?.details).toContain('Alarms that triggered: web-5xx.')
    expect(release.verdict?.hint).toMatch(/^Alarm web-5xx went into ALARM/)
  })

  it('explains failing health checks', async () => {
    stoppedTasks([unhealthyTask])
    const release = await diagnosed(
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            'Service deployment rolled back because the circuit breaker threshold was exceeded.'
        }
      }),
      []
    )
    expect(
      release.verdict?.details.some(detail => detail.includes('Task failed ELB health checks'))
    ).toBe(true)
    expect(release.verdict?.hint).toMatch(/health check path and port/)
  })

  it('reads exit 137 of a container killed after failing health checks as the health checks', async () => {
    stoppedTasks([killedUnhealthyTask, killedUnhealthyTask])
    const release = await diagnosed(
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            'Service deployment rolled back because the circuit breaker threshold was exceeded.'
        }
      }),
      []
    )
    expect(release.verdict?.hint).toMatch(/health check path and port/)
    expect(release.verdict?.hint).not.toMatch(/memory/)
  })

  it('still reports the failure when the tasks cannot be read', async () => {
    mock.on(ListTasksCommand).rejects(
      Object.assign(new Error('not authorized to perform: ecs:ListTasks'), {
        name: 'AccessDeniedException'
      })
    )
    const release = await diagnosed(
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            'Service deployment rolled back because the circuit breaker threshold was exceeded.'
        }
      }),
      []
    )
    expect(release.verdict?.outcome).toBe('rolled-back')
    expect(release.verdict?.hint).toMatch(/kept failing to start/)
  })
})
