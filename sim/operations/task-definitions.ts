/** RegisterTaskDefinition and DescribeTaskDefinition. */
import { clientException } from '../errors.js'
import { objectList, optionalString, requiredString, stringList } from '../input.js'
import type { TaskDefinitionRecord } from '../model.js'
import type { JsonObject } from '../protocol.js'
import { renderTaskDefinition } from '../views.js'
import type { World } from '../world.js'
import type { Operation } from './operation.js'
import { applyTags, tagList } from './tags.js'

const FAMILY = /^[A-Za-z0-9_-]{1,255}$/

function containersOf(input: JsonObject): TaskDefinitionRecord['containers'] {
  const definitions = objectList(input, 'containerDefinitions') ?? []
  if (definitions.length === 0) throw clientException('Container list cannot be empty.')
  const containers = definitions.map((definition, i) => {
    const name = optionalString(definition, 'name', `containerDefinitions[${i}].name`)
    if (!name) throw clientException('Container.name should not be null or empty.')
    const image = optionalString(definition, 'image', `containerDefinitions[${i}].image`)
    if (!image) throw clientException('Container.image should not be null or empty.')
    return { name, image }
  })
  const duplicate = containers.find((c, i) => containers.findIndex(o => o.name === c.name) !== i)
  if (duplicate) throw clientException(`Duplicate container name found: ${duplicate.name}.`)
  return containers
}

/** Validates and stores a new revision of a family; shared by the operation and seeds. */
export function registerTaskDefinition(world: World, input: JsonObject): TaskDefinitionRecord {
  const family = optionalString(input, 'family')
  if (!family) throw clientException('Family can not be blank.')
  if (!FAMILY.test(family)) throw clientException('Family contains invalid characters.')
  const containers = containersOf(input)
  const revision = world.state.nextTaskDefinitionRevision(family)
  const arn = world.arns.taskDefinition(family, revision)
  // Tagging is authorized (and may be denied) before anything is registered.
  applyTags(world, arn, tagList(input, 'tags'))
  const body = Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'tags'))
  const record: TaskDefinitionRecord = {
    arn,
    family,
    revision,
    registeredAt: Date.now(),
    body,
    containers
  }
  world.state.taskDefinitions.set(family, [
    ...(world.state.taskDefinitions.get(family) ?? []),
    record
  ])
  return record
}

export const taskDefinitionOperations: Record<string, Operation> = {
  RegisterTaskDefinition: (world, input) => {
    const record = registerTaskDefinition(world, input)
    return {
      taskDefinition: renderTaskDefinition(world, record),
      tags: world.state.tags.get(record.arn) ?? []
    }
  },
  DescribeTaskDefinition: (world, input) => {
    const record = world.state.taskDefinition(requiredString(input, 'taskDefinition'))
    if (!record) throw clientException('Unable to describe task definition.')
    const withTags = stringList(input, 'include')?.includes('TAGS')
    return {
      taskDefinition: renderTaskDefinition(world, record),
      tags: withTags ? (world.state.tags.get(record.arn) ?? []) : undefined
    }
  }
}
