import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { cancelRelease, STATE } from '../commands/cancel.js'
import type { CommandContext } from '../commands/context.js'
import { deploy } from '../commands/deploy.js'
import { plan } from '../commands/plan.js'
import { newReleaseSet, postReleaseSet, runReleaseSet } from '../commands/release-set.js'
import { servicesOutput } from '../model/release-set.js'
import { concludeReleaseSet, failsSetStep } from '../verdict/release-set.js'
import { post } from '../commands/post.js'
import { promote } from '../commands/promote.js'
import { render } from '../commands/render.js'
import { rollback } from '../commands/rollback.js'
import { status } from '../commands/status.js'
import type { EcsPort } from '../ecs/port.js'
import type { LogsPort } from '../logs/port.js'
import { type Command, type Inputs, readActionDefaults, readInputs } from '../inputs/inputs.js'
import { systemClock } from '../model/clock.js'
import { errorMessage } from '../model/format.js'
import type { Log } from '../model/log.js'
import { changedOnly } from '../model/outputs.js'
import { type GitHubRun, newRelease, type Release } from '../model/release.js'
import { AWS_CREDENTIAL_VARIABLES, Secrets } from '../model/secrets.js'
import { GitHubReporter } from '../report/github/reporter.js'
import { type Reporter, silentReporter } from '../report/reporter.js'
import { summaryReporter } from '../report/summary-reporter.js'
import { concludeRelease, failsStep } from '../verdict/verdict.js'
import { readGitHubRun } from './github-run.js'
import * as core from './workflow-commands.js'

/** A command's run; what it returns (plan: what deploy would send) is for its callers, not the step. */
type CommandRun = (ctx: CommandContext, release: Release) => Promise<unknown>

/** What run() does for each command, once the inputs are valid. */
export const commands: Record<Command, CommandRun> = {
  deploy,
  plan,
  promote,
  rollback,
  status,
  render
}

const actionsLog: Log = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  error: message => core.error(message),
  debug: message => core.debug(message),
  startGroup: title => core.startGroup(title),
  endGroup: () => core.endGroup(),
  untrusted: lines => core.untrusted(lines)
}

/**
 * The action's entry: one bundle serves both steps of action.yml, and the post step sees
 * the state the main step saved. Whatever throws ends in an annotation, not a stack trace:
 * the main step fails, the post step only warns (it never fails the job).
 */
export async function main(): Promise<void> {
  const isPost = core.getState('isPost') === 'true'
  try {
    if (isPost) {
      await runPost()
    } else {
      core.saveState('isPost', 'true')
      await run()
    }
  } catch (error) {
    if (isPost) core.warning(`Post step: ${errorMessage(error)}`)
    else core.setFailed(errorMessage(error))
  }
}

/**
 * The run's secrets, registered with the runner before anything can print them: the
 * token and the AWS credentials, whichever step or secret set them.
 */
export function runSecrets(env: NodeJS.ProcessEnv = process.env): Secrets {
  const secrets = new Secrets(value => core.setSecret(value))
  secrets.add(core.getInput('github-token'))
  for (const name of AWS_CREDENTIAL_VARIABLES) secrets.add(env[name])
  return secrets
}

/** The main step: validate every input, run the command, fail the step when the release failed. */
export async function run(): Promise<void> {
  const secrets = runSecrets()
  let inputs: Inputs
  try {
    inputs = await readStepInputs()
  } catch (error) {
    core.setFailed(errorMessage(error))
    return
  }
  const abort = new AbortController()
  const ctx = createContext(inputs, abort.signal, secrets)
  if (inputs.services) {
    await runReleaseSetStep(ctx, abort)
    return
  }
  const release = newRelease(
    {
      command: inputs.command,
      cluster: inputs.cluster,
      service: inputs.service,
      github: ctx.github
    },
    ctx.clock.now()
  )
  const cancelling = onCancel(ctx, [{ ctx, release }], abort)
  try {
    await commands[inputs.command](ctx, release)
  } catch (error) {
    concludeRelease(
      release,
      { kind: 'error', message: errorMessage(error), cancelled: abort.signal.aborted },
      ctx.clock.now()
    )
    await ctx.reporter.publish(release, true)
  } finally {
    await cancelling()
  }
  const verdict = release.verdict
  if (failsStep(release)) {
    core.setFailed(
      verdict?.reason ?? `The release ended ${verdict?.outcome ?? 'without a verdict'}.`
    )
    // Right under the error annotation, where the eye lands.
    if (verdict?.hint) core.info(`What to check: ${verdict.hint}`)
  }
}

/**
 * On the runner's cancel signals (SIGINT, then SIGTERM), stops the wait and, with
 * rollback-on-cancel, rolls back these releases (commands/cancel.ts); returns the cancel
 * under way, if any, for the step to wait for.
 */
