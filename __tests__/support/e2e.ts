import { startSimulator, type Simulator, type SimulatorOptions } from '../../sim/index.js'
import type { ActionRun } from './run-action.js'

/** Stages short enough for tests, long enough that 1 s polls see the pauses and steps that matter. */
export const E2E_TIMING = { stageMs: 150, minuteMs: 300 }

export function startE2eSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ timing: E2E_TIMING, ...options })
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

export const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

/** The job log as the Actions tab shows it: workflow commands resolved, data unescaped. */
export function plainLog(run: ActionRun): string {
  return run.stdout
    .split('\n')
    .map(line => {
      const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
      if (!command) return line
      const [, name, data = ''] = command
      const text = data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
      if (name === 'group') return `▸ ${text}`
      if (name === 'endgroup' || name === 'add-mask' || name === 'debug') return undefined
      return `${name === 'error' ? 'Error' : name === 'warning' ? 'Warning' : name}: ${text}`
    })
    .filter(line => line !== undefined)
    .join('\n')
}

/** The operations the action sent to the simulator, in order. */
export function operations(sim: Simulator): string[] {
  return sim.calls.map(call => call.operation)
}
