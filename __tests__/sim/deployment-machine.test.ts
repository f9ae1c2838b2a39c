import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type ServiceDeployment,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import {
  deploy,
  ecsClient,
  phasesOf,
  registerRevision,
  startTestSimulator,
  waitForStage,
  waitForTerminal
} from './helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
/** A snapshot of each deployment at each of its transitions, taken synchronously. */
const snapshots = new Map<string, ServiceDeployment[]>()

beforeAll(async () => {
  sim = await startTestSimulator()
  client = ecsClient(sim)
  sim.onTransition(t => {
    const list = snapshots.get(t.deploymentArn) ?? []
    list.push({ ...sim.describeDeployment(t.deploymentArn), lifecycleStage: t.phase as never })
    snapshots.set(t.deploymentArn, list)
  })
})
afterAll(async () => {
  client.destroy()
  await sim.close()
})

/** [target test, target production, source test, source production] weight at each phase. */
function weightsByPhase(arn: string): [string, number[]][] {
  return (snapshots.get(arn) ?? [])
    .filter(s => s.status === 'IN_PROGRESS')
    .map(s => [
      s.lifecycleStage ?? '',
      [
        s.targetServiceRevision?.requestedTestTrafficWeight ?? -1,
        s.targetServiceRevision?.requestedProductionTrafficWeight ?? -1,
        s.sourceServiceRevisions?.[0]?.requestedTestTrafficWeight ?? -1,
        s.sourceServiceRevisions?.[0]?.requestedProductionTrafficWeight ?? -1
      ]
    ])
}

describe('BLUE_GREEN', () => {
  test('runs every stage in order and ends SUCCESSFUL with the service on green', async () => {
    const before = await client.send(
      new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })
    )
    const blueTasks = await client.send(
      new ListTasksCommand({ cluster: 'demo', serviceName: 'web' })
    )
    const arn = await deploy(client, 'web')
    const done = await waitForTerminal(sim, arn)

    expect(done.status).toBe('SUCCESSFUL')
    expect(phasesOf(sim, arn)).toEqual([
      'PRE_SCALE_UP',
      'SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP'
    ])
    const reported = sim.transitions.filter(t => t.deploymentArn === arn)
    expect(reported[0]).toMatchObject({ status: 'PENDING', stage: undefined })
    expect(reported.find(t => t.phase === 'PRE_PRODUCTION_TRAFFIC_SHIFT')?.stage).toBe(
      'PRODUCTION_TRAFFIC_SHIFT'
    )
    expect(weightsByPhase(arn)).toEqual([
      ['PRE_SCALE_UP', [0, 0, 100, 100]],
      ['SCALE_UP', [0, 0, 100, 100]],
      ['POST_SCALE_UP', [0, 0, 100, 100]],
      ['TEST_TRAFFIC_SHIFT', [100, 0, 0, 100]],
      ['POST_TEST_TRAFFIC_SHIFT', [100, 0, 0, 100]],
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', [100, 0, 0, 100]],
      ['PRODUCTION_TRAFFIC_SHIFT', [100, 100, 0, 0]],
      ['POST_PRODUCTION_TRAFFIC_SHIFT', [100, 100, 0, 0]],
      ['BAKE_TIME', [100, 100, 0, 0]],
      ['CLEAN_UP', [100, 100, 0, 0]]
    ])
    const counts = (phase: string) => {
      const s = snapshots.get(arn)?.find(x => x.lifecycleStage === phase)
      return [
        s?.targetServiceRevision?.requestedTaskCount,
        s?.targetServiceRevision?.runningTaskCount,
        s?.sourceServiceRevisions?.[0]?.runningTaskCount
      ]
    }
    expect(snapshots.get(arn)?.[0]?.targetServiceRevision?.requestedTaskCount).toBe(0)
    expect(counts('PRE_SCALE_UP')).toEqual([2, 0, 2])
    expect(counts('POST_SCALE_UP')).toEqual([2, 2, 2])
    expect(counts('CLEAN_UP')).toEqual([2, 2, 0])

    const [described] =
      (await client.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
        .serviceDeployments ?? []
    expect(described?.finishedAt).toBeInstanceOf(Date)
    expect(described?.lifecycleStage).toBe('CLEAN_UP')
    const [service] =
      (await client.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })))
        .services ?? []
    expect(service?.taskDefinition).not.toBe(before.services?.[0]?.taskDefinition)
    expect(service?.taskDefinition).toMatch(/task-definition\/web:\d+$/)
    expect(service?.deployments).toHaveLength(1)
    expect(service?.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
      runningCount: 2,
      taskDefinition: service?.taskDefinition
    })
    expect(service?.deployments?.[0]?.id?.slice('ecs-svc/'.length)).toBe(
      described?.targetServiceRevision?.arn?.split('/').pop()
    )
    expect(service?.events?.[0]?.message).toBe('(service web) has reached a steady state.')
    expect(service?.events?.map(e => e.message)).toContain(
      `(service web) (deployment ${service?.deployments?.[0]?.id}) deployment completed.`
    )

    const blue = await client.send(
      new DescribeTasksCommand({ cluster: 'demo', tasks: blueTasks.taskArns ?? [] })
    )
    for (const task of blue.tasks ?? []) {
      expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated' })
      expect(task.stoppedReason).toMatch(
        /^Scaling activity initiated by \(deployment ecs-svc\/\d{19}\)$/
      )
    }
    const running = await client.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }))
    expect(running.taskArns).toHaveLength(2)
  })
})

