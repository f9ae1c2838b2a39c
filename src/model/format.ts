/** Formatting shared by the log, the diagnosis and the reports: times, names, plain text. */

/** Shown for a value that is not known. */
export const NONE = '—'

const EARLIEST = Date.UTC(2000, 0, 1)
const LATEST = Date.UTC(2200, 0, 1)

/**
 * Dates from ECS or from an earlier run's report may be missing, invalid or absurd; only
 * those in 2000–2199 are shown (which also keeps ISO formatting to four-digit years).
 */
export function isValidDate(date: Date | undefined): date is Date {
  const ms = date instanceof Date ? date.getTime() : Number.NaN
  return ms >= EARLIEST && ms < LATEST
}

/** `2026-11-25 18:00:05 UTC`. */
export function dateTime(date: Date | undefined): string {
  if (!isValidDate(date)) return NONE
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** `18:00:05` (UTC, like the job log). */
export function time(date: Date | undefined): string {
  return isValidDate(date) ? formatTime(date) : NONE
}

/** `1h02m05s`, `3m07s`, `12s`. */
export function duration(from: Date | undefined, to: Date | undefined): string {
  if (!isValidDate(from) || !isValidDate(to)) return NONE
  return formatElapsed(to.getTime() - from.getTime()).slice(1)
}

/** `1 task`, `4 tasks`: a count and its noun, singular or plural. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** `1 minute`, `5 minutes`. */
export function minutes(n: number): string {
  return count(n, 'minute')
}

/** `+3m07s` since the release started. */
export function offset(start: Date | undefined, at: Date | undefined): string {
  if (!isValidDate(start) || !isValidDate(at)) return NONE
  return formatElapsed(at.getTime() - start.getTime())
}

/** `10%`, `12.5%`; weights are doubles from ECS. */
export function percent(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NONE
  return `${Math.round(value * 10) / 10}%`
}

/** `web:42` from a task definition ARN. */
export function taskDefinitionName(arn: string): string {
  const match = /:task-definition\/(.+)$/.exec(arn)
  return match?.[1] ?? arn
}

/**
 * An image without its registry, `…/payments:2026.12.07` for
 * `111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments:2026.12.07`, and a digest cut to
 * 12 hex digits: what tells releases apart, in a width that fits a table cell. The registry
 * is the first path component when it has a `.` or `:` or is `localhost` (as Docker reads
 * image references); an image without one is returned as it is.
 */
export function shortImage(image: string): string {
  const digest = /@sha256:([0-9a-f]{64})$/.exec(image)
  const name = digest ? `${image.slice(0, digest.index)}@sha256:${digest[1]?.slice(0, 12)}…` : image
  const slash = name.indexOf('/')
  const registry = slash === -1 ? '' : name.slice(0, slash)
  const hasRegistry = /[.:]/.test(registry) || registry === 'localhost'
  return hasRegistry ? `…${name.slice(slash)}` : name
}

/** The name of the Lambda function in its ARN (`…:function:smoke-test` → `smoke-test`). */
export function functionName(arn: string): string {
  return /:function:([^:]+)/.exec(arn)?.[1] ?? arn
}

/** The id at the end of a service deployment ARN. */
export function deploymentId(arn: string): string {
  return arn.split('/').pop() || arn
}

/** A full commit SHA (SHA-1 or SHA-256), the only form the checks API accepts. */
export function isCommitSha(value: string | undefined): value is string {
  return value !== undefined && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(value)
}

export function shortSha(sha: string): string {
  return isCommitSha(sha) ? sha.slice(0, 7) : sha
}

/** `HH:MM:SS` in UTC, the runner's log time zone. */
export function formatTime(date: Date): string {
  return date.toISOString().slice(11, 19)
}

/** `+1h02m05s`, `+3m07s`, `+12s`: time since the release started. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  if (hours > 0) return `+${hours}h${pad(minutes)}m${pad(seconds)}s`
  if (minutes > 0) return `+${minutes}m${pad(seconds)}s`
  return `+${seconds}s`
}

/** Control characters and bidirectional overrides, which can disguise what text says. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g

/** Shortens text to at most `max` characters (counting the ellipsis). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  // Do not cut a surrogate pair in half.
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1
  return `${text.slice(0, end)}…`
}

/** Longest untrusted value shown in a single table cell or line. */
export const MAX_INLINE = 300

/** Plain text (check run titles and names are not Markdown): one clipped line, nothing hidden. */
export function plain(value: string, max = MAX_INLINE): string {
  return clip(value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim(), max)
}

/** Whether `headline` already gives `text`, perhaps as a clause without its full stop. */
export function alreadySays(headline: string | undefined, text: string): boolean {
  return headline?.includes(text.replace(/\.$/, '')) ?? false
}

/** The message of anything thrown: an Error's message, else the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
