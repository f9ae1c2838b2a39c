/**
 * awsJson1_1 as the ECS and CloudWatch Logs SDKs speak it (sim/README.md, "Wire protocol"): the
 * service and operation come from x-amz-target, bodies are JSON, timestamps are epoch seconds,
 * errors carry `__type`.
 */
import { ECS_SDK, LOGS_SDK } from './api-model.js'
import { EcsError } from './errors.js'

export const CONTENT_TYPE = 'application/x-amz-json-1.1'

/** The services the simulator answers, by the x-amz-target prefix their SDKs send. */
export const SERVICES = {
  ecs: { targetPrefix: 'AmazonEC2ContainerServiceV20141113.', sdk: ECS_SDK },
  logs: { targetPrefix: 'Logs_20140328.', sdk: LOGS_SDK }
} as const
export type ServiceName = keyof typeof SERVICES

export type JsonObject = Record<string, unknown>

/** The service and operation an x-amz-target header names, or undefined when it names none answered here. */
export function parseTarget(
  target: string | undefined
): { service: ServiceName; operation: string } | undefined {
  for (const [service, { targetPrefix }] of Object.entries(SERVICES)) {
    if (!target?.startsWith(targetPrefix)) continue
    const operation = target.slice(targetPrefix.length)
    return operation === '' ? undefined : { service: service as ServiceName, operation }
  }
  return undefined
}

export function parseRequestBody(text: string): JsonObject {
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new EcsError('SerializationException', 'Request body is not valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EcsError('SerializationException', 'Request body must be a JSON object')
  }
  return value as JsonObject
}

/**
 * JSON with every Date written as epoch seconds: the SDK rejects ISO strings and would read
 * milliseconds as a date thousands of years ahead. Date.prototype.toJSON runs before a
 * replacer sees the value, so the replacer reads the original from its holder.
 */
export function encodeBody(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, encoded: unknown) {
    const original = this[key]
    return original instanceof Date ? original.getTime() / 1000 : encoded
  })
}

export function encodeError(error: EcsError): string {
  return JSON.stringify({ __type: error.type, message: error.message })
}

/** A timestamp member of a request (epoch seconds) in milliseconds. */
export function epochSecondsToMs(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EcsError('SerializationException', `${path} must be a timestamp in epoch seconds`)
  }
  // Rounded: the SDK writes milliseconds as a decimal fraction, which floats do not keep exactly.
  return Math.round(value * 1000)
}
