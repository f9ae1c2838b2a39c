import type { Clock } from '../model/clock.js'
import { isRefusal } from '../ecs/errors.js'
import type { EcsPort } from '../ecs/port.js'
import type { Inputs } from '../inputs/inputs.js'
import type { Log } from '../model/log.js'
import type { Outputs } from '../model/outputs.js'
import type { GitHubRun, Release } from '../model/release.js'
import type { Reporter } from '../report/reporter.js'
import type { Secrets } from '../model/secrets.js'

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
  /** What the main step saved for the post step ('' when nothing; core.getState). */
  readState: (name: string) => string
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

/** Once the job is being cancelled, nothing more goes to ECS but the rollback that undoes it. */
export function stopIfCancelled(ctx: CommandContext, next: string): void {
  if (ctx.signal.aborted) {
    throw new Error(`The job was cancelled before ${next}: the service was left as it was.`)
  }
}

/**
 * Sends `request` (`send`), which changes the service, and records on the release that it
 * did — unless the job is being cancelled, or ECS refused the request outright.
 */
export async function changeService<T>(
  ctx: CommandContext,
  release: Release,
  request: string,
  send: () => Promise<T>
): Promise<T> {
  stopIfCancelled(ctx, `${request} was sent`)
  const changedBefore = release.changedService
  // Set before the answer: a request whose answer is lost may still have been carried out.
  release.changedService = true
  try {
    return await send()
  } catch (error) {
    // An explained error keeps ECS's answer as its cause.
    const answer: unknown =
      error instanceof Error && error.cause !== undefined ? error.cause : error
    if (isRefusal(answer)) release.changedService = changedBefore
    throw error
  }
}
