/**
 * Section 4: the bundle releasing 20 services as one (the `services` input) against the
 * simulator, a deploy job to the test traffic gate and a promote job to the end: how soon
 * every deployment starts, how many reads each poll costs, how soon the step ends after
 * the last deployment does, and the peak memory of each job.
 */
import { type RecordedCall, startSimulator, TERMINAL_STATUSES } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { ECR, pullRequestEvent, runAction } from '../runner.js'
import { loadBenchSeed } from './load.js'
import { atMost, max, median, mib, ms, type Row, type Section } from './report.js'
import { pollRounds } from './timed-release.js'
import { UsageProbe } from './usage-probe.js'

export interface ReleaseSetBenchOptions {
  services: number
  runs: number
  timing: { stageMs: number; minuteMs: number }
}

const CLUSTER = 'load'
const POLL_INTERVAL_S = 1
/** The targets for a release of 20 services (README.md, "Performance"). */
const TARGETS = {
  lastUpdateServiceMs: 2000,
  reactionMs: POLL_INTERVAL_S * 1000 + 150,
  peakRssKiB: 90 * 1024
}

const serviceName = (index: number): string => `svc${String(index + 1).padStart(2, '0')}`

interface SetRun {
  ok: boolean
  lastUpdateServiceMs: number
  reactionMs: number
  /** DescribeServiceDeployments calls per poll round, and ARNs per call. */
  deploymentReadsPerPoll: number
  arnsPerRead: number
  /** DescribeServices calls per poll round in which any was made. */
  serviceReadsPerRound: number
  deployRssKiB: number
  promoteRssKiB: number
}

export async function measureReleaseSet(options: ReleaseSetBenchOptions): Promise<Section> {
  const sim = await startSimulator({
    seed: loadBenchSeed(options.services),
    timing: options.timing
  })
  const probe = new UsageProbe()
  const runs: SetRun[] = []
  let reported: SetRun
  try {
    for (let run = 0; run < options.runs; run++) {
      runs.push(await releaseAll(sim, probe, options.services, `${3 + run}.0.0`))
    }
    // The defaults report to the pull request: one more run with a comment and a check run.
    const github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
    try {
      reported = await releaseAll(sim, probe, options.services, `${3 + options.runs}.0.0`, github)
    } finally {
      await github.close()
    }
  } finally {
    probe.close()
    await sim.close()
  }
  const column = (pick: (run: SetRun) => number): number[] => runs.map(pick)
  const both = (values: number[], format: (n: number) => string): string =>
    `${format(median(values))} (${format(max(values))})`
  const rows: Row[] = [
    {
      metric: 'releases that succeeded',
      value: `${runs.filter(run => run.ok).length} / ${runs.length}`,
      target: `${runs.length} / ${runs.length}`,
      pass: runs.every(run => run.ok)
    },
    atMost(
      'last UpdateService after process start: max',
      max(column(run => run.lastUpdateServiceMs)),
      TARGETS.lastUpdateServiceMs,
      ms
    ),
    {
      metric: '… median (max)',
      value: both(
        column(run => run.lastUpdateServiceMs),
        ms
      )
    },
    atMost(
      'DescribeServiceDeployments calls per poll: max',
      max(column(run => run.deploymentReadsPerPoll)),
      1,
      n => n.toFixed(2)
    ),
    {
      metric: 'ARNs per DescribeServiceDeployments call: median (max)',
      value: both(
        column(run => run.arnsPerRead),
        n => n.toFixed(1)
      )
    },
    atMost(
      'DescribeServices calls per round that reads services (one cluster): max',
      max(column(run => run.serviceReadsPerRound)),
      Math.ceil(options.services / 10),
      n => n.toFixed(2)
    ),
    atMost(
      'reaction to the last terminal status: max',
      max(column(run => run.reactionMs)),
      TARGETS.reactionMs,
      ms
    ),
    {
      metric: '… median (max)',
      value: both(
        column(run => run.reactionMs),
        ms
      )
    },
    atMost(
      'peak RSS, deploy job: max',
      max(column(run => run.deployRssKiB)),
      TARGETS.peakRssKiB,
      mib
    ),
    {
      metric: '… median (max)',
      value: both(
        column(run => run.deployRssKiB),
        mib
      )
    },
    atMost(
      'peak RSS, promote job: max',
      max(column(run => run.promoteRssKiB)),
      TARGETS.peakRssKiB,
      mib
    ),
    {
      metric: '… median (max)',
      value: both(
        column(run => run.promoteRssKiB),
        mib
      )
    },
    {
      metric: 'reporting on, one run: releases that succeeded; peak RSS, deploy job / promote job',
      value: `${reported.ok ? 1 : 0} / 1; ${mib(reported.deployRssKiB)} / ${mib(reported.promoteRssKiB)}`,
      target: '(targets judged with reporting off)'
    }
  ]
  return {
    title: `4 · One release of ${options.services} services (the services input), ${options.runs} runs`,
    rows,
    notes: [
      `Seed: cluster ${CLUSTER} with ${options.services} Service Connect BLUE_GREEN services; simulator timing ${options.timing.stageMs} ms per stage, ${options.timing.minuteMs} ms per minute; poll-interval ${POLL_INTERVAL_S}; reporting off but in the last run.`,
      'A poll round is a group of calls less than half a poll interval apart; the round right after the last UpdateService, where each service confirms its new deployment, is left out. DescribeServices is read for service events (every 30 s) and after each status change, batched per cluster (at most 10 services a call).',
      'Each run is two jobs: deploy (pause-at POST_TEST_TRAFFIC_SHIFT, wait-until paused) holds all at the test traffic gate, then promote takes them through production callee first and bakes all together. Peak RSS is shown for each job’s process.',
      'Reaction: from the simulator recording the last deployment’s terminal status to the promote process’s exit.',
      'The targets are judged with reporting off, as the reaction target can only be (GitHub’s pacing of writes, section 2). One more run reports as the defaults do (pull_request event, pr-comment and check-run true, against the fake GitHub API): its peak memory is shown.'
    ]
  }
}

