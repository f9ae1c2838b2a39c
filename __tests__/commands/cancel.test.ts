import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  ContinueServiceDeploymentCommand,
  ECSClient,
  type ServiceDeployment,
  StopServiceDeploymentCommand
} from '@aws-sdk/client-ecs'
import { cancelRelease, STATE } from '../../src/commands/cancel.js'
import type { Release } from '../../src/model/release.js'
import { recordDeployment } from '../../src/watch/timeline.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import { commandContext } from '../support/command-context.js'

const ecs = mockClient(ECSClient)
const BASE = { service: 'web', cluster: 'demo', 'container-name': 'app', image: 'web:2' }
const TARGET = { service: 'web', cluster: 'demo', 'rollback-on-cancel': 'true' }

/** The release once this run's UpdateService started `deployment`. */
function started(release: Release, deployment: ServiceDeployment, now: Date): void {
  release.changedService = true
  recordDeployment(release, deployment, now)
}

beforeEach(() => {
  ecs.reset()
  ecs.on(StopServiceDeploymentCommand).resolves({ serviceDeploymentArn: DEPLOYMENT_ARN })
  ecs.on(ContinueServiceDeploymentCommand).resolves({ serviceDeploymentArn: DEPLOYMENT_ARN })
})

describe('cancelRelease', () => {
  it('stops the deployment with ROLLBACK when rollback-on-cancel is on', async () => {
    const ctx = commandContext({ ...BASE, 'rollback-on-cancel': 'true' })
    started(ctx.release, deploymentAt('BAKE_TIME'), ctx.clock.now())
    const abort = new AbortController()
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], abort, 'SIGINT')
    expect(abort.signal.aborted).toBe(true)
    expect(ecs.commandCalls(StopServiceDeploymentCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      stopType: 'ROLLBACK'
    })
    expect(ctx.state).toEqual({
      [STATE.cancelled]: 'true',
      [STATE.deploymentArn]: DEPLOYMENT_ARN,
      [STATE.cancelRollback]: 'stop-rollback'
    })
  })

  it('answers ROLLBACK at a pause', async () => {
    const ctx = commandContext({ ...BASE, 'rollback-on-cancel': 'true' })
    started(ctx.release, pausedAt('POST_TEST_TRAFFIC_SHIFT'), ctx.clock.now())
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], new AbortController(), 'SIGINT')
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)[0]!.args[0].input).toMatchObject({
      hookId: PAUSE_HOOK,
      action: 'ROLLBACK'
    })
  })

  it('leaves ECS alone and says so when rollback-on-cancel is off', async () => {
    const ctx = commandContext(BASE)
    started(ctx.release, deploymentAt('BAKE_TIME'), ctx.clock.now())
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], new AbortController(), 'SIGINT')
    expect(ecs.calls()).toHaveLength(0)
    expect(ctx.log.of('warning')[0]).toContain(
      `rollback-on-cancel is off, so deployment ${DEPLOYMENT_ARN} carries on in ECS`
    )
  })

  it('acts once, whatever signals follow', async () => {
    const ctx = commandContext({ ...BASE, 'rollback-on-cancel': 'true' })
    started(ctx.release, deploymentAt('BAKE_TIME'), ctx.clock.now())
    const abort = new AbortController()
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], abort, 'SIGINT')
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], abort, 'SIGTERM')
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(1)
  })

  it('has nothing to roll back before the deployment started', async () => {
    const ctx = commandContext({ ...BASE, 'rollback-on-cancel': 'true' })
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], new AbortController(), 'SIGINT')
    expect(ecs.calls()).toHaveLength(0)
    expect(ctx.log.of('warning')).toEqual([
      'Received SIGINT: the job is being cancelled before it changed the service.'
    ])
  })

  it('leaves a paused deployment alone when the promote had not continued it yet', async () => {
    const ctx = commandContext({ command: 'promote', ...TARGET })
    recordDeployment(ctx.release, pausedAt('POST_TEST_TRAFFIC_SHIFT'), ctx.clock.now())
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], new AbortController(), 'SIGINT')
    expect(ecs.calls()).toHaveLength(0)
    expect(ctx.state).toEqual({ [STATE.cancelled]: 'true' })
  })

  it('rolls back a deployment the promote continued, and leaves its ARN for the post step', async () => {
    const ctx = commandContext({ command: 'promote', ...TARGET })
    started(ctx.release, deploymentAt('PRODUCTION_TRAFFIC_SHIFT'), ctx.clock.now())
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], new AbortController(), 'SIGINT')
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(1)
    expect(ctx.state[STATE.deploymentArn]).toBe(DEPLOYMENT_ARN)
  })

  it('lets the rollback a rollback run asked for carry on', async () => {
    const ctx = commandContext({ command: 'rollback', ...TARGET })
    started(ctx.release, deploymentAt('BAKE_TIME', 'ROLLBACK_IN_PROGRESS'), ctx.clock.now())
    await cancelRelease(ctx, [{ ctx, release: ctx.release }], new AbortController(), 'SIGINT')
    expect(ecs.calls()).toHaveLength(0)
    expect(ctx.log.of('warning')).toEqual([
      'Received SIGINT: the job is being cancelled; ECS carries on with the rollback it asked for.'
    ])
  })
})
