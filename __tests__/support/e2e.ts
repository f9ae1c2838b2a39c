import { startSimulator, type Simulator, type SimulatorOptions } from '../../sim/index.js'

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

/** The head commit of pull request 7, where check runs of `pullRequestEvent` runs belong. */
export const PR_HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface'
export const pullRequestEvent = {
  name: 'pull_request',
  payload: {
    pull_request: { number: 7, head: { sha: PR_HEAD, ref: 'feature' } },
    repository: { full_name: 'octo/shop' }
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
