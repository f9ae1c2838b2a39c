import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import {
  type DeploymentLifecycleHook,
  DescribeServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { deploy, ecsClient, startTestSimulator, waitForStage, waitForTerminal } from './helpers.js'

const SHIFT = 'arn:aws:lambda:us-east-1:123456789012:function:shift-check'
const SMOKE = 'arn:aws:lambda:us-east-1:123456789012:function:post-test-smoke'
const ROLE = 'arn:aws:iam::123456789012:role/ecsLambdaHookRole'
const STOP_REASON =
  'Service deployment rolled back because StopServiceDeployment requested a rollback.'
let sim: Simulator
let client: ReturnType<typeof ecsClient>

beforeAll(async () => {
  sim = await startTestSimulator()
  client = ecsClient(sim)
})
afterEach(() => {
  sim.setScenario({ lambdas: {}, rollbackShiftHooks: true })
})
afterAll(async () => {
  client.destroy()
  await sim.close()
})

const lambda = (
  functionArn: string,
  stages: DeploymentLifecycleHook['lifecycleStages'],
  timeoutInMinutes = 60,
  action: 'ROLLBACK' | 'CONTINUE' = 'ROLLBACK'
): DeploymentLifecycleHook => ({
  targetType: 'AWS_LAMBDA',
  hookTargetArn: functionArn,
  roleArn: ROLE,
  lifecycleStages: stages,
  timeoutConfiguration: { timeoutInMinutes, action }
})

/**
 * A BLUE_GREEN deployment of `api` with these hooks, rolled back by StopServiceDeployment
 * during a bake long enough never to end first.
 */
async function rolledBackInBake(hooks: DeploymentLifecycleHook[]) {
  await client.send(
    new UpdateServiceCommand({
      cluster: 'demo',
      service: 'api',
      deploymentConfiguration: { bakeTimeInMinutes: 1440, lifecycleHooks: hooks }
    })
  )
  const arn = await deploy(client, 'api')
  await waitForStage(sim, arn, 'BAKE_TIME')
  await client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn }))
  return waitForTerminal(sim, arn)
}

/** [stage, ran during the rollback] of each Lambda answer of a deployment. */
const invocationsOf = (arn: string) =>
  sim.lambdaInvocations
    .filter(invocation => invocation.deploymentArn === arn)
    .map(invocation => [invocation.payload.lifecycleStage, invocation.rollback])

