/**
 * Shapes of the ECS API as the SDK itself knows them: the schemas `@aws-sdk/client-ecs`
 * serializes with (its `<Shape>$` exports) give member names, nesting, required members and
 * JSON types. The action reads them to send what the API declares; the simulator reads the
 * same schemas to refuse what ECS refuses (sim/README.md, "Request checks").
 */

export type ShapeType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'long'
  | 'double'
  /** A number whose width the schema does not give (integer, long and double alike). */
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

/**
 * Refines a simple shape (string, number, …) found at a member path (`a.b[].c`, map values
 * as `a{}`) with what the schema leaves out, such as integer versus double.
 */
export type RefineShape = (shape: Shape, path: string) => Shape

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

export function joinPath(path: string, segment: string): string {
  if (segment === '[]' || segment === '{}') return `${path}${segment}`
  return path === '' ? segment : `${path}.${segment}`
}

/**
 * Reads one of the SDK's static schemas (`RegisterTaskDefinitionRequest$`, or an operation's
 * input, `RegisterTaskDefinition$[4]`) into a Shape.
 */
export function readSchema(schema: unknown, refine: RefineShape = shape => shape): Shape {
  return new SchemaReader(refine).read(schema as StaticSchema, '', [])
}

class SchemaReader {
  constructor(private readonly refine: RefineShape) {}

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
    if (!Array.isArray(value)) throw new Error(`Unknown ECS schema at ${path}: ${String(value)}`)
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
        throw new Error(`Unknown ECS schema kind ${kind} at ${path}`)
    }
  }

  private simple(code: number, path: string): Shape {
    if (code & MAP_BIT) return { type: 'map', member: this.simple(code & ~MAP_BIT, `${path}{}`) }
    if (code & LIST_BIT) return { type: 'list', member: this.simple(code & ~LIST_BIT, `${path}[]`) }
    const type = SIMPLE_TYPES[code]
    if (!type) throw new Error(`Unknown ECS simple schema ${code} at ${path}`)
    return this.refine({ type }, path)
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
    // No ECS input is recursive; a future one is accepted as any JSON rather than looping.
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

let taskDefinitionShape: Promise<Shape> | undefined

/**
 * The shape of RegisterTaskDefinition's input, read once: a release of 20 services would
 * otherwise read it 20 times as it starts, about 200 KB each (`npm run bench`, section 4).
 */
export function registerTaskDefinitionShape(): Promise<Shape> {
  taskDefinitionShape ??= readTaskDefinitionShape()
  return taskDefinitionShape
}

/**
 * The SDK is imported on first use, as connecting to ECS does, so runs that never reach
 * ECS (a validation error) never load it.
 */
async function readTaskDefinitionShape(): Promise<Shape> {
  const { RegisterTaskDefinitionRequest$ } = await import('@aws-sdk/client-ecs')
  return readSchema(RegisterTaskDefinitionRequest$)
}
