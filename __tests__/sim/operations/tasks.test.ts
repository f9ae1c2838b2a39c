import { describe, expect, test } from '@jest/globals'
import {
  ClusterNotFoundException,
  DescribeTasksCommand,
  InvalidParameterException,
  ListTasksCommand,
  ServiceNotFoundException
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../../sim/index.js'
import { ecsClient, useSimulator } from '../helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

describe('ListTasks and DescribeTasks', () => {
  test('list running tasks by service, family and startedBy, with paging', async () => {
    const service = sim.describeService('web')
    const startedBy = service.deployments?.[0]?.id
    const byService = await client.send(
      new ListTasksCommand({ cluster: 'demo', serviceName: 'web' })
    )
    expect(byService.taskArns).toHaveLength(2)
    const byFamily = await client.send(new ListTasksCommand({ cluster: 'demo', family: 'web' }))
    expect(byFamily.taskArns).toEqual(byService.taskArns)
    const byStartedBy = await client.send(new ListTasksCommand({ cluster: 'demo', startedBy }))
    expect(byStartedBy.taskArns).toEqual(byService.taskArns)
    expect(
      (await client.send(new ListTasksCommand({ cluster: 'demo', family: 'nope' }))).taskArns
    ).toEqual([])

    const first = await client.send(
      new ListTasksCommand({ cluster: 'demo', serviceName: 'web', maxResults: 1 })
    )
    expect(first.taskArns).toHaveLength(1)
    const second = await client.send(
      new ListTasksCommand({
        cluster: 'demo',
        serviceName: 'web',
        maxResults: 1,
        nextToken: first.nextToken
      })
    )
    expect([...(first.taskArns ?? []), ...(second.taskArns ?? [])]).toEqual(byService.taskArns)
    expect(second.nextToken).toBeUndefined()
  })

  test('startedBy is the only filter it may be used with, as the API reference says', async () => {
    const startedBy = sim.describeService('web').deployments?.[0]?.id
    for (const filter of [
      { desiredStatus: 'STOPPED' as const },
      { serviceName: 'web' },
      { family: 'web' }
    ]) {
      const listing = client.send(new ListTasksCommand({ cluster: 'demo', startedBy, ...filter }))
      await expect(listing).rejects.toBeInstanceOf(InvalidParameterException)
      await expect(listing).rejects.toThrow(
        `startedBy must be the only filter when it is specified; also given: ${Object.keys(filter)[0]}.`
      )
    }
  })

  test('describe tasks by ARN or id; unknown ones are MISSING failures', async () => {
    const { taskArns = [] } = await client.send(
      new ListTasksCommand({ cluster: 'demo', serviceName: 'web' })
    )
    const [arn = ''] = taskArns
    const id = arn.split('/').pop() ?? ''
    const described = await client.send(
      new DescribeTasksCommand({ cluster: 'demo', tasks: [id, 'f'.repeat(32)] })
    )
    const service = sim.describeService('web')
    expect(described.tasks?.[0]).toMatchObject({
      taskArn: arn,
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
      taskDefinitionArn: service.taskDefinition,
      group: 'service:web',
      startedBy: service.deployments?.[0]?.id,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      healthStatus: 'HEALTHY',
      launchType: 'FARGATE'
    })
    expect(arn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/demo\/[0-9a-f]{32}$/)
    expect(described.tasks?.[0]?.containers?.map(c => c.name)).toEqual(['app', 'sidecar'])
    expect(described.tasks?.[0]?.createdAt).toBeInstanceOf(Date)
    expect(described.failures).toEqual([{ arn: 'f'.repeat(32), reason: 'MISSING' }])
  })

  test('unknown services and clusters are errors', async () => {
    await expect(
      client.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'nope' }))
    ).rejects.toBeInstanceOf(ServiceNotFoundException)
    await expect(client.send(new ListTasksCommand({}))).rejects.toBeInstanceOf(
      ClusterNotFoundException
    )
  })
})
