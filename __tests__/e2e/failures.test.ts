import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { startFakeGitHub } from '../../sim/github/fake-github.js'
import {
  deployInputs,
  ECR,
  failure,
  PR_HEAD,
  pullRequestEvent,
  reportedInputs,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'

const SMOKE_TEST = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())

describe('every rollback fails the job and names its cause in one line', () => {
  it('a Lambda hook that returns FAILED', async () => {
    sim.setLambdaResult(SMOKE_TEST, 'FAILED')
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('gated', { 'container-name': 'gated', image: `${ECR}/gated:2.0.0` })
    })
    sim.setLambdaResult(SMOKE_TEST, 'SUCCEEDED')
    const { headline, hint, log } = failure(run)
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(headline).toBe(
      `gated (demo) rolled back: Lambda hook at PRE_SCALE_UP failed: Lifecycle hook target ${SMOKE_TEST} returned FAILED status.`
    )
    expect(hint).toBe(
      `What to check: The hook Lambda ${SMOKE_TEST} returned FAILED: its CloudWatch logs say which check failed.`
    )
    expect(log).toContain(`Hook AWS_LAMBDA ${SMOKE_TEST} at PRE_SCALE_UP: FAILED.`)
    expect(run.summary).toContain('What to check')
  })

  it('an infrastructure role that may not modify the listener, which ECS words as a hook failure', async () => {
    sim.setScenario({ elbFaults: { api: 'modify-listener-denied' } })
    // A Lambda hook at the failing stage: ECS's reason does not name it, so it is not blamed.
    const hooks = JSON.stringify([
      {
        targetType: 'AWS_LAMBDA',
        hookTargetArn: SMOKE_TEST,
        roleArn: 'arn:aws:iam::123456789012:role/ecsLambdaHookRole',
        lifecycleStages: ['TEST_TRAFFIC_SHIFT']
      }
    ])
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', {
        'container-name': 'api',
        image: `${ECR}/api:2.0.0`,
        'lifecycle-hooks': hooks
      })
    })
    sim.setScenario({ elbFaults: {} })
    const { headline, hint, log } = failure(run)
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(headline).toBe(
      "api (demo) rolled back: ECS's infrastructure role may not call elasticloadbalancing:ModifyListener at TEST_TRAFFIC_SHIFT"
    )
    expect(hint).toBe(
      "What to check: ECS's infrastructure role for load balancers (the service's advancedConfiguration roleArn) may not call " +
        'elasticloadbalancing:ModifyListener: attach the AWS managed policy AmazonECSInfrastructureRolePolicyForLoadBalancers to it ' +
        '(or allow elasticloadbalancing:ModifyListener) and let ecs.amazonaws.com assume it. No lifecycle hook is at fault.'
    )
    expect(log).toContain('ECSNetworkingWithELB is not authorized to perform')
  })

  it('a circuit breaker tripped by an image that cannot be pulled', async () => {
    const image = `${ECR}/guarded:pull-error`
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('guarded', { 'container-name': 'guarded', image })
    })
    const { headline, hint, log } = failure(run)
    expect(headline).toBe(
      'guarded (demo) rolled back: circuit breaker tripped (4 of threshold 3 tasks failed) — 4 tasks stopped: ' +
        `TaskFailedToStart: CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${image}: not found`
    )
    expect(hint).toMatch(/^What to check: Check that the image tag exists in its registry/)
    expect(log).toContain('Circuit breaker triggered: 4 tasks failed (threshold 3).')
    // The headline names the stopped tasks; the details below it do not repeat them.
    expect(log).not.toContain('  4 tasks stopped: TaskFailedToStart: CannotPullContainerError')
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
    const { headline, hint, log } = failure(await running)
    expect(headline).toBe(
      'guarded (demo) rolled back: alarm guarded-5xx went into ALARM during BAKE_TIME'
    )
    expect(hint).toMatch(/^What to check: Alarm guarded-5xx went into ALARM/)
    expect(log).toContain('Alarms that triggered: guarded-5xx.')
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
    const { headline, hint } = failure(run)
    expect(headline).toBe(
      'web (demo) rolled back: the pause at POST_TEST_TRAFFIC_SHIFT timed out before anyone promoted the release'
    )
    expect(hint).toMatch(/^What to check: Nobody promoted the release before its pause timed out/)
  })

  it('a canary pause before production traffic that nobody answered in time', async () => {
    // ECS may report PRE_PRODUCTION_TRAFFIC_SHIFT as PRODUCTION_TRAFFIC_SHIFT (sim/README.md):
    // the pause is named by the stage it is configured at, where ECS allows a pause.
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('checkout', {
        'container-name': 'checkout',
        image: `${ECR}/checkout:7.0.0`,
        'pause-at': 'PRE_PRODUCTION_TRAFFIC_SHIFT',
        'pause-timeout': '1'
      })
    })
    const { headline } = failure(run)
    expect(headline).toBe(
      'checkout (demo) rolled back: the pause at PRE_PRODUCTION_TRAFFIC_SHIFT timed out before anyone promoted the release'
    )
    expect(run.summary).toContain(
      '| Pause | <code>PRE_PRODUCTION_TRAFFIC_SHIFT</code> | ⏱️ TIMED_OUT |'
    )
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
    expect(headline).toBe(
      'fresh (demo) could not roll back: No rollback candidate was found to run the rollback; the rollback was started because: ' +
        'circuit breaker tripped (3 of threshold 3 tasks failed) — 3 tasks stopped: ' +
        'EssentialContainerExited: Essential container in task exited; container fresh: exit 1'
    )
    expect(log).not.toContain('Status reason:')
    expect(run.summary).not.toContain('ECS says')
  })

  it('a circuit breaker rollback from crash-looping containers, in the log, the summary, the PR comment and the check run', async () => {
    const github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
    try {
      const run = await runAction({
        ecsUrl: sim.url,
        githubUrl: github.url,
        event: pullRequestEvent,
        inputs: reportedInputs('guarded', 'crash')
      })
      const { headline, hint, log } = failure(run)
      expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
      const tasks =
        '4 tasks stopped: EssentialContainerExited: Essential container in task exited; container guarded: exit 1'
      expect(headline).toBe(
        `guarded (demo) rolled back: circuit breaker tripped (4 of threshold 3 tasks failed) — ${tasks}`
      )
      expect(hint).toMatch(/^What to check: An essential container exited \(code 1\)/)

      const lines = log.split('\n')
      const event = (text: RegExp): number => lines.findIndex(line => text.test(line))
      const failed = event(
        /^\d\d:\d\d:\d\d \+\d+s {2}event: \(service guarded\) \(deployment ecs-svc\/\d+\) deployment failed: tasks failed to start\.$/
      )
      const rollingBack = event(
        /^\d\d:\d\d:\d\d \+\d+s {2}event: \(service guarded\) rolling back to deployment ecs-svc\/\d+\.$/
      )
      expect(failed).toBeGreaterThan(-1)
      expect(rollingBack).toBeGreaterThan(failed)
      expect(lines).not.toContain(`  ${tasks}`)

      const [check] = github.state.checkRuns.get(PR_HEAD) ?? []
      expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
      expect(check?.output.title).toMatch(/^rolled back: circuit breaker tripped/)
      for (const report of [
        run.summary,
        github.state.comments.get(7)?.[0]?.body,
        check?.output.summary
      ]) {
        expect(report).toContain(`**Why:** guarded (demo) rolled back: circuit breaker tripped`)
        expect(report).not.toContain(`- ${tasks}`)
        // The diagnosed cause says what ECS's reason says, in more detail.
        expect(report).not.toContain('**ECS says:**')
        expect(report).toContain('**What to check:** An essential container exited (code 1)')
      }
    } finally {
      await github.close()
    }
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
    expect(headline).toBe(
      `gated (demo) rolled back: Lambda hook ${SMOKE_TEST} at PRE_SCALE_UP timed out`
    )
    expect(log).toContain(`Hook AWS_LAMBDA ${SMOKE_TEST} at PRE_SCALE_UP: TIMED_OUT.`)
    expect(log).toContain(
      `What to check: A lifecycle hook ${SMOKE_TEST} failed or timed out: read the function's logs and its timeoutConfiguration.`
    )
  })
})