function onCancel(
  ctx: CommandContext,
  releases: readonly { ctx: CommandContext; release: Release }[],
  abort: AbortController
): () => Promise<void> | undefined {
  let cancelling: Promise<void> | undefined
  const onSignal = (signal: string): void => {
    cancelling ??= cancelRelease(ctx, releases, abort, signal).catch((error: unknown) => {
      core.warning(`Could not roll back on cancel: ${errorMessage(error)}`)
    })
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return () => cancelling
}

/**
 * The main step of a release of several services (the `services` input): as run(), with
 * one verdict and one report for the release (commands/release-set.ts).
 */
async function runReleaseSetStep(ctx: CommandContext, abort: AbortController): Promise<void> {
  const { set, members } = newReleaseSet(ctx)
  const cancelling = onCancel(ctx, members, abort)
  try {
    await runReleaseSet(ctx, set, members)
  } catch (error) {
    concludeReleaseSet(set, {
      kind: 'error',
      message: errorMessage(error),
      cancelled: abort.signal.aborted
    })
    ctx.outputs.set('services', servicesOutput(set))
    await ctx.reporter.publishSet(set, true)
  } finally {
    await cancelling()
  }
  if (failsSetStep(set)) {
    core.setFailed(
      set.verdict?.reason ?? `The release ended ${set.verdict?.outcome ?? 'without a verdict'}.`
    )
    if (set.verdict?.hint) core.info(`What to check: ${set.verdict.hint}`)
  }
}

/**
 * The post step. It has work only after a cancelled main step, which left the deployment
 * it changed in the step's state: the post command follows what became of it.
 */
async function runPost(): Promise<void> {
  const arn = core.getState(STATE.deploymentArn)
  if (core.getState(STATE.cancelled) !== 'true') return
  if (core.getState(STATE.members)) {
    const ctx = createContext(await readStepInputs(), new AbortController().signal, runSecrets())
    const { set, members } = newReleaseSet(ctx)
    await postReleaseSet(ctx, set, members)
    return
  }
  if (!arn) return
  const inputs = await readStepInputs()
  const ctx = createContext(inputs, new AbortController().signal, runSecrets())
  const release = newRelease(
    {
      command: inputs.command,
      cluster: inputs.cluster,
      service: inputs.service,
      github: ctx.github,
      deploymentArn: arn,
      // Main leaves the deployment ARN only once it changed the service.
      changedService: true
    },
    ctx.clock.now()
  )
  await post(ctx, release)
}

/**
 * The step's inputs. action.yml sits beside dist/, where the runner runs the bundle from
 * (`runs.main`), and gives the defaults of inputs passed empty.
 */
function readStepInputs(): Promise<Inputs> {
  const actionYml = join(dirname(process.argv[1] ?? ''), '..', 'action.yml')
  return readInputs(
    name => core.getInput(name),
    () => readActionDefaults(actionYml)
  )
}

/**
 * The production ports: the job log, the runner's clock, step outputs and state, ECS and
 * CloudWatch Logs on first use.
 */
export function createContext(
  inputs: Inputs,
  signal: AbortSignal,
  secrets: Secrets
): CommandContext {
  let ecs: Promise<EcsPort> | undefined
  const logs = new Map<string, Promise<LogsPort>>()
  const github = readGitHubRun()
  return {
    inputs,
    connectEcs: () =>
      (ecs ??= import('../ecs/client.js').then(({ connectEcs }) =>
        connectEcs(process.env, {
          onRetry: message => {
            core.warning(`ECS: ${message}`)
          }
        })
      )),
    connectLogs: region => {
      const port =
        logs.get(region) ??
        import('../logs/client.js').then(({ connectLogs }) => connectLogs(region))
      logs.set(region, port)
      return port
    },
    log: actionsLog,
    clock: systemClock,
    outputs: changedOnly((name, value) => {
      core.setOutput(name, value)
    }),
    reporter: createReporter(inputs, github, secrets),
    github,
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    tempDir: process.env.RUNNER_TEMP || tmpdir(),
    signal,
    saveState: (name, value) => {
      core.saveState(name, value)
    },
    readState: name => core.getState(name),
    secrets
  }
}

/**
 * The job summary, the pull request comment and the check run. `render` reports nothing and
 * `status` only its job summary: they change nothing. Without a summary file (a local run)
 * the summary is skipped.
 */
function createReporter(inputs: Inputs, github: GitHubRun, secrets: Secrets): Reporter {
  const writeSummary = async (markdown: string): Promise<void> => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.writeJobSummary(markdown)
  }
  if (inputs.command === 'render') return silentReporter
  if (inputs.command === 'status') {
    return inputs.jobSummary ? summaryReporter(writeSummary, actionsLog, secrets) : silentReporter
  }
  const settings = {
    token: inputs.githubToken,
    prComment: inputs.prComment,
    checkRun: inputs.checkRun,
    checkName: inputs.checkName,
    jobSummary: inputs.jobSummary,
    github,
    apiUrl: process.env.GITHUB_API_URL,
    secrets,
    controlWorkflow: inputs.controlWorkflow
  }
  return new GitHubReporter(settings, actionsLog, writeSummary)
}
