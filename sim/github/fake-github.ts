import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  applyCheckRunFields,
  CheckRunRefusal,
  refuseCheckRunFields,
  type CheckRunFields
} from './check-runs.js'
import {
  DEFAULT_API_VERSION,
  documentationUrl,
  inApiVersion,
  requestRefusal,
  responseProblems,
  supportedApiVersions
} from './openapi.js'
import {
  checkRun,
  comment,
  contentFile,
  GITHUB_ACTIONS_BOT,
  profile,
  pullRequest,
  timestamp,
  type FakeApp,
  type FakeCheckRun,
  type FakeComment,
  type FakeIdentity,
  type FakePull,
  type Site
} from './resources.js'

/**
 * A fake of the few GitHub REST endpoints the reporter uses, on 127.0.0.1. It checks every
 * request and every answer against GitHub's OpenAPI description (openapi.ts), refuses what
 * GitHub refuses, answers in GitHub's shapes (resources.ts), pages with GitHub's Link
 * headers and fails on demand as GitHub fails (rate limits, 5xx…).
 */

export {
  GITHUB_ACTIONS_APP,
  GITHUB_ACTIONS_BOT,
  type FakeApp,
  type FakeCheckRun,
  type FakeComment,
  type FakeIdentity,
  type FakePull
} from './resources.js'

export interface FakeGitHubOptions {
  owner?: string
  repo?: string
  /** When set, requests must authenticate with it (`token …` or `Bearer …`); others get 401. */
  token?: string
  /** Who the token is; a Bot (the default, like GITHUB_TOKEN) cannot call GET /user. */
  identity?: FakeIdentity
  /** Default page size of list endpoints (GitHub's is 30). */
  perPage?: number
  /**
   * The commits the repository has, besides those of its pull requests: check runs go
   * only on these. The default is the commits the repository's test fixtures name.
   */
  commits?: Iterable<string>
}

/**
 * The commits the fixtures name, which the fake repository has unless told otherwise: the
 * runner's GITHUB_SHA and PR_HEAD (scripts/runner.ts), and the head, merge and dispatched
 * commits of __tests__/report/fixtures.ts and its tests.
 */
export const FIXTURE_COMMITS: readonly string[] = [
  'c0ffee0000000000000000000000000000000000',
  'feedfacefeedfacefeedfacefeedfacefeedface',
  'a'.repeat(40),
  'b'.repeat(40),
  'f'.repeat(40)
]

export interface FakeState {
  /** Comments per issue (pull request) number, oldest first. */
  comments: Map<number, FakeComment[]>
  /** Check runs per head SHA, oldest first. */
  checkRuns: Map<string, FakeCheckRun[]>
  /** Pull requests associated with each commit SHA. */
  pulls: Map<string, FakePull[]>
  /** The commits of the repository. */
  commits: Set<string>
  /** Files of the repository by path, the same at every commit and branch. */
  files: Map<string, string>
}

export interface FakeCall {
  /** When the request arrived (Date.now()). */
  at: number
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  body: unknown
  status: number
  authorization?: string
  userAgent?: string
  /** The X-GitHub-Api-Version header as the client sent it, if it sent one. */
  apiVersion?: string
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
  | 'getContent'

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

export interface SeededCheckRun {
  name: string
  /** The app that created it (default: the token's). */
  app?: FakeApp
  status?: 'queued' | 'in_progress' | 'completed'
  conclusion?: string
  external_id?: string
  output?: { title?: string; summary: string; text?: string }
}

export interface FakeGitHub {
  url: string
  state: FakeState
  calls: FakeCall[]
  /**
   * Answers of the fake that GitHub could never give (they break the description): each is a
   * bug of the fake. The client got a 500 instead, and close() rejects.
   */
  invalidResponses: string[]
  /** Stops the server; rejects if the fake gave an answer GitHub never would. */
  close(): Promise<void>
  /** Makes matching requests fail; `times` limits it to the next n matching requests. */
  setFailure(
    target: FailureTarget,
    failure: FailureKind | FailureResponse,
    options?: { times?: number }
  ): void
  clearFailures(): void
  addCommit(sha: string): void
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
  /** A check run as another run (or another app) left it on a commit of the repository. */
  addCheckRun(sha: string, run: SeededCheckRun): FakeCheckRun
  /** A file of the repository, e.g. `.github/workflows/release.yml`. */
  addFile(path: string, text: string): void
}

const MAX_COMMENT_LENGTH = 65536
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
    readonly errors?: unknown,
    readonly delayMs = 0,
    /** Else the page of the operation asked for, as GitHub links it. */
    readonly documentationUrl?: string
  ) {
    super(message)
  }
}

