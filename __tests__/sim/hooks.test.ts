import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  type DeploymentLifecycleHook,
  ECSServiceException,
  InvalidParameterException,
  ServiceDeploymentNotFoundException,
  ClientException,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { deploy, ecsClient, startTestSimulator, waitForStage, waitForTerminal } from './helpers.js'

const SMOKE = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test'
const CHECK = 'arn:aws:lambda:us-east-1:123456789012:function:check'
let sim: Simulator
let client: ReturnType<typeof ecsClient>

beforeAll(async () => {
  sim = await startTestSimulator()
  client = ecsClient(sim)
})
afterEach(() => sim.setLambdaResult(SMOKE, 'SUCCEEDED'))
afterAll(async () => {
  client.destroy()
  await sim.close()
})

function configureHooks(service: string, lifecycleHooks: DeploymentLifecycleHook[]) {
  return client.send(
    new UpdateServiceCommand({
      cluster: 'demo',
      service,
      deploymentConfiguration: { lifecycleHooks }
    })
  )
}

async function describe1(arn: string) {
  const response = await client.send(
    new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })
  )
  return response.serviceDeployments?.[0]
}

function awaitingPause(arn: string) {
  return sim.waitForDeployment(
    d =>
      d.serviceDeploymentArn === arn &&
      (d.lifecycleHookDetails ?? []).some(h => h.status === 'AWAITING_ACTION')
  )
}

async function continueError(arn: string, hookId: string): Promise<ECSServiceException> {
  const error = await client
    .send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId }))
    .then(
      () => undefined,
      (e: unknown) => e
    )
  if (!(error instanceof ECSServiceException))
    throw new Error(`expected an ECS error, got ${String(error)}`)
  return error
}

