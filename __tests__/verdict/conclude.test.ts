import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import {
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  type ServiceDeployment
} from '@aws-sdk/client-ecs'
import { concludeWatch } from '../../src/verdict/conclude.js'
import { ServiceEventStream } from '../../src/diagnose/service-events.js'
import { recordDeployment } from '../../src/watch/timeline.js'
import { commandContext, type TestContext } from '../support/command-context.js'
import { DEPLOYMENT_ARN, deploymentAt } from '../support/deployments.js'
import { serviceConnectService } from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)
const logs = mockClient(CloudWatchLogsClient)
const ABORTED = 'Service deployment stopped because StopServiceDeployment requested an abort.'

/** Concludes a wait that ended with `deployment`, as deploy, promote and rollback do. */
async function conclude(ctx: TestContext, deployment: ServiceDeployment): Promise<void> {
  const release = ctx.release
  release.deploymentArn = DEPLOYMENT_ARN
  recordDeployment(release, deployment, ctx.clock.now())
  const port = await ctx.connectEcs()
  const events = new ServiceEventStream(port, 'demo', 'web', ctx.clock.now())
  await concludeWatch(ctx, port, release, { kind: 'finished', deployment }, events, 60)
}

beforeEach(() => {
  ecs.reset()
  logs.reset()
  ecs.on(ListTasksCommand).resolves({ taskArns: [] })
})

describe('a STOPPED deployment that no newer one superseded', () => {
  it('keeps the reason ECS gave when the service still names it as current', async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [serviceConnectService({ currentServiceDeployment: DEPLOYMENT_ARN })]
    })
    const ctx = commandContext({ service: 'web', cluster: 'demo' })
    await conclude(ctx, deploymentAt('SCALE_UP', 'STOPPED', { statusReason: ABORTED }))
    expect(ctx.release.verdict?.outcome).toBe('failed')
    expect(ctx.release.verdict?.reason).toBe(`The deployment ended with status STOPPED: ${ABORTED}`)
    expect(ctx.release.supersededBy).toBeUndefined()
    expect(ctx.log.of('info')).toContain('Release of web (demo) failed after 0s.')
    expect(ctx.published.at(-1)).toMatchObject({ outcome: 'failed', final: true })
  })

  it('names the circuit breaker that stopped it, with its counts', async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [serviceConnectService({ currentServiceDeployment: DEPLOYMENT_ARN })]
    })
    const ctx = commandContext({ service: 'web', cluster: 'demo' })
    const reason = 'Service deployment stopped because the circuit breaker threshold was exceeded.'
    await conclude(
      ctx,
      deploymentAt('SCALE_UP', 'STOPPED', {
        statusReason: reason,
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 }
      })
    )
    expect(ctx.release.verdict?.reason).toBe(
      'web (demo) was stopped: circuit breaker tripped (3 of threshold 3 tasks failed)'
    )
    expect(ctx.release.verdict?.details).toContain(
      'Circuit breaker triggered: 3 tasks failed (threshold 3).'
    )
    expect(ctx.release.supersededBy).toBeUndefined()
  })

  it('keeps the reason when the service cannot be read to tell', async () => {
    ecs.on(DescribeServicesCommand).rejects(new Error('socket hang up'))
    const ctx = commandContext({ service: 'web', cluster: 'demo' })
    await conclude(ctx, deploymentAt('SCALE_UP', 'STOPPED', { statusReason: ABORTED }))
    expect(ctx.release.verdict?.outcome).toBe('failed')
    expect(ctx.release.verdict?.reason).toBe(`The deployment ended with status STOPPED: ${ABORTED}`)
    expect(ctx.release.supersededBy).toBeUndefined()
  })
})

describe('what a failed release leaves to look at', () => {
  const TARGET_GROUP = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-green/1'
  const crashed = {
    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/c0ffee',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:8',
    startedBy: 'ecs-svc/1234567890123456789',
    startedAt: new Date('2026-11-25T12:00:30Z'),
    stopCode: 'EssentialContainerExited' as const,
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'app', exitCode: 1 }]
  }
  const rolledBack = () =>
    deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
      rollback: {
        reason: 'Service deployment rolled back because the circuit breaker threshold was exceeded.'
      },
      deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 }
    })

  beforeEach(() => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [crashed.taskArn] })
    ecs.on(DescribeTasksCommand).resolves({ tasks: [crashed] })
    ecs.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
    ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        containerDefinitions: [
          {
            name: 'app',
            logConfiguration: {
              logDriver: 'awslogs',
              options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'ecs' }
            }
          }
        ]
      }
    })
    ecs.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [
        {
          serviceRevisionArn: rolledBack().targetServiceRevision?.arn,
          resolvedConfiguration: { loadBalancers: [{ targetGroupArn: TARGET_GROUP }] }
        }
      ]
    })
    logs.on(GetLogEventsCommand).resolves({
      events: [{ message: 'Error: DATABASE_URL is not set' }, { message: 'token abcd-secret-1' }]
    })
  })

  it("reads the target groups and the failed containers' last lines, secrets hidden, into the log", async () => {
    const ctx = commandContext({ service: 'web', cluster: 'demo', 'log-lines': '5' })
    ctx.secrets.add('abcd-secret-1')
    await conclude(ctx, rolledBack())
    expect(ctx.release.servedBy?.[0]?.loadBalancers).toEqual([{ targetGroupArn: TARGET_GROUP }])
    const [read] = logs.commandCalls(GetLogEventsCommand)
    expect(read?.args[0].input).toEqual({
      logGroupName: '/ecs/web',
      logStreamName: 'ecs/app/c0ffee',
      limit: 5,
      startFromHead: false
    })
    expect(ctx.release.verdict?.evidence?.taskGroups[0]?.tasks[0]?.containers[0]?.lines).toEqual([
      'Error: DATABASE_URL is not set',
      'token ***'
    ])
    expect(ctx.log.of('untrusted')).toEqual([
      '      | Error: DATABASE_URL is not set',
      '      | token ***'
    ])
    expect(ctx.log.of('info')).toContain('Where to look next:')
  })

  it('reads no log with log-lines 0', async () => {
    const ctx = commandContext({ service: 'web', cluster: 'demo', 'log-lines': '0' })
    await conclude(ctx, rolledBack())
    expect(logs.commandCalls(GetLogEventsCommand)).toEqual([])
    expect(ctx.release.verdict?.evidence?.taskGroups[0]?.tasks[0]?.containers[0]?.note).toBe(
      'Not read: log-lines is 0.'
    )
  })
})
