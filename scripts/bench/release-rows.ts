/**
 * The rows sections 2 and 3 share: for a set of releases, whether they succeeded, how fast
 * the action started and finished, how many ECS calls it made and how much memory it took.
 */
import { atMost, max, median, mib, ms, type Row, tally } from './report.js'
import { pollRounds, type TimedRelease } from './timed-release.js'
import { releaseProblems } from './verify.js'

export const POLL_INTERVAL_S = 1

/** The targets for one release with poll-interval 1 (README.md, "Performance"). */
const TARGETS = {
  updateServiceMs: 200,
  reactionMs: POLL_INTERVAL_S * 1000 + 150,
  setupCalls: 6,
  peakRssKiB: 90 * 1024
}

export interface RowOptions {
  /** Prefix of every metric, e.g. "reporting off". */
  label: string
  cluster: string
  /** Report problems of a release (empty without reporting). */
  reportProblems: (release: TimedRelease) => string[]
  /**
   * Whether the timing targets apply. They do not under load (many processes sharing
   * the cores) nor, for the reaction, with reporting on: the final comment and check-run
   * writes are spaced a second apart on purpose (GitHub's guidance for integrations).
   */
  judgeStart: boolean
  judgeReaction: boolean
}

export function releaseRows(done: readonly TimedRelease[], options: RowOptions): Row[] {
  const { label } = options
  const problemsOf = (release: TimedRelease) =>
    [...releaseProblems(release, options.cluster), ...options.reportProblems(release)].map(
      problem => `${release.service}: ${problem}`
    )
  const problems = done.map(problemsOf)
  const ok = problems.filter(list => list.length === 0).length
  const updates = done.map(release => release.updateServiceMs)
  const reactions = done.map(release => release.reactionMs)
  const timed = (metric: string, values: number[], limit: number, judged: boolean): Row => {
    const value = `${ms(median(values))} (${ms(max(values))})`
    if (judged) return { ...atMost(metric, max(values), limit, ms), value }
    return { metric, value, target: `(≤ ${ms(limit)} alone, reporting off)` }
  }
  const mean = (count: (release: TimedRelease) => number): string =>
    (done.reduce((sum, release) => sum + count(release), 0) / Math.max(1, done.length)).toFixed(1)
  const most = [...done].sort((a, b) => b.calls.setup.length - a.calls.setup.length)[0]
  const rounds = done.map(release => pollRounds(release.pollTimes, POLL_INTERVAL_S * 1000))
  const describesPerPoll = max(rounds.flat())
  const othersPerPoll = done.map(
    (release, index) => release.calls.others.length / Math.max(1, rounds[index]?.length ?? 0)
  )
  return [
    {
      metric: `${label}: releases that succeeded, as the step and its reports say`,
      value: `${ok}/${done.length}${ok < done.length ? ` (${problems.flat().slice(0, 3).join('; ')})` : ''}`,
      target: `${done.length}/${done.length}`,
      pass: ok === done.length
    },
    timed(
      `${label}: start → UpdateService received`,
      updates,
      TARGETS.updateServiceMs,
      options.judgeStart
    ),
    timed(
      `${label}: terminal status → process exit`,
      reactions,
      TARGETS.reactionMs,
      options.judgeReaction
    ),
    {
      // Means, so the parts add up to the whole.
      metric: `${label}: ECS calls per release (mean): setup + polls + other`,
      value: `${mean(release => release.calls.setup.length + release.calls.polls + release.calls.others.length)} = ${mean(release => release.calls.setup.length)} + ${mean(release => release.calls.polls)} + ${mean(release => release.calls.others.length)}`
    },
    {
      ...atMost(
        `${label}: setup calls per release (max)`,
        most?.calls.setup.length ?? NaN,
        TARGETS.setupCalls,
        String
      ),
      value: `${most?.calls.setup.length ?? 'n/a'}: ${tally(most?.calls.setup ?? [])}`
    },
    {
      metric: `${label}: DescribeServiceDeployments per poll (max over polls)`,
      value: `${describesPerPoll} (median ${median(rounds.map(round => round.length))} polls per release)`,
      target: '1',
      pass: describesPerPoll === 1
    },
    {
      metric: `${label}: other ECS calls per poll (median)`,
      value: `${median(othersPerPoll).toFixed(2)}: ${tally(done.flatMap(release => release.calls.others))} in ${done.length} releases`
    },
    {
      metric: `${label}: CPU time per release (median)`,
      value: ms(median(done.map(release => release.cpuMs)))
    },
    atMost(
      `${label}: peak RSS (max of releases)`,
      max(done.map(release => release.peakRssKiB)),
      TARGETS.peakRssKiB,
      mib
    )
  ]
}