describe('CANARY and LINEAR', () => {
  test('CANARY shifts canaryPercent, bakes, then shifts the rest', async () => {
    const arn = await deploy(client, 'checkout')
    expect((await waitForTerminal(sim, arn)).status).toBe('SUCCESSFUL')
    const production = weightsByPhase(arn).filter(([phase]) =>
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'STEP_BAKE'].includes(phase)
    )
    expect(production).toEqual([
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', [100, 0, 0, 100]],
      ['PRODUCTION_TRAFFIC_SHIFT', [100, 20, 0, 80]],
      ['STEP_BAKE', [100, 20, 0, 80]],
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', [100, 20, 0, 80]],
      ['PRODUCTION_TRAFFIC_SHIFT', [100, 100, 0, 0]]
    ])
    // A step bake is reported as PRODUCTION_TRAFFIC_SHIFT: the enum has no value for it.
    const bake = sim.transitions.find(t => t.deploymentArn === arn && t.phase === 'STEP_BAKE')
    expect(bake?.stage).toBe('PRODUCTION_TRAFFIC_SHIFT')
  })

  test('LINEAR pauses before every step with a new hookId, seen through the SDK', async () => {
    await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'catalog',
        deploymentConfiguration: {
          lifecycleHooks: [
            { targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }
          ]
        }
      })
    )
    const arn = await deploy(client, 'catalog')
    const seen: { hookId?: string; stage?: string; production?: number }[] = []
    for (let step = 0; step < 4; step++) {
      const paused = await sim.waitForDeployment(
        d =>
          d.serviceDeploymentArn === arn &&
          (d.lifecycleHookDetails ?? []).filter(h => h.status === 'AWAITING_ACTION').length === 1
      )
      const [described] =
        (await client.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
          .serviceDeployments ?? []
      const hook = described?.lifecycleHookDetails?.find(h => h.status === 'AWAITING_ACTION')
      expect(hook).toMatchObject({ targetType: 'PAUSE', timeoutAction: 'ROLLBACK' })
      expect(hook?.expiresAt).toBeInstanceOf(Date)
      seen.push({
        hookId: hook?.hookId,
        stage: described?.lifecycleStage,
        production: described?.targetServiceRevision?.requestedProductionTrafficWeight
      })
      expect(paused.serviceDeploymentArn).toBe(arn)
      await client.send(
        new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook?.hookId })
      )
    }
    expect((await waitForTerminal(sim, arn)).status).toBe('SUCCESSFUL')
    expect(seen.map(s => s.production)).toEqual([0, 25, 50, 75])
    expect(new Set(seen.map(s => s.hookId)).size).toBe(4)
    expect(seen.every(s => s.stage === 'PRODUCTION_TRAFFIC_SHIFT')).toBe(true)
    const production = weightsByPhase(arn)
      .filter(([phase]) => phase === 'PRODUCTION_TRAFFIC_SHIFT')
      .map(([, weights]) => weights[1])
    expect(production).toEqual([25, 50, 75, 100])
    const done = sim.describeDeployment(arn)
    expect(done.lifecycleHookDetails?.map(h => h.status)).toEqual(Array(4).fill('SUCCEEDED'))
  })

  test('reportPreProductionStage reports the literal PRE_PRODUCTION_TRAFFIC_SHIFT', async () => {
    sim.setScenario({ reportPreProductionStage: true })
    try {
      const arn = await deploy(client, 'api')
      await waitForTerminal(sim, arn)
      const pre = sim.transitions.find(
        t => t.deploymentArn === arn && t.phase === 'PRE_PRODUCTION_TRAFFIC_SHIFT'
      )
      expect(pre?.stage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT')
    } finally {
      sim.setScenario({ reportPreProductionStage: false })
    }
  })
})

