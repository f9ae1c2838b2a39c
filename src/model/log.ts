/** Where the release timeline goes: the job log in production, an array in tests. */
export interface Log {
  info(message: string): void
  warning(message: string): void
  /** An error annotation; the job's failure itself is set once, by run(). */
  error(message: string): void
  debug(message: string): void
  startGroup(title: string): void
  endGroup(): void
  /** Lines from outside the action, one each, none of which may act as a workflow command. */
  untrusted(lines: readonly string[]): void
}
