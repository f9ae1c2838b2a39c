import { expect, test } from '@jest/globals'
import {
  AccessDeniedException,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  InvalidParameterException,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../../sim/index.js'
import { ecsClient, useSimulator } from '../helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

const tagsOf = async (resourceArn: string) =>
  (await client.send(new ListTagsForResourceCommand({ resourceArn }))).tags

test('tags on services and task definitions merge by key', async () => {
  const service = sim.describeService('web').serviceArn ?? ''
  await client.send(
    new TagResourceCommand({
      resourceArn: service,
      tags: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' }
      ]
    })
  )
  await client.send(
    new TagResourceCommand({ resourceArn: service, tags: [{ key: 'a', value: '3' }] })
  )
  expect(await tagsOf(service)).toEqual([
    { key: 'b', value: '2' },
    { key: 'a', value: '3' }
  ])
  const described = await client.send(
    new DescribeServicesCommand({ cluster: 'demo', services: ['web'], include: ['TAGS'] })
  )
  expect(described.services?.[0]?.tags).toEqual([
    { key: 'b', value: '2' },
    { key: 'a', value: '3' }
  ])

  const { taskDefinition } = await client.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: 'web' })
  )
  const taskDefinitionArn = taskDefinition?.taskDefinitionArn ?? ''
  expect(await tagsOf(taskDefinitionArn)).toEqual([])
  await client.send(
    new TagResourceCommand({
      resourceArn: taskDefinitionArn,
      tags: [{ key: 'release', value: 'r1' }]
    })
  )
  expect(await tagsOf(taskDefinitionArn)).toEqual([{ key: 'release', value: 'r1' }])
})

test('unknown resources, empty tag lists and denied tagging are errors that change nothing', async () => {
  sim.clearCalls()
  const unknown = 'arn:aws:ecs:us-east-1:123456789012:task-definition/nope:1'
  // Each operation answers with an error type its API model declares.
  await expect(
    client.send(new ListTagsForResourceCommand({ resourceArn: unknown }))
  ).rejects.toBeInstanceOf(InvalidParameterException)
  await expect(
    client.send(new TagResourceCommand({ resourceArn: unknown, tags: [{ key: 'a', value: '1' }] }))
  ).rejects.toBeInstanceOf(ResourceNotFoundException)
  const service = sim.describeService('api').serviceArn ?? ''
  await expect(
    client.send(new TagResourceCommand({ resourceArn: service, tags: [] }))
  ).rejects.toBeInstanceOf(InvalidParameterException)
  sim.setScenario({ denyTagging: true })
  try {
    await expect(
      client.send(
        new TagResourceCommand({ resourceArn: service, tags: [{ key: 'a', value: '1' }] })
      )
    ).rejects.toBeInstanceOf(AccessDeniedException)
  } finally {
    sim.setScenario({ denyTagging: false })
  }
  expect(await tagsOf(service)).toEqual([])
  expect(sim.mutatingCalls().map(call => [call.operation, call.outcome])).toEqual([
    ['TagResource', 'ResourceNotFoundException'],
    ['TagResource', 'InvalidParameterException'],
    ['TagResource', 'AccessDeniedException']
  ])
})

test('a resource keeps at most 50 tags; a key sent again replaces its value and counts once', async () => {
  const cluster = sim.describeService('api').clusterArn ?? ''
  const tags = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ key: `k${from + i}`, value: 'v' }))
  await client.send(new TagResourceCommand({ resourceArn: cluster, tags: tags(0, 49) }))
  await client.send(new TagResourceCommand({ resourceArn: cluster, tags: tags(40, 10) }))
  expect(await tagsOf(cluster)).toHaveLength(50)
  await expect(
    client.send(new TagResourceCommand({ resourceArn: cluster, tags: tags(50, 1) }))
  ).rejects.toThrow(/at most 50 tags.* with 51/)
  expect(await tagsOf(cluster)).toHaveLength(50)
})
