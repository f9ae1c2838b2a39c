/**
 * Typed reads of request members. request-check.ts has matched every body against the API
 * model before an operation reads it; these reads keep TypeScript's types honest and report a
 * mismatch the way that check would (a SerializationException), should the two ever disagree.
 */
import { EcsError, invalidParameter } from './errors.js'
import type { JsonObject } from './protocol.js'

const wrongType = (path: string, expected: string): EcsError =>
  new EcsError('SerializationException', `${path} must be ${expected}`)

export function optionalString(input: JsonObject, key: string, path = key): string | undefined {
  const value = input[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw wrongType(path, 'a string')
  return value
}

export function requiredString(input: JsonObject, key: string, path = key): string {
  const value = optionalString(input, key, path)
  if (value === undefined || value === '') throw invalidParameter(`${path} can not be blank.`)
  return value
}

export function optionalNumber(input: JsonObject, key: string, path = key): number | undefined {
  const value = input[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(path, 'a number')
  return value
}

export function optionalBoolean(input: JsonObject, key: string, path = key): boolean | undefined {
  const value = input[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw wrongType(path, 'a boolean')
  return value
}

export function optionalObject(input: JsonObject, key: string, path = key): JsonObject | undefined {
  const value = input[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(path, 'an object')
  return value as JsonObject
}

export function optionalArray(input: JsonObject, key: string, path = key): unknown[] | undefined {
  const value = input[key]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw wrongType(path, 'a list')
  return value as unknown[]
}

/** The elements of a list member that must all be objects. */
export function objectList(input: JsonObject, key: string, path = key): JsonObject[] | undefined {
  return optionalArray(input, key, path)?.map((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw wrongType(`${path}[${index}]`, 'an object')
    }
    return item as JsonObject
  })
}

/** A value of an enumerated member; ECS validates enums that the SDK passes through unchecked. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParameter(`Invalid ${field}: ${value}. Valid values are: ${allowed.join(', ')}`)
  }
  return value as T
}

/** A required list of names or ARNs with the size limits of the Describe* operations. */
export function requiredList(input: JsonObject, key: string, max: number): string[] {
  const items = stringList(input, key) ?? []
  if (items.length === 0 || items.length > max) {
    throw invalidParameter(`${key} must contain between 1 and ${max} items.`)
  }
  return items
}

export function optionalOneOf<T extends string>(
  input: JsonObject,
  key: string,
  allowed: readonly T[],
  field = key
): T | undefined {
  const value = optionalString(input, key, field)
  return value === undefined ? undefined : oneOf(value, allowed, field)
}

export function stringList(input: JsonObject, key: string, path = key): string[] | undefined {
  return optionalArray(input, key, path)?.map((item, index) => {
    if (typeof item !== 'string') throw wrongType(`${path}[${index}]`, 'a string')
    return item
  })
}