describe('PAUSE hooks', () => {
  test('wait for ContinueServiceDeployment CONTINUE, then the deployment goes on', async () => {
    const arn = await deploy(client, 'gated')
    await awaitingPause(arn)
    const paused = await describe1(arn)
    expect(paused).toMatchObject({
      status: 'IN_PROGRESS',
      lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT'
    })
    const [lambda, pause] = paused?.lifecycleHookDetails ?? []
    // The finished Lambda hook of PRE_SCALE_UP stays in the list.
    expect(lambda).toMatchObject({
      targetType: 'AWS_LAMBDA',
      targetArn: SMOKE,
      status: 'SUCCEEDED'
    })
    expect(lambda?.hookId).toMatch(/^ecs-lambda-[A-Za-z0-9_-]{43}$/)
    expect(pause).toMatchObject({
      targetType: 'PAUSE',
      status: 'AWAITING_ACTION',
      timeoutAction: 'ROLLBACK'
    })
    expect(pause?.targetArn).toBeUndefined()
    expect(pause?.hookId).toMatch(/^ecs-pause-[A-Za-z0-9_-]{43}$/)
    const expiresIn = (pause?.expiresAt?.getTime() ?? 0) - Date.now()
    expect(expiresIn).toBeGreaterThan(50 * sim.timing.minuteMs)
    expect(expiresIn).toBeLessThanOrEqual(60 * sim.timing.minuteMs)

    await new Promise(resolve => setTimeout(resolve, 5 * sim.timing.stageMs))
    expect((await describe1(arn))?.lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT')
    const answer = await client.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: arn,
        hookId: pause?.hookId,
        action: 'CONTINUE'
      })
    )
    expect(answer.serviceDeploymentArn).toBe(arn)
    const done = await waitForTerminal(sim, arn)
    expect(done.status).toBe('SUCCESSFUL')
    expect(done.lifecycleHookDetails?.map(h => h.status)).toEqual(['SUCCEEDED', 'SUCCEEDED'])
  })

  test('CONTINUE with action ROLLBACK rolls back to the blue revision', async () => {
    const before = sim.describeService('gated')
    const arn = await deploy(client, 'gated')
    await awaitingPause(arn)
    const pause = (await describe1(arn))?.lifecycleHookDetails?.find(h => h.targetType === 'PAUSE')
    await client.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: arn,
        hookId: pause?.hookId,
        action: 'ROLLBACK'
      })
    )
    const done = await waitForTerminal(sim, arn)
    expect(
      sim.transitions
        .filter(t => t.deploymentArn === arn)
        .map(t => t.status)
        .slice(-3)
    ).toEqual(['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL'])
    const reason =
      'Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT pause hook was continued with action ROLLBACK.'
    expect(done.statusReason).toBe(reason)
    expect(done.rollback).toMatchObject({
      reason,
      serviceRevisionArn: done.sourceServiceRevisions?.[0]?.arn
    })
    expect(done.rollback?.startedAt).toBeInstanceOf(Date)
    expect(done.lifecycleHookDetails?.find(h => h.hookId === pause?.hookId)?.status).toBe('FAILED')
    expect(done.targetServiceRevision).toMatchObject({
      requestedTaskCount: 0,
      runningTaskCount: 0,
      requestedProductionTrafficWeight: 0
    })
    const [service] =
      (await client.send(new DescribeServicesCommand({ cluster: 'demo', services: ['gated'] })))
        .services ?? []
    expect(service?.taskDefinition).toBe(before.taskDefinition)
    expect(service?.deployments?.map(d => [d.id, d.status])).toEqual([
      [before.deployments?.[0]?.id, 'PRIMARY']
    ])
    const messages = service?.events?.map(e => e.message ?? '') ?? []
    expect(messages).toContain(
      `(service gated) rolling back to deployment ${before.deployments?.[0]?.id}.`
    )
    expect(messages.some(m => m.includes('deployment failed: ' + reason))).toBe(true)
  })

  test('ContinueServiceDeployment rejects bad, unknown, stale and finished hooks without changing anything', async () => {
    const missing = await client
      .send(
        new ContinueServiceDeploymentCommand({
          serviceDeploymentArn:
            'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/gated/nope',
          hookId: 'ecs-pause-x'
        })
      )
      .catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ServiceDeploymentNotFoundException)
    expect((missing as Error).message).toBe('The service deployment does not exist.')

    const arn = await deploy(client, 'gated')
    await awaitingPause(arn)
    // Held, so that neither the pause's timeout nor the superseded deployment's STOPPED,
    // one stage after STOP_REQUESTED, can overtake the checks on a loaded machine.
    sim.holdTimers()
    const hooks = (await describe1(arn))?.lifecycleHookDetails ?? []
    const pauseId = hooks.find(h => h.targetType === 'PAUSE')?.hookId ?? ''
    const lambdaId = hooks.find(h => h.targetType === 'AWS_LAMBDA')?.hookId ?? ''
    const unavailable =
      'Provided hookId is either completed, unavailable, or not associated with the given Resource ARN'
    let newer: string
    try {
      const badFormat = await continueError(arn, 'pause-123')
      expect(badFormat).toBeInstanceOf(InvalidParameterException)
      expect(badFormat.message).toBe(
        'Invalid hookId: hookId must follow the format: ecs-{hookType}-{id}'
      )
      for (const hookId of [`ecs-pause-${'A'.repeat(43)}`, lambdaId]) {
        const error = await continueError(arn, hookId)
        expect(error).toBeInstanceOf(InvalidParameterException)
        expect(error.message).toBe(unavailable)
      }
      expect(
        (await describe1(arn))?.lifecycleHookDetails?.find(h => h.hookId === pauseId)?.status
      ).toBe('AWAITING_ACTION')

      // A newer deployment makes the pending pause stale, then terminal.
      newer = await deploy(client, 'gated')
      expect((await describe1(arn))?.status).toBe('STOP_REQUESTED')
      expect((await continueError(arn, pauseId)).message).toBe(unavailable)
    } finally {
      sim.releaseTimers()
    }
    await waitForTerminal(sim, arn)
    const terminal = await continueError(arn, pauseId)
    expect(terminal).toBeInstanceOf(ClientException)
    expect(terminal.message).toBe(
      'Continuing a service deployment is not allowed for service deployment in terminal states.'
    )
    expect(
      sim.describeDeployment(arn).lifecycleHookDetails?.find(h => h.hookId === pauseId)?.status
    ).toBe('FAILED')

    await awaitingPause(newer)
    const newerPause = sim
      .describeDeployment(newer)
      .lifecycleHookDetails?.find(h => h.status === 'AWAITING_ACTION')
    await client.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: newer,
        hookId: newerPause?.hookId
      })
    )
    expect((await continueError(newer, newerPause?.hookId ?? '')).message).toBe(unavailable)
    await waitForTerminal(sim, newer)
  })

  test('a pause timeout rolls back, or goes on with timeout action CONTINUE', async () => {
    await configureHooks('api', [
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_SCALE_UP'],
        timeoutConfiguration: { timeoutInMinutes: 1 }
      }
    ])
    const rolledBack = await waitForTerminal(sim, await deploy(client, 'api'))
    expect(rolledBack.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(rolledBack.statusReason).toBe(
      'Service deployment rolled back because POST_SCALE_UP pause hook timed out.'
    )
    expect(rolledBack.lifecycleStage).toBe('POST_SCALE_UP')
    expect(rolledBack.lifecycleHookDetails?.[0]?.status).toBe('TIMED_OUT')

    await configureHooks('api', [
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_SCALE_UP'],
        timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' }
      }
    ])
    const continued = await waitForTerminal(sim, await deploy(client, 'api'))
    expect(continued.status).toBe('SUCCESSFUL')
    expect(continued.lifecycleHookDetails?.[0]).toMatchObject({
      status: 'TIMED_OUT',
      timeoutAction: 'CONTINUE'
    })
  })

  test('hooks at one stage run in parallel and the stage waits for all of them', async () => {
    await configureHooks('api', [
      { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] },
      {
        targetType: 'AWS_LAMBDA',
        hookTargetArn: CHECK,
        roleArn: 'arn:aws:iam::123456789012:role/hook',
        lifecycleStages: ['POST_SCALE_UP']
      }
    ])
    const arn = await deploy(client, 'api')
    await sim.waitForDeployment(
      d =>
        d.serviceDeploymentArn === arn &&
        d.lifecycleHookDetails?.some(h => h.status === 'SUCCEEDED') === true
    )
    const details = sim.describeDeployment(arn)
    expect(details.lifecycleStage).toBe('POST_SCALE_UP')
    expect(details.lifecycleHookDetails?.map(h => h.status)).toEqual([
      'AWAITING_ACTION',
      'SUCCEEDED'
    ])
    const pauseId = details.lifecycleHookDetails?.[0]?.hookId
    await client.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: pauseId })
    )
    expect((await waitForTerminal(sim, arn)).status).toBe('SUCCESSFUL')
  })
})

