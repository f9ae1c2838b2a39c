import { joinPath, type Shape } from '../ecs/api-schema.js'
import { isPlainObject } from '../inputs/structured-text.js'

/** A value that has no faithful conversion to the type the API declares for it. */
export class ShapeMismatch extends Error {
  constructor(
    readonly path: string,
    detail: string
  ) {
    super(`${path} ${detail}`)
    this.name = 'ShapeMismatch'
  }
}

export interface Conformed {
  value: unknown
  /** Members the API does not have, by path: the SDK would drop them without a word. */
  unknown: string[]
}

const NUMBER_TYPES: readonly string[] = ['integer', 'long', 'double', 'number']
/** Plain decimal notation only: `0x10` or `1e3` in a string is not a number someone meant. */
const DECIMAL = /^-?(\d+(\.\d+)?|\.\d+)$/

/**
 * `value` with every member converted to the type `shape` declares, where the conversion
 * is faithful: a number or a boolean where a string belongs becomes its text (YAML reads
 * `cpu: 512` and `awslogs-create-group: true` as a number and a boolean, which ECS refuses
 * for these string members), a decimal string where a number belongs becomes the number,
 * `"true"`/`"false"` where a boolean belongs the boolean. `null` is left out, as the SDK
 * leaves it out. Anything else that does not fit throws a ShapeMismatch naming the member;
 * values are never quoted (environment values can be secrets). Members `shape` does not
 * have are left out and listed, except the `ignored` top-level ones.
 */
export function conformToShape(
  value: unknown,
  shape: Shape,
  ignored: readonly string[] = []
): Conformed {
  const unknown: string[] = []
  const conform = (item: unknown, itemShape: Shape, path: string): unknown => {
    switch (itemShape.type) {
      case 'structure':
      case 'union': {
        if (!isPlainObject(item)) throw mismatch(path, item, 'an object')
        const members = itemShape.members ?? {}
        const result: Record<string, unknown> = {}
        for (const [key, member] of Object.entries(item)) {
          const memberShape = members[key]
          const memberPath = joinPath(path, key)
          if (!memberShape) {
            if (!(path === '' && ignored.includes(key))) unknown.push(memberPath)
          } else if (member !== null && member !== undefined) {
            result[key] = conform(member, memberShape, memberPath)
          }
        }
        for (const key of itemShape.required ?? []) {
          if (result[key] === undefined)
            throw new ShapeMismatch(joinPath(path, key), 'is required.')
        }
        return result
      }
      case 'list':
        if (!Array.isArray(item)) throw mismatch(path, item, 'a list')
        return item.map((element: unknown, index) =>
          conformElement(element, itemShape, `${path}[${index}]`)
        )
      case 'map':
        if (!isPlainObject(item)) throw mismatch(path, item, 'a map of names to values')
        return Object.fromEntries(
          Object.entries(item).map(([key, element]) => [
            key,
            conformElement(element, itemShape, joinPath(path, key))
          ])
        )
      case 'string':
        if (typeof item === 'string') return item
        if (typeof item === 'boolean') return String(item)
        if (typeof item === 'number' && Number.isFinite(item)) {
          if (Number.isInteger(item) && !Number.isSafeInteger(item))
            throw new ShapeMismatch(path, 'is a number too large to be read exactly: quote it.')
          return String(item)
        }
        throw mismatch(path, item, 'a string')
      case 'boolean':
        if (typeof item === 'boolean') return item
        if (item === 'true' || item === 'false') return item === 'true'
        throw mismatch(path, item, 'true or false')
      default:
        if (NUMBER_TYPES.includes(itemShape.type)) {
          if (typeof item === 'number') return item
          if (typeof item === 'string' && DECIMAL.test(item.trim())) return Number(item)
          throw mismatch(path, item, 'a number')
        }
        // Timestamps, blobs and documents: no task definition member has one; sent as given.
        return item
    }
  }
  const conformElement = (element: unknown, container: Shape, path: string): unknown => {
    if (element === null || element === undefined)
      throw new ShapeMismatch(path, 'is empty: remove it or give it a value.')
    return conform(element, container.member ?? { type: 'document' }, path)
  }
  return { value: conform(value, shape, ''), unknown }
}

function mismatch(path: string, value: unknown, wanted: string): ShapeMismatch {
  return new ShapeMismatch(path, `is ${describeType(value)}; the API takes ${wanted}.`)
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (isPlainObject(value)) return 'an object'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'number') return 'a number'
  if (typeof value === 'boolean') return 'a boolean'
  return `of type ${typeof value}`
}
