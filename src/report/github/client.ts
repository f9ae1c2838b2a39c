import type { Octokit } from '@octokit/core'
import type { PaginateInterface } from '@octokit/plugin-paginate-rest'
import type { Api } from '@octokit/plugin-rest-endpoint-methods'
import type { Log } from '../../model/log.js'

/** The Octokit that @actions/github builds: REST methods and pagination. */
export type GitHubApi = Octokit & Api & { paginate: PaginateInterface }

export interface GitHubClientOptions {
  /** GITHUB_API_URL; GitHub Enterprise Server and the tests' fake server set it. */
  baseUrl?: string
  log: Log
  /** Milliseconds per second of a retry wait; tests shrink it. */
  retryAfterBaseValue?: number
  /** Space writes a second apart as GitHub asks of integrations; tests may switch it off. */
  throttle?: boolean
  /** Longest one API call may take, retries included, so a hung API cannot hold up a release. */
  timeoutMs?: number
}

/** Rate-limit retries before giving up; the reporter then warns once and stops the channel. */
export const RATE_LIMIT_RETRIES = 2
/** Longest rate-limit wait worth taking: a release must not stall for an hour-long reset. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60
const DEFAULT_TIMEOUT_MS = 120_000
/** Client errors that retrying cannot fix; 429 is left to the throttling plugin. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451]

/**
 * An authenticated Octokit with retries (5xx, twice) and rate-limit handling. Octokit and
 * the plugins are imported here, on first use, so runs that never reach the API (a
 * validation error, `render`, reports switched off) never pay for loading them.
 */
export async function createGitHubClient(
  token: string,
  options: GitHubClientOptions
): Promise<GitHubApi> {
  const baseUrl = options.baseUrl || 'https://api.github.com'
  const [connect, { retry }, { throttling }] = await Promise.all([
    connection(baseUrl),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling')
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
  const octokit = connect(
    token,
    {
      baseUrl,
      userAgent: 'ecs-bluegreen-action',
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message: string) => log.debug(message),
        error: (message: string) => log.debug(message)
      },
      retry: { retries: 2, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue },
      throttle: {
        enabled: options.throttle ?? true,
        retryAfterBaseValue,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit')
      }
    },
    retry,
    throttling
  )
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  // Registered after the plugins, so it wraps them: one deadline covers every retry.
  // Hooks share one options object (before-after-hook), so the signal is set on it.
  octokit.hook.wrap('request', (request, options) => {
    options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) }
    return request(options)
  })
  return octokit
}

type OctokitOptions = NonNullable<ConstructorParameters<typeof Octokit>[0]>
type OctokitPlugin = Parameters<typeof Octokit.plugin>[0]
type Connect = (token: string, options: OctokitOptions, ...plugins: OctokitPlugin[]) => GitHubApi

/**
 * How to reach the API. Behind a proxy (https_proxy, or http_proxy for an http URL, and
 * no_proxy, read as @actions/http-client reads them), @actions/github's Octokit, whose
 * fetch tunnels through it. Otherwise the same Octokit (core, REST methods, pagination)
 * on node-fetch over node:http, which the AWS SDK has loaded already: @actions/github
 * imports undici, about 20 MiB of memory before its first request, which would take the
 * release past issue 3's 90 MiB, and Node's own fetch costs more still.
 */
async function connection(baseUrl: string): Promise<Connect> {
  const { getProxyUrl } = await import('@actions/http-client/lib/proxy.js')
  if (getProxyUrl(new URL(baseUrl))) {
    const { getOctokit } = await import('@actions/github')
    return (token, options, ...plugins) => getOctokit(token, options, ...plugins) as GitHubApi
  }
  const [{ Octokit }, { restEndpointMethods }, { paginateRest }, { default: fetch }] =
    await Promise.all([
      import('@octokit/core'),
      import('@octokit/plugin-rest-endpoint-methods'),
      import('@octokit/plugin-paginate-rest'),
      import('node-fetch')
    ])
  const GitHub = Octokit.plugin(restEndpointMethods, paginateRest)
  return (token, options, ...plugins) =>
    new (GitHub.plugin(...plugins))({ ...options, auth: token, request: { fetch } }) as GitHubApi
}