describe('Lambda hooks', () => {
  const failure = (detail: string) =>
    `Service deployment rolled back because PRE_SCALE_UP lifecycle hook(s) failed. ${detail}`

  test.each([
    ['FAILED', `Lifecycle hook target ${SMOKE} returned FAILED status.`],
    [
      'THROW',
      `ECS was unable to parse the response from ${SMOKE} due to HookStatus must not be null`
    ],
    [
      'INVOKE_ERROR',
      `ECS was unable to invoke hook target ${SMOKE} due to ResourceNotFoundException: Function not found: ${SMOKE}`
    ],
    [
      'ASSUME_ROLE_ERROR',
      'ECS was unable to assume role arn:aws:iam::123456789012:role/ecsLambdaHookRole'
    ]
  ] as const)('%s rolls the deployment back', async (result, detail) => {
    sim.setLambdaResult(SMOKE, result)
    const done = await waitForTerminal(sim, await deploy(client, 'gated'))
    expect(done).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason: failure(detail),
      lifecycleStage: 'PRE_SCALE_UP'
    })
    expect(done.rollback?.reason).toBe(failure(detail))
    expect(done.lifecycleHookDetails?.[0]).toMatchObject({ targetArn: SMOKE, status: 'FAILED' })
  })

  test('IN_PROGRESS answers are retried until the result, which may change meanwhile', async () => {
    sim.setLambdaResult(SMOKE, { result: 'IN_PROGRESS' })
    const arn = await deploy(client, 'gated')
    await waitForStage(sim, arn, 'PRE_SCALE_UP')
    await new Promise(resolve => setTimeout(resolve, 4 * sim.timing.hookMs))
    expect(sim.describeDeployment(arn)).toMatchObject({ lifecycleStage: 'PRE_SCALE_UP' })
    sim.setLambdaResult(SMOKE, { result: 'SUCCEEDED', rounds: 1 })
    await awaitingPause(arn)
    const pause = sim
      .describeDeployment(arn)
      .lifecycleHookDetails?.find(h => h.targetType === 'PAUSE')
    await client.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: pause?.hookId })
    )
    expect((await waitForTerminal(sim, arn)).status).toBe('SUCCESSFUL')
  })

  test('a Lambda hook that never finishes times out: ROLLBACK or CONTINUE', async () => {
    sim.setLambdaResult(CHECK, 'IN_PROGRESS')
    const hook = (action: 'ROLLBACK' | 'CONTINUE'): DeploymentLifecycleHook => ({
      hookTargetArn: CHECK,
      roleArn: 'arn:aws:iam::123456789012:role/hook',
      lifecycleStages: ['TEST_TRAFFIC_SHIFT'],
      timeoutConfiguration: { timeoutInMinutes: 1, action }
    })
    await configureHooks('api', [hook('ROLLBACK')])
    const rolledBack = await waitForTerminal(sim, await deploy(client, 'api'))
    expect(rolledBack).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason:
        'Service deployment rolled back because TEST_TRAFFIC_SHIFT lifecycle hook(s) timed out.'
    })
    expect(rolledBack.lifecycleHookDetails?.[0]).toMatchObject({
      targetType: 'AWS_LAMBDA',
      status: 'TIMED_OUT'
    })

    await configureHooks('api', [hook('CONTINUE')])
    expect((await waitForTerminal(sim, await deploy(client, 'api'))).status).toBe('SUCCESSFUL')
  })
})
