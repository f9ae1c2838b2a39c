/** TagResource and ListTagsForResource for task definitions, services and clusters. */
import type { Tag } from '@aws-sdk/client-ecs'
import { accessDenied, EcsError, invalidParameter } from '../errors.js'
import { objectList, optionalString, requiredString } from '../input.js'
import type { JsonObject } from '../protocol.js'
import type { World } from '../world.js'
import type { Operation } from './operation.js'

export function tagList(input: JsonObject, key: string): Tag[] {
  return (objectList(input, key) ?? []).map((tag, i) => {
    const tagKey = optionalString(tag, 'key', `${key}[${i}].key`)
    if (!tagKey) throw invalidParameter(`${key}[${i}].key can not be blank.`)
    return { key: tagKey, value: optionalString(tag, 'value', `${key}[${i}].value`) ?? '' }
  })
}

/** Adds tags over existing ones with the same key; IAM may deny it (denyTagging). */
export function applyTags(world: World, resourceArn: string, tags: Tag[]): void {
  if (tags.length === 0) return
  if (world.scenario.denyTagging)
    throw accessDenied(world.arns.caller(), 'ecs:TagResource', resourceArn)
  const current = (world.state.tags.get(resourceArn) ?? []).filter(
    existing => !tags.some(tag => tag.key === existing.key)
  )
  world.state.tags.set(resourceArn, [...current, ...tags])
}

function taggableArn(world: World, input: JsonObject): string {
  const arn = requiredString(input, 'resourceArn')
  if (!world.state.isTaggable(arn)) {
    throw new EcsError('ResourceNotFoundException', "The specified resource wasn't found.")
  }
  return arn
}

export const tagOperations: Record<string, Operation> = {
  TagResource: (world, input) => {
    const arn = taggableArn(world, input)
    const tags = tagList(input, 'tags')
    if (tags.length === 0) throw invalidParameter('tags can not be empty.')
    applyTags(world, arn, tags)
    return {}
  },
  ListTagsForResource: (world, input) => ({
    tags: world.state.tags.get(taggableArn(world, input)) ?? []
  })
}
