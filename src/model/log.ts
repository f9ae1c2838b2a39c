/** Where the release timeline goes: the job log in production, an array in tests. */
export interface Log {
  info(message: string): void
  warning(message: string): void
  /** An error annotation; the job's failure itself is set once, by run(). */
  error(message: string): void
  debug(message: string): void
  startGroup(title: string): void
  endGroup(): void
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
