import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs'
import type { Shape } from '../ecs/api-schema.js'
import { InputError } from '../inputs/values.js'
import type { ImageOverride } from '../inputs/inputs.js'
import type { ContainerChange } from '../model/release.js'
import { conformToShape, ShapeMismatch } from './conform.js'
import type { TaskDefinitionDocument } from './load.js'

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition does not take. */
export const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt'
]

export interface RenderRequest {
  images: ImageOverride[]
  containerName?: string
  environment: { name: string; value: string }[]
}

export interface RenderedTaskDefinition {
  input: RegisterTaskDefinitionCommandInput
  /** Every container, with what this release changes in it. */
  containers: ContainerChange[]
  /** Fields of the base that RegisterTaskDefinition does not know (read-only ones aside), by path: left out. */
  unknownFields: string[]
}

type Container = Record<string, unknown> & { name: string }
interface EnvironmentEntry {
  name?: unknown
  value?: unknown
}

/**
 * Applies the release's images and environment to a base task definition and returns
 * what RegisterTaskDefinition accepts: every value of the type `shape` (its input, read
 * from the SDK: registerTaskDefinitionShape) declares, so `cpu: 512` in a YAML file is sent
 * as "512". `previous` is what the service runs now, so the report can say what changes;
 * it defaults to the base.
 */
export function renderTaskDefinition(
  shape: Shape,
  base: TaskDefinitionDocument,
  request: RenderRequest,
  previous: TaskDefinitionDocument = base
): RenderedTaskDefinition {
  let conformed: ReturnType<typeof conformToShape>
  try {
    conformed = conformToShape(base, shape, READ_ONLY_FIELDS)
  } catch (error) {
    if (!(error instanceof ShapeMismatch)) throw error
    throw new InputError(
      'task-definition',
      `task definition ${String(base.family)}: ${error.message}`
    )
  }
  const input = conformed.value as Record<string, unknown> & { containerDefinitions: Container[] }
  const containers = input.containerDefinitions
  const names = containers.map(container => container.name)
  const find = (name: string, inputName: string): Container => {
    const container = containers.find(candidate => candidate.name === name)
    if (!container) {
      throw new InputError(
        inputName,
        `container '${name}' is not in the task definition; its containers are ${names.join(', ')}.`
      )
    }
    return container
  }

  for (const override of request.images)
    find(override.container, override.input).image = override.image
  // A container-name that names no container is a mistake even when nothing is set on it.
  if (request.containerName !== undefined) {
    const container = find(request.containerName, 'container-name')
    if (request.environment.length > 0)
      container.environment = mergeEnvironment(container.environment, request.environment)
  }

  checkRegistrable(input, containers, request)
  return {
    input: input as unknown as RegisterTaskDefinitionCommandInput,
    containers: describeChanges(containers, previous.containerDefinitions as Container[]),
    unknownFields: conformed.unknown
  }
}

/** ECS's quota on the size of a task definition, in bytes of JSON (not adjustable). */
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024

/** What RegisterTaskDefinition would refuse, refused before anything is registered. */
function checkRegistrable(
  input: Record<string, unknown>,
  containers: Container[],
  request: RenderRequest
): void {
  for (const container of containers) {
    if (typeof container.image !== 'string' || container.image === '') {
      throw new InputError(
        'task-definition',
        `container '${container.name}' has no image; give it one in the file, or with container-name and image (or images).`
      )
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(input))
  if (bytes > MAX_TASK_DEFINITION_BYTES) {
    // Blame environment-variables only when the task definition fits without what it adds.
    const added = Buffer.byteLength(JSON.stringify(request.environment))
    const grown =
      bytes - added <= MAX_TASK_DEFINITION_BYTES ? 'environment-variables' : 'task-definition'
    throw new InputError(
      grown,
      `the rendered task definition is ${bytes} bytes of JSON; ECS registers at most ${MAX_TASK_DEFINITION_BYTES} (a quota that cannot be raised).`
    )
  }
}

/** Sets the given variables; the container's other variables stay as they were. */
function mergeEnvironment(
  current: unknown,
  updates: RenderRequest['environment']
): EnvironmentEntry[] {
  const entries = Array.isArray(current)
    ? (current as unknown[]).filter(
        (entry): entry is EnvironmentEntry => typeof entry === 'object' && entry !== null
      )
    : []
  const merged = entries.filter(entry => !updates.some(update => update.name === entry.name))
  return [...merged, ...updates.map(({ name, value }) => ({ name, value }))]
}

function describeChanges(containers: Container[], previous: Container[]): ContainerChange[] {
  return containers.map(container => {
    const before = previous.find(candidate => candidate.name === container.name)
    return {
      name: container.name,
      previousImage: typeof before?.image === 'string' ? before.image : undefined,
      image: typeof container.image === 'string' ? container.image : undefined,
      changedEnvironment: changedNames(before?.environment, container.environment)
    }
  })
}

/** Names of variables added, removed or given another value. */
function changedNames(before: unknown, after: unknown): string[] {
  const toMap = (list: unknown): Map<string, unknown> =>
    new Map(
      (Array.isArray(list) ? (list as (EnvironmentEntry | null)[]) : []).flatMap(entry =>
        typeof entry?.name === 'string' ? [[entry.name, entry.value] as const] : []
      )
    )
  const old = toMap(before)
  const now = toMap(after)
  const names = new Set([...old.keys(), ...now.keys()])
  return [...names]
    .filter(name => old.has(name) !== now.has(name) || old.get(name) !== now.get(name))
    .sort()
}
