import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import {
  ConflictException,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  ServiceDeploymentNotFoundException,
  ServiceNotFoundException,
  StopServiceDeploymentCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../../sim/index.js'
import { deploy, ecsClient, startTestSimulator, waitForStage, waitForTerminal } from '../helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
const created: string[] = []

beforeAll(async () => {
  sim = await startTestSimulator()
  client = ecsClient(sim)
  // Three finished deployments of api after the seeded one: SUCCESSFUL, ROLLBACK_SUCCESSFUL, SUCCESSFUL.
  created.push(await deploy(client, 'api'))
  await waitForTerminal(sim, created[0] ?? '')
  created.push(await deploy(client, 'api'))
  await client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: created[1] }))
  await waitForTerminal(sim, created[1] ?? '')
  created.push(await deploy(client, 'api'))
  await waitForTerminal(sim, created[2] ?? '')
})
afterAll(async () => {
  client.destroy()
  await sim.close()
})

const list = (
  input: Omit<ConstructorParameters<typeof ListServiceDeploymentsCommand>[0], 'service'> = {}
) => client.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'api', ...input }))

describe('ListServiceDeployments', () => {
  test('lists newest first, including the seeded deployment', async () => {
    const { serviceDeployments = [], nextToken } = await list()
    expect(serviceDeployments.map(d => d.serviceDeploymentArn).slice(0, 3)).toEqual(
      [...created].reverse()
    )
    expect(serviceDeployments).toHaveLength(4)
    expect(nextToken).toBeUndefined()
    expect(serviceDeployments[0]).toMatchObject({
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/api',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
      status: 'SUCCESSFUL'
    })
    expect(serviceDeployments[0]?.createdAt).toBeInstanceOf(Date)
    expect(serviceDeployments[0]?.targetServiceRevisionArn).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:service-revision\/demo\/api\/\d{19}$/
    )
    expect(serviceDeployments[0]?.serviceDeploymentArn).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:service-deployment\/demo\/api\/[A-Za-z0-9_-]{21,22}$/
    )
  })

  test('filters by status and creation time', async () => {
    const rolledBack = await list({ status: ['ROLLBACK_SUCCESSFUL'] })
    expect(rolledBack.serviceDeployments?.map(d => d.serviceDeploymentArn)).toEqual([created[1]])
    const either = await list({ status: ['ROLLBACK_SUCCESSFUL', 'SUCCESSFUL'] })
    expect(either.serviceDeployments).toHaveLength(4)
    expect((await list({ status: ['IN_PROGRESS'] })).serviceDeployments).toEqual([])

    const secondCreated = sim.describeDeployment(created[1] ?? '').createdAt ?? new Date()
    const after = await list({ createdAt: { after: secondCreated } })
    expect(after.serviceDeployments?.map(d => d.serviceDeploymentArn)).toEqual([created[2]])
    const before = await list({ createdAt: { before: secondCreated } })
    expect(before.serviceDeployments?.map(d => d.serviceDeploymentArn)[0]).toBe(created[0])
    expect(before.serviceDeployments).toHaveLength(2)
  })

  test('pages with maxResults and an opaque nextToken', async () => {
    const seen: string[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await list({ maxResults: 1, nextToken })
      seen.push(...(page.serviceDeployments ?? []).map(d => d.serviceDeploymentArn ?? ''))
      nextToken = page.nextToken
      pages++
    } while (nextToken)
    expect(pages).toBe(4)
    expect(seen).toEqual((await list()).serviceDeployments?.map(d => d.serviceDeploymentArn))
  })

  test('rejects a bad maxResults, a foreign token and an unknown service', async () => {
    for (const maxResults of [0, 101]) {
      await expect(list({ maxResults })).rejects.toBeInstanceOf(InvalidParameterException)
    }
    const { nextToken } = await list({ maxResults: 1 })
    await expect(list({ nextToken: 'garbage' })).rejects.toThrow('Invalid nextToken.')
    await expect(
      client.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', nextToken }))
    ).rejects.toThrow('Invalid nextToken.')
    await expect(list({ status: ['DONE' as 'PENDING'] })).rejects.toBeInstanceOf(
      InvalidParameterException
    )
    await expect(
      client.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'nope' }))
    ).rejects.toBeInstanceOf(ServiceNotFoundException)
  })
})

