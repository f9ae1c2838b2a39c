import { expect, test } from '@jest/globals'
import { UpdateServiceCommand } from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { deploy, ecsClient, useSimulator, waitForTerminal } from './helpers.js'

const CHECK = 'arn:aws:lambda:us-east-1:123456789012:function:traffic-check'
let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

test('a Lambda hook is sent the documented payload: the weights of its stage, step by step', async () => {
  // Each execution answers IN_PROGRESS once first, so every one is invoked twice.
  sim.setLambdaResult(CHECK, { result: 'SUCCEEDED', rounds: 1 })
  await client.send(
    new UpdateServiceCommand({
      cluster: 'demo',
      service: 'catalog',
      deploymentConfiguration: {
        linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 0 },
        bakeTimeInMinutes: 0,
        lifecycleHooks: [
          {
            hookTargetArn: CHECK,
            roleArn: 'arn:aws:iam::123456789012:role/ecsLambdaHookRole',
            lifecycleStages: [
              'POST_SCALE_UP',
              'TEST_TRAFFIC_SHIFT',
              'PRE_PRODUCTION_TRAFFIC_SHIFT',
              'PRODUCTION_TRAFFIC_SHIFT'
            ],
            hookDetails: { ticket: 'CHG-1' }
          }
        ]
      }
    })
  )
  const done = await waitForTerminal(sim, await deploy(client, 'catalog'))
  expect(done.status).toBe('SUCCESSFUL')
  const arn = done.serviceDeploymentArn
  const green = done.targetServiceRevision?.arn ?? ''
  const blue = done.sourceServiceRevisions?.[0]?.arn ?? ''
  const invocations = sim.lambdaInvocations.filter(i => i.deploymentArn === arn)
  const firsts = invocations.filter(i => i.answer === 'IN_PROGRESS')
  const split = (toGreen: number) => ({ [green]: toGreen, [blue]: 100 - toGreen })
  const weights = firsts.map(({ payload }) => [
    payload.lifecycleStage,
    payload.executionDetails.testTrafficWeights,
    payload.executionDetails.productionTrafficWeights
  ])
  expect(weights).toEqual([
    ['POST_SCALE_UP', {}, {}],
    ['TEST_TRAFFIC_SHIFT', split(100), {}],
    ...[0, 25, 50, 75].flatMap(from => [
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', {}, split(from)],
      ['PRODUCTION_TRAFFIC_SHIFT', {}, split(from + 25)]
    ])
  ])
  for (const { payload } of invocations) {
    expect(payload).toMatchObject({
      resourceArn: arn,
      executionDetails: { serviceArn: done.serviceArn, targetServiceRevisionArn: green },
      hookDetails: { ticket: 'CHG-1' }
    })
    expect(payload.executionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
  }
  // One execution id per hook execution, kept when it is invoked again after IN_PROGRESS.
  const ids = (list: typeof invocations) => list.map(i => i.payload.executionId)
  expect(new Set(ids(firsts)).size).toBe(firsts.length)
  expect(ids(invocations.filter(i => i.answer === 'SUCCEEDED'))).toEqual(ids(firsts))
  expect(invocations.map(i => i.hookId)).toEqual(
    done.lifecycleHookDetails?.flatMap(h => [h.hookId, h.hookId])
  )
})
