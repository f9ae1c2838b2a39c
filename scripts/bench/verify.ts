/**
 * Whether a benchmarked release really succeeded, as its user would check: the step's exit
 * code and outputs, its job summary and, when reporting is on, the pull request comment
 * and the check run. A fast release that reported the wrong thing is not a result.
 */
import type { FakeGitHub } from '../../sim/github/fake-github.js'
import { PR_HEAD, PR_NUMBER } from '../runner.js'
import { summaryForTerminal } from '../summary-text.js'
import type { TimedRelease } from './timed-release.js'

/**
 * The reports' headline. They escape Markdown characters (`-` becomes `&#45;`), so it is
 * looked for in the text as the terminal shows it, with character references decoded.
 */
function saysSucceeded(markdown: string, service: string, cluster: string): boolean {
  return summaryForTerminal(markdown).includes(`${service} on ${cluster}: succeeded`)
}

/** Why a release does not count as a success in the step's view; empty when it does. */
export function releaseProblems(release: TimedRelease, cluster: string): string[] {
  const { run, service } = release
  const problems: string[] = []
  if (run.exitCode !== 0) problems.push(`exit code ${run.exitCode ?? run.signal}`)
  if (run.outputs.status !== 'SUCCESSFUL')
    problems.push(`status output ${run.outputs.status ?? 'missing'}`)
  if (release.terminalStatus !== 'SUCCESSFUL')
    problems.push(`the simulator ended the deployment ${release.terminalStatus ?? 'never'}`)
  if (!saysSucceeded(run.summary, service, cluster))
    problems.push('the job summary does not say it succeeded')
  return problems
}

/**
 * Why the pull request comment or the newest check run of a service does not say its
 * release succeeded; empty when both do. The comment is one per service (sticky, updated
 * by every release); each release creates a check run.
 */
export function reportProblems(github: FakeGitHub, cluster: string, service: string): string[] {
  // Names of letters and digits appear in the marker as they are (src/report/escape.ts markerValue).
  const marker = `<!-- ecs-bluegreen-action:release cluster=${cluster} service=${service} -->`
  const comments = (github.state.comments.get(PR_NUMBER) ?? []).filter(comment =>
    comment.body.includes(marker)
  )
  const check = (github.state.checkRuns.get(PR_HEAD) ?? [])
    .filter(run => run.name === `ecs-bluegreen / ${cluster}/${service}`)
    .sort((a, b) => b.id - a.id)[0]
  const problems: string[] = []
  if (comments.length !== 1) problems.push(`${comments.length} comments carry its marker`)
  else if (!saysSucceeded(comments[0]?.body ?? '', service, cluster))
    problems.push('the comment does not say it succeeded')
  if (!check) problems.push('no check run')
  else if (check.status !== 'completed' || check.conclusion !== 'success')
    problems.push(`check run ${check.status}/${check.conclusion ?? 'no conclusion'}`)
  return problems
}
