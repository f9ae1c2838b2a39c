import type { RegisterTaskDefinitionCommandInput, Tag } from '@aws-sdk/client-ecs'
import { describeAwsError, errorName } from '../ecs/errors.js'
import type { EcsPort } from '../ecs/port.js'
import type { Log } from '../model/log.js'
import { type GitHubRun, runUrl } from '../model/release.js'
import { errorMessage } from '../model/format.js'

/** Tag keys that record where a revision came from; the promote run reads the commit back. */
export const TAG_REPOSITORY = 'github:repository'
export const TAG_COMMIT = 'github:sha'
export const TAG_RUN = 'github:run-url'
/** ECS allows 50 tags per resource and 256 characters per value. */
const MAX_TAGS = 50
const MAX_TAG_VALUE = 256

export function provenanceTags(run: GitHubRun): Tag[] {
  const tags: Tag[] = [
    { key: TAG_REPOSITORY, value: run.repository },
    { key: TAG_COMMIT, value: run.pullRequest?.headSha ?? run.sha },
    ...(run.runId ? [{ key: TAG_RUN, value: runUrl(run) }] : [])
  ]
  return tags.filter(tag => tag.value && tag.value.length <= MAX_TAG_VALUE)
}

/**
 * Registers the task definition tagged with its provenance. When the role may not tag
 * (ecs:TagResource denied), nothing was registered, so registering again without tags
 * is safe; the release goes on with a warning.
 */
export async function registerTaskDefinition(
  ecs: EcsPort,
  input: RegisterTaskDefinitionCommandInput,
  run: GitHubRun,
  log: Log
): Promise<string> {
  const ours = provenanceTags(run)
  const theirs = (input.tags ?? []).filter(tag => !ours.some(own => own.key === tag.key))
  // Ours are kept: the promote run reads the commit back from github:sha.
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
