import { describe, expect, it } from '@jest/globals'
import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { failureCause, MAX_HEADLINE } from '../../src/diagnose/headline.js'
import { groupStoppedTasks } from '../../src/diagnose/stopped-tasks.js'
import { newRelease, type Release } from '../../src/model/release.js'
import { concludeRelease } from '../../src/verdict/verdict.js'
import { recordDeployment } from '../../src/watch/timeline.js'
import { GITHUB_RUN } from '../support/command-context.js'
import { deploymentAt } from '../support/deployments.js'
import { crashingTasks, pullFailures } from '../fixtures/failures.js'

const HOOK = 'arn:aws:lambda:us-east-1:123456789012:function:smoke'
const BREAKER_ROLLBACK =
  'Service deployment rolled back because the circuit breaker threshold was exceeded.'

/** The release's headline once ECS ended it with `deployment` and the diagnosis found `tasks`. */
function headline(
  deployment: ServiceDeployment,
  tasks = groupStoppedTasks([]),
  { cluster = 'demo', service = 'web' } = {}
): Release {
  const release = newRelease(
    { command: 'deploy', cluster, service, github: GITHUB_RUN },
    new Date('2026-11-25T12:00:00Z')
  )
  const at = new Date('2026-11-25T12:05:00Z')
  recordDeployment(release, deployment, at)
  const failedHooks = release.hooks.filter(hook => ['FAILED', 'TIMED_OUT'].includes(hook.status!))
  const cause = failureCause(release, deployment, failedHooks, tasks)
  const result = { kind: 'finished' as const, deployment }
  concludeRelease(
    release,
    { kind: 'watched', result, timeoutMinutes: 60, diagnosis: { details: [], cause } },
    at
  )
  return release
}

const lambdaHook = (status: string): ServiceDeployment['lifecycleHookDetails'] => [
  { hookId: 'ecs-lambda-1', targetType: 'AWS_LAMBDA', targetArn: HOOK, status: status as 'FAILED' }
]

