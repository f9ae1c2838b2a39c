import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  ContinueServiceDeploymentCommand,
  type ECSClient,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { annotations, displayLog, runAction } from '../../scripts/runner.js'
import { ecsClient } from '../sim/helpers.js'
import { deployInputs, ECR, startE2eSimulator } from '../support/e2e.js'

const SMOKE_TEST = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test'

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

/** The failure as the job shows it: the ::error:: headline and the log that explains it. */
function failure(run: Awaited<ReturnType<typeof runAction>>): { headline: string; log: string } {
  expect(run.exitCode).toBe(1)
  return { headline: annotations(run, 'error').join('\n'), log: displayLog(run) }
}

describe('every rollback fails the job and says why', () => {
  it('a Lambda hook that returns FAILED', async () => {
    sim.setLambdaResult(SMOKE_TEST, 'FAILED')
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('gated', { 'container-name': 'gated', image: `${ECR}/gated:2.0.0` })
    })
    sim.setLambdaResult(SMOKE_TEST, 'SUCCEEDED')
    const { headline, log } = failure(run)
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(headline).toContain(
      'ECS rolled the deployment back: Service deployment rolled back because PRE_SCALE_UP lifecycle hook(s) failed.'
    )
    expect(log).toContain(`Hook AWS_LAMBDA ${SMOKE_TEST} at PRE_SCALE_UP: FAILED.`)
    expect(log).toContain(`What to check: The hook Lambda ${SMOKE_TEST} returned FAILED`)
    expect(run.summary).toContain('What to check')
  })

  it('a circuit breaker tripped by an image that cannot be pulled', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('guarded', {
        'container-name': 'guarded',
        image: `${ECR}/guarded:pull-error`
      })
    })
    const { headline, log } = failure(run)
    expect(headline).toContain('circuit breaker threshold was exceeded')
    expect(log).toMatch(/Circuit breaker triggered: \d+ tasks failed \(threshold \d+\)/)
    expect(log).toMatch(/\d+ tasks? stopped: TaskFailedToStart: CannotPullContainerError/)
    expect(log).toContain('What to check: Check that the image tag exists in its registry')
  })

  it('an alarm during bake time', async () => {
    const running = runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('guarded', {
        'container-name': 'guarded',
        image: `${ECR}/guarded:2.1.0`
      })
    })
    await sim.waitForDeployment(
      d =>
        d.lifecycleStage === 'BAKE_TIME' &&
        d.status === 'IN_PROGRESS' &&
        d.serviceArn?.endsWith('/guarded') === true,
      20_000
    )
    sim.triggerAlarm('guarded', 'guarded-5xx', 'demo')
    const { headline, log } = failure(await running)
    expect(headline).toContain('alarm(s) were triggered: guarded-5xx')
    expect(log).toContain('Alarms that triggered: guarded-5xx.')
    expect(log).toContain('What to check: Alarm guarded-5xx went into ALARM')
  })

  it('a pause nobody answered in time', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        'container-name': 'app',
        image: `${ECR}/web:3.0.0`,
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'pause-timeout': '1'
      })
    })
    const { headline, log } = failure(run)
    expect(headline).toContain('POST_TEST_TRAFFIC_SHIFT pause hook timed out')
    expect(log).toContain('What to check: Nobody promoted the release before its pause timed out')
  })

  it('a first release with nothing to roll back to', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('fresh', {
        'container-name': 'fresh',
        image: `${ECR}/fresh:crash`
      })
    })
    const { headline, log } = failure(run)
    expect(run.outputs.status).toBe('ROLLBACK_FAILED')
    expect(headline).toContain(
      'ECS could not roll the deployment back: No rollback candidate was found to run the rollback.'
    )
    expect(log).toMatch(
      /tasks? stopped: EssentialContainerExited: Essential container in task exited; container fresh: exit 1/
    )
  })

  it('a Lambda hook that does not answer before its timeout', async () => {
    // The hook times out after 10 simulated minutes; this answer would take far longer.
    sim.setLambdaResult(SMOKE_TEST, { result: 'SUCCEEDED', durationMs: 60_000 })
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('gated', { 'container-name': 'gated', image: `${ECR}/gated:2.2.0` })
    })
    sim.setLambdaResult(SMOKE_TEST, 'SUCCEEDED')
    const { headline, log } = failure(run)
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(headline).toContain(
      'ECS rolled the deployment back: Service deployment rolled back because PRE_SCALE_UP lifecycle hook(s) timed out.'
    )
    expect(log).toContain(`Hook AWS_LAMBDA ${SMOKE_TEST} at PRE_SCALE_UP: TIMED_OUT.`)
    expect(log).toContain(
      `What to check: A lifecycle hook ${SMOKE_TEST} failed or timed out: read the function's logs and its timeoutConfiguration.`
    )
  })
})

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
    const { headline } = failure(run)
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
    const { headline } = failure(run)
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(headline).toContain(
      'ECS rolled the deployment back: Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT pause hook was continued with action ROLLBACK.'
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
    const { headline } = failure(run)
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
