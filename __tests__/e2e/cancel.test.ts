import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import type { Simulator } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import {
  type Cancellation,
  cancelLikeRunner,
  displayLog,
  SIGTERM_AFTER_MS
} from '../../scripts/runner.js'
import {
  deployInputs,
  ECR,
  PR_HEAD,
  pullRequestEvent,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'

let sim: Simulator
let github: FakeGitHub
// Long stages: the deployment is still moving when the job is cancelled.
beforeAll(async () => {
  sim = await startE2eSimulator({ timing: { stageMs: 1000, minuteMs: 2000 } })
})
afterAll(() => sim.close())
beforeEach(async () => {
  github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
  sim.clearCalls()
})
afterEach(() => github.close())

/** The job log shows a lifecycle stage (`▸ 12:00:01 +1s  PRE_SCALE_UP`): the deployment is moving. */
const FOLLOWING = /^::group::\d\d:\d\d:\d\d \+\d+s {2}[A-Z_]+/m
/** The job log shows the deployment held at its pause. */
const PAUSED = /hook PAUSE .*: AWAITING_ACTION/

/** Cancels the job as the runner does, once its log matches `pattern`. */
function cancelWhenLogged(pattern: RegExp, cancelled: { at?: Cancellation }) {
  return (child: ChildProcess): void => {
    let log = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      if (!cancelled.at && pattern.test(log)) cancelled.at = cancelLikeRunner(child)
    })
  }
}

/** The first call of `operation` and how long after SIGINT it reached the simulator. */
function sentAfterSigint(operation: string, cancelled: { at?: Cancellation }) {
  const call = sim.calls.find(c => c.operation === operation)
  return { input: call?.input, ms: call ? call.at - cancelled.at!.sigintAt : Number.NaN }
}

/** The main step ended by itself: the runner never had to send SIGTERM. */
function endedBeforeSigterm(run: { endedAt: number }, cancelled: { at?: Cancellation }): void {
  expect(cancelled.at?.sigtermAt).toBeUndefined()
  expect(run.endedAt - cancelled.at!.sigintAt).toBeLessThan(SIGTERM_AFTER_MS)
}

describe('a cancelled job', () => {
  it('rolls the deployment back within 2 s with rollback-on-cancel; the post step reports it on the same check run and comment', async () => {
    const cancelled: { at?: Cancellation } = {}
    const inputs = deployInputs('web', {
      'container-name': 'app',
      image: `${ECR}/web:9.0.0`,
      'rollback-on-cancel': 'true',
      'pr-comment': 'true',
      'check-run': 'true'
    })
    const reported = { githubUrl: github.url, event: pullRequestEvent }
    const main = await runAction({
      ecsUrl: sim.url,
      inputs,
      ...reported,
      onStart: cancelWhenLogged(FOLLOWING, cancelled)
    })
    const arn = main.outputs['service-deployment-arn']
    const stop = sentAfterSigint('StopServiceDeployment', cancelled)
    expect(stop.input).toEqual({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })
    expect(stop.ms).toBeLessThan(2000)
    expect(main.exitCode).toBe(1)
    endedBeforeSigterm(main, cancelled)
    expect(displayLog(main)).toContain('Received SIGINT: asked ECS to roll back deployment')
    expect(main.state).toMatchObject({ cancelled: 'true', 'cancel-rollback': 'stop-rollback' })

    const post = await runAction({ ecsUrl: sim.url, inputs, ...reported, state: main.state })
    expect(post.exitCode).toBe(0)
    expect(displayLog(post)).toContain(
      `The job was cancelled and ECS rolled deployment ${arn} back.`
    )
    const checks = github.state.checkRuns.get(PR_HEAD) ?? []
    expect(checks).toHaveLength(1)
    expect(checks[0]).toMatchObject({ status: 'completed', conclusion: 'cancelled' })
    expect(checks[0]?.output.summary).toContain('ROLLBACK_SUCCESSFUL')
    const comments = github.state.comments.get(7) ?? []
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('web on demo: cancelled')
    expect(comments[0]!.body).toContain('#### Timeline')
    expect(comments[0]!.body).toMatch(
      /Task definition <code>web:\d+<\/code> → <code>web:\d+<\/code>/
    )
    expect(comments[0]!.body).toContain('ROLLBACK_SUCCESSFUL')
  })

  it('answers ROLLBACK at the pause within 2 s when cancelled while paused', async () => {
    const cancelled: { at?: Cancellation } = {}
    const inputs = deployInputs('web', {
      'container-name': 'app',
      image: `${ECR}/web:9.1.0`,
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
      'rollback-on-cancel': 'true'
    })
    const main = await runAction({
      ecsUrl: sim.url,
      inputs,
      onStart: cancelWhenLogged(PAUSED, cancelled)
    })
    const arn = main.outputs['service-deployment-arn']
    const answer = sentAfterSigint('ContinueServiceDeployment', cancelled)
    expect(answer.input).toEqual({
      serviceDeploymentArn: arn,
      hookId: expect.stringMatching(/^ecs-pause-/),
      action: 'ROLLBACK'
    })
    expect(answer.ms).toBeLessThan(2000)
    expect(sim.calls.filter(call => call.operation === 'StopServiceDeployment')).toEqual([])
    expect(main.exitCode).toBe(1)
    endedBeforeSigterm(main, cancelled)
    expect(main.state).toMatchObject({ cancelled: 'true', 'cancel-rollback': 'continue-rollback' })

    const post = await runAction({ ecsUrl: sim.url, inputs, state: main.state })
    expect(post.exitCode).toBe(0)
    expect(displayLog(post)).toContain(
      `The job was cancelled and ECS rolled deployment ${arn} back.`
    )
    expect(sim.describeDeployment(arn!).status).toBe('ROLLBACK_SUCCESSFUL')
  })

  it('leaves the deployment alone without rollback-on-cancel, and says so', async () => {
    const cancelled: { at?: Cancellation } = {}
    const inputs = deployInputs('api', { 'container-name': 'api', image: `${ECR}/api:9.0.0` })
    const main = await runAction({
      ecsUrl: sim.url,
      inputs,
      onStart: cancelWhenLogged(FOLLOWING, cancelled)
    })
    expect(main.exitCode).toBe(1)
    endedBeforeSigterm(main, cancelled)
    expect(sim.mutatingCalls().map(call => call.operation)).toEqual([
      'RegisterTaskDefinition',
      'UpdateService'
    ])
    expect(displayLog(main)).toContain('rollback-on-cancel is off, so deployment')

    const post = await runAction({ ecsUrl: sim.url, inputs, state: main.state })
    expect(post.exitCode).toBe(0)
    expect(displayLog(post)).toMatch(/The job was cancelled; deployment .* carries on in ECS/)
    expect(sim.mutatingCalls().map(call => call.operation)).toEqual([
      'RegisterTaskDefinition',
      'UpdateService'
    ])
  })

  it('has nothing to do in the post step of a job that was not cancelled', async () => {
    const main = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', { command: 'status' })
    })
    sim.clearCalls()
    const post = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', { command: 'status' }),
      state: main.state
    })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toBe('')
    expect(sim.calls).toEqual([])
  })
})
