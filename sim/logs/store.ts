/**
 * CloudWatch Logs as far as the simulator needs it: log groups, their streams and events, which
 * containers that log with the awslogs driver write (sim/README.md, "Container logs").
 */
import type { Arns } from '../ids.js'

export interface LogEventRecord {
  timestamp: number
  message: string
  ingestionTime: number
}

export interface LogStreamRecord {
  name: string
  createdAt: number
  events: LogEventRecord[]
}

export interface LogGroupRecord {
  name: string
  arn: string
  createdAt: number
  streams: Map<string, LogStreamRecord>
}

export class LogStore {
  readonly groups = new Map<string, LogGroupRecord>()

  constructor(private readonly arns: Arns) {}

  /** The group, created if it does not exist yet. */
  createGroup(name: string, at = Date.now()): LogGroupRecord {
    const existing = this.groups.get(name)
    if (existing) return existing
    const group = { name, arn: this.arns.logGroup(name), createdAt: at, streams: new Map() }
    this.groups.set(name, group)
    return group
  }

  /** Appends `messages` to a stream of an existing group, creating the stream as awslogs does. */
  append(group: LogGroupRecord, streamName: string, messages: readonly string[], at: number): void {
    let stream = group.streams.get(streamName)
    if (!stream) {
      stream = { name: streamName, createdAt: at, events: [] }
      group.streams.set(streamName, stream)
    }
    // One millisecond apart, so the order survives a sort by timestamp.
    messages.forEach((message, i) =>
      stream.events.push({ timestamp: at + i, message, ingestionTime: at + i })
    )
  }
}
