import { randomInt } from 'node:crypto'

/** A source of uniform numbers in [0, 1). */
export type Random = () => number

/**
 * mulberry32: tiny and good enough for fault dice and ids. A seeded generator (not Math.random)
 * makes a run with the same `randomSeed` and the same request sequence reproducible.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function freshSeed(): number {
  return randomInt(0, 2 ** 32 - 1)
}
