import type { GitHubRun } from '../release.js'
import type { GitHubApi } from './github-client.js'
import type { RepoRef } from './repository.js'

export interface PullRequestRef {
  number: number
  headSha: string
}

/**
 * The pull request a release belongs to. pull_request events name it; for push,
 * workflow_dispatch and the rest, it is an open pull request containing the deployed
 * commit, preferably one whose head is that commit. Closed ones are not commented on.
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
  const chosen = open.find(pull => pull.head.sha === sha) ?? open[0]
  return chosen && { number: chosen.number, headSha: chosen.head.sha }
}
