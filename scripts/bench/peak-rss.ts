import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Peak memory of a child process, from inside it: a `--require` preload that writes
 * process.resourceUsage().maxRSS when the process exits.
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
 */
const PRELOAD = `'use strict'
// Written by scripts/bench/peak-rss.ts: reports this process's peak RSS (KiB) at exit.
const { writeFileSync } = require('node:fs')
process.on('exit', () => {
  writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS))
})
`

export class PeakRssProbe {
  private readonly directory = mkdtempSync(join(tmpdir(), 'bench-rss-'))
  private readonly preload = join(this.directory, 'peak-rss.cjs')
  private count = 0

  constructor() {
    writeFileSync(this.preload, PRELOAD)
  }

  /** Node arguments and environment for one measured run, and how to read its result. */
  next(): { nodeArgs: string[]; env: Record<string, string>; read: () => number } {
    const file = join(this.directory, `run-${++this.count}.txt`)
    return {
      nodeArgs: ['--require', this.preload],
      env: { BENCH_PEAK_RSS_FILE: file },
      read: () => {
        try {
          return Number(readFileSync(file, 'utf8'))
        } catch {
          return Number.NaN
        }
      }
    }
  }

  close(): void {
    rmSync(this.directory, { recursive: true, force: true })
  }
}
