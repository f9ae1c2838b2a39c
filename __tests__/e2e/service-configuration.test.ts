import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { DeploymentLifecycleHook } from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { annotations, displayLog } from '../../scripts/runner.js'
import { deployInputs, ECR, operations, runAction, startE2eSimulator } from '../support/e2e.js'

// Service settings that infrastructure as code may own: what a release says it changed,
// the guard that forbids changing them, and pause hooks removed while Lambda hooks stay.

const SMOKE_TEST = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())
beforeEach(() => sim.clearCalls())

const deploy = (service: string, inputs: Record<string, string>) =>
  runAction({
    ecsUrl: sim.url,
    inputs: deployInputs(service, {
      'container-name': service,
      image: `${ECR}/${service}:60.0.0`,
      ...inputs
    })
  })
const hooksOf = (service: string): DeploymentLifecycleHook[] =>
  sim.describeService(service, 'demo').deploymentConfiguration?.lifecycleHooks ?? []
const sentHooks = (): DeploymentLifecycleHook[] | undefined =>
  (
    sim.calls.find(call => call.operation === 'UpdateService')?.input as {
      deploymentConfiguration?: { lifecycleHooks?: DeploymentLifecycleHook[] }
    }
  ).deploymentConfiguration?.lifecycleHooks

describe('service settings a release changes', () => {
  it('with task-definition-only, refuses a settings change before any change', async () => {
    const run = await deploy('gated', { 'pause-at': 'none', 'task-definition-only': 'true' })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain(
      "Input 'task-definition-only': is true, and this release would change settings of service 'gated': Pauses POST_TEST_TRAFFIC_SHIFT (60 min, then ROLLBACK) → — (pause-at)"
    )
    expect(operations(sim)).toEqual(['DescribeServices'])
  })

  it('with task-definition-only, releases a new image and says no setting changed', async () => {
    const run = await deploy('api', { 'task-definition-only': 'true' })
    expect(run.exitCode).toBe(0)
    const update = sim.calls.find(call => call.operation === 'UpdateService')?.input
    expect(Object.keys(update ?? {}).sort()).toEqual(['cluster', 'service', 'taskDefinition'])
    expect(displayLog(run)).toContain(
      'Service settings: unchanged; this release changes only the task definition.'
    )
    expect(run.summary).toContain('Service settings: none changed; only the task definition.')
  })

  it('removes pauses with pause-at: none and keeps the Lambda hooks', async () => {
    const run = await deploy('gated', { 'pause-at': 'none' })
    expect(run.exitCode).toBe(0)
    expect(sentHooks()?.map(hook => hook.targetType)).toEqual(['AWS_LAMBDA'])
    expect(hooksOf('gated').map(hook => hook.hookTargetArn)).toEqual([SMOKE_TEST])
    expect(displayLog(run)).toContain(
      'This release changes service settings, which stay after it: Pauses POST_TEST_TRAFFIC_SHIFT (60 min, then ROLLBACK) → — (pause-at).'
    )
    expect(run.summary).toContain(
      '| Pauses | POST_TEST_TRAFFIC_SHIFT (60 min, then ROLLBACK) | — | <code>pause-at</code> |'
    )
  })

  it('warns by name when lifecycle-hooks drops a Lambda hook the service runs', async () => {
    const run = await deploy('gated', { 'lifecycle-hooks': '[]' })
    expect(run.exitCode).toBe(0)
    expect(annotations(run, 'warning')).toContainEqual(
      expect.stringContaining(
        `lifecycle-hooks leaves out the Lambda hook smoke-test at PRE_SCALE_UP (${SMOKE_TEST}) that service 'gated' runs today`
      )
    )
    expect(hooksOf('gated')).toEqual([])
  })
})
