import { createHash } from 'node:crypto'
import type { components } from '@octokit/openapi-types'

/**
 * GitHub's objects in the shapes its REST API documents (every required field of the
 * description's schemas), with the ids, node ids and URLs GitHub would give them.
 */

type Schemas = components['schemas']
/** The fake's ids are JavaScript numbers (the description allows int64, number or bigint). */
type WithId<T> = Omit<T, 'id'> & { id: number }

export type FakeUser = WithId<Schemas['simple-user']>
/** Comments the fake makes always have their body and author. */
export type FakeComment = WithId<Omit<Schemas['issue-comment'], 'body' | 'user'>> & {
  body: string
  user: FakeUser
}
export type FakeCheckRun = WithId<Schemas['check-run']>
export type FakePull = WithId<Schemas['pull-request-simple']>
type Repository = Schemas['repository']

/** A GitHub App: who a check run belongs to. */
export interface FakeApp {
  id: number
  slug: string
  name: string
}

export interface FakeIdentity {
  login: string
  type: 'Bot' | 'User'
  id: number
  /** The GitHub App a bot acts for; only apps may write check runs. */
  app?: FakeApp
}

/** The app GITHUB_TOKEN belongs to (its check runs name it). */
export const GITHUB_ACTIONS_APP: FakeApp = {
  id: 15368,
  slug: 'github-actions',
  name: 'GitHub Actions'
}

/** What GITHUB_TOKEN acts as. */
export const GITHUB_ACTIONS_BOT: FakeIdentity = {
  login: 'github-actions[bot]',
  type: 'Bot',
  id: 41898282,
  app: GITHUB_ACTIONS_APP
}

/** Where the fake repository lives. */
export interface Site {
  /** The fake's URL: GitHub's API URL, api.github.com. */
  api: string
  owner: string
  repo: string
  repositoryId: number
}

const WEB = 'https://github.com'
const CREATED = '2018-07-30T09:30:17Z'

/** GitHub's time format: ISO 8601 to the second. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** GitHub's global node id of an object (the legacy form, base64 of "0<n>:<Type><id>"). */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64')
}

