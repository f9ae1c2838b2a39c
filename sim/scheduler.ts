/**
 * Every timer the simulator starts goes through here, grouped by an owner key (usually a
 * deployment ARN), so a rollback can cancel what belongs to one deployment and close()
 * can cancel everything: jest must find no open handles.
 */
export class Scheduler {
  private readonly timers = new Map<string, Set<NodeJS.Timeout>>()
  private stopped = false

  constructor(private readonly onError: (error: unknown) => void) {}

  after(owner: string, ms: number, action: () => void): void {
    if (this.stopped) return
    const group = this.timers.get(owner) ?? new Set<NodeJS.Timeout>()
    this.timers.set(owner, group)
    const timer = setTimeout(
      () => {
        group.delete(timer)
        if (group.size === 0) this.timers.delete(owner)
        try {
          action()
        } catch (error) {
          this.onError(error)
        }
      },
      Math.max(0, ms)
    )
    group.add(timer)
  }

  /** Resolves after `ms` unless the scheduler is closed first (then it never resolves). */
  sleep(owner: string, ms: number): Promise<void> {
    return new Promise(resolve => this.after(owner, ms, resolve))
  }

  cancel(owner: string): void {
    for (const timer of this.timers.get(owner) ?? []) clearTimeout(timer)
    this.timers.delete(owner)
  }

  close(): void {
    this.stopped = true
    for (const owner of [...this.timers.keys()]) this.cancel(owner)
  }
}
