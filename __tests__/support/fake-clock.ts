import type { Clock } from '../../src/model/clock.js'

/** Virtual time: sleeping moves the clock forward at once, so hours of polling take no time. */
export class FakeClock implements Clock {
  slept: number[] = []
  private time: number

  constructor(start = Date.parse('2026-11-25T12:00:00Z')) {
    this.time = start
  }

  now(): Date {
    return new Date(this.time)
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return
    this.slept.push(ms)
    this.time += ms
  }

  advance(ms: number): void {
    this.time += ms
  }
}