async function releaseAll(
  sim: Awaited<ReturnType<typeof startSimulator>>,
  probe: UsageProbe,
  count: number,
  version: string,
  github?: FakeGitHub
): Promise<SetRun> {
  const names = Array.from({ length: count }, (_, index) => serviceName(index))
  const calls: RecordedCall[] = []
  const terminal: number[] = []
  const stopCalls = sim.onCall(call => calls.push(call))
  const stopTransitions = sim.onTransition(transition => {
    if (TERMINAL_STATUSES.includes(transition.status)) terminal.push(transition.atMs)
  })
  const deploying = probe.next()
  const promoting = probe.next()
  let exitedAt = Number.NaN
  const common = {
    cluster: CLUSTER,
    'poll-interval': String(POLL_INTERVAL_S),
    'pr-comment': String(github !== undefined),
    'check-run': String(github !== undefined)
  }
  const reporting = github ? { githubUrl: github.url, event: pullRequestEvent } : {}
  try {
    // A release of several services holds each at its test traffic gate (README.md,
    // "Full-chain gray release"): the deploy job ends when all are paused there, and the
    // promote job takes them through production, callee first, and the bake to their end.
    const deploy = await runAction({
      ecsUrl: sim.url,
      ...reporting,
      inputs: {
        ...common,
        services: names
          .map(
            name => `- service: ${name}\n  container-name: app\n  image: ${ECR}/${name}:${version}`
          )
          .join('\n'),
        'test-traffic-header': 'x-canary: green',
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'paused'
      },
      nodeArgs: deploying.nodeArgs,
      env: deploying.env,
      timeoutMs: 120_000
    })
    const deployEnded = Date.now()
    const run =
      deploy.exitCode === 0
        ? await runAction({
            ecsUrl: sim.url,
            ...reporting,
            inputs: {
              ...common,
              command: 'promote',
              services: names.map(name => `- service: ${name}`).join('\n')
            },
            nodeArgs: promoting.nodeArgs,
            env: promoting.env,
            onStart: child => child.once('exit', () => (exitedAt = Date.now())),
            timeoutMs: 300_000
          })
        : deploy
    calls.sort((a, b) => a.at - b.at)
    const updates = calls.filter(call => call.operation === 'UpdateService')
    const continues = calls.filter(call => call.operation === 'ContinueServiceDeployment')
    const reads = calls.filter(call => call.operation === 'DescribeServiceDeployments')
    const lastContinue = Math.max(...continues.map(call => call.at))
    // The waits on all services at once: the deploy's to the gate, the promote's through
    // the bake that follows its last continue (before it, promote moves one service at a time).
    const inWaits = (call: RecordedCall): boolean =>
      (call.at > Math.max(...updates.map(u => u.at)) && call.at < deployEnded) ||
      call.at > lastContinue
    const deployPolls = reads.filter(call => inWaits(call) && call.at < deployEnded)
    const bakePolls = reads.filter(call => inWaits(call) && call.at > lastContinue)
    const pollRoundsOf = (times: number[]): number[] => pollRounds(times, POLL_INTERVAL_S * 1000)
    const serviceReads = calls.filter(call => call.operation === 'DescribeServices').filter(inWaits)
    const statuses = JSON.parse(run.outputs.services ?? '[]') as { status: string }[]
    if (run.exitCode !== 0)
      console.error(
        run.stdout
          .split('\n')
          .filter(line => line.startsWith('::error'))
          .join('\n')
      )
    return {
      ok:
        run.exitCode === 0 &&
        statuses.length === count &&
        statuses.every(s => s.status === 'SUCCESSFUL'),
      lastUpdateServiceMs: Math.max(...updates.map(call => call.at)) - deploy.startedAt,
      reactionMs: exitedAt - Math.max(...terminal),
      // The first round holds each service's read that confirms its new deployment.
      deploymentReadsPerPoll: max([
        ...pollRoundsOf(deployPolls.map(call => call.at)).slice(1),
        ...pollRoundsOf(bakePolls.map(call => call.at))
      ]),
      arnsPerRead: median(
        [...deployPolls, ...bakePolls].map(
          call =>
            ((call.input as { serviceDeploymentArns?: string[] }).serviceDeploymentArns ?? [])
              .length
        )
      ),
      serviceReadsPerRound: max(pollRoundsOf(serviceReads.map(call => call.at))),
      deployRssKiB: deploying.read().peakRssKiB,
      promoteRssKiB: deploy === run ? Number.NaN : promoting.read().peakRssKiB
    }
  } finally {
    stopCalls()
    stopTransitions()
  }
}
