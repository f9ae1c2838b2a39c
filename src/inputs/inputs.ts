import { readFile } from 'node:fs/promises'
import type { DeploymentLifecycleHook } from '@aws-sdk/client-ecs'
import { InputError } from './values.js'
import {
  checkLength,
  quote,
  ECS_ARN,
  ECS_NAME,
  ECS_NAME_PATTERN,
  ECS_NAME_RULE,
  parseBoolean,
  parseEnum,
  parseKeyValueLines,
  parseList,
  parseNumber
} from './values.js'
import { parseLifecycleHooks } from './lifecycle-hooks.js'
import {
  LIFECYCLE_STAGES,
  MAX_PAUSE_TIMEOUT,
  PAUSE_STAGES,
  TIMEOUT_ACTIONS,
  type TimeoutAction
} from '../model/stages.js'
import { isPlainObject, loadStructuredTextParser, parseStructuredText } from './structured-text.js'
import { PER_SERVICE_INPUTS, parseServices, type ServiceTarget } from './services.js'

export const COMMANDS = ['deploy', 'plan', 'promote', 'rollback', 'status', 'render'] as const
export type Command = (typeof COMMANDS)[number]

export const STRATEGIES = ['BLUE_GREEN', 'CANARY', 'LINEAR'] as const
export type Strategy = (typeof STRATEGIES)[number]

export type WaitUntil =
  { kind: 'complete' } | { kind: 'paused' } | { kind: 'none' } | { kind: 'stage'; stage: string }

export interface ImageOverride {
  container: string
  image: string
  /** The input that named this container, for error messages. */
  input: 'container-name' | 'images'
}

export interface HeaderMatch {
  name: string
  value: string
}

/** Every input of action.yml, parsed and validated; keys are the input names in camelCase. */
export interface Inputs {
  command: Command
  cluster: string
  service: string
  /** The `task-definition` input when it names a file. */
  taskDefinition?: string
  /** The `task-definition` input when it names a registered revision (`family:revision` or ARN). */
  taskDefinitionRevision?: string
  containerName?: string
  images: ImageOverride[]
  environmentVariables: { name: string; value: string }[]
  strategy?: Strategy
  bakeTime?: number
  canaryPercent?: number
  canaryBakeTime?: number
  linearStepPercent?: number
  linearStepBakeTime?: number
  testTrafficHeader?: HeaderMatch
  lifecycleHooks?: DeploymentLifecycleHook[]
  pauseAt: string[]
  /** `pause-at: none`: the release drops the service's PAUSE hooks and keeps its Lambda hooks. */
  removePauses: boolean
  pauseTimeout: number
  pauseTimeoutAction: TimeoutAction
  waitUntil: WaitUntil
  /** Minutes; undefined: computed from the deployment's configuration (src/plan/least-time.ts). */
  timeout?: number
  /** Seconds. */
  pollInterval: number
  rollbackOnCancel: boolean
  rollbackOnTimeout: boolean
  /** Lines of each failed container's log a failure report shows; 0 reads none. */
  logLines: number
  deploymentArn?: string
  githubToken: string
  prComment: boolean
  checkRun: boolean
  checkName?: string
  /** The workflow file (`release-control.yml`) that promotes and rolls back by hand. */
  controlWorkflow?: string
  jobSummary: boolean
  /**
   * A release of several services (the `services` input), in call order, entry first;
   * undefined for a release of one (`service`).
   */
  services?: ServiceTarget[]
  /** Names the one comment and check run of a release of several services. */
  releaseName?: string
  /** Refuse inputs that would change the service's settings: only its task definition changes. */
  taskDefinitionOnly: boolean
}

/** Reads one input as the runner passes it (empty string when not set). */
export type InputReader = (name: string) => string

/**
 * Inputs that only some commands use; giving one to another command is a mistake worth
 * stopping for. `plan` takes every input `deploy` takes: it shows what deploy would do
 * with the same inputs.
 */
