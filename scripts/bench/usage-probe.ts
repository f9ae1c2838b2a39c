import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Peak memory and CPU time of a child process, from inside it: a `--require` preload that
 * writes process.resourceUsage() when the process exits.
 *
 * Why this is sound: maxRSS is the kernel's high-water mark of the process's resident set
 * (getrusage ru_maxrss), kept for the whole life of the process, so reading it in the
 * 'exit' event sees the peak whenever it happened, and nothing after 'exit' allocates
 * much. 'exit' fires on a normal end, on process.exit() and with process.exitCode set,
 * which covers every way the action ends (a run killed by a signal writes nothing and
 * shows as n/a). The preload itself is a few lines of CommonJS using the fs module Node
 * has already loaded during bootstrap; `--require` rather than `--import` because it
 * does not start the ESM loader, which `node -e 0` (the baseline) would otherwise not
 * load. Checked against GNU time's %M (the parent's wait4 rusage, nothing in the child):
 * the two agree within 0.5 MiB for both the bundle and `node -e 0`. Wall times are taken
 * from separate runs without the preload anyway.
 *
 * CPU time (user + system, all threads) is reported beside wall time because it barely
 * moves when other work shares the machine, while wall time does.
 */
const PRELOAD = `'use strict'
// Written by scripts/bench/usage-probe.ts: this process's peak RSS (KiB) and CPU time (µs) at exit.
const { writeFileSync } = require('node:fs')
process.on('exit', () => {
  const usage = process.resourceUsage()
  writeFileSync(
    process.env.BENCH_USAGE_FILE,
    JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime })
  )
})
`

export interface Usage {
  peakRssKiB: number
  cpuMs: number
}

export class UsageProbe {
  private readonly directory = mkdtempSync(join(tmpdir(), 'bench-usage-'))
  private readonly preload = join(this.directory, 'usage.cjs')
  private count = 0

  constructor() {
    writeFileSync(this.preload, PRELOAD)
  }

  /** Node arguments and environment for one measured run, and how to read its result. */
  next(): { nodeArgs: string[]; env: Record<string, string>; read: () => Usage } {
    const file = join(this.directory, `run-${++this.count}.json`)
    return {
      nodeArgs: ['--require', this.preload],
      env: { BENCH_USAGE_FILE: file },
      read: () => {
        try {
          const usage = JSON.parse(readFileSync(file, 'utf8')) as { maxRSS: number; cpu: number }
          return { peakRssKiB: usage.maxRSS, cpuMs: usage.cpu / 1000 }
        } catch {
          return { peakRssKiB: Number.NaN, cpuMs: Number.NaN }
        }
      }
    }
  }

  close(): void {
    rmSync(this.directory, { recursive: true, force: true })
  }
}
