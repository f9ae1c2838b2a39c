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

/**
 * Who github-token speaks for, from its prefix
 * (https://docs.github.com/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats):
 * an installation of a GitHub App (`ghs_`: GITHUB_TOKEN, or an app's token), whose
 * permissions the job's `permissions:` block or the app's settings set; or a person
 * (`ghp_` classic, `github_pat_` fine-grained), whose access is set where the token was
 * made, which the `permissions:` block does not touch.
 */
export type TokenKind = 'installation' | 'personal' | 'unknown'

export function tokenKind(token: string): TokenKind {
  if (token.startsWith('ghs_')) return 'installation'
  if (token.startsWith('ghp_') || token.startsWith('github_pat_')) return 'personal'
  return 'unknown'
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

/** Who the warnings are about: the run's actor, and the kind of token it reports with. */
export interface TokenFacts {
  actor?: string
  token?: TokenKind
}

export function problemWarning(channel: Channel, problem: Problem, facts: TokenFacts = {}): string {
  const { what, permission, input } = CHANNELS[channel]
  const answer = `GitHub answered ${problem.status ?? 'nothing'} (${problem.message})`
  const grant = `add \`${permission}\` to the job's \`permissions:\` block (or set \`${input}: false\`)`
  const off = `No more ${what} updates in this run; the job summary still has the report.`
  // GitHub names the token in its refusals: "…by personal access token", "You must authenticate via a GitHub App".
  const personal =
    facts.token === 'personal' || /personal access token|GitHub App/i.test(problem.message)
  switch (problem.kind) {
    case 'forbidden': {
      if (personal)
        return `Could not write the ${what}: ${personalAdvice(channel)} ${answer}. ${off}`
      const readOnly =
        facts.actor === 'dependabot[bot]'
          ? ' Dependabot runs get a read-only GITHUB_TOKEN, so this is expected here.'
          : ' Pull requests from forks and Dependabot get a read-only GITHUB_TOKEN, so this is expected there.'
      return `Could not write the ${what}: the token lacks \`${permission}\`. ${answer}. To fix it, ${grant}; a GitHub App's token needs that permission in the app's settings.${readOnly} ${off}`
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
 * What a personal access token needs, which is set where the token is made: the job's
 * `permissions:` block applies to GITHUB_TOKEN only
 * (https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token).
 * Check runs take a GitHub App's token ("OAuth apps and personal access tokens (classic)
 * cannot use this endpoint": https://docs.github.com/rest/checks/runs#create-a-check-run).
 */
function personalAdvice(channel: Channel): string {
  if (channel === 'check-run') {
    return 'check runs can only be written with a GitHub App token such as GITHUB_TOKEN, not a personal access token: leave `github-token` at its default for them, or set `check-run: false`.'
  }
  return 'the personal access token may not write pull request comments. Its access is set where it was made, not by the job\'s `permissions:` block: give a fine-grained token the "Pull requests" repository permission (read and write), or a classic token the `repo` scope (`public_repo` for a public repository); or set `pr-comment: false`.'
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
    private readonly facts: TokenFacts = {}
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
      this.log.warning(problemWarning(this.channel, problem, this.facts))
    }
    if (isTransient(problem)) {
      this.transientFailures += 1
      if (this.transientFailures < TRANSIENT_ATTEMPTS) return
    }
    this.on = false
  }
}