interface Route {
  name: EndpointName
  method: string
  /** The operation's path in GitHub's description. */
  path: string
  handle(request: ParsedRequest): Reply
}

interface ParsedRequest {
  path: string
  params: Record<string, string>
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
  const state: FakeState = {
    comments: new Map(),
    checkRuns: new Map(),
    pulls: new Map(),
    commits: new Set(options.commits ?? FIXTURE_COMMITS),
    files: new Map()
  }
  const calls: FakeCall[] = []
  const invalidResponses: string[] = []
  const checkSuites = new Map<string, number>()
  let failures: Failure[] = []
  let nextId = 1000
  const site: Site = { api: '', owner, repo, repositoryId: 1296269 }

  const addComment = (issue: number, body: string, who: FakeIdentity = identity): FakeComment => {
    const record = comment(site, ++nextId, issue, body, who)
    const list = state.comments.get(issue) ?? []
    list.push(record)
    state.comments.set(issue, list)
    return record
  }

  const addPullRequest: FakeGitHub['addPullRequest'] = (commitSha, pull) => {
    const headSha = pull.headSha ?? commitSha
    for (const sha of [commitSha, headSha, pull.mergeCommitSha]) if (sha) state.commits.add(sha)
    const record = pullRequest(
      site,
      {
        id: ++nextId,
        number: pull.number,
        state: pull.mergeCommitSha ? 'closed' : (pull.state ?? 'open'),
        headSha,
        headRef: pull.headRef ?? `feature-${pull.number}`,
        mergeCommitSha: pull.mergeCommitSha
      },
      identity
    )
    const list = state.pulls.get(commitSha) ?? []
    list.push(record)
    state.pulls.set(commitSha, list)
    return record
  }

  const createCheckRun = (sha: string, name: string, app: FakeApp): FakeCheckRun => {
    const suite = `${sha} ${app.id}`
    const checkSuiteId = checkSuites.get(suite) ?? ++nextId
    checkSuites.set(suite, checkSuiteId)
    const run = checkRun(site, ++nextId, { name, headSha: sha, app, checkSuiteId })
    const list = state.checkRuns.get(sha) ?? []
    list.push(run)
    state.checkRuns.set(sha, list)
    return run
  }

  const addCheckRun: FakeGitHub['addCheckRun'] = (sha, seeded) => {
    state.commits.add(sha)
    const app = seeded.app ?? identity.app ?? GITHUB_ACTIONS_BOT.app
    if (!app) throw new Error('a check run needs an app')
    const run = createCheckRun(sha, seeded.name, app)
    applyCheckRunFields(run, seeded)
    return run
  }

  /** Check runs are written only by GitHub Apps, and only by the app that created each. */
  const checksApp = (): FakeApp => {
    if (!identity.app) throw new HttpError(403, 'You must authenticate via a GitHub App.')
    return identity.app
  }

  const findCheckRun = (id: number): FakeCheckRun => {
    for (const runs of state.checkRuns.values()) {
      const run = runs.find(candidate => candidate.id === id)
      if (run) return run
    }
    throw new HttpError(404, 'Not Found')
  }

