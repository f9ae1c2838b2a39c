import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  ContinueServiceDeploymentCommand,
  type ECSClient,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { deployInputs, ECR, failure, runAction, startE2eSimulator } from '../support/e2e.js'
import { ecsClient } from '../sim/helpers.js'

let sim: Simulator
/** Someone else acting on ECS while the deploy step waits: another job, the console, the CLI. */
let someoneElse: ECSClient
beforeAll(async () => {
  sim = await startE2eSimulator()
  someoneElse = ecsClient(sim)
})
afterAll(() => {
  someoneElse.destroy()
  return sim.close()
})

/** The deployment of `service` once it is under way (IN_PROGRESS at a stage), or held at its pause. */
function underWay(service: string, paused = false) {
  return sim.waitForDeployment(
    d =>
      d.serviceArn?.endsWith(`/${service}`) === true &&
      d.status === 'IN_PROGRESS' &&
      d.lifecycleStage !== undefined &&
      (!paused || d.lifecycleHookDetails?.some(hook => hook.status === 'AWAITING_ACTION') === true),
    20_000
  )
}

describe('a deploy that waits for the end fails when someone else ends its deployment', () => {
  it('rolled back by another StopServiceDeployment ROLLBACK', async () => {
    const running = runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', { 'container-name': 'api', image: `${ECR}/api:2.0.0` })
    })
    const { serviceDeploymentArn } = await underWay('api')
    await someoneElse.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' })
    )
    const run = await running
    const { headline } = failure(run, { diagnosed: false })
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(headline).toContain(
      'ECS rolled the deployment back: Service deployment rolled back because StopServiceDeployment requested a rollback.'
    )
  })

  it('rolled back at its pause by someone else’s Continue ROLLBACK', async () => {
    const running = runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        'container-name': 'app',
        image: `${ECR}/web:3.1.0`,
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'complete'
      })
    })
    const paused = await underWay('web', true)
    const hookId = paused.lifecycleHookDetails?.find(
      hook => hook.status === 'AWAITING_ACTION'
    )?.hookId
    await someoneElse.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        hookId,
        action: 'ROLLBACK'
      })
    )
    const run = await running
    const { headline } = failure(run, { diagnosed: false })
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(headline).toBe(
      'web (demo) rolled back: the pause at POST_TEST_TRAFFIC_SHIFT was answered with ROLLBACK'
    )
  })

  it('superseded by a newer UpdateService', async () => {
    const running = runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('catalog', {
        'container-name': 'catalog',
        image: `${ECR}/catalog:2.0.0`
      })
    })
    await underWay('catalog')
    const { service } = await someoneElse.send(
      new UpdateServiceCommand({ cluster: 'demo', service: 'catalog', forceNewDeployment: true })
    )
    const run = await running
    const { headline } = failure(run, { diagnosed: false })
    expect(run.outputs.status).toBe('STOPPED')
    expect(headline).toBe(
      `Superseded: a newer deployment of service 'catalog' started (${service?.currentServiceDeployment}), so ECS stopped this one.`
    )
    await sim.waitForDeployment(
      d =>
        d.serviceDeploymentArn === service?.currentServiceDeployment && d.status === 'SUCCESSFUL',
      30_000
    )
  })
})
