import { expect, test } from '@jest/globals'
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { startSimulator, type TransitionRecord } from '../../sim/index.js'
import { deploy, ecsClient, startTestSimulator, waitForTerminal } from './helpers.js'

test('timing defaults: pending and hook times follow the stage time', async () => {
  const sim = await startSimulator({ timing: { stageMs: 30 } })
  try {
    expect(sim.timing).toEqual({
      stageMs: 30,
      minuteMs: 100,
      pendingMs: 30,
      hookMs: 30,
      nlbDelayMinutes: 10
    })
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
    expect(sim.accountId).toBe('123456789012')
  } finally {
    await sim.close()
  }
})

test('waitForDeployment resolves at once for a match, and times out with what it saw', async () => {
  const sim = await startTestSimulator()
  try {
    const seeded = await sim.waitForDeployment(d => d.serviceArn?.endsWith('/web') === true)
    expect(seeded.status).toBe('SUCCESSFUL')
    await expect(sim.waitForDeployment(d => d.status === 'PENDING', 50)).rejects.toThrow(
      /nothing matched within 50 ms \(latest: .*web SUCCESSFUL CLEAN_UP/
    )
  } finally {
    await sim.close()
  }
})

test('onTransition reports wall-clock transitions until unsubscribed', async () => {
  const sim = await startTestSimulator()
  const client = ecsClient(sim)
  try {
    const heard: TransitionRecord[] = []
    const stop = sim.onTransition(t => heard.push(t))
    const before = Date.now()
    const arn = await deploy(client, 'web')
    await waitForTerminal(sim, arn)
    stop()
    expect(heard[0]).toMatchObject({
      deploymentArn: arn,
      cluster: 'demo',
      service: 'web',
      status: 'PENDING'
    })
    expect(heard.at(-1)?.status).toBe('SUCCESSFUL')
    expect(heard.every((t, i) => t.atMs >= before && t.atMs >= (heard[i - 1]?.atMs ?? 0))).toBe(
      true
    )
    expect(sim.transitions.filter(t => t.deploymentArn === arn)).toEqual(heard)
    const second = await deploy(client, 'web')
    await waitForTerminal(sim, second)
    expect(heard.some(t => t.deploymentArn === second)).toBe(false)
  } finally {
    client.destroy()
    await sim.close()
  }
})

test('holdTimers freezes deployments but not requests; releaseTimers runs what came due, unless cancelled', async () => {
  const sim = await startTestSimulator()
  const client = ecsClient(sim)
  const stages = (n: number) => new Promise(resolve => setTimeout(resolve, n * sim.timing.stageMs))
  try {
    sim.holdTimers()
    const first = await deploy(client, 'web')
    await stages(5)
    const { serviceDeployments } = await client.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [first] })
    )
    expect(serviceDeployments?.[0]?.status).toBe('PENDING')
    // Superseding cancels the first deployment's start, which already came due; having
    // never started, it is STOPPED at once.
    const second = await deploy(client, 'web')
    await stages(5)
    expect(sim.describeDeployment(first).status).toBe('STOPPED')
    expect(sim.describeDeployment(second).status).toBe('PENDING')
    sim.releaseTimers()
    expect((await waitForTerminal(sim, second)).status).toBe('SUCCESSFUL')
    expect(sim.transitions.filter(t => t.deploymentArn === first).map(t => t.status)).toEqual([
      'PENDING',
      'STOPPED'
    ])
  } finally {
    client.destroy()
    await sim.close()
  }
})

test('the same randomSeed and requests give the same ids', async () => {
  const arns = await Promise.all(
    [1, 2].map(async () => {
      const sim = await startTestSimulator({ randomSeed: 5 })
      const client = ecsClient(sim)
      try {
        const { service } = await client.send(
          new UpdateServiceCommand({ cluster: 'demo', service: 'web', forceNewDeployment: true })
        )
        return service?.currentServiceDeployment
      } finally {
        client.destroy()
        await sim.close()
      }
    })
  )
  expect(arns[0]).toBe(arns[1])
})

test('control API misuse is reported clearly', async () => {
  const sim = await startTestSimulator({
    seed: {
      clusters: ['a', 'b'],
      taskDefinitions: [{ family: 'f', containerDefinitions: [{ name: 'app', image: 'app:1' }] }],
      services: [
        { name: 's', cluster: 'a', taskDefinition: 'f' },
        { name: 's', cluster: 'b', taskDefinition: 'f' }
      ]
    }
  })
  try {
    expect(() => sim.describeService('s')).toThrow(
      'Service s is in several clusters; name the cluster'
    )
    expect(sim.describeService('s', 'b').clusterArn).toMatch(/cluster\/b$/)
    expect(() => sim.describeService('t')).toThrow('No service named t')
    expect(() => sim.describeDeployment('arn:nope')).toThrow('No service deployment arn:nope')
    expect(() => sim.setScenario({ denyTaging: true })).toThrow(
      'scenario.denyTaging is not a known field'
    )
    expect(() => sim.setLambdaResult('fn', 'MAYBE' as 'FAILED')).toThrow(
      'lambdas.fn must be one of'
    )
    expect(() => sim.triggerAlarm('s', 'cpu', 'a')).toThrow(
      'No IN_PROGRESS deployment of s watches an enabled alarm cpu'
    )
  } finally {
    await sim.close()
  }
})

test('close() stops the server and rejects pending waits', async () => {
  const sim = await startTestSimulator()
  const client = ecsClient(sim)
  const pending = sim.waitForDeployment(() => false, 10_000)
  await sim.close()
  await expect(pending).rejects.toThrow('The simulator was closed')
  await expect(
    client.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))
  ).rejects.toThrow(/ECONNREFUSED/)
  client.destroy()
})

test('a fixed port can be chosen', async () => {
  const probe = await startTestSimulator()
  const port = probe.port
  await probe.close()
  const sim = await startTestSimulator({ port })
  try {
    expect(sim.url).toBe(`http://127.0.0.1:${port}`)
  } finally {
    await sim.close()
  }
})