describe('during a rollback', () => {
  test('the traffic-shift Lambda hooks run again with reversed weights, the latest shift first', async () => {
    const done = await rolledBackInBake([
      lambda(SHIFT, ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']),
      lambda(SMOKE, ['POST_TEST_TRAFFIC_SHIFT'])
    ])
    const arn = done.serviceDeploymentArn ?? ''
    expect(done).toMatchObject({ status: 'ROLLBACK_SUCCESSFUL', statusReason: STOP_REASON })
    expect(invocationsOf(arn)).toEqual([
      ['TEST_TRAFFIC_SHIFT', false],
      ['POST_TEST_TRAFFIC_SHIFT', false],
      ['PRODUCTION_TRAFFIC_SHIFT', false],
      ['PRODUCTION_TRAFFIC_SHIFT', true],
      ['TEST_TRAFFIC_SHIFT', true]
    ])
    const green = done.targetServiceRevision?.arn ?? ''
    const blue = done.rollback?.serviceRevisionArn ?? ''
    expect(blue).toBe(done.sourceServiceRevisions?.[0]?.arn)
    const reversed = sim.lambdaInvocations.filter(i => i.deploymentArn === arn && i.rollback)
    expect(reversed.map(i => i.payload.executionDetails)).toEqual([
      {
        serviceArn: done.serviceArn,
        targetServiceRevisionArn: green,
        testTrafficWeights: {},
        productionTrafficWeights: { [green]: 0, [blue]: 100 }
      },
      {
        serviceArn: done.serviceArn,
        targetServiceRevisionArn: green,
        testTrafficWeights: { [green]: 0, [blue]: 100 },
        productionTrafficWeights: {}
      }
    ])
    expect(reversed.every(i => i.functionArn === SHIFT && i.answer === 'SUCCEEDED')).toBe(true)

    // They ran while ROLLBACK_IN_PROGRESS, and show as new hook executions over the wire.
    const statusAt = (status: string) =>
      sim.transitions.find(t => t.deploymentArn === arn && t.status === status)?.atMs ?? NaN
    expect(reversed[0]?.atMs).toBeGreaterThanOrEqual(statusAt('ROLLBACK_IN_PROGRESS'))
    expect(reversed[1]?.atMs).toBeLessThanOrEqual(statusAt('ROLLBACK_SUCCESSFUL'))
    const { serviceDeployments } = await client.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })
    )
    const details = serviceDeployments?.[0]?.lifecycleHookDetails ?? []
    expect(details.map(h => [h.targetArn, h.status])).toEqual([
      [SHIFT, 'SUCCEEDED'],
      [SMOKE, 'SUCCEEDED'],
      [SHIFT, 'SUCCEEDED'],
      [SHIFT, 'SUCCEEDED'],
      [SHIFT, 'SUCCEEDED']
    ])
    expect(new Set(details.map(h => h.hookId)).size).toBe(5)
  })

  test('only the shifts that happened are undone', async () => {
    sim.setLambdaResult(SMOKE, 'FAILED')
    await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'api',
        deploymentConfiguration: {
          lifecycleHooks: [
            lambda(SHIFT, ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']),
            lambda(SMOKE, ['POST_TEST_TRAFFIC_SHIFT'])
          ]
        }
      })
    )
    const done = await waitForTerminal(sim, await deploy(client, 'api'))
    expect(done.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(invocationsOf(done.serviceDeploymentArn ?? '')).toEqual([
      ['TEST_TRAFFIC_SHIFT', false],
      ['POST_TEST_TRAFFIC_SHIFT', false],
      ['TEST_TRAFFIC_SHIFT', true]
    ])
  })

  test('the scenario knob rollbackShiftHooks: false runs no hook', async () => {
    sim.setScenario({ rollbackShiftHooks: false })
    const done = await rolledBackInBake([
      lambda(SHIFT, ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'])
    ])
    expect(done.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(invocationsOf(done.serviceDeploymentArn ?? '')).toEqual([
      ['TEST_TRAFFIC_SHIFT', false],
      ['PRODUCTION_TRAFFIC_SHIFT', false]
    ])
  })

  test.each([
    [
      'returns FAILED',
      { result: 'SUCCEEDED', rollback: 'FAILED' },
      60,
      `Service deployment rollback failed because PRODUCTION_TRAFFIC_SHIFT lifecycle hook(s) failed. Lifecycle hook target ${SHIFT} returned FAILED status.`
    ],
    [
      'times out',
      { result: 'SUCCEEDED', rollback: 'IN_PROGRESS' },
      1,
      'Service deployment rollback failed because PRODUCTION_TRAFFIC_SHIFT lifecycle hook(s) timed out.'
    ]
  ] as const)(
    'a hook that %s ends the rollback ROLLBACK_FAILED, green still in service',
    async (_case, script, timeoutInMinutes, reason) => {
      sim.setLambdaResult(SHIFT, script)
      const before = sim.describeService('api')
      const done = await rolledBackInBake([
        lambda(SHIFT, ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'], timeoutInMinutes)
      ])
      expect(done).toMatchObject({
        status: 'ROLLBACK_FAILED',
        statusReason: reason,
        rollback: { reason: STOP_REASON }
      })
      // The failed hook ends the rollback: the test shift is not undone.
      expect(invocationsOf(done.serviceDeploymentArn ?? '').filter(([, rb]) => rb)).toEqual([
        ['PRODUCTION_TRAFFIC_SHIFT', true]
      ])
      expect(done.lifecycleHookDetails?.at(-1)).toMatchObject({
        targetArn: SHIFT,
        status: timeoutInMinutes === 1 ? 'TIMED_OUT' : 'FAILED'
      })
      const service = sim.describeService('api')
      expect(service.taskDefinition).not.toBe(before.taskDefinition)
      expect(service.deployments?.map(d => d.status)).toEqual(['PRIMARY', 'ACTIVE'])
      expect(service.events?.[0]?.message).toContain(`rollback has failed: ${reason}`)
      // The next deployment reconciles both revisions and goes through.
      await client.send(
        new UpdateServiceCommand({
          cluster: 'demo',
          service: 'api',
          deploymentConfiguration: { bakeTimeInMinutes: 0, lifecycleHooks: [] }
        })
      )
      expect((await waitForTerminal(sim, await deploy(client, 'api'))).status).toBe('SUCCESSFUL')
    }
  )

  test('a hook that times out with action CONTINUE lets the rollback go on', async () => {
    sim.setLambdaResult(SHIFT, { result: 'SUCCEEDED', rollback: 'IN_PROGRESS' })
    const done = await rolledBackInBake([
      lambda(SHIFT, ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'], 1, 'CONTINUE')
    ])
    expect(done).toMatchObject({ status: 'ROLLBACK_SUCCESSFUL', statusReason: STOP_REASON })
    expect(done.lifecycleHookDetails?.slice(-2).map(h => h.status)).toEqual([
      'TIMED_OUT',
      'TIMED_OUT'
    ])
  })

  test('a rollback script must name a known result', () => {
    expect(() =>
      sim.setLambdaResult(SHIFT, { result: 'SUCCEEDED', rollback: 'MAYBE' as 'FAILED' })
    ).toThrow(`lambdas.${SHIFT}.rollback must be one of SUCCEEDED, FAILED`)
  })
})
