/**
 * Which ECS calls belong to which run, and how they split into setup and polling. The
 * simulator records every request without saying who sent it; in the load section 20
 * runs share one simulator, so a call is attributed by the service its input names.
 */
import type { RecordedCall } from '../../sim/index.js'

/** The service a request is about, from its input; undefined when the input does not say. */
export function serviceOfCall(call: RecordedCall): string | undefined {
  const input = (call.input ?? {}) as Record<string, unknown>
  const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)
  const named = input.service ?? first(input.services) ?? input.serviceName
  if (typeof named === 'string') return lastSegment(named, 'service')
  // Deployment and revision ARNs end …/<cluster>/<service>/<id>.
  const arn =
    input.serviceDeploymentArn ??
    first(input.serviceDeploymentArns) ??
    first(input.serviceRevisionArns)
  if (typeof arn === 'string') return arn.split('/').at(-2)
  // Task definitions are per family; the bench's seeds name each family after its service.
  const family = input.family ?? input.taskDefinition
  if (typeof family === 'string') return lastSegment(family, 'task-definition').split(':')[0]
  return undefined
}

/** `web`, or the name in an ARN such as `arn:…:service/demo/web`. */
function lastSegment(value: string, kind: string): string {
  return value.includes(`:${kind}/`) ? (value.split('/').at(-1) ?? value) : value
}

export interface CallSplit {
  /** Calls before the first DescribeServiceDeployments: reads, register, UpdateService. */
  setup: string[]
  /** DescribeServiceDeployments calls from the first on: one per poll of the wait loop. */
  polls: number
  /** Every other call from the first poll on (service events, the final diagnosis). */
  others: string[]
}

/**
 * The first DescribeServiceDeployments after UpdateService both confirms the new
 * deployment and is the first poll of the wait (src/ecs/deployments.ts says so), so the
 * wait loop is taken to start there.
 */
export function splitCalls(calls: readonly RecordedCall[]): CallSplit {
  const operations = calls.map(call => call.operation)
  const firstPoll = operations.indexOf('DescribeServiceDeployments')
  const setup = firstPoll === -1 ? operations : operations.slice(0, firstPoll)
  const waiting = firstPoll === -1 ? [] : operations.slice(firstPoll)
  return {
    setup,
    polls: waiting.filter(operation => operation === 'DescribeServiceDeployments').length,
    others: waiting.filter(operation => operation !== 'DescribeServiceDeployments')
  }
}
