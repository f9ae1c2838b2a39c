import type { Clock } from '../clock.js'
import type { EcsPort } from '../ecs/port.js'
import type { Inputs } from '../inputs.js'
import type { Log } from '../log.js'
import type { Outputs } from '../outputs.js'
import type { GitHubRun } from '../release.js'
import type { Reporter } from '../report/reporter.js'
import type { Secrets } from '../secrets.js'

/** Everything a command touches outside itself, so tests can run any command against fakes. */
export interface CommandContext {
  inputs: Inputs
  /** Connects to ECS on first use: validation errors never load the SDK. */
  connectEcs: () => Promise<EcsPort>
  log: Log
  clock: Clock
  outputs: Outputs
  reporter: Reporter
  github: GitHubRun
  /** Where relative task definition paths start (GITHUB_WORKSPACE). */
  workspace: string
  /** Where the rendered task definition is written (RUNNER_TEMP). */
  tempDir: string
  /** Aborted when the job is cancelled. */
  signal: AbortSignal
  /** Remembers a value for the post step (core.saveState). */
  saveState: (name: string, value: string) => void
  /** Values masked in the log and hidden in the reports; commands add the ones they find. */
  secrets: Secrets
}

/** Runs `work` inside a collapsible log group, closing it whatever happens. */
export async function inGroup<T>(log: Log, title: string, work: () => Promise<T>): Promise<T> {
  log.startGroup(title)
  try {
    return await work()
  } finally {
    log.endGroup()
  }
}
