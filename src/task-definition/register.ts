import type { RegisterTaskDefinitionCommandInput, Tag } from '@aws-sdk/client-ecs'
import { describeAwsError, errorName } from '../ecs/errors.js'
import type { EcsPort } from '../ecs/port.js'
import type { Log } from '../model/log.js'
import { errorMessage } from '../model/format.js'

/** ECS allows 50 tags per resource. */
const MAX_TAGS = 50

/**
 * Registers the task definition with `ours` (its provenance) added to its own tags. When
 * the role may not tag (ecs:TagResource denied), nothing was registered, so registering
 * again without tags is safe; the release goes on with a warning.
 */
export async function registerTaskDefinition(
  ecs: EcsPort,
  input: RegisterTaskDefinitionCommandInput,
  ours: Tag[],
  log: Log
): Promise<string> {
  const theirs = (input.tags ?? []).filter(tag => !ours.some(own => own.key === tag.key))
  // Ours are kept: the promote run reads the commit back from them.
  const kept = theirs.slice(0, MAX_TAGS - ours.length)
  if (kept.length < theirs.length) {
    const left = theirs.slice(kept.length).map(tag => tag.key)
    log.warning(
      `Left out tags ${left.join(', ')} of ${input.family}: ECS allows ${MAX_TAGS} tags on a task definition ` +
        `and this action adds ${ours.map(tag => tag.key).join(', ')}.`
    )
  }
  const tags = [...kept, ...ours]
  try {
    return arnOf(await ecs.registerTaskDefinition({ ...input, tags }))
  } catch (error) {
    if (!isTaggingDenied(error)) throw error
    log.warning(
      `Registering ${input.family} without tags: ${describeAwsError(error)}. ` +
        'Allow ecs:TagResource on task definitions to record the repository, commit and run on each revision.'
    )
    return arnOf(await ecs.registerTaskDefinition({ ...input, tags: undefined }))
  }
}

function isTaggingDenied(error: unknown): boolean {
  return (
    errorName(error) === 'AccessDeniedException' && /\bTagResource\b/i.test(errorMessage(error))
  )
}

function arnOf(output: { taskDefinition?: { taskDefinitionArn?: string } }): string {
  const arn = output.taskDefinition?.taskDefinitionArn
  if (!arn) throw new Error('RegisterTaskDefinition returned no task definition ARN.')
  return arn
}
