import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake of the few GitHub REST endpoints the reporter uses, on 127.0.0.1, answering with
 * the shapes Octokit expects (pagination Link headers, error bodies, rate-limit headers).
 * Self-contained (node built-ins only) so end-to-end tests can point a child process's
 * GITHUB_API_URL at it.
 */

export interface FakeIdentity {
  login: string
  type: 'Bot' | 'User'
  id: number
}

/** What GITHUB_TOKEN (and any GitHub App installation token) acts as. */
export const GITHUB_ACTIONS_BOT: FakeIdentity = {
  login: 'github-actions[bot]',
  type: 'Bot',
  id: 41898282
}

export interface FakeGitHubOptions {
  owner?: string
  repo?: string
  /** When set, requests must authenticate with it (`token …` or `Bearer …`); others get 401. */
  token?: string
  /** Who the token is; a Bot (the default, like GITHUB_TOKEN) cannot call GET /user. */
  identity?: FakeIdentity
  /** Default page size of list endpoints (GitHub's is 30). */
  perPage?: number
}

export interface FakeUser {
  login: string
  id: number
  type: string
}

export interface FakeComment {
  id: number
  node_id: string
  url: string
  html_url: string
  issue_url: string
  body: string
  user: FakeUser
  created_at: string
  updated_at: string
  author_association: string
}

export interface FakeCheckRun {
  id: number
  node_id: string
  head_sha: string
  name: string
  status: string
  conclusion: string | null
  started_at: string | null
  completed_at: string | null
  details_url: string | null
  external_id: string | null
  url: string
  html_url: string
  output: {
    title: string | null
    summary: string | null
    text: string | null
    annotations_count: number
  }
  app: { id: number; slug: string; name: string }
}

export interface FakePull {
  number: number
  state: 'open' | 'closed'
  html_url: string
  title: string
  head: { sha: string; ref: string }
  base: { ref: string }
  merged_at: string | null
  merge_commit_sha: string | null
}

export interface FakeState {
  /** Comments per issue (pull request) number, oldest first. */
  comments: Map<number, FakeComment[]>
  /** Check runs per head SHA, oldest first. */
  checkRuns: Map<string, FakeCheckRun[]>
  /** Pull requests associated with each commit SHA. */
  pulls: Map<string, FakePull[]>
}

export interface FakeCall {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  body: unknown
  status: number
  authorization?: string
  userAgent?: string
}

export type EndpointName =
  | 'getUser'
  | 'listPullsForCommit'
  | 'listComments'
  | 'createComment'
  | 'updateComment'
  | 'createCheckRun'
  | 'updateCheckRun'
  | 'listCheckRuns'

/** Which requests a failure applies to: one endpoint, every write (non-GET), or everything. */
export type FailureTarget = EndpointName | 'writes' | 'all'

export type FailureKind =
  | 'forbidden'
  | 'unauthorized'
  | 'not-found'
  | 'rate-limit'
  | 'secondary-rate-limit'
  | 'too-many-requests'
  | 'server-error'

export interface FailureResponse {
  status: number
  message: string
  headers?: Record<string, string>
  /** Answer only after this long, to try clients' timeouts. */
  delayMs?: number
}

export interface FakeGitHub {
  url: string
  state: FakeState
  calls: FakeCall[]
  close(): Promise<void>
  /** Makes matching requests fail; `times` limits it to the next n matching requests. */
  setFailure(
    target: FailureTarget,
    failure: FailureKind | FailureResponse,
    options?: { times?: number }
  ): void
  clearFailures(): void
  addPullRequest(
    commitSha: string,
    pull: {
      number: number
      state?: 'open' | 'closed'
      headSha?: string
      headRef?: string
      /** The commit its merge made on the base branch: the pull request is then closed and merged. */
      mergeCommitSha?: string
    }
  ): FakePull
  addComment(issue: number, body: string, user?: FakeIdentity): FakeComment
}