  /** GitHub resolves the commit first: "No commit found for SHA: …" (422) when it has none. */
  const knownCommit = (sha: string): string => {
    if (!state.commits.has(sha)) throw new HttpError(422, `No commit found for SHA: ${sha}`)
    return sha
  }

  const routes: Route[] = [
    {
      name: 'getUser',
      method: 'GET',
      path: '/user',
      handle: () => {
        if (identity.type === 'Bot')
          throw new HttpError(403, 'Resource not accessible by integration')
        return { status: 200, data: profile(site, identity) }
      }
    },
    {
      name: 'listPullsForCommit',
      method: 'GET',
      path: '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
      handle: request =>
        paginate(state.pulls.get(knownCommit(request.params.commit_sha ?? '')) ?? [], request)
    },
    {
      name: 'listComments',
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      handle: request =>
        paginate(state.comments.get(Number(request.params.issue_number)) ?? [], request)
    },
    {
      name: 'createComment',
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      handle: ({ params, body }) => {
        const record = addComment(Number(params.issue_number), commentBody(body))
        return { status: 201, data: record, headers: { location: record.url } }
      }
    },
    {
      name: 'updateComment',
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      handle: ({ params, body }) => {
        const id = Number(params.comment_id)
        const record = [...state.comments.values()].flat().find(c => c.id === id)
        // Like GitHub, a token with write access may edit anyone's comment: it is the
        // reporter's job to pick its own.
        if (!record) throw new HttpError(404, 'Not Found')
        record.body = commentBody(body)
        record.updated_at = timestamp()
        return { status: 200, data: record }
      }
    },
    {
      name: 'createCheckRun',
      method: 'POST',
      path: '/repos/{owner}/{repo}/check-runs',
      handle: ({ body }) => {
        const app = checksApp()
        const fields = body as CheckRunFields & { name: string; head_sha: string }
        refuseCheckRunFields(fields, app)
        const run = createCheckRun(knownCommit(fields.head_sha), fields.name, app)
        applyCheckRunFields(run, fields)
        return { status: 201, data: run }
      }
    },
    {
      name: 'updateCheckRun',
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
      handle: ({ params, body }) => {
        const app = checksApp()
        const run = findCheckRun(Number(params.check_run_id))
        if (run.app?.id !== app.id) {
          throw new HttpError(
            403,
            `Invalid app_id \`${app.id}\` - check run can only be modified by the GitHub App that created it.`
          )
        }
        const fields = body as CheckRunFields
        refuseCheckRunFields(fields, app)
        applyCheckRunFields(run, fields)
        return { status: 200, data: run }
      }
    },
    {
      name: 'listCheckRuns',
      method: 'GET',
      path: '/repos/{owner}/{repo}/commits/{ref}/check-runs',
      handle: request => {
        const { params, query } = request
        let runs = state.checkRuns.get(knownCommit(params.ref ?? '')) ?? []
        const name = query.get('check_name')
        const status = query.get('status')
        const appId = query.get('app_id')
        if (name !== null) runs = runs.filter(run => run.name === name)
        if (status !== null) runs = runs.filter(run => run.status === status)
        if (appId !== null) runs = runs.filter(run => String(run.app?.id) === appId)
        // filter=latest (the default) keeps the most recent check run of each name and app.
        if (query.get('filter') !== 'all') {
          runs = runs.filter(
            run =>
              !runs.some(
                other =>
                  other.name === run.name && other.app?.id === run.app?.id && other.id > run.id
              )
          )
        }
        const page = paginate([...runs].reverse(), request)
        return { ...page, data: { total_count: runs.length, check_runs: page.data } }
      }
    },
    {
      name: 'getContent',
      method: 'GET',
      path: '/repos/{owner}/{repo}/contents/{path}',
      handle: ({ params, query }) => {
        const path = params.path ?? ''
        const ref = query.get('ref') ?? 'main'
        // A full SHA must be a commit of the repository; a name is taken as a branch.
        if (/^[0-9a-f]{40}$/.test(ref) && !state.commits.has(ref)) {
          throw new HttpError(404, `No commit found for the ref ${ref}`)
        }
        const text = state.files.get(path)
        if (text === undefined) throw new HttpError(404, 'Not Found')
        return { status: 200, data: contentFile(site, path, ref, text) }
      }
    }
  ]

