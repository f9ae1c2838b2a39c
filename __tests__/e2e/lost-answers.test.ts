import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'

// faults.test.ts has the fault storms; here each answer of one kind is lost.

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator({ randomSeed: 20261125 })
})
afterAll(() => sim.close())

/** The outcomes of the calls of one operation, in order. */
const outcomesOf = (operation: string): string[] =>
  sim.calls.filter(call => call.operation === operation).map(call => call.outcome)

describe('a state-changing call whose answer is lost', () => {
  it('is checked, not re-sent: one revision registered and one deployment started', async () => {
    sim.clearCalls()
    const before = sim.listDeployments('web', 'demo').length
    sim.setFaults({
      lostResponseRate: 1,
      operations: ['RegisterTaskDefinition', 'UpdateService']
    })
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        'container-name': 'app',
        image: `${ECR}/web:21.0.0`,
        'lifecycle-hooks': '[]'
      })
    })
    sim.setFaults({})
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('SUCCESSFUL')
    expect(outcomesOf('RegisterTaskDefinition')).toEqual(['fault:lost-response'])
    expect(outcomesOf('UpdateService')).toEqual(['fault:lost-response'])
    expect(sim.listDeployments('web', 'demo')).toHaveLength(before + 1)
    expect(sim.describeService('web', 'demo').taskDefinition).toBe(
      run.outputs['task-definition-arn']
    )
    // The check that found them applied came between the lost answer and anything else.
    const lostUpdate = sim.calls.findIndex(call => call.operation === 'UpdateService')
    expect(sim.calls[lostUpdate + 1]?.operation).toBe('DescribeServices')
  })

  it('answers a pause once when the ContinueServiceDeployment answer is lost', async () => {
    const deploy = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        'container-name': 'app',
        image: `${ECR}/web:22.0.0`,
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'paused'
      })
    })
    expect(deploy.exitCode).toBe(0)
    sim.clearCalls()
    sim.setFaults({ lostResponseRate: 1, operations: ['ContinueServiceDeployment'] })
    const promote = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        command: 'promote',
        'deployment-arn': deploy.outputs['service-deployment-arn']!
      })
    })
    sim.setFaults({})
    expect(promote.exitCode).toBe(0)
    expect(promote.outputs.status).toBe('SUCCESSFUL')
    expect(outcomesOf('ContinueServiceDeployment')).toEqual(['fault:lost-response'])
  })
})
