/**
 * Every timer the simulator starts goes through here, grouped by an owner key (usually a
 * deployment ARN), so a rollback can cancel what belongs to one deployment and close()
 * can cancel everything: jest must find no open handles.
 */
interface HeldAction {
  owner: string
  action: () => void
  cancelled: boolean
}

export class Scheduler {
  private readonly timers = new Map<string, Set<NodeJS.Timeout>>()
  /** Actions that came due while held, in the order they came due. */
  private held?: HeldAction[]
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
        if (this.held) this.held.push({ owner, action, cancelled: false })
        else this.run(action)
      },
      Math.max(0, ms)
    )
    group.add(timer)
  }

  /** Resolves after `ms` unless the scheduler is closed first (then it never resolves). */
  sleep(owner: string, ms: number): Promise<void> {
    return new Promise(resolve => this.after(owner, ms, resolve))
  }

  /**
   * Until release(), actions that come due wait instead of running: a state that lasts a
   * single stage stays put however slowly a loaded machine looks at it.
   */
  hold(): void {
    this.held ??= []
  }

  /** Runs what came due while held, in order, and lets timers act again. */
  release(): void {
    // Still held while the loop runs, so an action that cancels an owner marks its entries.
    for (const entry of this.held ?? []) if (!entry.cancelled) this.run(entry.action)
    this.held = undefined
  }

  cancel(owner: string): void {
    for (const timer of this.timers.get(owner) ?? []) clearTimeout(timer)
    this.timers.delete(owner)
    for (const entry of this.held ?? []) if (entry.owner === owner) entry.cancelled = true
  }

  close(): void {
    this.stopped = true
    this.held = undefined
    for (const owner of [...this.timers.keys()]) this.cancel(owner)
  }

  private run(action: () => void): void {
    try {
      action()
    } catch (error) {
      this.onError(error)
    }
  }
}