const MAX_COMMENT_LENGTH = 65536
const MAX_OUTPUT_LENGTH = 65535
const CHECK_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']
const CONCLUSIONS = [
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'stale',
  'timed_out'
]
const DOCS = 'https://docs.github.com/rest'

interface Failure extends FailureResponse {
  target: FailureTarget
  remaining: number
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: unknown[],
    readonly delayMs = 0
  ) {
    super(message)
  }
}

interface Route {
  name: EndpointName
  method: string
  /** Matched against the path after `/repos/{owner}/{repo}` when `repo` is set, else the whole path. */
  pattern: RegExp
  repo: boolean
  handle(request: ParsedRequest): Reply
}

interface ParsedRequest {
  path: string
  params: string[]
  query: URLSearchParams
  body: unknown
}

interface Reply {
  status: number
  data: unknown
  headers?: Record<string, string>
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? 'octo'
  const repo = options.repo ?? 'app'
  const identity = options.identity ?? GITHUB_ACTIONS_BOT
  const defaultPerPage = options.perPage ?? 30
  const state: FakeState = { comments: new Map(), checkRuns: new Map(), pulls: new Map() }
  const calls: FakeCall[] = []
  let failures: Failure[] = []
  let nextId = 1000
  let url = ''
  const repoPath = `/repos/${owner}/${repo}`
  const webUrl = `https://github.com/${owner}/${repo}`
  const now = (): string => new Date().toISOString()
  const user = (who: FakeIdentity): FakeUser => ({ login: who.login, id: who.id, type: who.type })

  const addComment = (issue: number, body: string, who: FakeIdentity = identity): FakeComment => {
    const id = ++nextId
    const comment: FakeComment = {
      id,
      node_id: `IC_${id}`,
      url: `${url}${repoPath}/issues/comments/${id}`,
      html_url: `${webUrl}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${url}${repoPath}/issues/${issue}`,
      body,
      user: user(who),
      created_at: now(),
      updated_at: now(),
      author_association: who.type === 'Bot' ? 'NONE' : 'MEMBER'
    }
    const list = state.comments.get(issue) ?? []
    list.push(comment)
    state.comments.set(issue, list)
    return comment
  }

  const addPullRequest: FakeGitHub['addPullRequest'] = (commitSha, pull) => {
    const record: FakePull = {
      number: pull.number,
      state: pull.mergeCommitSha ? 'closed' : (pull.state ?? 'open'),
      html_url: `${webUrl}/pull/${pull.number}`,
      title: `Pull request ${pull.number}`,
      head: { sha: pull.headSha ?? commitSha, ref: pull.headRef ?? `feature-${pull.number}` },
      base: { ref: 'main' },
      merged_at: pull.mergeCommitSha ? new Date().toISOString() : null,
      merge_commit_sha: pull.mergeCommitSha ?? null
    }
    const list = state.pulls.get(commitSha) ?? []
    list.push(record)
    state.pulls.set(commitSha, list)
    return record
  }

  const findCheckRun = (id: number): FakeCheckRun => {
    for (const runs of state.checkRuns.values()) {
      const run = runs.find(candidate => candidate.id === id)
      if (run) return run
    }
    throw new HttpError(404, 'Not Found')
  }

