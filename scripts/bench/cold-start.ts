/**
 * Section 1: the bundle's cold start to a validation error, beside `node -e 0`.
 *
 * The action runs as the runner runs it (runAction: Node 24 from node_modules/node, every
 * input of action.yml set, GITHUB_* files) with `command: bogus`, which input parsing
 * rejects first, before any ECS or GitHub client could be loaded. The baseline goes
 * through the same runAction with `-e 0` in front of the bundle path, so Node evaluates
 * `0` and never reads the bundle: same binary, same environment, same measurement.
 */
import type { ChildProcess } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { annotations, runAction } from '../runner.js'
import { type Usage, UsageProbe } from './usage-probe.js'
import { atMost, max, median, mib, ms, percentile, type Section } from './report.js'

export interface ColdStartOptions {
  runs: number
  warmups: number
}

const FAILING_INPUTS = { command: 'bogus', service: 'web' }
const TARGET_WALL_MS = 110
const TARGET_RSS_KIB = 60 * 1024

interface Sample {
  wallMs: number
  exitCode: number | null
  errors: string[]
}

/**
 * One start: wall time from spawn() returning (the child exists) to its 'exit' event,
 * on the monotonic clock; 'exit' rather than runAction's return, which also waits for
 * the pipes to drain and reads the output files.
 */
async function start(
  target: 'action' | 'baseline',
  extra: { nodeArgs?: string[]; env?: Record<string, string> } = {}
): Promise<Sample> {
  let startedAt = 0
  let exitedAt = 0
  const run = await runAction({
    inputs: FAILING_INPUTS,
    nodeArgs: [...(extra.nodeArgs ?? []), ...(target === 'baseline' ? ['-e', '0'] : [])],
    env: extra.env,
    onStart: (child: ChildProcess) => {
      startedAt = performance.now()
      child.once('exit', () => (exitedAt = performance.now()))
    },
    timeoutMs: 30_000
  })
  return { wallMs: exitedAt - startedAt, exitCode: run.exitCode, errors: annotations(run, 'error') }
}

export async function measureColdStart(options: ColdStartOptions): Promise<Section> {
  for (let index = 0; index < options.warmups; index++) {
    await start('action')
    await start('baseline')
  }
  // Interleaved, so drift in the machine's load hits both series alike.
  const action: Sample[] = []
  const baseline: Sample[] = []
  for (let index = 0; index < options.runs; index++) {
    action.push(await start('action'))
    baseline.push(await start('baseline'))
  }
  const probe = new UsageProbe()
  const actionUsage: Usage[] = []
  const baselineUsage: Usage[] = []
  try {
    for (let index = 0; index < options.runs; index++) {
      for (const [target, into] of [
        ['action', actionUsage],
        ['baseline', baselineUsage]
      ] as const) {
        const measured = probe.next()
        await start(target, measured)
        into.push(measured.read())
      }
    }
  } finally {
    probe.close()
  }
  const actionRss = actionUsage.map(usage => usage.peakRssKiB)
  const baselineRss = baselineUsage.map(usage => usage.peakRssKiB)
  const actionCpu = actionUsage.map(usage => usage.cpuMs)
  const baselineCpu = baselineUsage.map(usage => usage.cpuMs)

  const wall = action.map(sample => sample.wallMs)
  const baseWall = baseline.map(sample => sample.wallMs)
  const rejected = action.filter(
    sample => sample.exitCode === 1 && sample.errors.some(error => error.includes("'command'"))
  ).length
  return {
    title: `1 · Cold start to a validation error (${options.runs} runs after ${options.warmups} warm-ups)`,
    rows: [
      {
        metric: 'runs rejected at input parsing (exit 1, error names `command`)',
        value: `${rejected}/${action.length}`,
        target: `${action.length}/${action.length}`,
        pass: rejected === action.length
      },
      atMost('action: median wall', median(wall), TARGET_WALL_MS, ms),
      { metric: 'action: p90 wall', value: ms(percentile(wall, 0.9)) },
      { metric: 'action: median CPU time (user + system)', value: ms(median(actionCpu)) },
      atMost('action: peak RSS (max of runs)', max(actionRss), TARGET_RSS_KIB, mib),
      { metric: 'action: peak RSS (median of runs)', value: mib(median(actionRss)) },
      { metric: '`node -e 0`: median wall', value: ms(median(baseWall)) },
      { metric: '`node -e 0`: p90 wall', value: ms(percentile(baseWall, 0.9)) },
      { metric: '`node -e 0`: median CPU time', value: ms(median(baselineCpu)) },
      { metric: '`node -e 0`: peak RSS (max of runs)', value: mib(max(baselineRss)) },
      {
        metric: 'action minus `node -e 0`: wall, CPU, RSS (medians)',
        value: [
          ms(median(wall) - median(baseWall)),
          ms(median(actionCpu) - median(baselineCpu)),
          mib(median(actionRss) - median(baselineRss))
        ].join(', ')
      }
    ],
    notes: [
      `Inputs: every action.yml default plus ${Object.entries(FAILING_INPUTS)
        .map(([name, value]) => `${name}: ${value}`)
        .join(', ')}; \`node -e 0\` runs with the same Node binary and environment.`,
      "Wall: spawn() returning to the child's exit event, monotonic clock, runs without any preload. RSS and CPU: separate runs with a --require preload that writes process.resourceUsage() at exit; CPU time hardly moves with the machine's load, wall time does.",
      'Targets: median wall ≤ 110 ms, peak RSS ≤ 60 MiB, on the development machine; the amazon-ecs-deploy-task-definition action: 179 ms, 73 MiB; `node -e 0`: 59 ms, 39 MiB.'
    ]
  }
}
