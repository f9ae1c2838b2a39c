import type { Clock } from '../../src/model/clock.js'

export interface FakeClockOptions {
  /** The time the clock starts at, in ms since the epoch. */
  start?: number
  /**
   * Sleeps after which the clock fails the test as a loop that never ends. The default
   * is far above any test's need: a one-hour wait polled every second sleeps 3,600 times.
   */
  maxSleeps?: number
}

/**
 * Virtual time: sleeping moves the clock forward at once, so hours of polling take no
 * time. Each sleep still yields to the event loop, as a real one does, and a test's clock
 * allows only so many sleeps: a poll loop that never ends fails its test (by the error
 * thrown here, or by Jest's timeout if the loop swallows it) instead of hanging the worker.
 */
export class FakeClock implements Clock {
  readonly slept: number[] = []
  private time: number
  private readonly maxSleeps: number

  constructor({
    start = Date.parse('2026-11-25T12:00:00Z'),
    maxSleeps = 10_000
  }: FakeClockOptions = {}) {
    this.time = start
    this.maxSleeps = maxSleeps
  }

  now(): Date {
    return new Date(this.time)
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await new Promise(resolve => setImmediate(resolve))
    if (signal?.aborted) return
    if (this.slept.length >= this.maxSleeps) {
      throw new Error(
        `FakeClock: ${this.maxSleeps} sleeps and still sleeping (the last for ${ms} ms): a loop that never ends? ` +
          'A test that needs more sleeps passes a higher maxSleeps.'
      )
    }
    this.slept.push(ms)
    // Like setTimeout, a negative delay waits no time: the clock never runs backwards.
    this.time += Math.max(ms, 0)
  }
}
