import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'

/**
 * The GitHub runner, emulated for one step of the action, as `uses:` runs it: the demo and
 * the benchmark run the committed bundle through it, the end-to-end tests a fresh build of
 * src/ (__tests__/support/e2e-bundle.ts).
 */

/** The repository root, from the sources (scripts/) or their build (build/scripts/). */
export const ROOT = findRoot(import.meta.dirname)
export const BUNDLE = join(ROOT, 'dist/index.js')

/** Node 24 from the `node` devDependency: the runtime `runs.using: node24` gives the action. */
export const NODE_24 = join(ROOT, 'node_modules/node/bin/node')

/** A token-shaped value for `github-token`, whose default (`${{ github.token }}`) only a runner can fill in. */
export const FAKE_TOKEN = 'ghs_fakeTokenForTests0000000000000000'

/** The registry of the simulator's seeded images. */
export const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

/** GITHUB_SHA of a run that sets no other: on a pull_request event, the merge commit. */
export const RUN_SHA = 'c0ffee0000000000000000000000000000000000'

/** A pull_request event of pull request 7, and its head commit, where its check runs go. */
export const PR_NUMBER = 7
export const PR_HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface'
export const pullRequestEvent = {
  name: 'pull_request',
  payload: {
    pull_request: { number: PR_NUMBER, head: { sha: PR_HEAD, ref: 'feature' } },
    repository: { full_name: 'octo/shop' }
  }
}

/** The runner's grace periods when a job is cancelled (`_sigintTimeout`, `_sigtermTimeout`). */
export const SIGTERM_AFTER_MS = 7500
export const KILL_AFTER_MS = 2500

/** When each step of a cancellation reached the process (Date.now()); later ones only if it was still alive. */
export interface Cancellation {
  sigintAt: number
  sigtermAt?: number
  killedAt?: number
}

/**
 * Cancels the step as the runner does: SIGINT now; if the process is still alive
 * 7.5 s later, SIGTERM; 2.5 s after that, its whole process tree is killed. Use it from
 * `onStart`, at the moment the test wants the job cancelled.
 */
export function cancelLikeRunner(
  child: ChildProcess,
  grace = { sigtermAfterMs: SIGTERM_AFTER_MS, killAfterMs: KILL_AFTER_MS }
): Cancellation {
  const cancellation: Cancellation = { sigintAt: Date.now() }
  if (!isAlive(child)) return cancellation
  let kill: NodeJS.Timeout | undefined
  const term = setTimeout(() => {
    cancellation.sigtermAt = Date.now()
    child.kill('SIGTERM')
    kill = setTimeout(() => {
      cancellation.killedAt = Date.now()
      // The runner kills the process tree; the action starts no processes of its own.
      child.kill('SIGKILL')
    }, grace.killAfterMs)
  }, grace.sigtermAfterMs)
  child.once('exit', () => {
    clearTimeout(term)
    clearTimeout(kill)
  })
  child.kill('SIGINT')
  return cancellation
}

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}

export interface ActionRunOptions {
  /** The bundle to run; dist/index.js, the committed one, unless given. */
  bundle?: string
  /** Inputs by their action.yml names; the others get action.yml's defaults, as the runner gives them. */
  inputs: Record<string, string>
  /** The simulator, which answers ECS and CloudWatch Logs. */
  ecsUrl?: string
  githubUrl?: string
  event?: { name: string; payload: object }
  /** Files of the checked-out repository, by path relative to GITHUB_WORKSPACE, e.g. a task definition. */
  workspaceFiles?: Record<string, string>
  /** Extra environment, e.g. GITHUB_SHA of another commit. */
  env?: Record<string, string>
  /** State saved by an earlier step (the main step's GITHUB_STATE): this makes the run the post step. */
  state?: Record<string, string>
  /** Arguments for node before the bundle, e.g. a `--require` preload. */
  nodeArgs?: string[]
  /** Called once the process runs, e.g. to stream its output or cancel it (cancelLikeRunner). */
  onStart?: (child: ChildProcess) => void
  timeoutMs?: number
}

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  runnerTemp: string
  startedAt: number
  endedAt: number
}

function actionInputs(): Record<string, { default?: string }> {
  return (
    parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
  ).inputs
}

/** The names of the inputs action.yml declares. */
export function actionInputNames(): string[] {
  return Object.keys(actionInputs())
}

/** action.yml's input defaults, as the runner fills them in for inputs a workflow leaves out. */
export function actionDefaults(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(actionInputs()).flatMap(([name, input]) =>
      input.default === undefined
        ? []
        : [[name, input.default.includes('${{') ? FAKE_TOKEN : input.default]]
    )
  )
}

/** The runner's side of one step: its files, directories and environment. */
export interface StepSetup {
  env: Record<string, string>
  files: { output: string; state: string; summary: string; event: string }
  runnerTemp: string
  workspace: string
}

/**
 * Prepares a step the way the GitHub runner does: a clean environment with INPUT_*
 * variables (hyphens kept), the GITHUB_* files and variables, the event payload, the
 * workspace's files, and AWS settings pointing at the simulator.
 */
