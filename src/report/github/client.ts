import type { Octokit } from '@octokit/core'
import type { PaginateInterface } from '@octokit/plugin-paginate-rest'
import type { Api } from '@octokit/plugin-rest-endpoint-methods'
import type { RequestInfo, RequestInit, Response } from 'node-fetch'
import type { Log } from '../../model/log.js'
import { proxyAgentFor } from '../../net/proxy.js'
import { USER_AGENT } from '../../net/user-agent.js'

type Fetch = (url: RequestInfo, init?: RequestInit) => Promise<Response>

/** Octokit with REST methods and pagination, as @actions/github builds it. */
export type GitHubApi = Octokit & Api & { paginate: PaginateInterface }

export interface GitHubClientOptions {
  /** GITHUB_API_URL; GitHub Enterprise Server and the tests' fake server set it. */
  baseUrl?: string
  log: Log
  /** Milliseconds per second of a retry wait; tests shrink it. */
  retryAfterBaseValue?: number
  /** Space writes a second apart, retries included, as GitHub asks; tests may switch it off. */
  throttle?: boolean
  /** Longest one API call may take, retries included, so a hung API cannot hold up a release. */
  timeoutMs?: number
}

/**
 * The REST API version every request asks for
 * (https://docs.github.com/rest/about-the-rest-api/api-versions): the one every supported
 * GitHub Enterprise Server knows, and that github.com keeps serving until at least March 2028
 * (https://github.blog/changelog/2026-03-12-rest-api-version-2026-03-10-is-now-available).
 * The reports read no field that 2026-03-10 removes, so moving to it is this line only.
 */
export const GITHUB_API_VERSION = '2022-11-28'

/**
 * GitHub asks integrations to wait at least a second between writes
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#pause-between-mutative-requests).
 */
export const WRITE_SPACING_MS = 1000

/** Rate-limit retries before giving up; the reporter then warns once and stops the channel. */
export const RATE_LIMIT_RETRIES = 2
/** Longest rate-limit wait worth taking: a release must not stall for an hour-long reset. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60
const DEFAULT_TIMEOUT_MS = 120_000
/** Client errors that retrying cannot fix; 429 is left to the throttling plugin. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451]

/**
 * An authenticated Octokit with retries (5xx, twice) and rate-limit handling, on node-fetch
 * over node:http, which the AWS SDK has loaded already (undici, which @actions/github and
 * Node's own fetch use, costs about 20 MiB before its first request). Behind the runner's
 * proxy, node-fetch goes through a proxy agent (net/proxy.ts). Octokit, the plugins and the
 * agent are imported here, on first use, so runs that never reach the API (a validation
 * error, `render`, reports switched off) never pay for loading them.
 */
export async function createGitHubClient(
  token: string,
  options: GitHubClientOptions
): Promise<GitHubApi> {
  const baseUrl = options.baseUrl || 'https://api.github.com'
  const [
    { Octokit },
    { restEndpointMethods },
    { paginateRest },
    { retry },
    { throttling },
    { default: fetch },
    agent
  ] = await Promise.all([
    import('@octokit/core'),
    import('@octokit/plugin-rest-endpoint-methods'),
    import('@octokit/plugin-paginate-rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
    import('node-fetch'),
    proxyAgentFor(new URL(baseUrl))
  ])
  const { log } = options
  const retryAfterBaseValue = options.retryAfterBaseValue ?? 1000
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ): boolean => {
      const retrying = retryCount < RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS
      log.debug(
        `GitHub ${kind} on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter} s` : 'giving up'}.`
      )
      return retrying
    }
  const GitHub = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling)
  const throttle = options.throttle ?? true
  const send: Fetch = (url, init) => fetch(url, agent ? { ...init, agent } : init)
  const octokit = new GitHub({
    auth: token,
    baseUrl,
    userAgent: USER_AGENT,
    request: { fetch: throttle ? spacedWrites(send, WRITE_SPACING_MS) : send },
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => log.debug(message),
      error: (message: string) => log.debug(message)
    },
    retry: { retries: 2, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue },
    throttle: {
      enabled: throttle,
      retryAfterBaseValue,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit')
    }
  })
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  // Registered after the plugins, so it wraps them: one deadline covers every retry.
  // Hooks share one options object (before-after-hook), so the signal is set on it.
  octokit.hook.wrap('request', (request, options) => {
    options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) }
    options.headers['x-github-api-version'] ??= GITHUB_API_VERSION
    return request(options)
  })
  return octokit
}

/**
 * `send` with every write (any method but GET and HEAD) sent only once the previous write
 * has been answered, and a second later. It sits under the retry and throttling plugins, so
 * it spaces every request they send, retries included: the throttling plugin spaces only the
 * starts of the writes it queues, and sends a retry ahead of its queue.
 */
export function spacedWrites(send: Fetch, spacingMs: number): Fetch {
  let nextWrite: Promise<unknown> = Promise.resolve()
  return (url, init) => {
    const method = (init?.method ?? 'GET').toUpperCase()
    if (method === 'GET' || method === 'HEAD') return send(url, init)
    const answered = nextWrite.then(() => send(url, init))
    const pause = (): Promise<void> => new Promise(resolve => setTimeout(resolve, spacingMs))
    nextWrite = answered.then(pause, pause)
    return answered
  }
}
