/**
 * Section 2: releases of the default seed's BLUE_GREEN service `web` against the
 * simulator with poll-interval 1, first with the pull request comment and check run off
 * (the pure ECS numbers; the job summary stays on, as by default), then with them on
 * against the fake GitHub API. Each mode runs a few releases: one reaction time says
 * little, since it depends on where in the poll interval the deployment happens to end.
 */
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { UsageProbe } from './usage-probe.js'
import { POLL_INTERVAL_S, releaseRows } from './release-rows.js'
import type { Row, Section } from './report.js'
import { type TimedRelease, timedRelease } from './timed-release.js'
import { reportProblems } from './verify.js'
import { ECR, pullRequestEvent } from '../runner.js'

export interface ReleaseBenchOptions {
  releases: number
  /** Simulator time: stages long enough that a 1 s poll sees most of them. */
  timing: { stageMs: number; minuteMs: number }
}

export async function measureReleases(options: ReleaseBenchOptions): Promise<Section> {
  const sim = await startSimulator({ timing: options.timing })
  const probe = new UsageProbe()
  const rows: Row[] = []
  try {
    const quiet = await releases(sim, probe, options.releases, undefined)
    rows.push(
      ...releaseRows(quiet, {
        label: 'reporting off',
        cluster: 'demo',
        reportProblems: () => [],
        judgeStart: true,
        judgeReaction: true
      })
    )
    const github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
    try {
      const reported = await releases(sim, probe, options.releases, github)
      rows.push(
        ...releaseRows(reported, {
          label: 'reporting on',
          cluster: 'demo',
          reportProblems: () => reportProblems(github, 'demo', 'web'),
          judgeStart: true,
          judgeReaction: false
        })
      )
    } finally {
      await github.close()
    }
  } finally {
    probe.close()
    await sim.close()
  }
  return {
    title: `2 · One release against the simulator (BLUE_GREEN service web, poll-interval ${POLL_INTERVAL_S} s, ${options.releases} releases per mode)`,
    rows,
    notes: [
      `Simulator timing: ${options.timing.stageMs} ms per stage, ${options.timing.minuteMs} ms per simulated minute (bake time 1 minute).`,
      'Timed values: median (max) of the releases; pass/fail is judged on the max.',
      "Start: just before spawn. UpdateService: its arrival at the simulator. Reaction: the simulator's terminal transition (onTransition) to the child's exit event.",
      'Setup: the calls before the first DescribeServiceDeployments, which confirms the new deployment and is also the first poll of the wait. A poll is a run of describes less than half a poll interval apart.',
      'Reporting on: pull_request event, pr-comment and check-run true, against the fake GitHub API. Its reaction includes the final comment and check-run writes, which the throttling plugin spaces a second apart, so the ECS target is not applied to it.'
    ]
  }
}

async function releases(
  sim: Simulator,
  probe: UsageProbe,
  count: number,
  github: FakeGitHub | undefined
): Promise<TimedRelease[]> {
  const done: TimedRelease[] = []
  for (let index = 0; index < count; index++) {
    done.push(
      await timedRelease({
        sim,
        probe,
        githubUrl: github?.url,
        event: github ? pullRequestEvent : undefined,
        inputs: {
          cluster: 'demo',
          service: 'web',
          'container-name': 'app',
          // A new image each time, so every release registers a new revision.
          image: `${ECR}/web:bench-${github ? 'reported' : 'quiet'}-${index + 1}`,
          'poll-interval': String(POLL_INTERVAL_S),
          'pr-comment': github ? 'true' : 'false',
          'check-run': github ? 'true' : 'false'
        }
      })
    )
  }
  return done
}