const COMMAND_INPUTS: Record<string, readonly Command[]> = {
  'task-definition': ['deploy', 'plan', 'render'],
  'container-name': ['deploy', 'plan', 'render'],
  image: ['deploy', 'plan', 'render'],
  images: ['deploy', 'plan', 'render'],
  'environment-variables': ['deploy', 'plan', 'render'],
  strategy: ['deploy', 'plan'],
  'bake-time': ['deploy', 'plan'],
  'canary-percent': ['deploy', 'plan'],
  'canary-bake-time': ['deploy', 'plan'],
  'linear-step-percent': ['deploy', 'plan'],
  'linear-step-bake-time': ['deploy', 'plan'],
  'test-traffic-header': ['deploy', 'plan'],
  'lifecycle-hooks': ['deploy', 'plan'],
  'pause-at': ['deploy', 'plan'],
  'deployment-arn': ['promote', 'rollback', 'status'],
  // render has no check run to name. status reports nothing either, but takes check-name
  // as it takes check-run and github-token: one release-control step runs it beside promote.
  'check-name': ['deploy', 'plan', 'promote', 'rollback', 'status'],
  // The same steps name the control workflow, whichever command they run.
  'control-workflow': ['deploy', 'plan', 'promote', 'rollback', 'status'],
  'release-name': ['deploy', 'plan', 'promote', 'rollback', 'status']
}

