import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import type { Simulator } from '../../sim/index.js'
import { displayLog, runAction } from '../../scripts/runner.js'
import { deployInputs, ECR, startE2eSimulator } from '../support/e2e.js'

let sim: Simulator
// Long stages: the deployment is still moving when the job is cancelled.
beforeAll(async () => {
  sim = await startE2eSimulator({ timing: { stageMs: 1000, minuteMs: 2000 } })
})
afterAll(() => sim.close())

/** Cancels the job the way the runner does (SIGINT) once the action follows a deployment. */
function cancelWhenFollowing(sent: { at?: number }) {
  return (child: ChildProcess): void => {
    const stop = sim.onCall(call => {
      if (call.operation !== 'DescribeServiceDeployments') return
      stop()
      sent.at = Date.now()
      child.kill('SIGINT')
    })
  }
}

describe('a cancelled job', () => {
  it('rolls the deployment back within 2 s with rollback-on-cancel, and the post step reports it', async () => {
    const sent: { at?: number } = {}
    const inputs = deployInputs('web', {
      'container-name': 'app',
      image: `${ECR}/web:9.0.0`,
      'rollback-on-cancel': 'true'
    })
    const main = await runAction({ ecsUrl: sim.url, inputs, onStart: cancelWhenFollowing(sent) })
    const stop = sim.calls.find(call => call.operation === 'StopServiceDeployment')
    expect(stop?.input).toEqual({
      serviceDeploymentArn: main.outputs['service-deployment-arn'],
      stopType: 'ROLLBACK'
    })
    expect(stop!.at - sent.at!).toBeLessThan(2000)
    expect(main.exitCode).toBe(1)
    expect(main.endedAt - sent.at!).toBeLessThan(7500)
    expect(displayLog(main)).toContain('Received SIGINT: asked ECS to roll back deployment')
    expect(main.state).toMatchObject({ cancelled: 'true', 'cancel-rollback': 'stop-rollback' })

    const post = await runAction({ ecsUrl: sim.url, inputs, state: main.state })
    expect(post.exitCode).toBe(0)
    expect(displayLog(post)).toContain(
      `The job was cancelled and ECS rolled deployment ${main.outputs['service-deployment-arn']} back.`
    )
  })

  it('leaves the deployment alone without rollback-on-cancel, and says so', async () => {
    sim.clearCalls()
    const sent: { at?: number } = {}
    const inputs = deployInputs('api', { 'container-name': 'api', image: `${ECR}/api:9.0.0` })
    const main = await runAction({ ecsUrl: sim.url, inputs, onStart: cancelWhenFollowing(sent) })
    expect(main.exitCode).toBe(1)
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
