/**
 * What every `npm run demo` scenario shows: jobs of the bundled action as the Actions tab
 * prints them, headings, and the pull request the release reports to.
 */
import type { FakeGitHub } from '../sim/github/fake-github.js'
import type { Simulator } from '../sim/index.js'
import { type ActionRun, displayLine, type OutputState, runAction } from './runner.js'
import { summaryForTerminal } from './summary-text.js'

/** The merged commit being released, and the pull request that brought it. */
export const COMMIT = '5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed'
export const PULL_REQUEST = 42

/** Adds the pull request that brought COMMIT, so the release can report to it. */
export function addPullRequest(github: FakeGitHub): void {
  github.addPullRequest(COMMIT, {
    number: PULL_REQUEST,
    headSha: 'feed0000feed0000feed0000feed0000feed0000',
    mergeCommitSha: COMMIT
  })
}

/** What the pull request shows: the sticky comment and the check run on the released commit. */
export function showPullRequest(github: FakeGitHub): void {
  const comment = github.state.comments.get(PULL_REQUEST)?.[0]
  if (comment) {
    heading(`Pull request #${PULL_REQUEST} · comment by ${comment.user.login}`)
    console.log(summaryForTerminal(comment.body))
  }
  for (const check of github.state.checkRuns.get(COMMIT) ?? []) {
    heading('Check run')
    console.log(
      `${check.name}: ${check.status}${check.conclusion ? ` (${check.conclusion})` : ''} · ${check.output.title}`
    )
  }
}

/** The outputs a job's last line shows, those the step set. */
const SHOWN_OUTPUTS = ['status', 'lifecycle-stage', 'hook-id', 'service-deployment-arn']

/** Runs one job's step, printing its log as it comes, and its outputs. */
export async function job(
  title: string,
  inputs: Record<string, string>,
  sim: Simulator,
  github: FakeGitHub,
  event: string
): Promise<ActionRun> {
  heading(title)
  const shown = Object.entries(inputs).map(([key, value]) =>
    value.includes('\n')
      ? `${key}: |\n${value
          .trimEnd()
          .split('\n')
          .map(line => `    ${line}`)
          .join('\n')}`
      : `${key}: ${value}`
  )
  console.log(`uses: owner/ecs-bluegreen-action@v1\nwith:\n  ${shown.join('\n  ')}\n`)
  let pending = ''
  let inGroup = false
  const output: OutputState = { masks: [] }
  const run = await runAction({
    ecsUrl: sim.url,
    githubUrl: github.url,
    event: { name: event, payload: {} },
    env: { GITHUB_SHA: COMMIT },
    inputs,
    onStart: child =>
      child.stdout?.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) {
          if (line.startsWith('::endgroup::')) inGroup = false
          const shownLine = displayLine(line, output)
          if (shownLine !== undefined)
            console.log(`${inGroup && !shownLine.startsWith('▸') ? '    ' : ''}${shownLine}`)
          if (line.startsWith('::group::')) inGroup = true
        }
      })
  })
  const outputs = SHOWN_OUTPUTS.filter(key => run.outputs[key]).map(
    key => `${key}=${run.outputs[key]}`
  )
  console.log(
    `\n${run.exitCode === 0 ? '✔' : '✖'} step exited ${run.exitCode} · outputs: ${outputs.join(', ') || '(see below)'}`
  )
  return run
}

export function heading(text: string): void {
  console.log(`\n━━━ ${text} ${'━'.repeat(Math.max(0, 72 - text.length))}`)
}