describe('superseding and finding the deployment', () => {
  test('a newer deployment stops the ongoing one and reconciles its revisions first', async () => {
    const first = await deploy(client, 'web')
    await waitForStage(sim, first, 'POST_SCALE_UP')
    const second = await deploy(client, 'web')

    const stopped = await waitForTerminal(sim, first)
    expect(stopped.status).toBe('STOPPED')
    expect(stopped.statusReason).toBe(
      'Service deployment stopped because a newer service deployment was started.'
    )
    expect(
      sim.transitions
        .filter(t => t.deploymentArn === first)
        .map(t => t.status)
        .slice(-2)
    ).toEqual(['STOP_REQUESTED', 'STOPPED'])
    // The first can stop before the second's first transition on a busy machine.
    await waitForStage(sim, second, 'RECONCILE_SERVICE')
    const reconciling = snapshots.get(second)?.find(s => s.lifecycleStage === 'RECONCILE_SERVICE')
    expect(reconciling?.sourceServiceRevisions).toHaveLength(2)
    expect((await waitForTerminal(sim, second)).status).toBe('SUCCESSFUL')
    expect(phasesOf(sim, second)[0]).toBe('RECONCILE_SERVICE')
    const service = sim.describeService('web')
    expect(service.deployments).toHaveLength(1)
    const supersededGreen = stopped.targetServiceRevision?.arn ?? ''
    expect(service.currentServiceRevisions?.map(r => r.arn)).not.toContain(supersededGreen)
  })

  test('a deployment superseded while PENDING is STOPPED at once and leaves nothing to reconcile', async () => {
    // Held: PENDING lasts 10 ms, less than the second deploy's three calls may take.
    sim.holdTimers()
    const first = await deploy(client, 'api')
    const second = await deploy(client, 'api').finally(() => sim.releaseTimers())
    expect(phasesOf(sim, first)).toEqual([])
    expect((await waitForTerminal(sim, first)).status).toBe('STOPPED')
    expect(sim.transitions.filter(t => t.deploymentArn === first).map(t => t.status)).toEqual([
      'PENDING',
      'STOPPED'
    ])
    expect((await waitForTerminal(sim, second)).status).toBe('SUCCESSFUL')
    expect(phasesOf(sim, second)[0]).toBe('PRE_SCALE_UP')
  })

  test('currentServiceDeployment can lag; ListServiceDeployments finds the deployment', async () => {
    sim.setScenario({ currentServiceDeploymentLagMs: 200 })
    try {
      const previous = sim.describeService('web').currentServiceDeployment
      const t0 = new Date(Date.now() - 1)
      const taskDefinition = await registerRevision(client, 'web')
      const updated = await client.send(
        new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition })
      )
      expect(updated.service?.currentServiceDeployment).toBe(previous)
      const primary = updated.service?.deployments?.find(d => d.status === 'PRIMARY')
      const listed = await client.send(
        new ListServiceDeploymentsCommand({
          cluster: 'demo',
          service: 'web',
          createdAt: { after: t0 }
        })
      )
      expect(listed.serviceDeployments).toHaveLength(1)
      const found = listed.serviceDeployments?.[0]
      expect(found?.targetServiceRevisionArn?.split('/').pop()).toBe(primary?.id?.split('/').pop())
      expect(found?.serviceDeploymentArn).not.toBe(previous)
      const arn = found?.serviceDeploymentArn ?? ''
      await new Promise(resolve => setTimeout(resolve, 250))
      const later = await client.send(
        new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })
      )
      expect(later.services?.[0]?.currentServiceDeployment).toBe(arn)
      await waitForTerminal(sim, arn)
    } finally {
      sim.setScenario({ currentServiceDeploymentLagMs: 0 })
    }
  })
})

