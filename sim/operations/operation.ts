/** What every operation handler looks like, and helpers several of them share. */
import type { Failure } from '@aws-sdk/client-ecs'
import { invalidParameter } from '../errors.js'
import { optionalNumber, optionalString } from '../input.js'
import type { JsonObject } from '../protocol.js'
import type { World } from '../world.js'

/** Returns the response body; throws EcsError for an error response. */
export type Operation = (world: World, input: JsonObject) => unknown

export const missing = (arn: string): Failure => ({ arn, reason: 'MISSING' })

export function maxResults(input: JsonObject, fallback: number): number {
  const value = optionalNumber(input, 'maxResults') ?? fallback
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw invalidParameter('maxResults must be between 1 and 100.')
  }
  return value
}

/**
 * One page of `items` after the position a nextToken names. Tokens are opaque to clients:
 * base64url JSON of the list they belong to and the position.
 */
export function page<T>(
  input: JsonObject,
  items: T[],
  scope: string,
  position: (item: T) => number,
  limit: number
): { items: T[]; nextToken?: string } {
  const token = optionalString(input, 'nextToken')
  let after: number | undefined
  if (token !== undefined) {
    try {
      const decoded = JSON.parse(Buffer.from(token, 'base64url').toString()) as {
        s?: string
        p?: number
      }
      if (decoded.s !== scope || typeof decoded.p !== 'number') throw new Error('foreign token')
      after = decoded.p
    } catch {
      throw invalidParameter('Invalid nextToken.')
    }
  }
  const rest = after === undefined ? items : items.filter(item => position(item) > after)
  const pageItems = rest.slice(0, limit)
  const last = pageItems[pageItems.length - 1]
  const nextToken =
    rest.length > limit && last !== undefined
      ? Buffer.from(JSON.stringify({ s: scope, p: position(last) })).toString('base64url')
      : undefined
  return { items: pageItems, nextToken }
}
