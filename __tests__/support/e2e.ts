import { expect } from '@jest/globals'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../sim/index.js'
import {
  type ActionRun,
  type ActionRunOptions,
  annotations,
  displayLog,
  ECR,
  runAction as runBundle
} from '../../scripts/runner.js'
import { E2E_BUNDLE } from './e2e-bundle.js'

// The runner's fixtures the e2e tests share with the demo and the benchmark.
export { ECR, PR_HEAD, pullRequestEvent, RUN_SHA } from '../../scripts/runner.js'

/** Runs a step of the action as the runner does, with the bundle built from src/ for this test run. */
export function runAction(options: ActionRunOptions): Promise<ActionRun> {
  return runBundle({ bundle: E2E_BUNDLE, ...options })
}

/** Stages short enough for tests, long enough that 1 s polls see the pauses and steps that matter. */
export const E2E_TIMING = { stageMs: 150, minuteMs: 300 }

/**
 * ECS does not document what lifecycleStage reads during PRE_PRODUCTION_TRAFFIC_SHIFT
 * (sim/README.md, "Choices where ECS is uncertain"), so the suite runs in either reporting mode:
 * `ECS_SIM_PRE_PRODUCTION_STAGE=literal npm run jest` reports the stage by its own name.
 */
const LITERAL_PRE_PRODUCTION_STAGE = process.env.ECS_SIM_PRE_PRODUCTION_STAGE === 'literal'

export async function startE2eSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ timing: E2E_TIMING, ...options })
  if (LITERAL_PRE_PRODUCTION_STAGE) sim.setScenario({ reportPreProductionStage: true })
  return sim
}

/** Inputs of a deploy step on the default seed's `demo` cluster, polling as fast as the action allows. */
export function deployInputs(
  service: string,
  inputs: Record<string, string> = {}
): Record<string, string> {
  return {
    cluster: 'demo',
    service,
    'poll-interval': '1',
    'pr-comment': 'false',
    'check-run': 'false',
    ...inputs
  }
}

/** A deploy of `image` (a tag of the service's repository) with the PR comment and check run on. */
export function reportedInputs(
  service: string,
  image: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return deployInputs(service, {
    'container-name': service === 'web' ? 'app' : service,
    image: `${ECR}/${service}:${image}`,
    'pr-comment': 'true',
    'check-run': 'true',
    ...extra
  })
}

/** The operations the action sent to the simulator, in order. */
export function operations(sim: Simulator): string[] {
  return sim.calls.map(call => call.operation)
}

/**
 * The failure as the job shows it: the one-line ::error:: headline, the "What to check"
 * line right under it, and the log that explains it.
 */
export function failure(
  run: ActionRun,
  { diagnosed = true } = {}
): { headline: string; hint: string; log: string } {
  expect(run.exitCode).toBe(1)
  const [headline = '', ...others] = annotations(run, 'error')
  expect(others).toEqual([])
  expect(headline).not.toMatch(/\n/)
  const log = displayLog(run)
  const lines = log.split('\n')
  const hint = lines[lines.indexOf(`Error: ${headline}`) + 1] ?? ''
  // A rollback someone asked for has no cause to check.
  if (diagnosed) expect(hint).toMatch(/^What to check: /)
  return { headline, hint, log }
}