export function user(site: Site, who: FakeIdentity): FakeUser {
  const url = `${site.api}/users/${encodeURIComponent(who.login)}`
  const bot = who.type === 'Bot' && who.app
  return {
    login: who.login,
    id: who.id,
    node_id: nodeId(who.type, who.id),
    avatar_url: bot
      ? `https://avatars.githubusercontent.com/in/${who.app?.id ?? 0}?v=4`
      : `https://avatars.githubusercontent.com/u/${who.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: bot ? `${WEB}/apps/${who.app?.slug ?? ''}` : `${WEB}/${who.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: who.type,
    user_view_type: 'public',
    site_admin: false
  }
}

/** GET /user: the public profile of a user token's account. */
export function profile(site: Site, who: FakeIdentity): Schemas['public-user'] {
  return {
    ...user(site, who),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: CREATED,
    updated_at: CREATED
  }
}

export function app(site: Site, record: FakeApp): Schemas['integration'] {
  return {
    id: record.id,
    slug: record.slug,
    node_id: nodeId('App', record.id),
    owner: user(site, { login: 'github', type: 'User', id: 9919 }),
    name: record.name,
    description: null,
    external_url: `${WEB}/apps/${record.slug}`,
    html_url: `${WEB}/apps/${record.slug}`,
    created_at: CREATED,
    updated_at: CREATED,
    permissions: { checks: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' },
    events: ['check_run', 'pull_request']
  }
}

export function repository(site: Site, who: FakeIdentity): Repository {
  const url = `${site.api}/repos/${site.owner}/${site.repo}`
  const html = `${WEB}/${site.owner}/${site.repo}`
  const at = (path: string): string => `${url}/${path}`
  return {
    id: site.repositoryId,
    node_id: nodeId('Repository', site.repositoryId),
    name: site.repo,
    full_name: `${site.owner}/${site.repo}`,
    owner: user(site, who),
    private: false,
    html_url: html,
    description: null,
    fork: false,
    url,
    archive_url: at('{archive_format}{/ref}'),
    assignees_url: at('assignees{/user}'),
    blobs_url: at('git/blobs{/sha}'),
    branches_url: at('branches{/branch}'),
    collaborators_url: at('collaborators{/collaborator}'),
    comments_url: at('comments{/number}'),
    commits_url: at('commits{/sha}'),
    compare_url: at('compare/{base}...{head}'),
    contents_url: at('contents/{+path}'),
    contributors_url: at('contributors'),
    deployments_url: at('deployments'),
    downloads_url: at('downloads'),
    events_url: at('events'),
    forks_url: at('forks'),
    git_commits_url: at('git/commits{/sha}'),
    git_refs_url: at('git/refs{/sha}'),
    git_tags_url: at('git/tags{/sha}'),
    git_url: `git://github.com/${site.owner}/${site.repo}.git`,
    issue_comment_url: at('issues/comments{/number}'),
    issue_events_url: at('issues/events{/number}'),
    issues_url: at('issues{/number}'),
    keys_url: at('keys{/key_id}'),
    labels_url: at('labels{/name}'),
    languages_url: at('languages'),
    merges_url: at('merges'),
    milestones_url: at('milestones{/number}'),
    notifications_url: at('notifications{?since,all,participating}'),
    pulls_url: at('pulls{/number}'),
    releases_url: at('releases{/id}'),
    ssh_url: `git@github.com:${site.owner}/${site.repo}.git`,
    stargazers_url: at('stargazers'),
    statuses_url: at('statuses/{sha}'),
    subscribers_url: at('subscribers'),
    subscription_url: at('subscription'),
    tags_url: at('tags'),
    teams_url: at('teams'),
    trees_url: at('git/trees{/sha}'),
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: at('hooks'),
    svn_url: html,
    homepage: null,
    language: 'TypeScript',
    license: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 1,
    default_branch: 'main',
    open_issues: 0,
    open_issues_count: 0,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated, yet still a required property of GitHub's repository schema
    has_downloads: true,
    archived: false,
    disabled: false,
    pushed_at: CREATED,
    created_at: CREATED,
    updated_at: CREATED
  }
}

export function comment(
  site: Site,
  id: number,
  issue: number,
  body: string,
  who: FakeIdentity
): FakeComment {
  const now = timestamp()
  return {
    id,
    node_id: nodeId('IssueComment', id),
    url: `${site.api}/repos/${site.owner}/${site.repo}/issues/comments/${id}`,
    html_url: `${WEB}/${site.owner}/${site.repo}/pull/${issue}#issuecomment-${id}`,
    issue_url: `${site.api}/repos/${site.owner}/${site.repo}/issues/${issue}`,
    body,
    user: user(site, who),
    created_at: now,
    updated_at: now,
    author_association: who.type === 'Bot' ? 'NONE' : 'MEMBER',
    performed_via_github_app: null,
    reactions: {
      url: `${site.api}/repos/${site.owner}/${site.repo}/issues/comments/${id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0
    }
  }
}

export interface PullFields {
  id: number
  number: number
  state: 'open' | 'closed'
  headSha: string
  headRef: string
  /** The commit its merge made on the base branch: the pull request is then merged. */
  mergeCommitSha?: string
}

export function pullRequest(site: Site, fields: PullFields, author: FakeIdentity): FakePull {
  const repo = `${site.api}/repos/${site.owner}/${site.repo}`
  const html = `${WEB}/${site.owner}/${site.repo}/pull/${fields.number}`
  const now = timestamp()
  const link = (href: string): { href: string } => ({ href })
  const branch = (ref: string, sha: string): FakePull['head'] => ({
    label: `${site.owner}:${ref}`,
    ref,
    sha,
    user: user(site, author),
    repo: repository(site, author)
  })
  return {
    url: `${repo}/pulls/${fields.number}`,
    id: fields.id,
    node_id: nodeId('PullRequest', fields.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repo}/issues/${fields.number}`,
    commits_url: `${repo}/pulls/${fields.number}/commits`,
    review_comments_url: `${repo}/pulls/${fields.number}/comments`,
    review_comment_url: `${repo}/pulls/comments{/number}`,
    comments_url: `${repo}/issues/${fields.number}/comments`,
    statuses_url: `${repo}/statuses/${fields.headSha}`,
    number: fields.number,
    state: fields.state,
    locked: false,
    title: `Pull request ${fields.number}`,
    user: user(site, author),
    body: null,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: now,
    updated_at: now,
    closed_at: fields.state === 'closed' ? now : null,
    merged_at: fields.mergeCommitSha ? now : null,
    merge_commit_sha: fields.mergeCommitSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branch(fields.headRef, fields.headSha),
    base: branch('main', fields.mergeCommitSha ?? fields.headSha),
    _links: {
      self: link(`${repo}/pulls/${fields.number}`),
      html: link(html),
      issue: link(`${repo}/issues/${fields.number}`),
      comments: link(`${repo}/issues/${fields.number}/comments`),
      review_comments: link(`${repo}/pulls/${fields.number}/comments`),
      review_comment: link(`${repo}/pulls/comments{/number}`),
      commits: link(`${repo}/pulls/${fields.number}/commits`),
      statuses: link(`${repo}/statuses/${fields.headSha}`)
    },
    author_association: 'MEMBER',
    auto_merge: null,
    draft: false
  }
}

export function checkRun(
  site: Site,
  id: number,
  fields: { name: string; headSha: string; app: FakeApp; checkSuiteId: number }
): FakeCheckRun {
  const url = `${site.api}/repos/${site.owner}/${site.repo}/check-runs/${id}`
  return {
    id,
    node_id: nodeId('CheckRun', id),
    head_sha: fields.headSha,
    external_id: '',
    url,
    html_url: `${WEB}/${site.owner}/${site.repo}/runs/${id}`,
    details_url: `${WEB}/apps/${fields.app.slug}`,
    status: 'queued',
    conclusion: null,
    started_at: timestamp(),
    completed_at: null,
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${url}/annotations`
    },
    name: fields.name,
    check_suite: { id: fields.checkSuiteId },
    app: app(site, fields.app),
    pull_requests: []
  }
}

/**
 * GET /repos/{owner}/{repo}/contents/{path}: a file at `ref`, its content in base64 as
 * GitHub sends it (in lines of 60 characters), its sha the git blob's.
 */
export function contentFile(
  site: Site,
  path: string,
  ref: string,
  text: string
): Schemas['content-file'] {
  const bytes = Buffer.from(text, 'utf8')
  const sha = createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex')
  const url = `${site.api}/repos/${site.owner}/${site.repo}/contents/${path}?ref=${encodeURIComponent(ref)}`
  const html = `${WEB}/${site.owner}/${site.repo}/blob/${ref}/${path}`
  const git = `${site.api}/repos/${site.owner}/${site.repo}/git/blobs/${sha}`
  return {
    type: 'file',
    encoding: 'base64',
    size: bytes.length,
    name: path.split('/').pop() ?? path,
    path,
    content: `${bytes.toString('base64').replace(/.{60}/g, '$&\n')}\n`,
    sha,
    url,
    git_url: git,
    html_url: html,
    download_url: `https://raw.githubusercontent.com/${site.owner}/${site.repo}/${ref}/${path}`,
    _links: { self: url, git, html }
  }
}
