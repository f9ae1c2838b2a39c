import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  ContinueServiceDeploymentCommand,
  ECSClient,
  StopServiceDeploymentCommand
} from '@aws-sdk/client-ecs'
import { cancelRelease, STATE } from '../src/cancel.js'
import { recordDeployment } from '../src/watch/timeline.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from './support/deployments.js'
import { commandContext } from './support/command-context.js'

const ecs = mockClient(ECSClient)
const BASE = { service: 'web', cluster: 'demo', 'container-name': 'app', image: 'web:2' }

beforeEach(() => {
  ecs.reset()
  ecs.on(StopServiceDeploymentCommand).resolves({ serviceDeploymentArn: DEPLOYMENT_ARN })
  ecs.on(ContinueServiceDeploymentCommand).resolves({ serviceDeploymentArn: DEPLOYMENT_ARN })
})

describe('cancelRelease', () => {
  it('stops the deployment with ROLLBACK when rollback-on-cancel is on', async () => {
    const ctx = commandContext({ ...BASE, 'rollback-on-cancel': 'true' })
    recordDeployment(ctx.release, deploymentAt('BAKE_TIME'), ctx.clock.now())
    const abort = new AbortController()
    await cancelRelease(ctx, ctx.release, abort, 'SIGINT')
    expect(abort.signal.aborted).toBe(true)
    expect(ecs.commandCalls(StopServiceDeploymentCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      stopType: 'ROLLBACK'
    })
    expect(ctx.state).toEqual({
      [STATE.cancelled]: 'true',
      [STATE.cancelRollback]: 'stop-rollback'
    })
  })

  it('answers ROLLBACK at a pause', async () => {
    const ctx = commandContext({ ...BASE, 'rollback-on-cancel': 'true' })
    recordDeployment(ctx.release, pausedAt('POST_TEST_TRAFFIC_SHIFT'), ctx.clock.now())
    await cancelRelease(ctx, ctx.release, new AbortController(), 'SIGINT')
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)[0]!.args[0].input).toMatchObject({
      hookId: PAUSE_HOOK,
      action: 'ROLLBACK'
    })
  })

  it('leaves ECS alone and says so when rollback-on-cancel is off', async () => {
    const ctx = commandContext(BASE)
    recordDeployment(ctx.release, deploymentAt('BAKE_TIME'), ctx.clock.now())
    await cancelRelease(ctx, ctx.release, new AbortController(), 'SIGINT')
    expect(ecs.calls()).toHaveLength(0)
    expect(ctx.log.of('warning')[0]).toContain(
      `rollback-on-cancel is off, so deployment ${DEPLOYMENT_ARN} carries on in ECS`
    )
  })

  it('acts once, whatever signals follow', async () => {
    const ctx = commandContext({ ...BASE, 'rollback-on-cancel': 'true' })
    recordDeployment(ctx.release, deploymentAt('BAKE_TIME'), ctx.clock.now())
    const abort = new AbortController()
    await cancelRelease(ctx, ctx.release, abort, 'SIGINT')
    await cancelRelease(ctx, ctx.release, abort, 'SIGTERM')
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(1)
  })

  it('has nothing to roll back before the deployment started', async () => {
    const ctx = commandContext({ ...BASE, 'rollback-on-cancel': 'true' })
    await cancelRelease(ctx, ctx.release, new AbortController(), 'SIGINT')
    expect(ecs.calls()).toHaveLength(0)
  })
})
