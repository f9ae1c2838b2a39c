import type { GitHubApi } from './client.js'
import type { RepoRef } from './repository.js'

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
