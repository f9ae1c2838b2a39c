import type { GitHubRun } from '../../model/release.js'
import { isCommitSha } from '../../model/format.js'

/** Where the reports go: the repository and the commit they belong to. */
export interface RepoRef {
  owner: string
  repo: string
}

/** `owner/repo` from GITHUB_REPOSITORY; undefined outside a workflow run. */
export function repoRef(github: GitHubRun): RepoRef | undefined {
  const [owner, repo, ...rest] = github.repository.split('/')
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined
}

/**
 * The commit a release's check run belongs to: the pull request's head (on pull_request
 * events GITHUB_SHA is a merge commit the PR never shows), else the deployed commit, else
 * the run's commit.
 */
export function reportSha(commit: string | undefined, github: GitHubRun): string | undefined {
  if (github.pullRequest && isCommitSha(github.pullRequest.headSha)) {
    return github.pullRequest.headSha
  }
  if (isCommitSha(commit)) return commit
  return isCommitSha(github.sha) ? github.sha : undefined
}
