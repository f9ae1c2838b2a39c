import type { GitHubRun } from '../../model/release.js'
import type { GitHubApi } from './client.js'
import type { RepoRef } from './repository.js'

export interface PullRequestRef {
  number: number
  headSha: string
}

/**
 * The pull request a release belongs to. pull_request events name it; for push,
 * workflow_dispatch and the rest, it is the open pull request whose head is the
 * deployed commit, else the merged one whose merge made it (so deploying on merge still
 * tells the pull request what its release did), else another open one containing it.
 * Pull requests closed without merging are left alone.
 */
export async function findPullRequest(
  api: GitHubApi,
  repo: RepoRef,
  sha: string,
  github: GitHubRun
): Promise<PullRequestRef | undefined> {
  if (github.pullRequest) return github.pullRequest
  const pulls = await api.paginate(api.rest.repos.listPullRequestsAssociatedWithCommit, {
    ...repo,
    commit_sha: sha,
    per_page: 100
  })
  const open = pulls.filter(pull => pull.state === 'open')
  // Exact matches first: an open pull request containing the commit may be an
  // unrelated branch cut after the merge.
  const chosen =
    open.find(pull => pull.head.sha === sha) ??
    pulls.find(pull => pull.merged_at && pull.merge_commit_sha === sha) ??
    open[0]
  return chosen && { number: chosen.number, headSha: chosen.head.sha }
}
