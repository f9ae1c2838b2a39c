import { describe, expect, it } from '@jest/globals'
import type { TaskDefinition } from '@aws-sdk/client-ecs'
import type { EcsPort } from '../../src/ecs/port.js'
import { loadRevision } from '../../src/task-definition/revision.js'
import { currentTaskDefinition, CURRENT_TD } from '../support/ecs-fixtures.js'

/** DescribeTaskDefinition answering with `taskDefinition`, or as ECS does for one it does not have. */
function ecsWith(taskDefinition?: TaskDefinition): EcsPort {
  return {
    region: 'us-east-1',
    describeTaskDefinition: async () => {
      if (!taskDefinition) {
        throw Object.assign(new Error('Unable to describe task definition.'), {
          name: 'ClientException'
        })
      }
      return { $metadata: {}, taskDefinition, tags: [{ key: 'github:sha', value: 'abc' }] }
    }
  } as unknown as EcsPort
}

describe('loadRevision', () => {
  it('returns an ACTIVE revision with its ARN and tags', async () => {
    const found = await loadRevision(ecsWith(currentTaskDefinition()), 'web:7', 'app')
    expect(found.arn).toBe(CURRENT_TD)
    expect(found.tags).toEqual([{ key: 'github:sha', value: 'abc' }])
    expect(found.document.containerDefinitions.map(container => container.name)).toEqual([
      'app',
      'sidecar'
    ])
  })

  it('refuses a revision ECS does not have, as an input error', async () => {
    await expect(loadRevision(ecsWith(), 'web:99', undefined)).rejects.toThrow(
      "Input 'task-definition': revision web:99 was not found in us-east-1."
    )
  })

  it('refuses an INACTIVE revision, which ECS will not update a service to', async () => {
    const inactive = { ...currentTaskDefinition(), status: 'INACTIVE' as const }
    await expect(loadRevision(ecsWith(inactive), 'web:7', undefined)).rejects.toThrow(
      "Input 'task-definition': revision web:7 is INACTIVE: ECS releases only ACTIVE revisions."
    )
  })

  it('refuses a container-name the revision lacks', async () => {
    await expect(loadRevision(ecsWith(currentTaskDefinition()), 'web:7', 'worker')).rejects.toThrow(
      "Input 'container-name': container 'worker' is not in the task definition; its containers are app, sidecar."
    )
  })
})
