/**
 * The simulator's own HTTP endpoint next to the AWS protocol, for what a running simulator is
 * asked from outside the process (sim/README.md, "Request routing"): GET /_sim/route.
 */
import type { RequestHeader, RouteRequest } from './request-routing.js'

export const CONTROL_PREFIX = '/_sim/'

export interface ControlAnswer {
  status: number
  body: unknown
}

/** `name:value`, as curl's -H takes a header. */
function parseHeader(text: string): RequestHeader {
  const colon = text.indexOf(':')
  const name = text.slice(0, colon).trim()
  if (colon < 0 || name === '') throw new Error(`header must be name:value, got ${text}`)
  return { name, value: text.slice(colon + 1).trim() }
}

/** `?service=<name>[&cluster=<name>][&header=<name>:<value>]` as a routing request. */
export function parseRouteQuery(query: URLSearchParams): RouteRequest {
  const service = query.get('service')
  if (!service) throw new Error('service is required')
  const cluster = query.get('cluster')
  const header = query.get('header')
  return {
    service,
    ...(cluster && { cluster }),
    ...(header !== null && { header: parseHeader(header) })
  }
}

/** Answers a control request; a request it cannot answer gets 400 with the reason. */
export function answerControl(url: URL, route: (request: RouteRequest) => unknown): ControlAnswer {
  if (url.pathname !== `${CONTROL_PREFIX}route`) {
    return {
      status: 404,
      body: { message: `No control endpoint ${url.pathname}; there is ${CONTROL_PREFIX}route` }
    }
  }
  try {
    return { status: 200, body: { hops: route(parseRouteQuery(url.searchParams)) } }
  } catch (error) {
    return {
      status: 400,
      body: { message: error instanceof Error ? error.message : String(error) }
    }
  }
}
