/**
 * The API models the simulator checks requests against, read at run time from the installed
 * `@aws-sdk/client-ecs` (and `@aws-sdk/client-cloudwatch-logs`, for the container logs), so an
 * SDK update brings its new members along (sim/README.md, "Request checks"). Two parts of each
 * package hold it:
 *
 * - the schema the SDK serializes with (the `<Operation>$` exports of its CommonJS build): member
 *   names, nesting, required members and JSON types;
 * - the SDK's generated command documentation (`dist-types/commands/<Operation>Command.d.ts`),
 *   for what that schema leaves out: integer versus double, the enum values, and the errors each
 *   operation declares (`@throws`).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type ShapeType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'long'
  | 'double'
  /** A number whose width the documentation does not give. */
  | 'number'
  | 'timestamp'
  | 'blob'
  | 'document'
  | 'list'
  | 'map'
  | 'structure'
  | 'union'

export interface Shape {
  type: ShapeType
  /** The model's name of a structure, union, list or map. */
  name?: string
  /** The values the SDK documents; ECS may know newer ones. */
  enum?: readonly string[]
  /** A list's element or a map's value. */
  member?: Shape
  /** A structure's or union's members, in model order. */
  members?: Readonly<Record<string, Shape>>
  required?: readonly string[]
}

export interface OperationModel {
  input: Shape
  /** The error types the API model declares for the operation. */
  errors: ReadonlySet<string>
}

const require = createRequire(import.meta.url)

/** The SDK packages whose models the simulator answers by: ECS, and CloudWatch Logs. */
export const ECS_SDK = '@aws-sdk/client-ecs'
export const LOGS_SDK = '@aws-sdk/client-cloudwatch-logs'
export type SdkPackage = typeof ECS_SDK | typeof LOGS_SDK

/** What the generated documentation says about one member path (a.b[].c, map values as a{}). */
interface DocumentedMember {
  numeric?: 'integer' | 'long' | 'double'
  enum?: string[]
}

const NUMERIC_WIDTHS: Record<string, DocumentedMember['numeric']> = {
  int: 'integer',
  long: 'long',
  double: 'double',
  float: 'double'
}

function joinPath(path: string, segment: string): string {
  if (segment === '[]' || segment === '{}') return `${path}${segment}`
  return path === '' ? segment : `${path}.${segment}`
}

function documentedValue(text: string): DocumentedMember | undefined {
  const width = /^Number\("(\w+)"\)$/.exec(text)?.[1]
  if (width) return { numeric: NUMERIC_WIDTHS[width] }
  const literals = text.split(' || ')
  if (literals.every(literal => /^"[^"]*"$/.test(literal))) {
    const values = literals.map(literal => literal.slice(1, -1))
    if (values[0] === 'STRING_VALUE' || values[0] === 'DOCUMENT_VALUE') return undefined
    return { enum: values }
  }
  return undefined
}

/**
 * Reads the example input of a command's documentation: one member per line, nested by
 * `key: {` / `key: [` and closed by `},` / `],`, leaves such as `Number("int")` or `"A" || "B"`.
 */
