import { describe, expect, it } from '@jest/globals'
import { FakeClock } from './fake-clock.js'

describe('FakeClock', () => {
  it('moves virtual time by each sleep at once, and never backwards', async () => {
    const clock = new FakeClock({ start: 0 })
    await clock.sleep(60 * 60_000)
    await clock.sleep(-5_000)
    expect(clock.now().getTime()).toBe(60 * 60_000)
    expect(clock.slept).toEqual([60 * 60_000, -5_000])
  })

  it('does not sleep once the signal has aborted', async () => {
    const clock = new FakeClock({ start: 0 })
    await clock.sleep(1_000, AbortSignal.abort())
    expect(clock.now().getTime()).toBe(0)
    expect(clock.slept).toEqual([])
  })

  it('fails a poll loop that never ends, saying so, instead of hanging', async () => {
    const clock = new FakeClock({ maxSleeps: 500 })
    const pollForever = async (): Promise<never> => {
      for (;;) await clock.sleep(1_000)
    }
    await expect(pollForever()).rejects.toThrow(
      'FakeClock: 500 sleeps and still sleeping (the last for 1000 ms): a loop that never ends?'
    )
  })

  it('fails a loop whose sleeps take no time, by the default limit', async () => {
    const clock = new FakeClock()
    const pollForever = async (): Promise<never> => {
      for (;;) await clock.sleep(-1)
    }
    await expect(pollForever()).rejects.toThrow('FakeClock: 10000 sleeps')
  })

  it('lets timers run while a loop sleeps, so Jest’s timeout can end a loop that swallows the error', async () => {
    const clock = new FakeClock({ maxSleeps: 1 })
    const timer = { fired: false }
    setTimeout(() => (timer.fired = true), 20)
    let sleeps = 0
    while (!timer.fired) {
      sleeps += 1
      await clock.sleep(1_000).catch(() => undefined)
    }
    expect(sleeps).toBeGreaterThan(1)
  })
})