  const routes: Route[] = [
    {
      name: 'getUser',
      method: 'GET',
      pattern: /^\/user$/,
      repo: false,
      handle: () => {
        if (identity.type === 'Bot')
          throw new HttpError(403, 'Resource not accessible by integration')
        return { status: 200, data: { ...user(identity), node_id: `U_${identity.id}` } }
      }
    },
    {
      name: 'listPullsForCommit',
      method: 'GET',
      pattern: /^\/commits\/([^/]+)\/pulls$/,
      repo: true,
      handle: request => paginate(state.pulls.get(request.params[0] ?? '') ?? [], request)
    },
    {
      name: 'listComments',
      method: 'GET',
      pattern: /^\/issues\/(\d+)\/comments$/,
      repo: true,
      handle: request => paginate(state.comments.get(Number(request.params[0])) ?? [], request)
    },
    {
      name: 'createComment',
      method: 'POST',
      pattern: /^\/issues\/(\d+)\/comments$/,
      repo: true,
      handle: ({ params, body }) => {
        const text = commentBody(body)
        return { status: 201, data: addComment(Number(params[0]), text) }
      }
    },
    {
      name: 'updateComment',
      method: 'PATCH',
      pattern: /^\/issues\/comments\/(\d+)$/,
      repo: true,
      handle: ({ params, body }) => {
        const id = Number(params[0])
        const comment = [...state.comments.values()].flat().find(c => c.id === id)
        // Like GitHub, a token with write access may edit anyone's comment: it is the
        // reporter's job to pick its own.
        if (!comment) throw new HttpError(404, 'Not Found')
        comment.body = commentBody(body)
        comment.updated_at = now()
        return { status: 200, data: comment }
      }
    },
    {
      name: 'createCheckRun',
      method: 'POST',
      pattern: /^\/check-runs$/,
      repo: true,
      handle: ({ body }) => {
        const fields = checkRunFields(body, true)
        const sha = String(fields.head_sha)
        const id = ++nextId
        const run: FakeCheckRun = {
          id,
          node_id: `CR_${id}`,
          head_sha: sha,
          name: String(fields.name),
          status: 'queued',
          conclusion: null,
          started_at: now(),
          completed_at: null,
          details_url: null,
          external_id: null,
          url: `${url}${repoPath}/check-runs/${id}`,
          html_url: `${webUrl}/runs/${id}`,
          output: { title: null, summary: null, text: null, annotations_count: 0 },
          app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' }
        }
        applyCheckRun(run, fields)
        const list = state.checkRuns.get(sha) ?? []
        list.push(run)
        state.checkRuns.set(sha, list)
        return { status: 201, data: run }
      }
    },
    {
      name: 'updateCheckRun',
      method: 'PATCH',
      pattern: /^\/check-runs\/(\d+)$/,
      repo: true,
      handle: ({ params, body }) => {
        const run = findCheckRun(Number(params[0]))
        applyCheckRun(run, checkRunFields(body, false))
        return { status: 200, data: run }
      }
    },
    {
      name: 'listCheckRuns',
      method: 'GET',
      pattern: /^\/commits\/([^/]+)\/check-runs$/,
      repo: true,
      handle: request => {
        const { params, query } = request
        let runs = state.checkRuns.get(params[0] ?? '') ?? []
        const name = query.get('check_name')
        const status = query.get('status')
        if (name !== null) runs = runs.filter(run => run.name === name)
        if (status !== null) runs = runs.filter(run => run.status === status)
        // filter=latest (the default) keeps the most recent check run of each name.
        if (query.get('filter') !== 'all') {
          runs = runs.filter(
            run => !runs.some(other => other.name === run.name && other.id > run.id)
          )
        }
        const page = paginate([...runs].reverse(), request)
        return { ...page, data: { total_count: runs.length, check_runs: page.data } }
      }
    }
  ]

