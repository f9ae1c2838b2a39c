import { isPlainObject } from '../inputs/structured-text.js'
import type { FieldChange } from '../model/release.js'

/**
 * What a release changes in a task definition besides images and environment variables
 * (the containers table shows those): the fields that differ from the service's task
 * definition, by name. Both sides are in RegisterTaskDefinition's form. Values are shown
 * only for fields that hold sizes, roles and modes; other fields (commands, labels, log
 * options) may hold anything, so only their names are given.
 */

/** Top-level fields whose values are shown. */
const SHOWN = new Set([
  'family',
  'cpu',
  'memory',
  'networkMode',
  'taskRoleArn',
  'executionRoleArn',
  'pidMode',
  'ipcMode',
  'requiresCompatibilities'
])
/** Container fields whose values are shown. */
const SHOWN_IN_CONTAINER = new Set(['cpu', 'memory', 'memoryReservation', 'essential'])
/** Shown by the containers table, or not part of a revision's content (tags). */
const SKIPPED = new Set(['containerDefinitions', 'tags'])
const SKIPPED_IN_CONTAINER = new Set(['name', 'image', 'environment'])

type Json = Record<string, unknown>

/**
 * The fields of `next` that differ from `previous`. What DescribeTaskDefinition fills in
 * with ECS's defaults (empty lists, a container's `cpu: 0` and `essential: true`, a port
 * mapping's `tcp` and its host port) counts as left out, so a file that leaves them out
 * shows no change.
 */
export function otherFieldChanges(next: Json, previous: Json): FieldChange[] {
  const changes = compareFields(next, previous, SKIPPED, SHOWN, field => field)
  const containers = (document: Json): Map<string, Json> =>
    new Map(
      (Array.isArray(document.containerDefinitions) ? document.containerDefinitions : [])
        .filter(isPlainObject)
        .map(container => [String(container.name), container])
    )
  const before = containers(previous)
  const after = containers(next)
  for (const name of [...new Set([...before.keys(), ...after.keys()])]) {
    const field = `containerDefinitions[${name}]`
    const old = before.get(name)
    const now = after.get(name)
    if (!old || !now) {
      changes.push({ field, before: old ? 'defined' : 'none', after: now ? 'defined' : 'none' })
      continue
    }
    changes.push(
      ...compareFields(
        withContainerDefaults(now),
        withContainerDefaults(old),
        SKIPPED_IN_CONTAINER,
        SHOWN_IN_CONTAINER,
        member => `${field}.${member}`
      )
    )
  }
  return changes
}

function compareFields(
  next: Json,
  previous: Json,
  skipped: Set<string>,
  shown: Set<string>,
  path: (field: string) => string
): FieldChange[] {
  const fields = [...new Set([...Object.keys(previous), ...Object.keys(next)])]
    .filter(field => !skipped.has(field))
    .sort()
  return fields.flatMap(field => {
    const before = canonical(previous[field])
    const after = canonical(next[field])
    if (before === after) return []
    return [
      shown.has(field)
        ? { field: path(field), before: display(previous[field]), after: display(next[field]) }
        : { field: path(field) }
    ]
  })
}

/** A container without the members ECS fills in with its defaults. */
function withContainerDefaults(container: Json): Json {
  const result = { ...container }
  if (result.cpu === 0) delete result.cpu
  if (result.essential === true) delete result.essential
  if (Array.isArray(result.portMappings)) {
    result.portMappings = result.portMappings.map((mapping: unknown) => {
      if (!isPlainObject(mapping)) return mapping
      const plain = { ...mapping }
      if (plain.protocol === 'tcp') delete plain.protocol
      if (plain.hostPort === plain.containerPort) delete plain.hostPort
      return plain
    })
  }
  return result
}

/** JSON with sorted keys, and empty lists and objects taken as absent. */
function canonical(value: unknown): string {
  const normal = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.length === 0 ? undefined : item.map(normal)
    if (isPlainObject(item)) {
      const entries = Object.keys(item)
        .sort()
        .map(key => [key, normal(item[key])] as const)
        .filter(([, member]) => member !== undefined)
      return entries.length === 0 ? undefined : Object.fromEntries(entries)
    }
    return item === null ? undefined : item
  }
  return JSON.stringify(normal(value) ?? null)
}

function display(value: unknown): string {
  if (value === undefined || value === null) return 'none'
  if (Array.isArray(value)) return value.map(display).join(', ')
  const scalar =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  return scalar ? String(value) : JSON.stringify(value)
}
