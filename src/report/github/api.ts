import { isCommitSha } from '../../model/format.js'
import type { GitHubRun } from '../../model/release.js'
import type { CheckRunPayload } from '../render/check-run.js'
import type { GitHubApi } from './client.js'

/**
 * The GitHub REST calls of the reports, as thin typed wrappers: the repository and commit
 * a report belongs to, its pull request, its check run and its sticky comment.
 */

/**
 * Most pages read of one list (100 items each). A server that keeps answering with a
 * `next` link cannot hold a release up; a list longer than this is read in part.
 */
export const MAX_PAGES = 20

/** The items of a list, page by page, up to MAX_PAGES pages. */
async function* firstPages<T>(pages: AsyncIterable<{ data: T[] }>): AsyncGenerator<T> {
  let read = 0
  for await (const { data } of pages) {
    yield* data
    read += 1
    if (read >= MAX_PAGES) return
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

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
 * deployed commit, else the merged one that brought the commit in (for a commit of the
 * default branch GitHub lists only that one:
 * https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit),
 * so deploying on merge still tells the pull request what its release did; else another
 * open one containing it. Pull requests closed without merging are left alone. It reads
 * no `merge_commit_sha`, which API version 2026-03-10 removes.
 */
export async function findPullRequest(
  api: GitHubApi,
  repo: RepoRef,
  sha: string,
  github: GitHubRun
): Promise<PullRequestRef | undefined> {
  if (github.pullRequest) return github.pullRequest
  const pulls = await collect(
    firstPages(
      api.paginate.iterator(api.rest.repos.listPullRequestsAssociatedWithCommit, {
        ...repo,
        commit_sha: sha,
        per_page: 100
      })
    )
  )
  const open = pulls.filter(pull => pull.state === 'open')
  // Exact matches first: an open pull request containing the commit may be an
  // unrelated branch cut after the merge.
  const chosen =
    open.find(pull => pull.head.sha === sha) ?? pulls.find(pull => pull.merged_at) ?? open[0]
  return chosen && { number: chosen.number, headSha: chosen.head.sha }
}

export interface PostedCheckRun {
  id: number
  status: string
  conclusion?: string
  /** Its page on GitHub, for a later check run of the release to link. */
  htmlUrl?: string
  /** The check run's details (`output.text`), where the release snapshot lives. */
  text?: string
}

/** A check run as GitHub lists it, as far as the reports read it. */
interface ListedCheckRun {
  id: number
  name: string
  status: string
  conclusion: string | null
  html_url: string | null
  external_id: string | null
  output: { text: string | null }
}

/**
 * The newest check run named `name` on commit `sha` that `isOurs` recognises: another
 * app's, or a job's own check run of the same name, is left alone.
 */
export async function findCheckRun(
  api: GitHubApi,
  repo: RepoRef,
  sha: string,
  name: string,
  isOurs: (run: ListedCheckRun) => boolean
): Promise<PostedCheckRun | undefined> {
  const runs = await collect(
    firstPages(
      api.paginate.iterator(api.rest.checks.listForRef, {
        ...repo,
        ref: sha,
        check_name: name,
        filter: 'all',
        per_page: 100
      })
    )
  )
  const newest = runs.filter(run => run.name === name && isOurs(run)).sort((a, b) => b.id - a.id)[0]
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

/**
 * Whether GitHub refused to change a check run because another GitHub App created it
 * ("Invalid app_id … check run can only be modified by the GitHub App that created it"):
 * a deploy run and a promote run with different tokens.
 */
export function isAnotherAppsCheckRun(error: unknown): boolean {
  const { status, message } = (error ?? {}) as { status?: unknown; message?: unknown }
  return status === 403 && typeof message === 'string' && /\bapp_id\b/i.test(message)
}

function posted(run: Omit<ListedCheckRun, 'name' | 'external_id'>): PostedCheckRun {
  return {
    id: run.id,
    status: run.status,
    conclusion: run.conclusion ?? undefined,
    htmlUrl: run.html_url ?? undefined,
    text: run.output.text ?? undefined
  }
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

/** The oldest comment with `marker` by the token's identity, in the first MAX_PAGES pages. */
export async function findComment(
  api: GitHubApi,
  repo: RepoRef,
  issue: number,
  marker: string,
  isOurs: () => Promise<AuthorCheck>
): Promise<PostedComment | undefined> {
  const comments = firstPages(
    api.paginate.iterator(api.rest.issues.listComments, {
      ...repo,
      issue_number: issue,
      per_page: 100
    })
  )
  for await (const comment of comments) {
    if (comment.body?.includes(marker) && (await isOurs())(comment.user)) {
      return { id: comment.id, body: comment.body }
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
