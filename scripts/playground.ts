/**
 * The stage `npm run demo` and `npm run try` play on: the ECS simulator, the fake GitHub
 * with the pull request whose merge is released, and jobs that run the bundle as a workflow
 * step, printed as the Actions tab shows them.
 */
import type { FakeCheckRun, FakeComment } from '../sim/github/resources.js'
import { type FakeGitHub, startFakeGitHub } from '../sim/github/fake-github.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../sim/index.js'
import { documentedWorkflows } from './documented-workflows.js'
import { type ActionRun, displayLine, type OutputState, runAction } from './runner.js'
import { summaryForTerminal } from './summary-text.js'

/** The merged commit being released, and the pull request that brought it. */
export const COMMIT = '5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed'
export const PULL_REQUEST = 42

export interface Playground {
  sim: Simulator
  github: FakeGitHub
  /** Where the jobs' logs and the headings go (the terminal unless told otherwise). */
  print: (text: string) => void
  heading: (text: string) => void
  close(): Promise<void>
}

/**
 * Starts the simulator (with `options`, e.g. a seed) and a fake GitHub that knows the pull
 * request. A seed that ECS would refuse rejects with the simulator's SeedError.
 */
export async function startPlayground(
  options: SimulatorOptions,
  print: (text: string) => void = console.log
): Promise<Playground> {
  const sim = await startSimulator(options)
  const github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
  addControlWorkflow(github)
  github.addPullRequest(COMMIT, {
    number: PULL_REQUEST,
    headSha: 'feed0000feed0000feed0000feed0000feed0000',
    mergeCommitSha: COMMIT
  })
  return {
    sim,
    github,
    print,
    heading: text => print(`\n━━━ ${text} ${'━'.repeat(Math.max(0, 72 - text.length))}`),
    close: async () => {
      await Promise.all([sim.close(), github.close()])
    }
  }
}

/**
 * Puts the README's promote-and-rollback workflow in the fake repository, where
 * `control-workflow: release-control.yml` names it: a paused release then shows the
 * commands that run it.
 */
export function addControlWorkflow(github: FakeGitHub): void {
  const control = documentedWorkflows('README.md').find(
    shown => shown.workflow.name === 'release-control'
  )
  if (!control) throw new Error('README.md shows no release-control workflow.')
  github.addFile('.github/workflows/release-control.yml', control.text)
}

export interface Job {
  title: string
  inputs: Record<string, string>
  /** The event that started the workflow: `push` (the merge) or `workflow_dispatch`. */
  event: string
  /** Files of the checked-out repository, by path relative to the workspace. */
  workspaceFiles?: Record<string, string>
  /** The bundle to run; the committed dist/index.js unless given. */
  bundle?: string
}

/** What a job showed: its run, and its log as the Actions tab shows it. */
export interface JobRun {
  run: ActionRun
  log: string[]
}

/** Runs one job's step of the released commit, printing its log as it comes, then its outputs. */
export async function runJob(playground: Playground, job: Job): Promise<JobRun> {
  const { print } = playground
  playground.heading(job.title)
  const shown = Object.entries(job.inputs).map(([key, value]) =>
    value.includes('\n')
      ? `${key}: |\n${value
          .trimEnd()
          .split('\n')
          .map(line => `    ${line}`)
          .join('\n')}`
      : `${key}: ${value}`
  )
  print(`uses: owner/ecs-bluegreen-action@v1\nwith:\n  ${shown.join('\n  ')}\n`)
  const log: string[] = []
  let pending = ''
  let inGroup = false
  const output: OutputState = { masks: [] }
  const run = await runAction({
    bundle: job.bundle,
    ecsUrl: playground.sim.url,
    githubUrl: playground.github.url,
    event: { name: job.event, payload: {} },
    env: { GITHUB_SHA: COMMIT, AWS_REGION: playground.sim.region },
    inputs: job.inputs,
    workspaceFiles: job.workspaceFiles,
    timeoutMs: 30 * 60_000,
    onStart: child =>
      child.stdout?.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) {
          if (line.startsWith('::endgroup::')) inGroup = false
          const shownLine = displayLine(line, output)
          if (shownLine !== undefined) {
            const indented = `${inGroup && !shownLine.startsWith('▸') ? '    ' : ''}${shownLine}`
            log.push(indented)
            print(indented)
          }
          if (line.startsWith('::group::')) inGroup = true
        }
      })
  })
  const outputs = ['status', 'lifecycle-stage', 'hook-id', 'service-deployment-arn']
    .filter(key => run.outputs[key])
    .map(key => `${key}=${run.outputs[key]}`)
  print(
    `\n${run.exitCode === 0 ? '✔' : '✖'} step exited ${run.exitCode} · outputs: ${outputs.join(', ')}`
  )
  return { run, log }
}

/** What the pull request shows now: its sticky comments and the check runs on the released commit. */
export function pullRequestNow(playground: Playground): {
  comments: FakeComment[]
  checkRuns: FakeCheckRun[]
} {
  return {
    comments: [...(playground.github.state.comments.get(PULL_REQUEST) ?? [])],
    checkRuns: [...(playground.github.state.checkRuns.get(COMMIT) ?? [])]
  }
}

/** A check run in one line, as the pull request's checks list shows it. */
export function checkRunLine(check: FakeCheckRun): string {
  return `${check.name}: ${check.status}${check.conclusion ? ` (${check.conclusion})` : ''} · ${check.output.title}`
}

/** Prints what the pull request shows `when`: the sticky comment and the check runs. */
export function showPullRequest(playground: Playground, when: string): void {
  const { comments, checkRuns } = pullRequestNow(playground)
  const comment = comments[0]
  if (comment) {
    playground.heading(`Pull request #${PULL_REQUEST} · comment by ${comment.user.login}, ${when}`)
    playground.print(summaryForTerminal(comment.body))
  }
  for (const check of checkRuns) {
    playground.heading(`Check run, ${when}`)
    playground.print(checkRunLine(check))
  }
}
