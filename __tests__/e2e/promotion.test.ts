import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { annotations, displayLog } from '../../scripts/runner.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())

const PAUSED = { 'pause-at': 'POST_TEST_TRAFFIC_SHIFT', 'wait-until': 'paused' }

/** The first job of the two-job flow: deploy, stop at the approval pause, exit green. */
async function deployToPause(image: string) {
  const run = await runAction({
    ecsUrl: sim.url,
    inputs: deployInputs('web', {
      'container-name': 'app',
      image: `${ECR}/web:${image}`,
      ...PAUSED
    })
  })
  expect(run.exitCode).toBe(0)
  expect(run.outputs).toMatchObject({
    status: 'IN_PROGRESS',
    'lifecycle-stage': 'POST_TEST_TRAFFIC_SHIFT',
    'hook-id': expect.stringMatching(/^ecs-pause-/)
  })
  return run
}

describe('manual promotion', () => {
  it('deploys to the approval pause, then a later run promotes it to the end', async () => {
    const deploy = await deployToPause('4.0.0')
    expect(displayLog(deploy)).toContain(
      `Paused at POST_TEST_TRAFFIC_SHIFT: hook ${deploy.outputs['hook-id']} awaits promote or rollback`
    )
    const arn = deploy.outputs['service-deployment-arn']!

    const promote = await runAction({
      ecsUrl: sim.url,
      event: { name: 'workflow_dispatch', payload: {} },
      inputs: deployInputs('web', { command: 'promote', 'deployment-arn': arn })
    })
    expect(promote.exitCode).toBe(0)
    expect(promote.outputs).toMatchObject({
      status: 'SUCCESSFUL',
      'service-deployment-arn': arn,
      'hook-id': ''
    })
    const continued = sim.calls.filter(call => call.operation === 'ContinueServiceDeployment')
    expect(continued.at(-1)?.input).toEqual({
      serviceDeploymentArn: arn,
      hookId: deploy.outputs['hook-id'],
      action: 'CONTINUE'
    })
    expect(sim.describeService('web', 'demo').taskDefinition).toBe(
      deploy.outputs['task-definition-arn']
    )
  })

  it('deploys to the approval pause, then a later run rolls it back', async () => {
    const deploy = await deployToPause('4.1.0')
    const rollback = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', { command: 'rollback' })
    })
    expect(rollback.exitCode).toBe(0)
    expect(rollback.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(displayLog(rollback)).toContain('Rollback requested: answered ROLLBACK at the pause')
    expect(sim.describeService('web', 'demo').taskDefinition).not.toBe(
      deploy.outputs['task-definition-arn']
    )
  })

  it('rolls back a deployment in bake time', async () => {
    const deploy = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('guarded', {
        'container-name': 'guarded',
        image: `${ECR}/guarded:5.0.0`,
        'wait-until': 'BAKE_TIME',
        'bake-time': '20'
      })
    })
    expect(deploy.exitCode).toBe(0)
    const rollback = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('guarded', { command: 'rollback' })
    })
    expect(rollback.exitCode).toBe(0)
    expect(rollback.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(displayLog(rollback)).toContain(
      'Rollback requested: stopped the deployment with ROLLBACK at stage BAKE_TIME.'
    )
    expect(displayLog(rollback)).toMatch(
      /Rolled back guarded \(demo\) after \S+: ECS rolled the deployment back: Service deployment rolled back because StopServiceDeployment requested a rollback\./
    )
    expect(
      sim.calls.filter(call => call.operation === 'StopServiceDeployment').at(-1)?.input
    ).toEqual({
      serviceDeploymentArn: deploy.outputs['service-deployment-arn'],
      stopType: 'ROLLBACK'
    })
  })

  it('promotes a canary one pause at a time', async () => {
    const inputs = deployInputs('checkout', {
      'container-name': 'checkout',
      image: `${ECR}/checkout:6.0.0`,
      'pause-at': 'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'wait-until': 'paused'
    })
    const deploy = await runAction({ ecsUrl: sim.url, inputs })
    expect(deploy.exitCode).toBe(0)
    const first = deploy.outputs['hook-id']
    const step = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('checkout', { command: 'promote', 'wait-until': 'paused' })
    })
    expect(step.exitCode).toBe(0)
    expect(step.outputs['hook-id']).toMatch(/^ecs-pause-/)
    expect(step.outputs['hook-id']).not.toBe(first)
    const last = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('checkout', { command: 'promote' })
    })
    expect(last.exitCode).toBe(0)
    expect(last.outputs.status).toBe('SUCCESSFUL')
  })

  it('refuses to promote a deployment that is not paused, changing nothing', async () => {
    const deploy = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', {
        'container-name': 'api',
        image: `${ECR}/api:7.0.0`,
        'wait-until': 'none',
        // Six seconds of bake time (E2E_TIMING): the deployment is still under way when the
        // promote run, started on a busy machine, reads it.
        'bake-time': '20'
      })
    })
    await sim.waitForDeployment(
      d =>
        d.serviceDeploymentArn === deploy.outputs['service-deployment-arn'] &&
        d.status === 'IN_PROGRESS'
    )
    sim.clearCalls()
    const promote = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', { command: 'promote' })
    })
    expect(promote.exitCode).toBe(1)
    expect(annotations(promote, 'error')[0]).toMatch(
      /is not paused: it is at stage \w+ with status IN_PROGRESS/
    )
    expect(sim.mutatingCalls()).toEqual([])
    await sim.waitForDeployment(
      d =>
        d.serviceDeploymentArn === deploy.outputs['service-deployment-arn'] &&
        d.status === 'SUCCESSFUL',
      20_000
    )
  })

  it('says when a new release supersedes one under way, and refuses to promote the old one', async () => {
    const first = await deployToPause('8.0.0')
    const second = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', { 'container-name': 'app', image: `${ECR}/web:8.1.0`, ...PAUSED })
    })
    expect(second.exitCode).toBe(0)
    expect(annotations(second, 'warning').join('\n')).toContain(
      `Another deployment of web is under way (${first.outputs['service-deployment-arn']})`
    )
    const stale = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        command: 'promote',
        'deployment-arn': first.outputs['service-deployment-arn']!
      })
    })
    expect(stale.exitCode).toBe(1)
    expect(annotations(stale, 'error')[0]).toContain(
      `was superseded by a newer deployment of service 'web' (${second.outputs['service-deployment-arn']})`
    )
    const promote = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', { command: 'promote' })
    })
    expect(promote.outputs.status).toBe('SUCCESSFUL')
  })

  it('shows where a deployment stands without changing it', async () => {
    sim.clearCalls()
    const status = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', { command: 'status' })
    })
    expect(status.exitCode).toBe(0)
    expect(status.outputs).toMatchObject({ status: 'SUCCESSFUL', 'lifecycle-stage': 'CLEAN_UP' })
    expect(sim.mutatingCalls()).toEqual([])
  })
})
