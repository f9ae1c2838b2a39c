import { tmpdir } from 'node:os'
import * as core from '@actions/core'
import { systemClock } from './clock.js'
import type { CommandContext } from './commands/context.js'
import { deploy } from './commands/deploy.js'
import { render } from './commands/render.js'
import { readGitHubRun } from './github-run.js'
import { type Command, getInputs, type Inputs } from './inputs.js'
import type { Log } from './log.js'
import { changedOnly } from './outputs.js'
import { newRelease, type Release } from './release.js'
import { silentReporter } from './report/reporter.js'
import { isFailure } from './watch/outcome.js'

type CommandRun = (ctx: CommandContext, release: Release) => Promise<void>

const commands: Partial<Record<Command, CommandRun>> = { deploy, render }

export const actionsLog: Log = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  error: message => core.error(message),
  debug: message => core.debug(message),
  startGroup: title => core.startGroup(title),
  endGroup: () => core.endGroup()
}

/** The main step: validate every input, run the command, fail the step when the release failed. */
export async function run(): Promise<void> {
  let inputs: Inputs
  try {
    inputs = getInputs(name => core.getInput(name))
  } catch (error) {
    core.setFailed(messageOf(error))
    return
  }
  const github = readGitHubRun()
  const ctx: CommandContext = {
    inputs,
    connectEcs: async () => (await import('./ecs/client.js')).connectEcs(),
    log: actionsLog,
    clock: systemClock,
    outputs: changedOnly((name, value) => core.setOutput(name, value)),
    reporter: silentReporter,
    github,
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    tempDir: process.env.RUNNER_TEMP || tmpdir(),
    signal: new AbortController().signal,
    saveState: (name, value) => core.saveState(name, value)
  }
  const release = newRelease(
    { command: inputs.command, cluster: inputs.cluster, service: inputs.service, github },
    ctx.clock.now()
  )
  const command = commands[inputs.command]
  if (!command) {
    core.setFailed(`Input 'command': '${inputs.command}' is not supported yet.`)
    return
  }
  try {
    await command(ctx, release)
  } catch (error) {
    release.outcome = 'failed'
    release.reason = messageOf(error)
    if (release.deploymentArn) await ctx.reporter.publish(release, true)
  }
  if (isFailure(release)) core.setFailed(release.reason ?? `The release ended ${release.outcome}.`)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
