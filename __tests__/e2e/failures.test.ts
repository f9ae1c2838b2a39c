import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { annotations, displayLog, runAction } from '../../scripts/runner.js'
import { deployInputs, ECR, startE2eSimulator } from '../support/e2e.js'

const SMOKE_TEST = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())

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
      'ECS could not roll the deployment back: No rollback candidate was found to run the rollback; ' +
        'the rollback was started because: Service deployment rolled back because the circuit breaker threshold was exceeded.'
    )
    expect(log).not.toContain('Status reason:')
    expect(log).toMatch(
      /tasks? stopped: EssentialContainerExited: Essential container in task exited; container fresh: exit 1/
    )
  })
})
