import type { Tag } from '@aws-sdk/client-ecs'
import { type GitHubRun, runUrl } from './release.js'

/** Tag keys that record where a revision came from; the promote run reads the commit back. */
export const TAG_REPOSITORY = 'github:repository'
export const TAG_COMMIT = 'github:sha'
export const TAG_RUN = 'github:run-url'
/** ECS allows 256 characters per tag value. */
const MAX_TAG_VALUE = 256

/** The tags that record on a task definition the repository, commit and run that registered it. */
export function provenanceTags(run: GitHubRun): Tag[] {
  const tags: Tag[] = [
    { key: TAG_REPOSITORY, value: run.repository },
    { key: TAG_COMMIT, value: run.pullRequest?.headSha ?? run.sha },
    ...(run.runId ? [{ key: TAG_RUN, value: runUrl(run) }] : [])
  ]
  return tags.filter(tag => tag.value && tag.value.length <= MAX_TAG_VALUE)
}