describe('DescribeServiceDeployments and DescribeServiceRevisions', () => {
  test('unknown ARNs are MISSING failures; 1 to 20 ARNs are accepted', async () => {
    const unknown = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/api/unknown'
    const described = await client.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [created[0] ?? '', unknown] })
    )
    expect(described.serviceDeployments?.map(d => d.serviceDeploymentArn)).toEqual([created[0]])
    expect(described.failures).toEqual([{ arn: unknown, reason: 'MISSING' }])
    await expect(
      client.send(
        new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: Array(21).fill(unknown) })
      )
    ).rejects.toBeInstanceOf(InvalidParameterException)
  })

  test('revisions show their task definition, images and digests', async () => {
    const deployment = sim.describeDeployment(created[2] ?? '')
    const green = deployment.targetServiceRevision?.arn ?? ''
    const blue = deployment.sourceServiceRevisions?.[0]?.arn ?? ''
    const { serviceRevisions = [], failures } = await client.send(
      new DescribeServiceRevisionsCommand({ serviceRevisionArns: [green, blue, `${green}0`] })
    )
    expect(serviceRevisions.map(r => r.serviceRevisionArn)).toEqual([green, blue])
    expect(serviceRevisions[0]).toMatchObject({
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/api',
      taskDefinition: sim.describeService('api').taskDefinition,
      launchType: 'FARGATE'
    })
    expect(serviceRevisions[0]?.createdAt).toBeInstanceOf(Date)
    expect(serviceRevisions[0]?.containerImages?.[0]).toMatchObject({ containerName: 'api' })
    expect(serviceRevisions[0]?.containerImages?.[0]?.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(
      serviceRevisions[0]?.loadBalancers?.[0]?.advancedConfiguration?.alternateTargetGroupArn
    ).toContain('api-green')
    expect(failures).toEqual([{ arn: `${green}0`, reason: 'MISSING' }])
  })
})

describe('StopServiceDeployment', () => {
  test('ROLLBACK during BAKE_TIME rolls back through ROLLBACK_REQUESTED', async () => {
    const arn = await deploy(client, 'api')
    await waitForStage(sim, arn, 'BAKE_TIME')
    const stopped = await client.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })
    )
    expect(stopped.serviceDeploymentArn).toBe(arn)
    // A second stop while the rollback runs changes nothing.
    await client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn }))
    const done = await waitForTerminal(sim, arn)
    expect(
      sim.transitions
        .filter(t => t.deploymentArn === arn)
        .map(t => t.status)
        .slice(-3)
    ).toEqual(['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL'])
    const reason =
      'Service deployment rolled back because StopServiceDeployment requested a rollback.'
    expect(done).toMatchObject({
      statusReason: reason,
      lifecycleStage: 'BAKE_TIME',
      rollback: { reason }
    })
    expect(done.targetServiceRevision).toMatchObject({
      requestedProductionTrafficWeight: 0,
      runningTaskCount: 0
    })
    expect(done.sourceServiceRevisions?.[0]).toMatchObject({
      requestedProductionTrafficWeight: 100,
      runningTaskCount: 2
    })
  })

  test('a terminal or unknown deployment cannot be stopped', async () => {
    const conflict = await client
      .send(new StopServiceDeploymentCommand({ serviceDeploymentArn: created[0] }))
      .catch((e: unknown) => e)
    expect(conflict).toBeInstanceOf(ConflictException)
    expect((conflict as Error).message).toBe(
      'Stopping a service deployment is not allowed for service deployment in terminal states.'
    )
    const missing = await client
      .send(new StopServiceDeploymentCommand({ serviceDeploymentArn: `${created[0]}x` }))
      .catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ServiceDeploymentNotFoundException)
  })

  test('ABORT stops without rolling back; the next deployment reconciles both revisions', async () => {
    const arn = await deploy(client, 'api')
    await waitForStage(sim, arn, 'POST_SCALE_UP')
    await client.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ABORT' })
    )
    const done = await waitForTerminal(sim, arn)
    expect(done).toMatchObject({
      status: 'STOPPED',
      statusReason: 'Service deployment stopped because StopServiceDeployment requested an abort.'
    })
    expect(done.stoppedAt).toBeInstanceOf(Date)
    expect(sim.describeService('api').deployments?.map(d => d.status)).toEqual([
      'PRIMARY',
      'ACTIVE'
    ])
    const next = await deploy(client, 'api')
    expect((await waitForTerminal(sim, next)).status).toBe('SUCCESSFUL')
    expect(
      sim.transitions.find(t => t.deploymentArn === next && t.status === 'IN_PROGRESS')?.stage
    ).toBe('RECONCILE_SERVICE')
    expect(sim.describeService('api').deployments).toHaveLength(1)
  })
})
