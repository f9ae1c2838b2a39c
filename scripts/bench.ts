/**
 * `npm run bench`: how fast and how lean the bundled action is, as a user's runner sees it.
 * A benchmark, not a test: it prints one Markdown table per section with each measured
 * value, its target (README.md, "Performance") and whether it is met, and exits 0 whatever the
 * numbers (1 only if the bench itself could not run). Numbers from a busy machine are
 * noisy; the load average is printed so a reader can tell.
 *
 *   1  cold start to a validation error, beside `node -e 0`
 *   2  one release against the ECS simulator
 *   3  20 concurrent releases against one simulator
 *   4  one release of 20 services as one (the services input)
 *   5  a 24-hour release of 20 services, in simulated time
 *
 * `npm run bench -- 1 3` runs only the sections named.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os'
import { measureColdStart } from './bench/cold-start.js'
import { measureLoad } from './bench/load.js'
import { measureReleases } from './bench/release.js'
import { measureReleaseSet } from './bench/release-set.js'
import { measureLongRelease } from './bench/long-release.js'
import { renderSection, type Section } from './bench/report.js'
import { NODE_24 } from './runner.js'

/** Stages of 300 ms: a release takes about 4 s, so a 1 s poll sees several stages and the whole bench stays near a minute. */
const TIMING = { stageMs: 300, minuteMs: 600 }

const SECTIONS: Record<string, () => Promise<Section>> = {
  '1': () => measureColdStart({ runs: 20, warmups: 2 }),
  '2': () => measureReleases({ releases: 3, timing: TIMING }),
  '3': () => measureLoad({ runs: 20, timing: TIMING }),
  '4': () => measureReleaseSet({ services: 20, runs: 3, timing: TIMING }),
  '5': () => measureLongReleaseApart()
}

/** The argument that makes this script the process of section 5, printing its table as JSON. */
const LONG_RELEASE_CHILD = '--long-release-child'

/**
 * Section 5 measures its own process's memory, so it runs in a process of its own: in this
 * one, the simulators of the sections before it leave their heap (and a young generation
 * they grew) behind.
 */
function measureLongReleaseApart(): Promise<Section> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), LONG_RELEASE_CHILD],
      { maxBuffer: 1 << 20 },
      (error, stdout) =>
        error
          ? reject(new Error(`section 5: ${error.message}`))
          : resolve(JSON.parse(stdout) as Section)
    )
  })
}

function machine(): string {
  const node = existsSync(NODE_24) ? NODE_24 : process.execPath
  const actionNode = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
  const load = loadavg()
    .map(value => value.toFixed(2))
    .join(' ')
  return [
    '# ecs-bluegreen-action benchmark',
    '',
    `- Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown model'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${type()} ${release()}`,
    `- Load average (1, 5, 15 min) at start: ${load}`,
    `- Node running the action: ${actionNode} (${existsSync(NODE_24) ? 'node_modules/node' : 'this Node: node_modules/node is missing'}); Node running the bench and simulator: ${process.version}`,
    `- Started ${new Date().toISOString()}`
  ].join('\n')
}

async function main(): Promise<number> {
  if (process.argv[2] === LONG_RELEASE_CHILD) {
    console.log(JSON.stringify(await measureLongRelease()))
    return 0
  }
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter(name => !(name in SECTIONS))
  if (unknown.length > 0) {
    console.error(
      `Unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}.`
    )
    return 2
  }
  console.log(machine())
  const started = Date.now()
  let met = 0
  let missed = 0
  for (const [name, measure] of Object.entries(SECTIONS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue
    const section = await measure()
    met += section.rows.filter(row => row.pass === true).length
    missed += section.rows.filter(row => row.pass === false).length
    console.log(`\n${renderSection(section)}`)
  }
  console.log(
    `\n${met} of ${met + missed} targets met${missed > 0 ? ` (${missed} missed)` : ''}; the bench took ${((Date.now() - started) / 1000).toFixed(0)} s.`
  )
  return 0
}

main().then(
  code => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