export function prepareStep(options: ActionRunOptions): StepSetup {
  const home = mkdtempSync(join(tmpdir(), 'action-run-'))
  const files = {
    output: join(home, 'output'),
    state: join(home, 'state'),
    summary: join(home, 'summary.md'),
    event: join(home, 'event.json')
  }
  for (const file of [files.output, files.state, files.summary]) writeFileSync(file, '')
  writeFileSync(files.event, JSON.stringify(options.event?.payload ?? {}))
  const runnerTemp = mkdtempSync(join(home, 'temp-'))
  const workspace = mkdtempSync(join(home, 'workspace-'))
  for (const [path, content] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true })
    writeFileSync(join(workspace, path), content)
  }

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_REPOSITORY: 'octo/shop',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_SHA: RUN_SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '12',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'release',
    GITHUB_WORKFLOW: 'release',
    GITHUB_WORKFLOW_REF: 'octo/shop/.github/workflows/release.yml@refs/heads/main',
    // The workflow file's commit: the run's own, unless the step names another.
    GITHUB_WORKFLOW_SHA: options.env?.GITHUB_SHA ?? RUN_SHA,
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.githubUrl ?? 'http://127.0.0.1:9',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ...(options.ecsUrl && {
      AWS_ENDPOINT_URL_ECS: options.ecsUrl,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: options.ecsUrl
    }),
    ...options.env
  }
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...options.inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value
  return { env, files, runnerTemp, workspace }
}

/** What the step left in the runner's files: outputs, saved state and job summary. */
export function stepResults(setup: StepSetup): Pick<ActionRun, 'outputs' | 'state' | 'summary'> {
  return {
    outputs: parseFileCommands(readFileSync(setup.files.output, 'utf8')),
    state: parseFileCommands(readFileSync(setup.files.state, 'utf8')),
    summary: readFileSync(setup.files.summary, 'utf8')
  }
}

/** Runs the bundle as the GitHub runner runs a step (see prepareStep). */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const setup = prepareStep(options)
  const startedAt = Date.now()
  const node = existsSync(NODE_24) ? NODE_24 : process.execPath
  const child = spawn(node, [...(options.nodeArgs ?? []), options.bundle ?? BUNDLE], {
    cwd: setup.workspace,
    env: setup.env
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  options.onStart?.(child)
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(done =>
    child.on('close', (code, sig) => done([code, sig]))
  )
  clearTimeout(timer)
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    ...stepResults(setup),
    runnerTemp: setup.runnerTemp,
    startedAt,
    endedAt: Date.now()
  }
}

/** Parses GITHUB_OUTPUT / GITHUB_STATE: `name<<delimiter` heredocs (and `name=value` lines); the last write wins. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const body: string[] = []
      while (++index < lines.length && lines[index] !== delimiter) body.push(lines[index] ?? '')
      values[name as string] = body.join('\n')
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return values
}

/**
 * What the runner has read of a step's output so far: the values registered with
 * `::add-mask::`, and the token that resumes workflow commands after `::stop-commands::`
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#stopping-and-starting-workflow-commands).
 */
export interface OutputState {
  masks: string[]
  resumeToken?: string
}

/**
 * The workflow command on one line of output, as the runner reads it: none while commands
 * are stopped, except the one that resumes them (named by its token).
 */
function readCommand(line: string, state: OutputState): { name: string; data: string } | undefined {
  if (state.resumeToken !== undefined) {
    if (line.trim() !== `::${state.resumeToken}::`) return undefined
    state.resumeToken = undefined
    return { name: 'resume', data: '' }
  }
  const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line.trimStart())
  if (!command) return undefined
  const [, name = '', data = ''] = command
  if (name === 'stop-commands') state.resumeToken = unescapeData(data)
  if (name === 'add-mask') state.masks.push(unescapeData(data))
  return { name, data: unescapeData(data) }
}

/** Every workflow command of a run's output that the runner acts on, in order. */
function runnerCommands(run: ActionRun): { name: string; data: string }[] {
  const state: OutputState = { masks: [] }
  return run.stdout.split('\n').flatMap(line => readCommand(line, state) ?? [])
}

/** The message of each workflow command of a kind, e.g. every `::error::…`. */
export function annotations(run: ActionRun, kind: 'error' | 'warning' | 'notice'): string[] {
  return runnerCommands(run)
    .filter(command => command.name === kind)
    .map(command => command.data)
}

/**
 * One line of the step's output as the Actions tab shows it: groups as `▸ title`, errors
 * and warnings labelled, masks, group ends and stop/resume commands hidden (undefined). Like
 * the runner, it replaces with `***` every value an earlier `::add-mask::` registered in
 * `state`, and shows lines as they are while commands are stopped.
 */
export function displayLine(line: string, state: OutputState = { masks: [] }): string | undefined {
  const hide = (text: string): string =>
    state.masks.reduce((shown, secret) => shown.split(secret).join('***'), text)
  const command = readCommand(line, state)
  if (!command) return hide(line)
  const text = hide(command.data)
  if (command.name === 'group') return `▸ ${text}`
  if (command.name === 'error') return `Error: ${text}`
  if (command.name === 'warning') return `Warning: ${text}`
  if (command.name === 'notice') return `Notice: ${text}`
  return undefined
}

/** The whole log of a run as the Actions tab shows it, masked values hidden from their registration on. */
export function displayLog(run: ActionRun): string {
  const state: OutputState = { masks: [] }
  return run.stdout
    .split('\n')
    .map(line => displayLine(line, state))
    .filter(line => line !== undefined)
    .join('\n')
}

/** The values the step registered with `::add-mask::`, in order. */
export function maskedValues(run: ActionRun): string[] {
  return runnerCommands(run)
    .filter(command => command.name === 'add-mask')
    .map(command => command.data)
}

/** Workflow command data escapes %, CR and LF. */
function unescapeData(data: string): string {
  return data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
}

function findRoot(start: string): string {
  for (let directory = start; directory !== dirname(directory); directory = dirname(directory)) {
    if (existsSync(join(directory, 'action.yml'))) return directory
  }
  throw new Error(`No action.yml above ${start}`)
}