  function paginate<T>(items: T[], request: ParsedRequest): Reply & { data: T[] } {
    const { query } = request
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page')) || defaultPerPage))
    const page = Math.max(1, Number(query.get('page')) || 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const data = items.slice((page - 1) * perPage, page * perPage)
    return { status: 200, data, headers: linkHeader(request, page, last) }
  }

  /**
   * GitHub's Link header: prev, next, last, first, as each applies, on the repository's
   * /repositories/{id} URL, keeping the request's query and setting `page`
   * (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
   */
  function linkHeader(
    { path, query }: ParsedRequest,
    page: number,
    last: number
  ): Record<string, string> {
    const repositoryPath = path.replace(
      /^\/repos\/[^/]+\/[^/]+/,
      `/repositories/${site.repositoryId}`
    )
    const link = (n: number, rel: string): string => {
      const params = new URLSearchParams(query)
      params.set('page', String(n))
      return `<${site.api}${repositoryPath}?${params.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'))
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

  /** The API version a request asks for; GitHub refuses those it does not support with 400. */
  function apiVersion(requested: string | undefined): string {
    if (requested === undefined) return DEFAULT_API_VERSION
    const supported = supportedApiVersions()
    if (supported.includes(requested)) return requested
    const [newest, ...others] = supported
    const listed = [`"${newest}" (most recent)`, ...others.map(v => `"${v}"`)].join(' and ')
    throw new HttpError(
      400,
      'Bad Request',
      {},
      `The version you specified in the "X-GitHub-API-Version" request header, "${requested}", is not a supported version. The following versions are currently supported: ${listed}.`,
      0,
      'https://docs.github.com/rest/about-the-rest-api/api-versions'
    )
  }

  /** The route of a request, and its path parameters: `/repositories/{id}/…` is `/repos/{owner}/{repo}/…`. */
  function resolve(method: string, pathname: string): [Route, Record<string, string>] | undefined {
    const path = pathname.replace(
      new RegExp(`^/repositories/${site.repositoryId}(?=/)`),
      `/repos/${owner}/${repo}`
    )
    for (const route of routes) {
      if (route.method !== method) continue
      const names: string[] = []
      // A file's path spans segments, whether its slashes come encoded or not.
      const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name)
        return name === 'path' ? '(.+)' : '([^/]+)'
      })
      const match = new RegExp(`^${pattern}$`).exec(path)
      if (!match) continue
      const params = Object.fromEntries(
        names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')])
      )
      const sameRepo =
        params.owner === undefined ||
        `${params.owner}/${params.repo}`.toLowerCase() === `${owner}/${repo}`.toLowerCase()
      return sameRepo ? [route, params] : undefined
    }
    return undefined
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = new URL(request.url ?? '/', 'http://127.0.0.1')
    const method = request.method ?? 'GET'
    const requestedVersion = request.headers['x-github-api-version']
    const call: FakeCall = {
      at: Date.now(),
      method,
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      body: undefined,
      status: 0,
      authorization: request.headers.authorization,
      userAgent: request.headers['user-agent'],
      apiVersion: typeof requestedVersion === 'string' ? requestedVersion : undefined
    }
    calls.push(call)
    let version = DEFAULT_API_VERSION
    let route: Route | undefined
    let reply: Reply
    try {
      const raw = await readBody(request)
      call.body = raw === '' ? undefined : parseJson(raw)
      version = apiVersion(call.apiVersion)
      authenticate(request.headers.authorization)
      const resolved = resolve(method, target.pathname)
      route = resolved?.[0]
      const failure = failureFor(route, method)
      if (failure) {
        const { status, message, headers, delayMs } = failure
        throw new HttpError(status, message, headers, undefined, delayMs)
      }
      if (!resolved || !route) throw new HttpError(404, 'Not Found')
      const [, params] = resolved
      const refusal = requestRefusal(
        route.method,
        route.path,
        { params, query: call.query, body: call.body },
        version
      )
      if (refusal) {
        throw new HttpError(refusal.status, refusal.message)
      }
      reply = route.handle({
        path: target.pathname,
        params,
        query: target.searchParams,
        body: call.body
      })
    } catch (error) {
      const failure = asHttpError(error)
      // Unref'd: a test that has moved on must not be kept waiting for this answer.
      if (failure.delayMs > 0) {
        await new Promise(resolve => setTimeout(resolve, failure.delayMs).unref())
      }
      reply = {
        status: failure.status,
        headers: failure.headers,
        data: {
          message: failure.message,
          ...(failure.errors !== undefined ? { errors: failure.errors } : {}),
          documentation_url: failure.documentationUrl ?? (route ? docs(route) : DOCS),
          status: String(failure.status)
        }
      }
    }
    if (route) reply = checked(route, reply, version)
    call.status = reply.status
    const body = JSON.stringify(reply.data)
    response.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': version,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      'x-github-request-id': `FAKE:${calls.length}`,
      ...reply.headers
    })
    response.end(body)
  }

  /** The reply as the requested API version has it, if GitHub could give it; else a loud 500. */
  function checked(route: Route, reply: Reply, version: string): Reply {
    const data = inApiVersion(route.method, route.path, reply.status, reply.data, version)
    const problems = responseProblems(route.method, route.path, reply.status, data, version)
    if (problems.length === 0) return { ...reply, data }
    const bug = `${route.method} ${route.path} ${reply.status}: ${problems.slice(0, 5).join('; ')}`
    invalidResponses.push(bug)
    return { status: 500, data: { message: `Fake GitHub bug: ${bug}`, documentation_url: DOCS } }
  }

  function docs(route: Route): string {
    return documentationUrl(route.method, route.path)
  }

  function asHttpError(error: unknown): HttpError {
    if (error instanceof HttpError) return error
    if (error instanceof CheckRunRefusal) {
      return new HttpError(error.status, error.message, {}, error.errors)
    }
    return new HttpError(500, `Fake GitHub bug: ${String(error)}`)
  }

  let closed: Promise<void> | undefined
  const server = createServer((request, response) => {
    void handle(request, response)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  site.api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: site.api,
    state,
    calls,
    invalidResponses,
    close: async () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close(error => (error ? reject(error) : resolve()))
      })
      await closed
      if (invalidResponses.length > 0) {
        throw new Error(
          `The fake GitHub answered as GitHub never would:\n${invalidResponses.join('\n')}`
        )
      }
    },
    setFailure: (target, failure, setOptions = {}) => {
      const response = typeof failure === 'string' ? failureResponse(failure) : failure
      failures.push({ ...response, target, remaining: setOptions.times ?? Infinity })
    },
    clearFailures: () => {
      failures = []
    },
    addCommit: sha => {
      state.commits.add(sha)
    },
    addPullRequest,
    addComment,
    addCheckRun,
    addFile: (path, text) => {
      state.files.set(path, text)
    }
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

/**
 * A comment's body: the schema lets any string through; GitHub itself refuses an empty one
 * and one over 65536 characters, with the 422 its users report ("body is too long (maximum
 * is 65536 characters)"); https://docs.github.com/rest/issues/comments states no limit.
 */
function commentBody(body: unknown): string {
  const text = (body as { body: string }).body
  if (text === '') throw invalid('IssueComment', 'body', 'body cannot be blank')
  if (text.length > MAX_COMMENT_LENGTH) {
    throw invalid(
      'IssueComment',
      'body',
      `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`
    )
  }
  return text
}

function invalid(resource: string, field: string, message: string): HttpError {
  return new HttpError(422, 'Validation Failed', {}, [{ resource, code: 'custom', field, message }])
}
