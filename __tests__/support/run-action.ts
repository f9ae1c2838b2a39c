import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The repository root: tests run the committed bundle, as `uses:` does. */
export const ROOT = resolve(import.meta.dirname, '../..')
export const BUNDLE = join(ROOT, 'dist/index.js')

/** Node 24 from the `node` devDependency: the runtime `runs.using: node24` gives the action. */
export const NODE_24 = join(ROOT, 'node_modules/node/bin/node')

export interface ActionRunOptions {
  /** Inputs by their action.yml names; action.yml defaults are the runner's job, so pass what a workflow would. */
  inputs: Record<string, string>
  ecsUrl?: string
  githubUrl?: string
  event?: { name: string; payload: object }
  /** Extra environment (e.g. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS). */
  env?: Record<string, string>
  /** State saved by an earlier step (the main step's GITHUB_STATE), which makes this the post step. */
  state?: Record<string, string>
  /** Called once the process is running, e.g. to send it SIGINT. */
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

/** The defaults a workflow gets from action.yml when it leaves an input out, as the runner fills them in. */
const ACTION_DEFAULTS: Record<string, string> = {
  command: 'deploy',
  cluster: 'default',
  'pause-timeout': '1440',
  'pause-timeout-action': 'ROLLBACK',
  'wait-until': 'complete',
  timeout: '60',
  'poll-interval': '10',
  'rollback-on-cancel': 'false',
  'rollback-on-timeout': 'false',
  'github-token': 'ghs_fakeTokenForTests0000000000000000',
  'pr-comment': 'true',
  'check-run': 'true',
  'job-summary': 'true'
}

/**
 * Runs dist/index.js the way the GitHub runner does: a clean environment with INPUT_*
 * variables (hyphens kept), the GITHUB_* files and variables, the event payload, and
 * AWS settings pointing at the simulator.
 */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
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

  const inputs = { ...ACTION_DEFAULTS, ...options.inputs }
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
    GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'release',
    GITHUB_WORKFLOW_REF: 'octo/shop/.github/workflows/release.yml@refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.githubUrl ?? 'http://127.0.0.1:9',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ...(options.ecsUrl && { AWS_ENDPOINT_URL_ECS: options.ecsUrl }),
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value

  const startedAt = Date.now()
  const child = spawn(existsSync(NODE_24) ? NODE_24 : process.execPath, [BUNDLE], {
    cwd: workspace,
    env
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
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
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    runnerTemp,
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

/** The workflow-command lines of a run, e.g. `::error::…`, without the plain log. */
export function annotations(run: ActionRun, kind: 'error' | 'warning' | 'notice'): string[] {
  return run.stdout
    .split('\n')
    .filter(line => line.startsWith(`::${kind}`))
    .map(line => line.slice(line.indexOf('::', 2) + 2))
}
