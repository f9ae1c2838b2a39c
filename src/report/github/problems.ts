import type { Log } from '../../model/log.js'
import { plain } from '../../model/format.js'

/**
 * What went wrong talking to GitHub, said once per channel and kind of problem, in words
 * that name the missing permission and how to grant it. Reporting never fails a release:
 * a channel that cannot work is switched off for the rest of the run.
 */

export type Channel = 'comment' | 'check-run'

export type ProblemKind =
  'unauthorized' | 'forbidden' | 'not-found' | 'rate-limited' | 'rejected' | 'unavailable'

export interface Problem {
  kind: ProblemKind
  status?: number
  /** GitHub's message (or the network error), clipped; never contains the token. */
  message: string
}

interface ChannelFacts {
  what: string
  permission: string
  input: string
}

const CHANNELS: Record<Channel, ChannelFacts> = {
  comment: {
    what: 'pull request comment',
    permission: 'pull-requests: write',
    input: 'pr-comment'
  },
  'check-run': { what: 'check run', permission: 'checks: write', input: 'check-run' }
}

/** Transient problems get this many tries (one per publish) before the channel is dropped. */
export const TRANSIENT_ATTEMPTS = 3

export function classify(error: unknown): Problem {
  const failure = error as {
    status?: unknown
    message?: unknown
    response?: { headers?: Record<string, string | undefined> }
  } | null
  const status = typeof failure?.status === 'number' ? failure.status : undefined
  const message = plain(String(failure?.message ?? error), 300)
  const headers = failure?.response?.headers ?? {}
  const rateLimited =
    headers['x-ratelimit-remaining'] === '0' ||
    headers['retry-after'] !== undefined ||
    /rate limit/i.test(message)
  if ((status === 403 || status === 429) && rateLimited)
    return { kind: 'rate-limited', status, message }
  if (status === 401) return { kind: 'unauthorized', status, message }
  if (status === 403) return { kind: 'forbidden', status, message }
  if (status === 404) return { kind: 'not-found', status, message }
  if (status !== undefined && status >= 400 && status < 500)
    return { kind: 'rejected', status, message }
  return { kind: 'unavailable', status, message }
}

export function isTransient(problem: Problem): boolean {
  return problem.kind === 'unavailable'
}

export function problemWarning(channel: Channel, problem: Problem, actor?: string): string {
  const { what, permission, input } = CHANNELS[channel]
  const answer = `GitHub answered ${problem.status ?? 'nothing'} (${problem.message})`
  const grant = `add \`${permission}\` to the job's \`permissions:\` block (or set \`${input}: false\`)`
  const off = `No more ${what} updates in this run; the job summary still has the report.`
  switch (problem.kind) {
    case 'forbidden': {
      const readOnly =
        actor === 'dependabot[bot]'
          ? ' Dependabot runs get a read-only GITHUB_TOKEN, so this is expected here.'
          : ' Pull requests from forks and Dependabot get a read-only GITHUB_TOKEN, so this is expected there.'
      const appOnly = /GitHub App/i.test(problem.message)
        ? ' Check runs can only be written with a GitHub App token such as GITHUB_TOKEN, not a personal access token.'
        : ''
      return `Could not write the ${what}: the token lacks \`${permission}\`. ${answer}. To fix it, ${grant}.${appOnly}${readOnly} ${off}`
    }
    case 'unauthorized':
      return `Could not write the ${what}: GitHub rejected github-token. ${answer}. Pass a valid token, or leave github-token at its default. ${off}`
    case 'not-found':
      return `Could not write the ${what}: ${answer}, which is how GitHub reports a token that cannot see the repository. With a fine-grained or GitHub App token, grant \`${permission}\` on this repository; with GITHUB_TOKEN, ${grant}. ${off}`
    case 'rate-limited':
      return `Could not write the ${what}: GitHub's API rate limit was reached and retrying did not help. ${answer}. ${off}`
    case 'rejected':
      return `Could not write the ${what}: GitHub rejected the request. ${answer}. ${off}`
    case 'unavailable':
      return `Could not write the ${what} this time: ${answer}. It is retried at the next update, and given up after ${TRANSIENT_ATTEMPTS} failures in a row.`
  }
}

/**
 * Runs a channel's API work: catches every error, warns once per kind of problem, and
 * switches the channel off (at once, or after repeated transient failures).
 */
export class ChannelGuard {
  private on = true
  private readonly warned = new Set<ProblemKind>()
  private transientFailures = 0

  constructor(
    readonly channel: Channel,
    private readonly log: Log,
    private readonly actor?: string
  ) {}

  get enabled(): boolean {
    return this.on
  }

  /** Switches the channel off for a reason that is not a problem (no pull request, no token). */
  disable(): void {
    this.on = false
  }

  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (!this.on) return undefined
    try {
      const result = await work()
      this.transientFailures = 0
      return result
    } catch (error) {
      this.fail(classify(error))
      return undefined
    }
  }

  private fail(problem: Problem): void {
    if (!this.warned.has(problem.kind)) {
      this.warned.add(problem.kind)
      this.log.warning(problemWarning(this.channel, problem, this.actor))
    }
    if (isTransient(problem)) {
      this.transientFailures += 1
      if (this.transientFailures < TRANSIENT_ATTEMPTS) return
    }
    this.on = false
  }
}
