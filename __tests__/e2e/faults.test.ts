import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { annotations, displayLog } from '../../scripts/runner.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator({ randomSeed: 20261125 })
})
afterAll(() => sim.close())

/** The state-changing calls ECS actually applied (faulted ones changed nothing). */
function applied(operation: string): number {
  return sim.mutatingCalls().filter(call => call.operation === operation && call.outcome === 'ok')
    .length
}

describe('under ECS faults', () => {
  it('reports a release correctly through 30 % throttling, 20 % server errors, dropped connections and latency', async () => {
    sim.clearCalls()
    sim.setFaults({
      throttleRate: 0.3,
      serverErrorRate: 0.2,
      dropRate: 0.05,
      latencyMs: 20,
      latencyJitterMs: 80
    })
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        'container-name': 'app',
        image: `${ECR}/web:20.0.0`,
        'lifecycle-hooks': '[]'
      })
    })
    sim.setFaults({})
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('SUCCESSFUL')
    expect(sim.describeService('web', 'demo').taskDefinition).toBe(
      run.outputs['task-definition-arn']
    )
    expect(applied('RegisterTaskDefinition')).toBe(1)
    expect(applied('UpdateService')).toBe(1)
    expect(sim.calls.some(call => call.outcome.startsWith('fault:'))).toBe(true)
  })

  it('reports a rollback correctly under the same storm', async () => {
    sim.setFaults({ throttleRate: 0.3, serverErrorRate: 0.2, dropRate: 0.05 })
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('guarded', {
        'container-name': 'guarded',
        image: `${ECR}/guarded:pull-error`
      })
    })
    sim.setFaults({})
    expect(run.exitCode).toBe(1)
    expect(run.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(annotations(run, 'error')[0]).toMatch(
      /^guarded \(demo\) rolled back: circuit breaker tripped/
    )
  })

  it('gives up with the last known state and the deployment ARN when ECS stops answering', async () => {
    let updated = false
    const stop = sim.onCall(call => {
      updated ||= call.operation === 'UpdateService' && call.outcome === 'ok'
      if (updated && call.operation === 'DescribeServiceDeployments' && call.outcome === 'ok') {
        stop()
        sim.setFaults({
          serverErrorRate: 1,
          operations: ['DescribeServiceDeployments', 'DescribeServices']
        })
      }
    })
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', { 'container-name': 'api', image: `${ECR}/api:20.0.0` })
    })
    sim.setFaults({})
    expect(run.exitCode).toBe(1)
    const headline = annotations(run, 'error')[0]
    expect(headline).toContain('Gave up waiting: ECS did not answer (ServerException')
    // The last state it saw, in the headline and the outputs, for a person to act on.
    expect(run.outputs.status).toMatch(/^[A-Z_]+$/)
    expect(headline).toMatch(
      new RegExp(
        `the deployment was last seen at stage ${run.outputs['lifecycle-stage'] ?? 'none'} with status ${run.outputs.status}\\.$`
      )
    )
    expect(displayLog(run)).toContain(
      `The deployment may still be running in ECS: ${run.outputs['service-deployment-arn']}`
    )
  })
})
