import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ECSClient,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { displayLog } from '../../scripts/runner.js'
import { deployInputs, ECR, failure, runAction, startE2eSimulator } from '../support/e2e.js'
import { ecsClient } from '../sim/helpers.js'

/**
 * `command: rollback` when ECS does not simply roll back: it may end a requested rollback
 * SUCCESSFUL (sim/README.md, "Choices where ECS is uncertain": a stop during CLEAN_UP), or
 * be rolling the deployment back already.
 */

let sim: Simulator
let someoneElse: ECSClient
beforeAll(async () => {
  sim = await startE2eSimulator()
  someoneElse = ecsClient(sim)
})
afterAll(() => {
  someoneElse.destroy()
  return sim.close()
})
beforeEach(() => sim.releaseTimers())

/** Freezes the simulator the moment `service`'s deployment reports `stage`. */
function holdAt(service: string, stage: string): void {
  const stop = sim.onTransition(transition => {
    if (transition.service !== service || transition.stage !== stage) return
    stop()
    sim.holdTimers()
  })
}

/** Lets the simulator run again once the action has sent (or read) `operation` `times` times. */
function releaseAfter(operation: string, times = 1): void {
  let seen = 0
  const stop = sim.onCall(call => {
    if (call.operation !== operation || ++seen < times) return
    stop()
    sim.releaseTimers()
  })
}

describe('command: rollback', () => {
  it('fails saying ECS completed the deployment when it ends the rollback SUCCESSFUL', async () => {
    holdAt('api', 'CLEAN_UP')
    const deployed = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', {
        'container-name': 'api',
        image: `${ECR}/api:50.0.0`,
        'wait-until': 'CLEAN_UP'
      })
    })
    expect(deployed.exitCode).toBe(0)
    releaseAfter('StopServiceDeployment')
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', { command: 'rollback' })
    })
    const { headline, log } = failure(run, { diagnosed: false })
    expect(run.outputs.status).toBe('SUCCESSFUL')
    expect(headline).toBe(
      'ECS completed the deployment instead of rolling it back (SUCCESSFUL): the new revision serves production traffic. To go back, deploy the previous task definition.'
    )
    expect(log).toContain(
      'Rollback requested: stopped the deployment with ROLLBACK at stage CLEAN_UP.'
    )
    expect(sim.describeService('api', 'demo').taskDefinition).toBe(
      deployed.outputs['task-definition-arn']
    )
  })

  it('follows a rollback ECS started already, sending nothing', async () => {
    const { service } = await someoneElse.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'web',
        forceNewDeployment: true,
        deploymentConfiguration: { bakeTimeInMinutes: 100 }
      })
    )
    const serviceDeploymentArn = service?.currentServiceDeployment
    await sim.waitForDeployment(
      d => d.serviceDeploymentArn === serviceDeploymentArn && d.lifecycleStage === 'BAKE_TIME',
      20_000
    )
    sim.holdTimers()
    await someoneElse.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' })
    )
    sim.clearCalls()
    releaseAfter('DescribeServiceDeployments', 2)
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', { command: 'rollback' })
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(displayLog(run)).toContain('ECS is rolling the deployment back already: following it.')
    expect(sim.mutatingCalls()).toEqual([])
  })
})
