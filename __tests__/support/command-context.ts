import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { ECSClient } from '@aws-sdk/client-ecs'
import { actionDefaults } from '../../scripts/runner.js'
import type { CommandContext } from '../../src/commands/context.js'
import { createEcsPort } from '../../src/ecs/client.js'
import { getInputs } from '../../src/inputs/inputs.js'
import { createLogsPort } from '../../src/logs/client.js'
import type { OutputName } from '../../src/model/outputs.js'
import { newRelease, outcomeOf, type GitHubRun, type Release } from '../../src/model/release.js'
import type { Reporter } from '../../src/report/reporter.js'
import { Secrets } from '../../src/model/secrets.js'
import { FakeClock } from './fake-clock.js'
import { MemoryLog } from './memory-log.js'

/** Reads inputs the way the runner passes them: given values, else action.yml's defaults. */
export function inputReader(given: Record<string, string>): (name: string) => string {
  const defaults = actionDefaults()
  return name => given[name] ?? defaults[name] ?? ''
}

export const GITHUB_RUN: GitHubRun = {
  serverUrl: 'https://github.com',
  repository: 'octo/shop',
  runId: '4242',
  eventName: 'push',
  sha: 'c0ffee0000000000000000000000000000000000',
  actor: 'octocat'
}

export interface TestContext extends CommandContext {
  log: MemoryLog
  clock: FakeClock
  outputs: CommandContext['outputs'] & { values: Partial<Record<OutputName, string>> }
  published: { outcome: string; stage?: string; final: boolean }[]
  state: Record<string, string>
  ecsConnections: number
  release: Release
}

export interface ContextOptions {
  signal?: AbortSignal
  /**
   * An endpoint for ECS and CloudWatch Logs such as the simulator's URL; without it, stub the
   * SDKs with aws-sdk-client-mock.
   */
  ecsEndpoint?: string
}

/**
 * A command context over the real SDK clients (stub them with aws-sdk-client-mock, or point
 * them at the simulator), a virtual clock, and in-memory log, outputs and reporter.
 */
export function commandContext(
  given: Record<string, string>,
  { signal, ecsEndpoint }: ContextOptions = {}
): TestContext {
  const values: Partial<Record<OutputName, string>> = {}
  const published: TestContext['published'] = []
  const reporter: Reporter = {
    recall: async () => undefined,
    publish: async (release, final) => {
      published.push({ outcome: outcomeOf(release), stage: release.stage, final })
    },
    continueSet: async () => undefined,
    publishSet: async (set, final) => {
      published.push({ outcome: set.verdict?.outcome ?? 'running', final })
    },
    promotionRoute: async () => ({})
  }
  const inputs = getInputs(inputReader(given))
  const clock = new FakeClock()
  const ctx: TestContext = {
    inputs,
    connectEcs: async () => {
      ctx.ecsConnections += 1
      return createEcsPort(
        new ECSClient({
          region: 'us-east-1',
          endpoint: ecsEndpoint,
          credentials: { accessKeyId: 'x', secretAccessKey: 'y' }
        }),
        'us-east-1'
      )
    },
    connectLogs: async region =>
      createLogsPort(
        new CloudWatchLogsClient({
          region,
          endpoint: ecsEndpoint,
          credentials: { accessKeyId: 'x', secretAccessKey: 'y' }
        }),
        region
      ),
    ecsConnections: 0,
    log: new MemoryLog(),
    clock,
    outputs: { values, set: (name, value) => void (values[name] = value) },
    reporter,
    published,
    github: GITHUB_RUN,
    workspace: mkdtempSync(join(tmpdir(), 'workspace-')),
    tempDir: mkdtempSync(join(tmpdir(), 'runner-temp-')),
    signal: signal ?? new AbortController().signal,
    state: {},
    saveState: (name, value) => void (ctx.state[name] = value),
    readState: name => ctx.state[name] ?? '',
    secrets: new Secrets(),
    release: newRelease(
      {
        command: inputs.command,
        cluster: inputs.cluster,
        service: inputs.service,
        github: GITHUB_RUN
      },
      clock.now()
    )
  }
  return ctx
}
