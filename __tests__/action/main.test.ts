/**
 * run() in this process, through nothing but the runner's protocol: INPUT_*
 * variables, the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, workflow commands on stdout and
 * process.exitCode. ECS is the simulator. The e2e suite runs the same through the bundle.
 */
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { type ActionRunOptions, prepareStep, stepResults } from '../../scripts/runner.js'
import { main, run } from '../../src/action/main.js'
import { startTestSimulator } from '../sim/helpers.js'

const SIGNALS = ['SIGINT', 'SIGTERM'] as const
let sim: Simulator

beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(() => sim.close())
beforeEach(() => sim.clearCalls())

/**
 * Runs the main step (or `entry`, e.g. the whole entry point) with the runner's environment,
 * then puts this process back as it was. `env` is applied over the runner's.
 */
async function runStep(
  options: Omit<ActionRunOptions, 'ecsUrl'>,
  entry: () => Promise<void> = run,
  env: Record<string, string> = {}
) {
  const setup = prepareStep({ ...options, ecsUrl: sim.url })
  const savedEnv = { ...process.env }
  const savedExitCode = process.exitCode
  const listeners = SIGNALS.map(signal => new Set(process.listeners(signal)))
  const write = process.stdout.write.bind(process.stdout)
  let stdout = ''
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  }
  for (const name of Object.keys(process.env)) delete process.env[name]
  Object.assign(process.env, setup.env, env)
  let exitCode: typeof process.exitCode
  try {
    await entry()
  } finally {
    exitCode = process.exitCode
    process.exitCode = savedExitCode
    process.stdout.write = write
    for (const name of Object.keys(process.env)) delete process.env[name]
    Object.assign(process.env, savedEnv)
    // run() handles cancellation for the rest of the process's life; this process goes on.
    SIGNALS.forEach((signal, i) => {
      for (const listener of process.listeners(signal)) {
        if (!listeners[i]?.has(listener)) process.removeListener(signal, listener)
      }
    })
  }
  const errors = stdout
    .split('\n')
    .filter(line => line.startsWith('::error'))
    .map(line => line.slice(line.indexOf('::', 2) + 2))
  return { exitCode, stdout, errors, runnerTemp: setup.runnerTemp, ...stepResults(setup) }
}

describe('run', () => {
  it('fails the step on an invalid input before any call, and sets no output', async () => {
    const step = await runStep({ inputs: { service: 'web', 'poll-interval': '0' } })
    expect(step.exitCode).toBe(1)
    expect(step.errors).toHaveLength(1)
    expect(step.errors[0]).toContain("Input 'poll-interval'")
    expect(step.outputs).toEqual({})
    expect(sim.calls).toEqual([])
  })

  it('renders a workspace file: outputs in GITHUB_OUTPUT, the step left successful', async () => {
    const step = await runStep({
      workspaceFiles: {
        'task-definition.json': readFileSync(
          new URL('../fixtures/task-definition.json', import.meta.url),
          'utf8'
        )
      },
      inputs: {
        command: 'render',
        'task-definition': 'task-definition.json',
        'container-name': 'web',
        image: 'web:2.0.0'
      }
    })
    expect(step.errors).toEqual([])
    expect(step.exitCode).toBeUndefined()
    const path = step.outputs['rendered-task-definition'] ?? ''
    expect(path.startsWith(step.runnerTemp)).toBe(true)
    const rendered = JSON.parse(readFileSync(path, 'utf8'))
    expect(rendered.containerDefinitions[0].image).toBe('web:2.0.0')
    expect(sim.calls).toEqual([])
  })

  it('fails the step with the reason of a failed command, after its final report', async () => {
    const step = await runStep({
      inputs: { cluster: 'demo', service: 'nope', 'pr-comment': 'false', 'check-run': 'false' }
    })
    expect(step.exitCode).toBe(1)
    expect(step.errors.at(-1)).toContain("Service 'nope' was not found in cluster 'demo'")
    expect(step.summary).toContain('nope on demo: failed')
    expect(sim.mutatingCalls()).toEqual([])
  })
})

describe('main', () => {
  it('fails the step with an annotation when the runner cannot keep its state', async () => {
    const step = await runStep({ inputs: { service: 'web' } }, main, { GITHUB_STATE: tmpdir() })
    expect(step.exitCode).toBe(1)
    expect(step.errors).toHaveLength(1)
    expect(step.errors[0]).toMatch(/EISDIR/)
    expect(step.stdout).not.toMatch(/^\s+at /m)
    expect(sim.calls).toEqual([])
  })

  it('only warns when the post step cannot do its work, never failing the job', async () => {
    const step = await runStep(
      {
        inputs: { cluster: 'demo', service: 'web', 'poll-interval': '0' },
        state: {
          isPost: 'true',
          cancelled: 'true',
          'deployment-arn': 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/abc'
        }
      },
      main
    )
    expect(step.exitCode).toBeUndefined()
    expect(step.errors).toEqual([])
    expect(step.stdout).toMatch(/^::warning::Post step: Input 'poll-interval'/m)
  })
})
