import { formatElapsed, formatTime } from './log.js'

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
