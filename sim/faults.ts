/**
 * Fault injection: throttling, server errors, dropped connections, lost answers and
 * latency, drawn from a seeded generator so a run is reproducible. A faulted request never
 * reaches an operation, so it never changes state — except a lost answer, whose request
 * ran before its connection was cut.
 */
import type { Random } from './random.js'

export interface FaultOptions {
  /** Share of requests answered 400 ThrottlingException "Rate exceeded" (0–1). */
  throttleRate?: number
  /** Share of requests answered 500 ServerException (0–1). */
  serverErrorRate?: number
  /** Share of requests whose connection is destroyed without an answer (0–1). */
  dropRate?: number
  /**
   * Share of requests that run (and take effect) but whose connection is destroyed
   * before the answer is sent: the ambiguous failure a client cannot tell from a drop (0–1).
   */
  lostResponseRate?: number
  /** Added to every affected request before it is answered. */
  latencyMs?: number
  /** Up to this much more latency, uniformly drawn. */
  latencyJitterMs?: number
  /** Only these operations are affected; all when omitted. */
  operations?: string[]
}

export type FaultKind = 'throttle' | 'server-error' | 'drop' | 'lost-response'

export interface FaultDecision {
  kind?: FaultKind
  delayMs: number
}

function checkRate(name: string, value: number | undefined): number {
  const rate = value ?? 0
  if (!(rate >= 0 && rate <= 1))
    throw new Error(`faults.${name} must be between 0 and 1, got ${value}`)
  return rate
}

export class FaultInjector {
  private faults: FaultOptions = {}

  constructor(private readonly random: Random) {}

  set(faults: FaultOptions): void {
    const rates = ['dropRate', 'throttleRate', 'serverErrorRate', 'lostResponseRate'] as const
    const total = rates.reduce((sum, name) => sum + checkRate(name, faults[name]), 0)
    if (total > 1) throw new Error(`faults: the rates add up to ${total}, more than 1`)
    for (const name of ['latencyMs', 'latencyJitterMs'] as const) {
      const value = faults[name]
      if (value !== undefined && !(value >= 0))
        throw new Error(`faults.${name} must be >= 0, got ${value}`)
    }
    this.faults = { ...faults }
  }

  decide(operation: string | undefined): FaultDecision {
    const faults = this.faults
    if (faults.operations && (operation === undefined || !faults.operations.includes(operation))) {
      return { delayMs: 0 }
    }
    const jitter = faults.latencyJitterMs ? this.random() * faults.latencyJitterMs : 0
    const delayMs = (faults.latencyMs ?? 0) + jitter
    const roll = this.random()
    const bands: [FaultKind, number | undefined][] = [
      ['drop', faults.dropRate],
      ['throttle', faults.throttleRate],
      ['server-error', faults.serverErrorRate],
      ['lost-response', faults.lostResponseRate]
    ]
    let edge = 0
    for (const [kind, rate] of bands) {
      edge += rate ?? 0
      if (roll < edge) return { kind, delayMs }
    }
    return { delayMs }
  }
}