describe('requested rollbacks that roll nothing back', () => {
  test('one requested during CLEAN_UP comes too late: ROLLBACK_REQUESTED, then SUCCESSFUL', async () => {
    let arn = ''
    const stop = sim.onTransition(t => {
      if (t.deploymentArn === arn && t.phase === 'CLEAN_UP') sim.holdTimers()
    })
    try {
      arn = await deploy(client, 'web')
      await waitForStage(sim, arn, 'CLEAN_UP')
      await client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn }))
      expect(sim.describeDeployment(arn).status).toBe('ROLLBACK_REQUESTED')
    } finally {
      stop()
      sim.releaseTimers()
    }
    const done = await waitForTerminal(sim, arn)
    expect(done.status).toBe('SUCCESSFUL')
    expect(done.rollback).toBeUndefined()
    expect(
      sim.transitions
        .filter(t => t.deploymentArn === arn)
        .map(t => t.status)
        .slice(-2)
    ).toEqual(['ROLLBACK_REQUESTED', 'SUCCESSFUL'])
    expect(sim.describeService('web').taskDefinition).toBe(
      (
        await client.send(
          new DescribeServiceRevisionsCommand({
            serviceRevisionArns: [done.targetServiceRevision?.arn ?? '']
          })
        )
      ).serviceRevisions?.[0]?.taskDefinition
    )
  })

  test('one a newer deployment overtakes before it began is STOPPED at once', async () => {
    const first = await deploy(client, 'web')
    await waitForStage(sim, first, 'POST_SCALE_UP')
    sim.holdTimers()
    const second = await client
      .send(new StopServiceDeploymentCommand({ serviceDeploymentArn: first }))
      .then(() => deploy(client, 'web'))
      .finally(() => sim.releaseTimers())
    expect(
      sim.transitions
        .filter(t => t.deploymentArn === first)
        .map(t => t.status)
        .slice(-2)
    ).toEqual(['ROLLBACK_REQUESTED', 'STOPPED'])
    expect(sim.describeDeployment(first).rollback).toBeUndefined()
    expect((await waitForTerminal(sim, second)).status).toBe('SUCCESSFUL')
  })
})

test('ROLLING services scale up and clean up, reporting no lifecycle stage', async () => {
  const arn = await deploy(client, 'worker')
  const done = await waitForTerminal(sim, arn)
  expect(done.status).toBe('SUCCESSFUL')
  expect(done.lifecycleStage).toBeUndefined()
  expect(phasesOf(sim, arn)).toEqual(['SCALE_UP', 'CLEAN_UP'])
  expect(sim.transitions.filter(t => t.deploymentArn === arn).map(t => t.stage)).toEqual(
    Array(4).fill(undefined)
  )
})

test('behind a Network Load Balancer each traffic shift waits nlbDelayMinutes first', async () => {
  const nlb = await startTestSimulator({ timing: { nlbDelayMinutes: 5 } })
  const nlbClient = ecsClient(nlb)
  try {
    const elb = 'arn:aws:elasticloadbalancing:us-east-1:123456789012'
    const listener = `${elb}:listener/net/demo-nlb/50dc6c495c0c9188`
    const [current] = nlb.describeService('catalog').loadBalancers ?? []
    const { service } = await nlbClient.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'catalog',
        loadBalancers: [
          {
            ...current,
            advancedConfiguration: {
              ...current?.advancedConfiguration,
              productionListenerRule: `${listener}/f2f7dc8efc522ab2`,
              testListenerRule: `${listener}/0000000000000001`
            }
          }
        ]
      })
    )
    const arn = service?.currentServiceDeployment ?? ''
    expect((await waitForTerminal(nlb, arn, 10_000)).status).toBe('SUCCESSFUL')
    const moves = nlb.transitions.filter(t => t.deploymentArn === arn)
    const lasted = (phase: string) =>
      moves
        .filter(t => t.phase === phase)
        .map(t => (moves[moves.indexOf(t) + 1]?.atMs ?? 0) - t.atMs)
    const delay = 5 * nlb.timing.minuteMs
    // LINEAR 25 %: the test shift and each of the four production steps wait.
    expect(lasted('TEST_TRAFFIC_SHIFT').every(ms => ms >= delay)).toBe(true)
    expect(lasted('PRODUCTION_TRAFFIC_SHIFT')).toHaveLength(4)
    expect(lasted('PRODUCTION_TRAFFIC_SHIFT').every(ms => ms >= delay)).toBe(true)
    expect(lasted('POST_SCALE_UP').every(ms => ms < delay)).toBe(true)
  } finally {
    nlbClient.destroy()
    await nlb.close()
  }
})
