/**
 * The CloudWatch Logs operations the action calls: GetLogEvents
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html),
 * answered from the log store with the errors CloudWatch Logs answers (sim/README.md,
 * "Container logs").
 */
import { accessDenied, EcsError, invalidParameter } from '../errors.js'
import { optionalBoolean, optionalNumber, optionalString } from '../input.js'
import type { Operation } from '../operations/operation.js'
import type { LogEventRecord } from './store.js'

/** The API reference's limits: at most 10,000 events (and 1 MB) per answer. */
const MAX_LIMIT = 10_000
const MAX_BYTES = 1024 * 1024

/** CloudWatch Logs' wording for a member outside its constraints (a validation error). */
const constraint = (value: unknown, member: string, rule: string): EcsError =>
  invalidParameter(
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`
  )

/** A log group ARN (`arn:…:log-group:<name>`, perhaps with `:*`) or a plain name. */
function groupName(identifier: string): string {
  const match = /^arn:[^:]+:logs:[^:]*:\d*:log-group:(.+?)(?::\*)?$/.exec(identifier)
  return match?.[1] ?? identifier
}

/**
 * Tokens name a position in the stream: `f/<n>` reads forward from event n, `b/<n>` backward
 * from before it. Real tokens look alike (`f/<56 digits>/s`) and are just as opaque.
 */
function token(direction: 'f' | 'b', position: number): string {
  return `${direction}/${String(position).padStart(56, '0')}/s`
}

function parseToken(value: string): { direction: 'f' | 'b'; position: number } {
  const match = /^([fb])\/(\d{56})\/s$/.exec(value)
  if (!match) throw invalidParameter('The specified nextToken is invalid.')
  return { direction: match[1] as 'f' | 'b', position: Number(match[2]) }
}

/** Events from `start` on (forward) or ending at `end` (backward), within the limits. */
function pageOf(
  events: LogEventRecord[],
  from: { direction: 'f' | 'b'; position: number },
  limit: number
): { first: number; last: number } {
  let bytes = 0
  const fits = (event: LogEventRecord | undefined): boolean => {
    bytes += Buffer.byteLength(event?.message ?? '') + 26
    return bytes <= MAX_BYTES
  }
  if (from.direction === 'f') {
    let last = from.position
    while (last < events.length && last - from.position < limit && fits(events[last])) last++
    return { first: from.position, last }
  }
  let first = from.position
  while (first > 0 && from.position - first < limit && fits(events[first - 1])) first--
  return { first, last: from.position }
}

const getLogEvents: Operation = (world, input) => {
  const streamName = optionalString(input, 'logStreamName')
  if (streamName === undefined) {
    throw invalidParameter(
      "1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null"
    )
  }
  const name = optionalString(input, 'logGroupName')
  const identifier = optionalString(input, 'logGroupIdentifier')
  if ((name === undefined) === (identifier === undefined)) {
    throw invalidParameter('Exactly one of logGroupName and logGroupIdentifier must be specified.')
  }
  const limit = optionalNumber(input, 'limit') ?? MAX_LIMIT
  if (limit < 1 || limit > MAX_LIMIT) {
    throw constraint(limit, 'limit', `Member must have value between 1 and ${MAX_LIMIT}`)
  }
  const group = groupName(name ?? identifier ?? '')
  // IAM decides before CloudWatch Logs looks for the group.
  if (world.scenario.denyLogReads) {
    throw accessDenied(
      world.arns.caller(),
      'logs:GetLogEvents',
      world.arns.logStream(group, streamName)
    )
  }
  const stored = world.logs.groups.get(group)
  if (!stored)
    throw new EcsError('ResourceNotFoundException', 'The specified log group does not exist.')
  const stream = stored.streams.get(streamName)
  if (!stream)
    throw new EcsError('ResourceNotFoundException', 'The specified log stream does not exist.')

  const startTime = optionalNumber(input, 'startTime')
  const endTime = optionalNumber(input, 'endTime')
  const events = world.scenario.containerLogsExpired
    ? []
    : stream.events.filter(
        event =>
          (startTime === undefined || event.timestamp >= startTime) &&
          (endTime === undefined || event.timestamp < endTime)
      )
  const nextToken = optionalString(input, 'nextToken')
  const fromHead = optionalBoolean(input, 'startFromHead') ?? false
  const from = nextToken
    ? parseToken(nextToken)
    : {
        direction: fromHead ? ('f' as const) : ('b' as const),
        position: fromHead ? 0 : events.length
      }
  const position = Math.min(from.position, events.length)
  const { first, last } = pageOf(events, { ...from, position }, limit)
  return {
    // Oldest first, in either direction.
    events: events.slice(first, last).map(({ timestamp, message, ingestionTime }) => ({
      timestamp,
      message,
      ingestionTime
    })),
    nextForwardToken: token('f', last),
    nextBackwardToken: token('b', first)
  }
}

export const LOGS_OPERATIONS: Readonly<Record<string, Operation>> = {
  GetLogEvents: getLogEvents
}
