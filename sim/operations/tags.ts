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

/**
 * "Maximum number of tags per resource - 50"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html).
 */
const MAX_TAGS = 50

/**
 * Adds tags over existing ones with the same key, which do not count twice towards the
 * limit; IAM may deny it (denyTagging).
 */
export function applyTags(world: World, resourceArn: string, tags: Tag[]): void {
  if (tags.length === 0) return
  const current = (world.state.tags.get(resourceArn) ?? []).filter(
    existing => !tags.some(tag => tag.key === existing.key)
  )
  if (current.length + tags.length > MAX_TAGS) {
    throw invalidParameter(
      `A resource can have at most ${MAX_TAGS} tags; this request would leave ${resourceArn} with ${current.length + tags.length}.`
    )
  }
  if (world.scenario.denyTagging)
    throw accessDenied(world.arns.caller(), 'ecs:TagResource', resourceArn)
  world.state.tags.set(resourceArn, [...current, ...tags])
}

/**
 * The resource a tag request names. ListTagsForResource declares no ResourceNotFoundException,
 * so there an unknown resource is an InvalidParameterException.
 */
function taggableArn(world: World, input: JsonObject, notFound: string): string {
  const arn = requiredString(input, 'resourceArn')
  if (!world.state.isTaggable(arn)) {
    throw new EcsError(notFound, "The specified resource wasn't found.")
  }
  return arn
}

export const tagOperations: Record<string, Operation> = {
  TagResource: (world, input) => {
    const arn = taggableArn(world, input, 'ResourceNotFoundException')
    const tags = tagList(input, 'tags')
    if (tags.length === 0) throw invalidParameter('tags can not be empty.')
    applyTags(world, arn, tags)
    return {}
  },
  ListTagsForResource: (world, input) => ({
    tags: world.state.tags.get(taggableArn(world, input, 'InvalidParameterException')) ?? []
  })
}
