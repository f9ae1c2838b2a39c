/** The command line of `npm run try` (scripts/try.ts): flags, the step's inputs, and their errors. */
import { isAbsolute, resolve } from 'node:path'

export const USAGE = `Usage: npm run try -- [--seed services.yaml] [--task-definition taskdef.json]
                      [--with name=value[,name=value…]]… [--then promote|rollback]
                      [--out directory] [--stage-ms n] [--minute-ms n] [--bundle file]

Runs the bundled action (dist/) as a workflow step on push to main would, against the embedded
ECS simulator seeded with your services and a fake GitHub, and writes what GitHub would show.

  --seed             your services, in the simulator's seed format (sim/README.md, "Seed");
                     default: the simulator's own seed (sim/seeds/default.yaml)
  --task-definition  a task definition file (JSON or YAML), copied into the step's workspace
                     and given as the task-definition input; default: the service's current one
  --with             the step's inputs, as in a workflow's with: (action.yml names them);
                     a comma starts the next input only where an input name and = follow,
                     so pause-at=A,B or a JSON value keep their commas; images and
                     environment-variables given again get one line each
                     (--with images=app=…:2,images=proxy=…:5).
                     cluster and service default to the seed's only cluster and service
  --then             a second job, on workflow_dispatch, once the deploy stopped at a pause
                     (give wait-until=paused and a pause, e.g. pause-at=POST_TEST_TRAFFIC_SHIFT)
  --out              where the files go; default ./try-output
  --stage-ms         real ms per lifecycle stage without hooks; default 1000
  --minute-ms        real ms per simulated minute (bake times, hook timeouts); default 2000
  --bundle           the bundle to run; default dist/index.js (what users get)`

export interface TryOptions {
  /** Absolute path of the seed file; the simulator's default seed when absent. */
  seed?: string
  /** Absolute path of the task definition file. */
  taskDefinition?: string
  /** The step's inputs by their action.yml names, as given. */
  inputs: Record<string, string>
  then?: 'promote' | 'rollback'
  /** Absolute path of the output directory. */
  out: string
  stageMs: number
  minuteMs: number
  /** Absolute path of the bundle; dist/index.js when absent. */
  bundle?: string
  help: boolean
}

export class TryArgsError extends Error {
  override name = 'TryArgsError'
}

const PATH_FLAGS = {
  '--seed': 'seed',
  '--task-definition': 'taskDefinition',
  '--out': 'out',
  '--bundle': 'bundle'
} as const
const NUMBER_FLAGS = { '--stage-ms': 'stageMs', '--minute-ms': 'minuteMs' } as const
/** Inputs of one item per line (action.yml): given again, they get another line. */
const LINE_INPUTS = ['images', 'environment-variables']
const FLAGS = [...Object.keys(PATH_FLAGS), ...Object.keys(NUMBER_FLAGS), '--with', '--then']

/**
 * Parses `argv` (after `--`). `cwd` resolves relative paths: where the user ran npm (npm
 * itself runs scripts in the package's directory). `inputNames` are action.yml's inputs.
 */
export function parseTryArgs(argv: string[], cwd: string, inputNames: string[]): TryOptions {
  const options: TryOptions = {
    inputs: {},
    out: resolve(cwd, 'try-output'),
    stageMs: 1000,
    minuteMs: 2000,
    help: false
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--help' || arg === '-h') {
      options.help = true
      continue
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1
    const flag = equals > 0 ? arg.slice(0, equals) : arg
    if (!FLAGS.includes(flag)) {
      const hint = closest(flag.replace(/^-*/, '--'), FLAGS)
      throw new TryArgsError(
        arg.startsWith('-')
          ? `Unknown option ${flag}${hint ? ` (did you mean ${hint}?)` : ''}.`
          : `Unexpected argument '${arg}': inputs go after --with, e.g. --with ${arg}.`
      )
    }
    const value = equals > 0 ? arg.slice(equals + 1) : argv[++i]
    if (value === undefined || (equals < 0 && value.startsWith('--')))
      throw new TryArgsError(`${flag} needs a value.`)
    if (flag === '--with') {
      for (const [name, inputValue] of parseWith(value, inputNames)) {
        const earlier = options.inputs[name]
        if (earlier !== undefined && !LINE_INPUTS.includes(name))
          throw new TryArgsError(`Input '${name}' is given twice.`)
        options.inputs[name] = earlier === undefined ? inputValue : `${earlier}\n${inputValue}`
      }
    } else if (flag === '--then') {
      if (value !== 'promote' && value !== 'rollback')
        throw new TryArgsError(`--then must be promote or rollback, not '${value}'.`)
      options.then = value
    } else if (flag in PATH_FLAGS) {
      options[PATH_FLAGS[flag as keyof typeof PATH_FLAGS]] = isAbsolute(value)
        ? value
        : resolve(cwd, value)
    } else {
      const number = Number(value)
      if (!Number.isInteger(number) || number < 1)
        throw new TryArgsError(`${flag} must be a whole number of milliseconds, not '${value}'.`)
      options[NUMBER_FLAGS[flag as keyof typeof NUMBER_FLAGS]] = number
    }
  }
  if (options.help) return options
  if ('task-definition' in options.inputs)
    throw new TryArgsError(
      'Give the task definition file as --task-definition FILE: it is copied into the step’s workspace.'
    )
  return options
}

/**
 * `name=value[,name=value…]`: a comma followed by an input name and `=` starts the next
 * input; any other comma belongs to the value.
 */
export function parseWith(text: string, inputNames: string[]): [string, string][] {
  const byLength = [...inputNames].sort((a, b) => b.length - a.length)
  const starts = new RegExp(`,(?=\\s*(?:${byLength.map(escapeRegExp).join('|')})=)`)
  return text.split(starts).map(part => {
    const equals = part.indexOf('=')
    const name = part.slice(0, equals).trim()
    if (equals < 0 || !inputNames.includes(name)) {
      const hint = closest(equals < 0 ? part.trim() : name, inputNames)
      throw new TryArgsError(
        equals < 0
          ? `--with expects name=value, got '${part}'.`
          : `'${name}' is not an input of the action${hint ? ` (did you mean '${hint}'?)` : ''}; its inputs are ${inputNames.join(', ')}.`
      )
    }
    return [name, part.slice(equals + 1)]
  })
}

/** The candidate within two edits of `word` (case aside), if one is. */
function closest(word: string, candidates: string[]): string | undefined {
  return candidates
    .map(candidate => ({ candidate, distance: distance(word.toLowerCase(), candidate) }))
    .filter(({ distance }) => distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0]?.candidate
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