export function parseDocumentedInput(source: string): Map<string, DocumentedMember> {
  const lines = source.split('\n').map(line => line.replace(/^\s*\*\s?/, ''))
  const start = lines.findIndex(line => /^const input = \{ \/\/ \w+/.test(line))
  const members = new Map<string, DocumentedMember>()
  if (start < 0) return members
  const stack: string[] = []
  const path = () => stack.reduce(joinPath, '')
  for (const raw of lines.slice(start + 1)) {
    const line = raw.replace(/\s*\/\/.*$/, '').trim()
    if (line === '};') break
    if (line === '},' || line === '],') {
      stack.pop()
      continue
    }
    const keyed = /^(?:"<keys>"|(\w+)): (.*?),?$/.exec(line)
    const key = keyed ? (keyed[1] ?? '{}') : '[]'
    const value = keyed ? (keyed[2] ?? '') : line.replace(/,$/, '')
    if (value === '{' || value === '[') {
      stack.push(key)
      continue
    }
    const documented = documentedValue(value)
    if (documented) members.set(joinPath(path(), key), documented)
  }
  return members
}

/**
 * The error names a command's documentation lists under `@throws`, without the base class
 * every error of the client extends (`ECSServiceException`, `CloudWatchLogsServiceException`).
 */
export function parseDeclaredErrors(source: string): Set<string> {
  const names = [...source.matchAll(/@throws \{@link (\w+)\}/g)].map(match => match[1] ?? '')
  return new Set(names.filter(name => !name.endsWith('ServiceException')))
}

/** The SDK's static schemas: numbers for simple types, arrays for the others (see below). */
type StaticSchema = number | string | unknown[] | (() => StaticSchema)

const SIMPLE_TYPES: Record<number, ShapeType> = {
  0: 'string',
  1: 'number',
  2: 'boolean',
  4: 'timestamp',
  5: 'timestamp',
  6: 'timestamp',
  7: 'timestamp',
  15: 'document',
  17: 'number',
  19: 'number',
  21: 'blob',
  42: 'blob'
}
const LIST_BIT = 0b0100_0000
const MAP_BIT = 0b1000_0000

class SchemaReader {
  constructor(private readonly documented: Map<string, DocumentedMember>) {}

  /**
   * @smithy/core's compact schema format: a number is a simple type (with bit 64 a list of it,
   * with bit 128 a string-keyed map of it); arrays are [kind, namespace, name, traits, …] with
   * kind 0 a wrapped simple type, 1 a list, 2 a map, 3 a structure (member names, member
   * schemas, count of required members, which come first), 4 a union; a two-element array is a
   * member with its traits.
   */
  read(schema: StaticSchema, path: string, ancestors: string[]): Shape {
    const value = typeof schema === 'function' ? schema() : schema
    if (typeof value === 'number') return this.simple(value, path)
    if (!Array.isArray(value)) throw new Error(`Unknown schema at ${path}: ${String(value)}`)
    if (value.length === 2) return this.read(value[0] as StaticSchema, path, ancestors)
    const [kind, , name] = value as [number, string, string]
    switch (kind) {
      case 0:
        return this.read(value[4] as StaticSchema, path, ancestors)
      case 1:
        return {
          type: 'list',
          name,
          member: this.read(value[4] as StaticSchema, `${path}[]`, ancestors)
        }
      case 2:
        return {
          type: 'map',
          name,
          member: this.read(value[5] as StaticSchema, `${path}{}`, ancestors)
        }
      case 3:
      case 4:
        return this.structure(value, path, ancestors)
      default:
        throw new Error(`Unknown schema kind ${kind} at ${path}`)
    }
  }

  private simple(code: number, path: string): Shape {
    if (code & MAP_BIT) return { type: 'map', member: this.simple(code & ~MAP_BIT, `${path}{}`) }
    if (code & LIST_BIT) return { type: 'list', member: this.simple(code & ~LIST_BIT, `${path}[]`) }
    const type = SIMPLE_TYPES[code]
    if (!type) throw new Error(`Unknown simple schema ${code} at ${path}`)
    const documented = this.documented.get(path)
    if (type === 'number') return { type: documented?.numeric ?? 'number' }
    if (type === 'string' && documented?.enum) return { type, enum: documented.enum }
    return { type }
  }

  private structure(value: unknown[], path: string, ancestors: string[]): Shape {
    const [kind, , name, , names, schemas, requiredCount] = value as [
      number,
      string,
      string,
      unknown,
      string[],
      StaticSchema[],
      number | undefined
    ]
    // No input the simulator answers is recursive; a future one is accepted as any JSON rather than looping.
    if (ancestors.includes(name)) return { type: 'document', name }
    const members: Record<string, Shape> = {}
    names.forEach((member, i) => {
      members[member] = this.read(schemas[i] as StaticSchema, joinPath(path, member), [
        ...ancestors,
        name
      ])
    })
    return {
      type: kind === 4 ? 'union' : 'structure',
      name,
      members,
      required: names.slice(0, requiredCount ?? 0)
    }
  }
}

/** The installed SDK's version, which decides the members and enum values known. */
export function sdkVersion(sdk: SdkPackage = ECS_SDK): string {
  return (require(`${sdk}/package.json`) as { version: string }).version
}

const models = new Map<string, OperationModel | undefined>()

/** The model of one operation, or undefined when the installed SDK has no such operation. */
export function operationModel(
  operation: string,
  sdk: SdkPackage = ECS_SDK
): OperationModel | undefined {
  const key = `${sdk} ${operation}`
  if (models.has(key)) return models.get(key)
  const schema = (require(sdk) as Record<string, unknown>)[`${operation}$`]
  let model: OperationModel | undefined
  if (Array.isArray(schema) && schema[0] === 9) {
    const docs = readFileSync(
      join(
        dirname(require.resolve(sdk)),
        '..',
        'dist-types',
        'commands',
        `${operation}Command.d.ts`
      ),
      'utf8'
    )
    model = {
      input: new SchemaReader(parseDocumentedInput(docs)).read(schema[4] as StaticSchema, '', []),
      errors: parseDeclaredErrors(docs)
    }
  }
  models.set(key, model)
  return model
}