describe('the headline names the cause', () => {
  it('names the service and cluster by their short names when ARNs were given', () => {
    const release = headline(
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        statusReason: BREAKER_ROLLBACK,
        rollback: { reason: BREAKER_ROLLBACK },
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 4, threshold: 3 }
      }),
      groupStoppedTasks(pullFailures),
      {
        cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
        service: 'arn:aws:ecs:us-east-1:123456789012:service/demo/web'
      }
    )
    expect(release.verdict?.reason).toMatch(/^web \(demo\) rolled back: circuit breaker tripped/)
  })

  it('a circuit breaker, by the tasks that tripped it', () => {
    const release = headline(
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        statusReason: BREAKER_ROLLBACK,
        rollback: { reason: BREAKER_ROLLBACK },
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 4, threshold: 3 }
      }),
      groupStoppedTasks(pullFailures)
    )
    expect(release.verdict?.reason).toBe(
      'web (demo) rolled back: circuit breaker tripped (4 of threshold 3 tasks failed) — 3 tasks stopped: ' +
        'TaskFailedToStart: CannotPullContainerError: pull image manifest has been retried 7 time(s): ' +
        'failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2.0.0-typo: not found'
    )
    expect(release.verdict?.cause).toMatch(/^circuit breaker tripped/)
  })

  it('a Lambda hook, by its stage and what ECS said of it', () => {
    const release = headline(
      deploymentAt('POST_TEST_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason: `Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. Lifecycle hook target ${HOOK} returned FAILED status.`
        },
        lifecycleHookDetails: lambdaHook('FAILED')
      })
    )
    expect(release.verdict?.reason).toBe(
      `web (demo) rolled back: Lambda hook at POST_TEST_TRAFFIC_SHIFT failed: Lifecycle hook target ${HOOK} returned FAILED status.`
    )
  })

  it('a Lambda hook ECS could not invoke, naming the function when ECS names only the role', () => {
    const release = headline(
      deploymentAt('TEST_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            'Service deployment rolled back because TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. ECS was unable to assume role arn:aws:iam::123456789012:role/hooks'
        },
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [
            {
              hookTargetArn: HOOK,
              roleArn: 'arn:aws:iam::123456789012:role/hooks',
              lifecycleStages: ['TEST_TRAFFIC_SHIFT']
            }
          ]
        },
        lifecycleHookDetails: lambdaHook('FAILED')
      })
    )
    expect(release.verdict?.reason).toBe(
      `web (demo) rolled back: Lambda hook ${HOOK} at TEST_TRAFFIC_SHIFT failed: ECS was unable to assume role arn:aws:iam::123456789012:role/hooks`
    )
  })

  it("the infrastructure role's missing load balancer permission, which ECS words as a hook failure", () => {
    const denied =
      'Service deployment rolled back because TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. User: ' +
      'arn:aws:sts::123456789012:assumed-role/ecsInfrastructureRoleForLB/ECSNetworkingWithELB is not authorized to perform: ' +
      'elasticloadbalancing:ModifyListener on resource: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo/1/2 ' +
      'because no identity-based policy allows the elasticloadbalancing:ModifyListener action'
    // A Lambda hook at the same stage, left FAILED by the rollback: not the cause.
    const release = headline(
      deploymentAt('TEST_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
        rollback: { reason: denied },
        lifecycleHookDetails: lambdaHook('FAILED')
      })
    )
    expect(release.verdict?.reason).toBe(
      "web (demo) rolled back: ECS's infrastructure role may not call elasticloadbalancing:ModifyListener at TEST_TRAFFIC_SHIFT"
    )
    const untrusted = headline(
      deploymentAt('TEST_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            "Service deployment rolled back because of invalid networking configuration. ECS was unable to manage the ELB resources due to missing permissions on ECS Infrastructure Role 'arn:aws:iam::123456789012:role/lb'."
        }
      })
    )
    expect(untrusted.verdict?.reason).toBe(
      "web (demo) rolled back: ECS's infrastructure role could not manage the load balancer"
    )
  })

  it('no hook whose target the reason does not name', () => {
    const other = 'arn:aws:lambda:us-east-1:123456789012:function:other'
    const release = headline(
      deploymentAt('POST_TEST_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason: `Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. Lifecycle hook target ${other} returned FAILED status.`
        },
        lifecycleHookDetails: lambdaHook('FAILED')
      })
    )
    expect(release.verdict?.cause).toBeUndefined()
    expect(release.verdict?.reason).toContain(`Lifecycle hook target ${other} returned FAILED`)
  })

  it('a pause that timed out', () => {
    const release = headline(
      deploymentAt('POST_TEST_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            'Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT pause hook timed out.'
        },
        lifecycleHookDetails: [{ hookId: 'ecs-pause-1', targetType: 'PAUSE', status: 'TIMED_OUT' }]
      })
    )
    expect(release.verdict?.reason).toBe(
      'web (demo) rolled back: the pause at POST_TEST_TRAFFIC_SHIFT timed out before anyone promoted the release'
    )
  })

  it('the alarms, with the stage they went off in', () => {
    const release = headline(
      deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            'Service deployment rolled back because alarm(s) were triggered: web-5xx, web-p99.'
        },
        alarms: {
          status: 'TRIGGERED',
          alarmNames: ['web-5xx', 'web-p99', 'web-cpu'],
          triggeredAlarmNames: ['web-5xx', 'web-p99']
        }
      })
    )
    expect(release.verdict?.reason).toBe(
      'web (demo) rolled back: alarms web-5xx, web-p99 went into ALARM during BAKE_TIME'
    )
  })

  it('the alarm that went off during a pause, not the pause its rollback ended', () => {
    const release = headline(
      deploymentAt('POST_TEST_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason: 'Service deployment rolled back because alarm(s) were triggered: web-5xx.'
        },
        alarms: { status: 'TRIGGERED', alarmNames: ['web-5xx'], triggeredAlarmNames: ['web-5xx'] },
        lifecycleHookDetails: [{ hookId: 'ecs-pause-1', targetType: 'PAUSE', status: 'FAILED' }]
      })
    )
    expect(release.verdict?.reason).toBe(
      'web (demo) rolled back: alarm web-5xx went into ALARM during POST_TEST_TRAFFIC_SHIFT'
    )
  })

  it('why the rollback failed and the cause that started it', () => {
    const release = headline(
      deploymentAt('SCALE_UP', 'ROLLBACK_FAILED', {
        statusReason: 'No rollback candidate was found to run the rollback.',
        rollback: { reason: BREAKER_ROLLBACK },
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 }
      }),
      groupStoppedTasks(crashingTasks)
    )
    expect(release.verdict?.reason).toBe(
      'web (demo) could not roll back: No rollback candidate was found to run the rollback; the rollback was started because: ' +
        'circuit breaker tripped (3 of threshold 3 tasks failed) — 2 tasks stopped: EssentialContainerExited: ' +
        'Essential container in task exited; container app: exit 1'
    )
  })

  it("keeps ECS's reason when nothing but a request caused the rollback", () => {
    const reason =
      'Service deployment rolled back because StopServiceDeployment requested a rollback.'
    const release = headline(
      deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', { rollback: { reason } })
    )
    expect(release.verdict?.reason).toBe(`ECS rolled the deployment back: ${reason}`)
    expect(release.verdict?.cause).toBeUndefined()
  })

  it('stays on one bounded line whatever ECS says', () => {
    const huge = `CannotPullContainerError:\n${'x'.repeat(20_000)}\nnot found`
    const release = headline(
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        rollback: { reason: BREAKER_ROLLBACK },
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 4, threshold: 3 }
      }),
      groupStoppedTasks(pullFailures.map(task => ({ ...task, stoppedReason: huge })))
    )
    expect(release.verdict?.reason!.length).toBeLessThanOrEqual(MAX_HEADLINE)
    expect(release.verdict?.reason).not.toMatch(/\n/)
    expect(release.verdict?.reason).toMatch(
      /^web \(demo\) rolled back: circuit breaker tripped \(4 of threshold 3 tasks failed\) — 3 tasks stopped: TaskFailedToStart: CannotPullContainerError: x+…$/
    )
  })

  it('names nothing for a deployment a newer one replaced', () => {
    const release = newRelease(
      { command: 'deploy', cluster: 'demo', service: 'web', github: GITHUB_RUN },
      new Date()
    )
    release.supersededBy = 'arn:newer'
    const deployment = deploymentAt('SCALE_UP', 'STOPPED', {
      deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 }
    })
    const cause = failureCause(release, deployment, [], [])
    const result = { kind: 'finished' as const, deployment }
    concludeRelease(
      release,
      { kind: 'watched', result, timeoutMinutes: 60, diagnosis: { details: [], cause } },
      new Date()
    )
    expect(release.verdict?.reason).toBe(
      "Superseded: a newer deployment of service 'web' started (arn:newer), so ECS stopped this one."
    )
  })
})
