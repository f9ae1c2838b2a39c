import { describe, expect, test } from '@jest/globals'
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { startSimulator, type Simulator } from '../../sim/index.js'
import {
  deploy,
  ecsClient,
  FAST_TIMING,
  useSimulator,
  waitForStage,
  waitForTerminal
} from './helpers.js'

const PULL_ERROR = '123456789012.dkr.ecr.us-east-1.amazonaws.com/guarded:pull-error'
const CB_ROLLBACK =
  'Service deployment rolled back because the circuit breaker threshold was exceeded.'
let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

function setBreaker(
  service: string,
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean }
) {
  return client.send(
    new UpdateServiceCommand({
      cluster: 'demo',
      service,
      deploymentConfiguration: { deploymentCircuitBreaker }
    })
  )
}

describe('circuit breaker', () => {
  test('green tasks that cannot start trip it and the deployment rolls back', async () => {
    const before = sim.describeService('guarded')
    const arn = await deploy(client, 'guarded', { image: PULL_ERROR })
    const done = await waitForTerminal(sim, arn)
    expect(done).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason: CB_ROLLBACK,
      lifecycleStage: 'SCALE_UP'
    })
    // desiredCount 4: threshold max(3, min(200, ceil(4 / 2))) = 3, and one batch of 4 fails.
    expect(done.deploymentCircuitBreaker).toEqual({
      status: 'TRIGGERED',
      failureCount: 4,
      threshold: 3
    })
    expect(done.rollback).toMatchObject({
      reason: CB_ROLLBACK,
      serviceRevisionArn: before.currentServiceRevisions?.[0]?.arn
    })

    const greenId = `ecs-svc/${done.targetServiceRevision?.arn?.split('/').pop()}`
    const stopped = await client.send(
      new ListTasksCommand({ cluster: 'demo', serviceName: 'guarded', desiredStatus: 'STOPPED' })
    )
    const described = await client.send(
      new DescribeTasksCommand({ cluster: 'demo', tasks: stopped.taskArns ?? [] })
    )
    const tasks = described.tasks?.filter(task => task.startedBy === greenId)
    expect(tasks).toHaveLength(4)
    const reason = `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${PULL_ERROR}: not found`
    for (const task of tasks ?? []) {
      expect(task).toMatchObject({
        lastStatus: 'STOPPED',
        stopCode: 'TaskFailedToStart',
        stoppedReason: reason
      })
      expect(task.containers?.[0]).toMatchObject({
        image: PULL_ERROR,
        reason,
        lastStatus: 'STOPPED'
      })
    }
    const [service] =
      (await client.send(new DescribeServicesCommand({ cluster: 'demo', services: ['guarded'] })))
        .services ?? []
    expect(service?.taskDefinition).toBe(before.taskDefinition)
    expect(service?.runningCount).toBe(4)
    expect(service?.events?.map(e => e.message)).toContain(
      `(service guarded) (deployment ${greenId}) deployment failed: tasks failed to start.`
    )
  })

  test('the threshold follows desiredCount and thresholdConfiguration', async () => {
    const thresholdFor = async (
      desiredCount: number,
      thresholdConfiguration?: { type: 'COUNT'; value: number }
    ) => {
      await client.send(
        new UpdateServiceCommand({
          cluster: 'demo',
          service: 'worker',
          desiredCount,
          deploymentConfiguration: {
            deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration }
          }
        })
      )
      const arn = await deploy(client, 'worker')
      const threshold = sim.describeDeployment(arn).deploymentCircuitBreaker?.threshold
      await client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn }))
      await waitForTerminal(sim, arn)
      return threshold
    }
    expect(await thresholdFor(1)).toBe(3)
    expect(await thresholdFor(10)).toBe(5)
    expect(await thresholdFor(1, { type: 'COUNT', value: 7 })).toBe(7)
  })

  test('without rollback the deployment stops; without a breaker it retries until stopped', async () => {
    await setBreaker('api', { enable: true, rollback: false })
    const stopped = await waitForTerminal(sim, await deploy(client, 'api', { image: 'api:crash' }))
    expect(stopped).toMatchObject({
      status: 'STOPPED',
      statusReason: 'Service deployment stopped because the circuit breaker threshold was exceeded.'
    })

    await setBreaker('api', { enable: false, rollback: false })
    const arn = await deploy(client, 'api', { image: 'api:crash' })
    await sim.waitForDeployment(
      d => d.serviceDeploymentArn === arn && (d.deploymentCircuitBreaker?.failureCount ?? 0) >= 6
    )
    expect(sim.describeDeployment(arn)).toMatchObject({
      status: 'IN_PROGRESS',
      lifecycleStage: 'SCALE_UP'
    })
    await client.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })
    )
    const done = await waitForTerminal(sim, arn)
    expect(done.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(done.deploymentCircuitBreaker?.status).toBe('DISABLED')
  })
})

