/** Argument parsing and output lines of the simulator's command line (cli.ts). */
import type { RecordedCall } from './server.js'
import type { TransitionRecord } from './transitions.js'

export const USAGE =
  'Usage: node build/sim/cli.js [--seed file] [--port n] [--stage-ms n] [--minute-ms n]\n' +
  '  --seed       seed file (YAML or JSON); default sim/seeds/default.yaml\n' +
  '  --port       port on 127.0.0.1; default 4599, 0 picks a free one\n' +
  '  --stage-ms   real ms per stage without hooks; default 2000\n' +
  '  --minute-ms  real ms per simulated minute (bake times, hook timeouts); default 5000'

export interface CliOptions {
  seed?: string
  port: number
  stageMs: number
  minuteMs: number
  help: boolean
}

/** Defaults slow enough to watch a release stage by stage. */
const DEFAULTS: CliOptions = { port: 4599, stageMs: 2000, minuteMs: 5000, help: false }

const NUMERIC_FLAGS = {
  '--port': 'port',
  '--stage-ms': 'stageMs',
  '--minute-ms': 'minuteMs'
} as const

export function parseCliArgs(argv: string[]): CliOptions {
  const options: CliOptions = { ...DEFAULTS }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? ''
    if (flag === '--help' || flag === '-h') {
      options.help = true
      continue
    }
    const value = argv[++i]
    if (value === undefined) throw new Error(`${flag} needs a value`)
    if (flag === '--seed') {
      options.seed = value
    } else if (flag in NUMERIC_FLAGS) {
      const number = Number(value)
      if (!Number.isInteger(number) || number < 0)
        throw new Error(`${flag} must be a non-negative integer, got ${value}`)
      options[NUMERIC_FLAGS[flag as keyof typeof NUMERIC_FLAGS]] = number
    } else {
      throw new Error(`Unknown option ${flag}`)
    }
  }
  return options
}

/** What a shell needs so the AWS SDKs (and the bundled action) talk to the simulator. */
export function environmentLines(url: string, region: string): string[] {
  return [
    `export AWS_ENDPOINT_URL_ECS=${url}`,
    `export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=${url}`,
    `export AWS_REGION=${region}`,
    'export AWS_ACCESS_KEY_ID=simulator',
    'export AWS_SECRET_ACCESS_KEY=simulator',
    // When set, the SDKs ignore the endpoint variables and would call the real services.
    'unset AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'
  ]
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 23)

export function formatCall(call: RecordedCall): string {
  const input = (call.input ?? {}) as Record<string, unknown>
  const subject = ['service', 'family', 'serviceDeploymentArn', 'taskDefinition']
    .map(key => input[key])
    .find((value): value is string => typeof value === 'string')
  const warnings = call.warnings?.map(warning => `(warning: ${warning})`)
  return [
    clock(call.at),
    'call',
    call.operation || '(none)',
    subject,
    call.outcome,
    ...(warnings ?? [])
  ]
    .filter(Boolean)
    .join(' ')
}

export function formatTransition(transition: TransitionRecord): string {
  const id = transition.deploymentArn.split('/').pop()
  const stage =
    transition.phase && transition.phase !== transition.stage
      ? `${transition.stage} (${transition.phase})`
      : transition.stage
  return [
    clock(transition.atMs),
    'deployment',
    `${transition.cluster}/${transition.service}`,
    id,
    transition.status,
    stage
  ]
    .filter(Boolean)
    .join(' ')
}
