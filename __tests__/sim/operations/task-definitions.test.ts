import { describe, expect, test } from '@jest/globals'
import {
  AccessDeniedException,
  ClientException,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../../sim/index.js'
import { ecsClient, useSimulator } from '../helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

const input = (
  overrides: Partial<RegisterTaskDefinitionCommandInput> = {}
): RegisterTaskDefinitionCommandInput => ({
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'web:2.0.0', essential: true }],
  ...overrides
})

async function latestRevision(family: string): Promise<number | undefined> {
  const { taskDefinition } = await client.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: family })
  )
  return taskDefinition?.revision
}

describe('RegisterTaskDefinition', () => {
  test('stores a new revision with the fields ECS adds', async () => {
    const before = await latestRevision('web')
    const { taskDefinition, tags } = await client.send(
      new RegisterTaskDefinitionCommand(input({ tags: [{ key: 'team', value: 'web' }] }))
    )
    const revision = (before ?? 0) + 1
    expect(taskDefinition).toMatchObject({
      taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`,
      family: 'web',
      revision,
      status: 'ACTIVE',
      cpu: '256',
      compatibilities: ['EC2', 'FARGATE'],
      registeredBy: expect.stringMatching(/^arn:aws:sts::123456789012:assumed-role\//)
    })
    expect(taskDefinition?.registeredAt).toBeInstanceOf(Date)
    expect(taskDefinition?.requiresAttributes).toContainEqual({ name: 'ecs.capability.task-eni' })
    expect(tags).toEqual([{ key: 'team', value: 'web' }])
  })

  test.each([
    ['no family', { family: '' }, 'Family can not be blank.'],
    ['a family with a space', { family: 'my app' }, 'Family contains invalid characters.'],
    ['no containers', { containerDefinitions: [] }, 'Container list cannot be empty.'],
    [
      'a container without a name',
      { containerDefinitions: [{ image: 'x' }] },
      'Container.name should not be null or empty.'
    ],
    [
      'a container without an image',
      { containerDefinitions: [{ name: 'app' }] },
      'Container.image should not be null or empty.'
    ],
    [
      'two containers with one name',
      {
        containerDefinitions: [
          { name: 'app', image: 'a' },
          { name: 'app', image: 'b' }
        ]
      },
      'Duplicate container name found: app.'
    ]
  ])('rejects %s with ClientException and registers nothing', async (_name, overrides, message) => {
    const before = await latestRevision('web')
    const error = await client
      .send(new RegisterTaskDefinitionCommand(input(overrides)))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClientException)
    expect((error as Error).message).toBe(message)
    expect(await latestRevision('web')).toBe(before)
  })

  test('denyTagging: tags are refused with IAM wording and nothing is registered', async () => {
    sim.setScenario({ denyTagging: true })
    try {
      const before = (await latestRevision('web')) ?? 0
      const error = await client
        .send(new RegisterTaskDefinitionCommand(input({ tags: [{ key: 'team', value: 'web' }] })))
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AccessDeniedException)
      expect((error as Error).message).toBe(
        'User: arn:aws:sts::123456789012:assumed-role/ecs-deploy-role/ecs-bluegreen-action is not authorized to perform: ' +
          `ecs:TagResource on resource: arn:aws:ecs:us-east-1:123456789012:task-definition/web:${before + 1} ` +
          'because no identity-based policy allows the ecs:TagResource action'
      )
      expect(await latestRevision('web')).toBe(before)
      // Without tags the same registration goes through.
      const { taskDefinition } = await client.send(new RegisterTaskDefinitionCommand(input()))
      expect(taskDefinition?.revision).toBe(before + 1)
    } finally {
      sim.setScenario({ denyTagging: false })
    }
  })
})

describe('DescribeTaskDefinition', () => {
  test('finds a task definition by family, family:revision or ARN, with tags on request', async () => {
    const { taskDefinition: registered } = await client.send(
      new RegisterTaskDefinitionCommand(
        input({ family: 'tagged', tags: [{ key: 'k', value: 'v' }] })
      )
    )
    const arn = registered?.taskDefinitionArn ?? ''
    for (const ref of ['tagged', 'tagged:1', arn]) {
      const { taskDefinition, tags } = await client.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: ref })
      )
      expect(taskDefinition?.taskDefinitionArn).toBe(arn)
      expect(taskDefinition?.containerDefinitions).toEqual([
        { name: 'app', image: 'web:2.0.0', essential: true }
      ])
      expect(tags).toBeUndefined()
    }
    const withTags = await client.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })
    )
    expect(withTags.tags).toEqual([{ key: 'k', value: 'v' }])
  })

  test('an unknown task definition is a ClientException', async () => {
    for (const ref of ['nope', 'web:999']) {
      const error = await client
        .send(new DescribeTaskDefinitionCommand({ taskDefinition: ref }))
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ClientException)
      expect((error as Error).message).toBe('Unable to describe task definition.')
    }
  })
})