describe('alarms', () => {
  test('an alarm during BAKE_TIME rolls the deployment back', async () => {
    const arn = await deploy(client, 'guarded')
    await waitForStage(sim, arn, 'BAKE_TIME')
    sim.triggerAlarm('guarded', 'guarded-5xx')
    const done = await waitForTerminal(sim, arn)
    const reason = 'Service deployment rolled back because alarm(s) were triggered: guarded-5xx.'
    expect(done).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason: reason,
      lifecycleStage: 'BAKE_TIME'
    })
    expect(done.alarms).toEqual({
      status: 'TRIGGERED',
      alarmNames: ['guarded-5xx', 'guarded-latency'],
      triggeredAlarmNames: ['guarded-5xx']
    })
    const events = sim.describeService('guarded').events?.map(e => e.message ?? '') ?? []
    expect(events.some(message => message.endsWith('deployment failed: alarm detected.'))).toBe(
      true
    )
    expect(() => sim.triggerAlarm('guarded', 'guarded-5xx')).toThrow(/No IN_PROGRESS deployment/)
  })

  test('a seeded triggerAlarm fires in every bake; without rollback the deployment stops', async () => {
    const seeded = await startSimulator({
      timing: FAST_TIMING,
      seed: {
        clusters: ['c'],
        taskDefinitions: [{ family: 'f', containerDefinitions: [{ name: 'app', image: 'app:1' }] }],
        services: [
          {
            name: 's',
            cluster: 'c',
            taskDefinition: 'f',
            deploymentConfiguration: {
              strategy: 'BLUE_GREEN',
              bakeTimeInMinutes: 2,
              alarms: { alarmNames: ['latency'], enable: true, rollback: false }
            },
            triggerAlarm: 'latency'
          }
        ]
      }
    })
    const seededClient = ecsClient(seeded)
    try {
      const done = await waitForTerminal(
        seeded,
        await deploy(seededClient, 's', { family: 'f', cluster: 'c' })
      )
      expect(done).toMatchObject({
        status: 'STOPPED',
        statusReason: 'Service deployment stopped because alarm(s) were triggered: latency.',
        lifecycleStage: 'BAKE_TIME'
      })
    } finally {
      seededClient.destroy()
      await seeded.close()
    }
  })
})

describe('no rollback candidate', () => {
  test('a failed first deployment ends ROLLBACK_FAILED', async () => {
    const arn = await deploy(client, 'fresh', { image: 'fresh:pull-error' })
    const done = await waitForTerminal(sim, arn)
    expect(done).toMatchObject({
      status: 'ROLLBACK_FAILED',
      statusReason: 'No rollback candidate was found to run the rollback.',
      rollback: { reason: CB_ROLLBACK }
    })
    expect(done.rollback?.serviceRevisionArn).toBeUndefined()
  })

  test('StopServiceDeployment ROLLBACK passes ROLLBACK_REQUESTED and fails the same way', async () => {
    const arn = await deploy(client, 'fresh')
    await client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn }))
    const done = await waitForTerminal(sim, arn)
    expect(
      sim.transitions
        .filter(t => t.deploymentArn === arn)
        .map(t => t.status)
        .slice(-2)
    ).toEqual(['ROLLBACK_REQUESTED', 'ROLLBACK_FAILED'])
    const [described] =
      (await client.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
        .serviceDeployments ?? []
    expect(described?.statusReason).toBe(done.statusReason)
  })
})