  function paginate<T>(items: T[], request: ParsedRequest): Reply & { data: T[] } {
    const { query } = request
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page')) || defaultPerPage))
    const page = Math.max(1, Number(query.get('page')) || 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const data = items.slice((page - 1) * perPage, page * perPage)
    return { status: 200, data, headers: linkHeader(request, page, last, perPage) }
  }

  function linkHeader(
    { path, query }: ParsedRequest,
    page: number,
    last: number,
    perPage: number
  ): Record<string, string> {
    const link = (n: number, rel: string): string => {
      const params = new URLSearchParams(query)
      params.set('per_page', String(perPage))
      params.set('page', String(n))
      return `<${url}${path}?${params.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    return links.length > 0 ? { link: links.join(', ') } : {}
  }

  function failureFor(route: Route | undefined, method: string): FailureResponse | undefined {
    const failure = failures.find(
      candidate =>
        candidate.remaining > 0 &&
        (candidate.target === 'all' ||
          (candidate.target === 'writes' && method !== 'GET') ||
          candidate.target === route?.name)
    )
    if (failure) failure.remaining -= 1
    return failure
  }

  function authenticate(header: string | undefined): void {
    if (options.token === undefined) return
    if (!header) throw new HttpError(401, 'Requires authentication')
    const match = /^(?:token|bearer)\s+(.+)$/i.exec(header)
    if (match?.[1] !== options.token) throw new HttpError(401, 'Bad credentials')
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = new URL(request.url ?? '/', 'http://127.0.0.1')
    const method = request.method ?? 'GET'
    const call: FakeCall = {
      method,
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      body: undefined,
      status: 0,
      authorization: request.headers.authorization,
      userAgent: request.headers['user-agent']
    }
    calls.push(call)
    let reply: Reply
    try {
      const raw = await readBody(request)
      call.body = raw === '' ? undefined : parseJson(raw)
      authenticate(request.headers.authorization)
      const scoped = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(target.pathname)
      const pathFor = (route: Route): string | undefined =>
        route.repo ? scoped?.[3] : target.pathname
      const route = routes.find(r => {
        const path = pathFor(r)
        return r.method === method && path !== undefined && r.pattern.test(path)
      })
      const failure = failureFor(route, method)
      if (failure) {
        const { status, message, headers, delayMs } = failure
        throw new HttpError(status, message, headers, undefined, delayMs)
      }
      const sameRepo =
        `${scoped?.[1]}/${scoped?.[2]}`.toLowerCase() === `${owner}/${repo}`.toLowerCase()
      if (!route || (route.repo && !sameRepo)) throw new HttpError(404, 'Not Found')
      reply = route.handle({
        path: target.pathname,
        params: (route.pattern.exec(pathFor(route) ?? '') ?? []).slice(1),
        query: target.searchParams,
        body: call.body
      })
    } catch (error) {
      const failure =
        error instanceof HttpError ? error : new HttpError(500, `Fake GitHub bug: ${String(error)}`)
      // Unref'd: a test that has moved on must not be kept waiting for this answer.
      if (failure.delayMs > 0) {
        await new Promise(resolve => setTimeout(resolve, failure.delayMs).unref())
      }
      reply = {
        status: failure.status,
        headers: failure.headers,
        data: {
          message: failure.message,
          ...(failure.errors ? { errors: failure.errors } : {}),
          documentation_url: DOCS,
          status: String(failure.status)
        }
      }
    }
    call.status = reply.status
    const body = JSON.stringify(reply.data)
    response.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      'x-github-request-id': `FAKE:${calls.length}`,
      ...reply.headers
    })
    response.end(body)
  }

  const server = createServer((request, response) => {
    void handle(request, response)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    state,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close(error => (error ? reject(error) : resolve()))
      }),
    setFailure: (target, failure, setOptions = {}) => {
      const response = typeof failure === 'string' ? failureResponse(failure) : failure
      failures.push({ ...response, target, remaining: setOptions.times ?? Infinity })
    },
    clearFailures: () => {
      failures = []
    },
    addPullRequest,
    addComment
  }
}

/** The answers GitHub gives for each kind of failure. */
export function failureResponse(kind: FailureKind): FailureResponse {
  const resetSoon = String(Math.ceil(Date.now() / 1000) + 1)
  const secondary =
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
  switch (kind) {
    case 'forbidden':
      return { status: 403, message: 'Resource not accessible by integration' }
    case 'unauthorized':
      return { status: 401, message: 'Bad credentials' }
    case 'not-found':
      return { status: 404, message: 'Not Found' }
    case 'rate-limit':
      return {
        status: 403,
        message: 'API rate limit exceeded for installation ID 1.',
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetSoon }
      }
    case 'secondary-rate-limit':
      return { status: 403, message: secondary, headers: { 'retry-after': '1' } }
    case 'too-many-requests':
      return { status: 429, message: secondary, headers: { 'retry-after': '1' } }
    case 'server-error':
      return { status: 502, message: 'Server Error' }
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    throw new HttpError(400, 'Problems parsing JSON')
  }
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Problems parsing JSON')
  }
  return body as Record<string, unknown>
}

function invalid(resource: string, field: string, message: string): HttpError {
  return new HttpError(422, 'Validation Failed', {}, [{ resource, code: 'custom', field, message }])
}

function commentBody(body: unknown): string {
  const text = asObject(body).body
  if (typeof text !== 'string' || text === '') {
    throw invalid('IssueComment', 'body', 'body is missing')
  }
  if (text.length > MAX_COMMENT_LENGTH) {
    throw invalid(
      'IssueComment',
      'body',
      `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`
    )
  }
  return text
}

function checkRunFields(body: unknown, creating: boolean): Record<string, unknown> {
  const fields = asObject(body)
  if (creating) {
    if (typeof fields.name !== 'string' || fields.name === '') {
      throw invalid('CheckRun', 'name', 'name is missing')
    }
    if (typeof fields.head_sha !== 'string' || !/^[0-9a-f]{40}$/.test(fields.head_sha)) {
      throw new HttpError(422, `No commit found for SHA: ${String(fields.head_sha)}`)
    }
  }
  if (fields.status !== undefined && !CHECK_STATUSES.includes(fields.status as string)) {
    throw invalid('CheckRun', 'status', `status is not included in the list`)
  }
  if (fields.conclusion !== undefined && !CONCLUSIONS.includes(fields.conclusion as string)) {
    throw invalid('CheckRun', 'conclusion', 'conclusion is not included in the list')
  }
  if (fields.status === 'completed' && fields.conclusion === undefined) {
    throw invalid('CheckRun', 'conclusion', 'conclusion must be set when status is completed')
  }
  if (fields.output !== undefined) {
    const output = asObject(fields.output)
    if (typeof output.title !== 'string' || typeof output.summary !== 'string') {
      throw invalid('CheckRun', 'output', 'output needs a title and a summary')
    }
    for (const key of ['summary', 'text'] as const) {
      const value = output[key]
      if (typeof value === 'string' && value.length > MAX_OUTPUT_LENGTH) {
        throw new HttpError(
          422,
          `Invalid request.\n\nOnly ${MAX_OUTPUT_LENGTH} characters are allowed; ${value.length} were supplied.`
        )
      }
    }
  }
  return fields
}

function applyCheckRun(run: FakeCheckRun, fields: Record<string, unknown>): void {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)
  if (typeof fields.name === 'string') run.name = fields.name
  if (fields.details_url !== undefined) run.details_url = text(fields.details_url)
  if (fields.external_id !== undefined) run.external_id = text(fields.external_id)
  if (fields.started_at !== undefined) run.started_at = text(fields.started_at)
  if (typeof fields.status === 'string') run.status = fields.status
  if (typeof fields.conclusion === 'string') {
    run.conclusion = fields.conclusion
    run.status = 'completed'
  } else if (fields.status !== undefined && fields.status !== 'completed') {
    run.conclusion = null
    run.completed_at = null
  }
  if (run.status === 'completed') {
    run.completed_at = text(fields.completed_at) ?? run.completed_at ?? new Date().toISOString()
  }
  if (fields.output !== undefined) {
    const output = fields.output as Record<string, unknown>
    run.output = {
      title: text(output.title),
      summary: text(output.summary),
      text: text(output.text),
      annotations_count: run.output.annotations_count
    }
  }
}