const MINUTES_0_TO_1440 = { min: 0, max: 1440, unit: 'minutes', step: 1 }
/** The longest `timeout`: ECS ends a deployment after 30 days. */
export const MAX_TIMEOUT = 43200
const IMAGE = /^[A-Za-z0-9._:/@#+-]{1,1024}$/
const ENV_NAME = /^[^\s=]{1,255}$/
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/
const RESOURCE_NAMES = {
  cluster: new RegExp(`^(${ECS_NAME}|${ECS_ARN}:cluster/${ECS_NAME})$`),
  service: new RegExp(`^(${ECS_NAME}|${ECS_ARN}:service/(${ECS_NAME}/)?${ECS_NAME})$`)
}
/** `pause-at: none`: no pause at any stage; the service's Lambda hooks are kept. */
const PAUSE_AT_NONE = 'none'

const TASK_DEFINITION_ARN = new RegExp(`^${ECS_ARN}:task-definition/${ECS_NAME}:[1-9][0-9]{0,9}$`)
const FAMILY_REVISION = new RegExp(`^${ECS_NAME}:[1-9][0-9]{0,9}$`)
const DEPLOYMENT_ARN = new RegExp(
  `^${ECS_ARN}:service-deployment/${ECS_NAME}/${ECS_NAME}/[A-Za-z0-9_-]+$`
)

/**
 * The inputs with a default in action.yml that needs no runner expression. The runner
 * fills in a default only for an input the step leaves out; one given as an empty string
 * (`timeout: ${{ inputs.timeout }}` with no value) takes action.yml's default too.
 */
export const DEFAULTED_INPUTS = [
  'command',
  'cluster',
  'pause-timeout',
  'pause-timeout-action',
  'wait-until',
  'poll-interval',
  'rollback-on-cancel',
  'rollback-on-timeout',
  'log-lines',
  'pr-comment',
  'check-run',
  'job-summary',
  'task-definition-only'
]

/**
 * Parses and validates every input, as getInputs does. An input of DEFAULTED_INPUTS given
 * empty takes its default from action.yml (`readDefaults`); `lifecycle-hooks` loads the
 * YAML parser, the one input whose parsing needs it.
 */
export async function readInputs(
  read: InputReader,
  readDefaults: () => Promise<Record<string, string>>
): Promise<Inputs> {
  if (read('lifecycle-hooks').trim() !== '' || read('services').trim() !== '')
    await loadStructuredTextParser()
  const defaults = DEFAULTED_INPUTS.some(name => read(name).trim() === '')
    ? await readDefaults()
    : {}
  return getInputs(name => read(name).trim() || defaults[name] || '')
}

/**
 * The defaults action.yml (at `path`) gives its inputs, leaving out runner expressions such
 * as `${{ github.token }}`, which only the runner can evaluate.
 */
export async function readActionDefaults(path: string): Promise<Record<string, string>> {
  await loadStructuredTextParser()
  const metadata = parseStructuredText(await readFile(path, 'utf8'))
  const declared = isPlainObject(metadata) && isPlainObject(metadata.inputs) ? metadata.inputs : {}
  return Object.fromEntries(
    Object.entries(declared).flatMap(([name, input]) =>
      isPlainObject(input) && typeof input.default === 'string' && !input.default.includes('${{')
        ? [[name, input.default]]
        : []
    )
  )
}

/**
 * Parses and validates every input as the runner passes them, action.yml's defaults
 * applied; throws an InputError naming the first bad one. A `lifecycle-hooks` value needs
 * loadStructuredTextParser() first (readInputs does both).
 */
export function getInputs(read: InputReader): Inputs {
  const get = (name: string): string => checkLength(name, read(name).trim())
  const optional = (name: string): string | undefined => get(name) || undefined
  const number = (name: string, rule: Parameters<typeof parseNumber>[2]): number | undefined => {
    const raw = get(name)
    return raw === '' ? undefined : parseNumber(name, raw, rule)
  }

  const command = parseEnum('command', get('command'), COMMANDS)
  for (const [name, commands] of Object.entries(COMMAND_INPUTS)) {
    if (get(name) !== '' && !commands.includes(command)) {
      throw new InputError(
        name,
        `is not used by command '${command}' (only by ${commands.join(', ')}); remove it from this step.`
      )
    }
  }

  const { file: taskDefinition, revision: taskDefinitionRevision } = parseTaskDefinitionInput(
    optional('task-definition')
  )
  const service = get('service')
  const cluster = get('cluster')
  const services = readServices(get, command, cluster)
  if (
    service === '' &&
    !services &&
    !(command === 'render' && (taskDefinition || taskDefinitionRevision))
  ) {
    throw new InputError(
      'service',
      `is required for command '${command}'${command === 'render' ? ' without a task-definition' : ''}.`
    )
  }
  checkResourceName('service', service)
  checkResourceName('cluster', cluster)

  const containerName = checkContainerName(optional('container-name'))
  const images = parseImages(containerName, optional('image'), get('images'))
  const environmentVariables = parseEnvironment(containerName, get('environment-variables'))
  checkRevisionUnchanged(taskDefinitionRevision, images, environmentVariables)
  const pauseAt = get('pause-at')

  return {
    command,
    cluster,
    service,
    taskDefinition,
    taskDefinitionRevision,
    containerName,
    images,
    environmentVariables,
    strategy: parseStrategy(get('strategy')),
    bakeTime: number('bake-time', MINUTES_0_TO_1440),
    canaryPercent: number('canary-percent', { min: 0.1, max: 100, unit: 'percent', step: 0.1 }),
    canaryBakeTime: number('canary-bake-time', MINUTES_0_TO_1440),
    linearStepPercent: number('linear-step-percent', {
      min: 3,
      max: 100,
      unit: 'percent',
      step: 0.1
    }),
    linearStepBakeTime: number('linear-step-bake-time', MINUTES_0_TO_1440),
    testTrafficHeader: parseHeader(get('test-traffic-header')),
    lifecycleHooks:
      get('lifecycle-hooks') === '' ? undefined : parseLifecycleHooks(get('lifecycle-hooks')),
    pauseAt: pauseAt === PAUSE_AT_NONE ? [] : parsePauseStages(pauseAt),
    removePauses: pauseAt === PAUSE_AT_NONE,
    pauseTimeout: parseNumber('pause-timeout', get('pause-timeout'), {
      min: 1,
      max: MAX_PAUSE_TIMEOUT,
      unit: 'minutes',
      step: 1
    }),
    pauseTimeoutAction: parseEnum(
      'pause-timeout-action',
      get('pause-timeout-action'),
      TIMEOUT_ACTIONS
    ),
    waitUntil: parseWaitUntil(get('wait-until')),
    timeout: number('timeout', { min: 1, max: MAX_TIMEOUT, unit: 'minutes' }),
    pollInterval: parseNumber('poll-interval', get('poll-interval'), {
      min: 1,
      max: 3600,
      unit: 'seconds'
    }),
    rollbackOnCancel: parseBoolean('rollback-on-cancel', get('rollback-on-cancel')),
    rollbackOnTimeout: parseBoolean('rollback-on-timeout', get('rollback-on-timeout')),
    logLines: parseNumber('log-lines', get('log-lines'), {
      min: 0,
      max: 100,
      unit: 'lines',
      step: 1
    }),
    deploymentArn: parseDeploymentArn(optional('deployment-arn')),
    githubToken: parseToken(get('github-token')),
    prComment: parseBoolean('pr-comment', get('pr-comment')),
    checkRun: parseBoolean('check-run', get('check-run')),
    checkName: optional('check-name'),
    controlWorkflow: parseWorkflowFile(optional('control-workflow')),
    jobSummary: parseBoolean('job-summary', get('job-summary')),
    taskDefinitionOnly: parseBoolean('task-definition-only', get('task-definition-only')),
    services,
    releaseName: optional('release-name')
  }
}

/**
 * The `services` input, when given; the single-service inputs it replaces must then be
 * left out, and `release-name` needs it.
 */
function readServices(
  get: (name: string) => string,
  command: Command,
  cluster: string
): ServiceTarget[] | undefined {
  const raw = get('services')
  if (raw === '') {
    if (get('release-name') !== '')
      throw new InputError('release-name', 'names a release of several services; set services.')
    return undefined
  }
  for (const name of PER_SERVICE_INPUTS) {
    if (get(name) !== '') {
      throw new InputError(
        name,
        `is given with services; give it to each item of services instead (or release one service without services).`
      )
    }
  }
  return parseServices(raw, command, cluster)
}

export function checkContainerName(containerName: string | undefined): string | undefined {
  if (containerName !== undefined && !ECS_NAME_PATTERN.test(containerName)) {
    throw new InputError(
      'container-name',
      `${quote(containerName)} is not a container name (${ECS_NAME_RULE}).`
    )
  }
  return containerName
}

/**
 * What `task-definition` names: a registered revision when it is a task definition ARN
 * or `family:revision` (a name, a colon, a number: no `.` or `/`, so no file name with
 * an extension or a folder reads as one), else a file. A file whose name looks like a
 * revision is given as `./web:42`. An ARN without a revision is refused rather than read
 * as a path.
 */
export function parseTaskDefinitionInput(raw: string | undefined): {
  file?: string
  revision?: string
} {
  if (raw === undefined) return {}
  if (TASK_DEFINITION_ARN.test(raw) || FAMILY_REVISION.test(raw)) return { revision: raw }
  if (raw.startsWith('arn:')) {
    throw new InputError(
      'task-definition',
      `${quote(raw)} is not a task definition ARN with a revision (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>).`
    )
  }
  return { file: raw }
}

/** An existing revision is released as it is: no image or variable may change it. */
export function checkRevisionUnchanged(
  revision: string | undefined,
  images: ImageOverride[],
  environmentVariables: Inputs['environmentVariables']
): void {
  if (!revision) return
  const [first] = images
  if (first) {
    throw new InputError(
      first.input === 'images' ? 'images' : 'image',
      `cannot change ${revision}, an existing revision that is released as it is; give task-definition a file (or leave it empty) to register a revision with this image.`
    )
  }
  if (environmentVariables.length > 0) {
    throw new InputError(
      'environment-variables',
      `cannot change ${revision}, an existing revision that is released as it is; give task-definition a file (or leave it empty) to register a revision with these variables.`
    )
  }
}

export function checkResourceName(name: 'cluster' | 'service', value: string): void {
  if (value !== '' && !RESOURCE_NAMES[name].test(value)) {
    throw new InputError(
      name,
      `${quote(value)} is not an ECS ${name} name (${ECS_NAME_RULE}) or ${name} ARN.`
    )
  }
}

export function parseImages(
  containerName: string | undefined,
  image: string | undefined,
  rawImages: string
): ImageOverride[] {
  const overrides: ImageOverride[] = []
  if (image !== undefined) {
    if (containerName === undefined) {
      throw new InputError(
        'image',
        'needs container-name: say which container runs this image (or use images: container=image).'
      )
    }
    overrides.push({
      container: containerName,
      image: checkImage('image', image),
      input: 'container-name'
    })
  }
  const checkContainer = (key: string): void => {
    if (!ECS_NAME_PATTERN.test(key)) {
      throw new InputError('images', `${quote(key)} is not a container name (${ECS_NAME_RULE}).`)
    }
  }
  for (const { key, value } of parseKeyValueLines(
    'images',
    rawImages,
    'container=image',
    checkContainer
  )) {
    const earlier = overrides.find(override => override.container === key)
    if (earlier)
      throw new InputError(
        'images',
        `container '${key}' already gets an image from container-name and image.`
      )
    overrides.push({ container: key, image: checkImage('images', value), input: 'images' })
  }
  return overrides
}

function checkImage(input: string, image: string): string {
  if (!IMAGE.test(image)) {
    throw new InputError(
      input,
      `${quote(image)} is not an image reference (e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.2.3).`
    )
  }
  return image
}

export function parseEnvironment(
  containerName: string | undefined,
  raw: string
): Inputs['environmentVariables'] {
  // A bad name is not quoted: in `DB_URL: postgres://user:password@host/db?sslmode=require`
  // everything before the first '=' would be taken as the name, password included.
  const checkName = (key: string, line: number): void => {
    if (!ENV_NAME.test(key)) {
      throw new InputError(
        'environment-variables',
        `line ${line}: the name before '=' is not a variable name (no spaces; at most 255 characters). Write one KEY=value per line.`
      )
    }
  }
  const pairs = parseKeyValueLines('environment-variables', raw, 'KEY=value', checkName)
  if (pairs.length > 0 && containerName === undefined) {
    throw new InputError(
      'environment-variables',
      'needs container-name: say which container gets these variables.'
    )
  }
  return pairs.map(({ key, value }) => ({ name: key, value }))
}

function parseStrategy(raw: string): Strategy | undefined {
  if (raw === '') return undefined
  if (raw.toUpperCase() === 'ROLLING') {
    throw new InputError(
      'strategy',
      'ROLLING is not a blue/green strategy; this action releases with BLUE_GREEN, CANARY or LINEAR.'
    )
  }
  return parseEnum('strategy', raw, STRATEGIES)
}

function parseHeader(raw: string): HeaderMatch | undefined {
  if (raw === '') return undefined
  const at = raw.search(/[:=]/)
  const name = at === -1 ? '' : raw.slice(0, at).trim()
  const value = at === -1 ? '' : raw.slice(at + 1).trim()
  if (at === -1) {
    throw new InputError(
      'test-traffic-header',
      `${quote(raw)} has no separator; write 'name: value' or 'name=value'.`
    )
  }
  if (!HEADER_NAME.test(name)) {
    throw new InputError(
      'test-traffic-header',
      `${quote(name)} is not an HTTP header name (up to 128 letters, digits and !#$%&'*+.^_\`|~-).`
    )
  }
  // Control characters (tab aside) are never valid in an HTTP field value.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = /[\x00-\x08\x0a-\x1f\x7f]/.test(value)
  if (value === '' || control || value.length > 512) {
    throw new InputError(
      'test-traffic-header',
      'needs a value to match exactly after the separator (one line without control characters, at most 512 characters).'
    )
  }
  return { name, value }
}

function parsePauseStages(raw: string): string[] {
  const stages = parseList(raw).map(stage => {
    if (stage === PAUSE_AT_NONE) {
      throw new InputError(
        'pause-at',
        `'${PAUSE_AT_NONE}' stands alone: it removes the service's pauses (its Lambda hooks are kept).`
      )
    }
    if (stage === 'TEST_TRAFFIC_SHIFT' || stage === 'PRODUCTION_TRAFFIC_SHIFT') {
      throw new InputError(
        'pause-at',
        `cannot pause at ${stage}: ECS runs only Lambda hooks while traffic shifts; use POST_${stage} or PRE_PRODUCTION_TRAFFIC_SHIFT.`
      )
    }
    return parseEnum('pause-at', stage, PAUSE_STAGES)
  })
  if (new Set(stages).size !== stages.length)
    throw new InputError('pause-at', 'lists a stage twice.')
  return stages
}

function parseWaitUntil(raw: string): WaitUntil {
  if (raw === 'complete' || raw === 'paused' || raw === 'none') return { kind: raw }
  const stage = parseEnum('wait-until', raw, ['complete', 'paused', 'none', ...LIFECYCLE_STAGES])
  return { kind: 'stage', stage }
}

/** Visible ASCII, as every GitHub token is; the value is never quoted, it is a secret. */
function parseToken(raw: string): string {
  if (!/^[\x21-\x7e]*$/.test(raw)) {
    throw new InputError(
      'github-token',
      'has spaces, line breaks or characters no GitHub token has; pass a token such as secrets.GITHUB_TOKEN.'
    )
  }
  return raw
}

/**
 * A workflow file of the repository, as `gh workflow run` and the REST API take it: its
 * name (`release-control.yml`), or its path under `.github/workflows/`. Returns the name.
 */
function parseWorkflowFile(raw: string | undefined): string | undefined {
  const file = raw?.replace(/^\.github\/workflows\//, '')
  if (raw !== undefined && !/^[\w.-]+\.ya?ml$/.test(file ?? '')) {
    throw new InputError(
      'control-workflow',
      `${quote(raw)} is not a workflow file of .github/workflows/ (e.g. release-control.yml).`
    )
  }
  return file
}

function parseDeploymentArn(raw: string | undefined): string | undefined {
  if (raw !== undefined && !DEPLOYMENT_ARN.test(raw)) {
    throw new InputError(
      'deployment-arn',
      `${quote(raw)} is not a service deployment ARN (arn:aws:ecs:<region>:<account>:service-deployment/<cluster>/<service>/<id>).`
    )
  }
  return raw
}
