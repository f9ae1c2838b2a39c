import { isPlainObject, parseStructuredText } from './structured-text.js'
import { InputError, quote } from './values.js'
import type { Command, Inputs } from './inputs.js'
import {
  checkContainerName,
  checkResourceName,
  checkRevisionUnchanged,
  parseEnvironment,
  parseImages,
  parseTaskDefinitionInput
} from './inputs.js'

/** One service of a release of several: the single-service inputs it takes, by their names. */
export type ServiceTarget = Pick<
  Inputs,
  | 'service'
  | 'cluster'
  | 'taskDefinition'
  | 'taskDefinitionRevision'
  | 'containerName'
  | 'images'
  | 'environmentVariables'
>

/**
 * One DescribeServiceDeployments call reads at most 20 deployments
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServiceDeployments.html):
 * a release of up to 20 services is followed with one call per poll.
 */
export const MAX_SERVICES = 20

/** The item keys, as the single-service inputs are named; deploy takes all, the other commands the first two. */
const DEPLOY_KEYS = [
  'service',
  'cluster',
  'task-definition',
  'container-name',
  'image',
  'images',
  'environment-variables'
] as const
const CONTROL_KEYS = ['service', 'cluster'] as const

/** The single-service inputs that `services` replaces: each item carries its own. */
export const PER_SERVICE_INPUTS = [
  'service',
  'task-definition',
  'container-name',
  'image',
  'images',
  'environment-variables',
  'deployment-arn'
]

/**
 * The `services` input: a YAML list of the release's services in call order, the entry
 * service first. Each item is a mapping of the single-service inputs' names
 * (`service` required; `cluster` defaults to the `cluster` input). Needs
 * loadStructuredTextParser() first. Errors name the item and the key.
 */
export function parseServices(raw: string, command: Command, cluster: string): ServiceTarget[] {
  if (command === 'render') {
    throw new InputError(
      'services',
      "is not used by command 'render'; render one service at a time."
    )
  }
  let list: unknown
  try {
    list = parseStructuredText(raw)
  } catch (error) {
    throw new InputError('services', error instanceof Error ? error.message : String(error))
  }
  if (!Array.isArray(list) || list.length === 0) {
    throw new InputError(
      'services',
      'must be a YAML list of services, one item per service (- service: web), entry service first.'
    )
  }
  if (list.length > MAX_SERVICES) {
    throw new InputError(
      'services',
      `lists ${list.length} services; one release takes at most ${MAX_SERVICES} (release more in waves, see README).`
    )
  }
  const keys: readonly string[] =
    command === 'deploy' || command === 'plan' ? DEPLOY_KEYS : CONTROL_KEYS
  const targets = list.map((item: unknown, index) => parseItem(item, index + 1, keys, cluster))
  const seen = new Set<string>()
  for (const [index, target] of targets.entries()) {
    const key = `${target.cluster}/${target.service}`
    if (seen.has(key)) {
      throw new InputError(
        'services',
        `item ${index + 1} (${target.service}) lists service '${target.service}' of cluster '${target.cluster}' a second time.`
      )
    }
    seen.add(key)
  }
  return targets
}

function parseItem(
  item: unknown,
  number: number,
  keys: readonly string[],
  defaultCluster: string
): ServiceTarget {
  if (!isPlainObject(item)) {
    throw new InputError(
      'services',
      `item ${number} is not a mapping; write each item as '- service: <name>' with its keys below.`
    )
  }
  const label =
    typeof item.service === 'string' ? `item ${number} (${item.service})` : `item ${number}`
  const fail = (detail: string): never => {
    throw new InputError('services', `${label}: ${detail}`)
  }
  for (const key of Object.keys(item)) {
    if (!keys.includes(key)) {
      fail(
        DEPLOY_KEYS.includes(key as (typeof DEPLOY_KEYS)[number])
          ? `key '${key}' is only used by commands 'deploy' and 'plan'; this command needs service and cluster.`
          : `${quote(key)} is not a key of an item; use ${keys.join(', ')}.`
      )
    }
  }
  const text = (key: string): string => {
    const value = item[key]
    if (value === undefined || value === null) return ''
    if (typeof value === 'string') return value.trim()
    if (typeof value === 'number') return String(value)
    // `images` and `environment-variables` may be written as mappings as well as lines.
    if ((key === 'images' || key === 'environment-variables') && isPlainObject(value)) {
      return Object.entries(value)
        .map(([name, entry]) => `${name}=${String(entry)}`)
        .join('\n')
    }
    return fail(`key '${key}' must be text.`)
  }
  // Each key is checked as the single-service input of its name; the error names the item and key.
  try {
    const service = text('service')
    if (service === '') fail("needs 'service': the ECS service to release.")
    const cluster = text('cluster') || defaultCluster
    checkResourceName('service', service)
    checkResourceName('cluster', cluster)
    const containerName = checkContainerName(text('container-name') || undefined)
    const { file, revision } = parseTaskDefinitionInput(text('task-definition') || undefined)
    const images = parseImages(containerName, text('image') || undefined, text('images'))
    const environmentVariables = parseEnvironment(containerName, text('environment-variables'))
    checkRevisionUnchanged(revision, images, environmentVariables)
    return {
      service,
      cluster,
      taskDefinition: file,
      taskDefinitionRevision: revision,
      containerName,
      images,
      environmentVariables
    }
  } catch (error) {
    if (error instanceof InputError && error.input !== 'services')
      fail(`key '${error.input}' ${error.detail}`)
    throw error
  }
}
