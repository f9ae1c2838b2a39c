import { isCommitSha } from '../../model/format.js'
import type { GitHubRun } from '../../model/release.js'
import type { CheckRunPayload } from '../render/check-run.js'
import type { GitHubApi } from './client.js'

/**
 * The GitHub REST calls of the reports, as thin typed wrappers: the repository and commit
 * a report belongs to, its pull request, its check run and its sticky comment.
 */

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

export interface PostedCheckRun {
  id: number
  status: string
  /** The check run's details (`output.text`), where the release snapshot lives. */
  text?: string
}

/** The newest check run named `name` on commit `sha`, from any earlier run of the action. */
export async function findCheckRun(
  api: GitHubApi,
  repo: RepoRef,
  sha: string,
  name: string
): Promise<PostedCheckRun | undefined> {
  const runs = await api.paginate(api.rest.checks.listForRef, {
    ...repo,
    ref: sha,
    check_name: name,
    filter: 'all',
    per_page: 100
  })
  const newest = runs.filter(run => run.name === name).sort((a, b) => b.id - a.id)[0]
  return newest && posted(newest)
}

export async function createCheckRun(
  api: GitHubApi,
  repo: RepoRef,
  sha: string,
  payload: CheckRunPayload
): Promise<PostedCheckRun> {
  const { data } = await api.rest.checks.create({ ...repo, head_sha: sha, ...payload })
  return posted(data)
}

export async function updateCheckRun(
  api: GitHubApi,
  repo: RepoRef,
  id: number,
  payload: CheckRunPayload
): Promise<PostedCheckRun> {
  const { data } = await api.rest.checks.update({ ...repo, check_run_id: id, ...payload })
  return posted(data)
}

function posted(run: {
  id: number
  status: string
  output?: { text?: string | null }
}): PostedCheckRun {
  return { id: run.id, status: run.status, text: run.output?.text ?? undefined }
}

/**
 * The one comment per release key (see commentMarker) on a pull request. A comment is
 * ours when it carries the marker and was written by the token's identity, so a person
 * quoting the marker cannot take the comment over.
 */

export interface PostedComment {
  id: number
  body: string
}

interface Author {
  login: string
  type: string
}

/** Decides whether a comment author is the identity behind the token. */
export type AuthorCheck = (author: Author | null | undefined) => boolean

/**
 * GET /user names the identity of personal access tokens. Installation tokens (GITHUB_TOKEN,
 * GitHub Apps) cannot call it (403); they write as `<app>[bot]` users of type Bot, which no
 * person can be, so for them any Bot author counts.
 */
export async function tokenIdentity(api: GitHubApi): Promise<AuthorCheck> {
  try {
    const { data } = await api.rest.users.getAuthenticated()
    const login = data.login.toLowerCase()
    return author => author?.login.toLowerCase() === login
  } catch {
    return author => author?.type === 'Bot' && author.login.endsWith('[bot]')
  }
}

/** The oldest comment with `marker` by the token's identity; pages through all comments. */
export async function findComment(
  api: GitHubApi,
  repo: RepoRef,
  issue: number,
  marker: string,
  isOurs: () => Promise<AuthorCheck>
): Promise<PostedComment | undefined> {
  const pages = api.paginate.iterator(api.rest.issues.listComments, {
    ...repo,
    issue_number: issue,
    per_page: 100
  })
  for await (const { data } of pages) {
    for (const comment of data) {
      if (comment.body?.includes(marker) && (await isOurs())(comment.user)) {
        return { id: comment.id, body: comment.body }
      }
    }
  }
  return undefined
}

export async function createComment(
  api: GitHubApi,
  repo: RepoRef,
  issue: number,
  body: string
): Promise<PostedComment> {
  const { data } = await api.rest.issues.createComment({ ...repo, issue_number: issue, body })
  return { id: data.id, body: data.body ?? body }
}

export async function updateComment(
  api: GitHubApi,
  repo: RepoRef,
  id: number,
  body: string
): Promise<PostedComment> {
  const { data } = await api.rest.issues.updateComment({ ...repo, comment_id: id, body })
  return { id: data.id, body: data.body ?? body }
}
