import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeServicesCommand,
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
