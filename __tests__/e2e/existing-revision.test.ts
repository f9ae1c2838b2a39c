import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { annotations, displayLog } from '../../scripts/runner.js'
import { deployInputs, ECR, operations, runAction, startE2eSimulator } from '../support/e2e.js'

// `task-definition` naming a registered revision: released as it is, nothing registered,
// and checked like any other task definition before anything changes.

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())
beforeEach(() => sim.clearCalls())

const step = (inputs: Record<string, string>) =>
  runAction({ ecsUrl: sim.url, inputs: deployInputs('api', inputs) })

describe('deploying an existing task definition revision', () => {
  it('releases family:revision as it is, registering nothing', async () => {
    const newer = await step({ 'container-name': 'api', image: `${ECR}/api:70.0.0` })
    expect(newer.exitCode).toBe(0)
    expect(sim.describeService('api', 'demo').taskDefinition).toBe(`${ARN}/api:2`)
    sim.clearCalls()

    const run = await step({ 'task-definition': 'api:1' })
    expect(run.exitCode).toBe(0)
    expect(operations(sim)).not.toContain('RegisterTaskDefinition')
    expect(run.outputs['task-definition-arn']).toBe(`${ARN}/api:1`)
    expect(sim.describeService('api', 'demo').taskDefinition).toBe(`${ARN}/api:1`)
    expect(displayLog(run)).toContain(`Releasing ${ARN}/api:1 as it is: nothing is registered.`)
    expect(run.summary).toContain('Task definition <code>api:2</code> → <code>api:1</code>')
  })

  it('takes an ARN, and plans it as deploy would release it', async () => {
    const run = await step({ command: 'plan', 'task-definition': `${ARN}/api:2` })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain(
      'Deploy would release an existing revision as it is; nothing is registered.'
    )
    expect(run.summary).toContain('Task definition <code>api:1</code> → <code>api:2</code>')
  })

  it('refuses a revision ECS does not have before any change', async () => {
    const run = await step({ 'task-definition': 'api:99' })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain(
      "Input 'task-definition': revision api:99 was not found in us-east-1."
    )
    expect(operations(sim).every(operation => /^Describe/.test(operation))).toBe(true)
  })

  it('refuses the revision the service already runs', async () => {
    const run = await step({ 'task-definition': 'api:1' })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain("Service 'api' already runs api:1")
    expect(operations(sim)).not.toContain('UpdateService')
  })

  it('refuses a revision without the container the load balancer sends traffic to', async () => {
    const run = await step({ 'task-definition': 'web:1' })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain(
      "Task definition web:1 has no container 'api', which the service's load balancer"
    )
    expect(operations(sim)).not.toContain('UpdateService')
  })

  it('refuses an image change to an existing revision before any call', async () => {
    const run = await step({
      'task-definition': 'api:1',
      'container-name': 'api',
      image: `${ECR}/api:71.0.0`
    })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain(
      "Input 'image': cannot change api:1, an existing revision that is released as it is"
    )
    expect(operations(sim)).toEqual([])
  })
})
