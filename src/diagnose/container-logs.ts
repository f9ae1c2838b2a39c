import type { Container, ContainerDefinition, Task } from '@aws-sdk/client-ecs'
import { describeAwsError, errorName } from '../ecs/errors.js'
import type { EcsPort } from '../ecs/port.js'
import type { LogsPort } from '../logs/port.js'
import type {
  ContainerLastWords,
  FailureEvidence,
  LogDestination,
  StoppedTaskEvidence
} from '../model/evidence.js'
import { clip, plain } from '../model/format.js'
import { describeGroup, type StoppedTaskGroup } from './stopped-tasks.js'

/** The first few tasks of a group tell its story; more would repeat it. */
const TASKS_PER_GROUP = 3
/** Longest log line kept; the reports clip further. */
const MAX_LINE = 1000
/** Longest error text kept in a note. */
const MAX_NOTE_ERROR = 300

export interface LastWordsSettings {
  /** Lines read per container (the log-lines input); 0 reads none. */
  lines: number
  connectLogs: (region: string) => Promise<LogsPort>
  /** Hides the run's secrets in what the logs say, before anything is kept. */
  redact: (text: string) => string
}

/**
 * Where the failed containers of the first tasks of each group logged, and the last lines of
 * those that log to CloudWatch Logs with the awslogs driver
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html). Other drivers
 * are named with where their output went. Best effort: a denied or missing log is a note on
 * its container, never an error.
 */
export async function readLastWords(
  ecs: EcsPort,
  groups: StoppedTaskGroup[],
  settings: LastWordsSettings
): Promise<FailureEvidence> {
  const definitions = new Map<string, Promise<ContainerDefinition[] | undefined>>()
  const definitionsOf = (arn: string | undefined): Promise<ContainerDefinition[] | undefined> => {
    if (!arn) return Promise.resolve(undefined)
    const found =
      definitions.get(arn) ??
      ecs
        .describeTaskDefinition({ taskDefinition: arn })
        .then(answer => answer.taskDefinition?.containerDefinitions)
        .catch(() => undefined)
    definitions.set(arn, found)
    return found
  }
  const reader = new LogReader(settings)
  const taskGroups = []
  for (const group of groups) {
    const tasks: StoppedTaskEvidence[] = []
    for (const task of group.tasks.slice(0, TASKS_PER_GROUP)) {
      const defined = await definitionsOf(task.taskDefinitionArn)
      const containers: ContainerLastWords[] = []
      for (const container of failedContainers(task, defined)) {
        const destination = destinationOf(defined, task, container, ecs.region)
        containers.push(await reader.read(container, destination, task))
      }
      tasks.push({ taskArn: task.taskArn ?? '', containers })
    }
    taskGroups.push({ summary: describeGroup(group), count: group.count, tasks })
  }
  return { taskGroups }
}

/**
 * The containers whose logs explain the stop: those that exited non-zero, have a reason or
 * failed their health check; when none did (the task as a whole failed), the essential ones.
 */
function failedContainers(task: Task, definitions: ContainerDefinition[] | undefined): Container[] {
  const containers = task.containers ?? []
  const failed = containers.filter(
    container =>
      (container.exitCode !== undefined && container.exitCode !== 0) ||
      !!container.reason ||
      container.healthStatus === 'UNHEALTHY'
  )
  if (failed.length > 0) return failed
  const essential = (container: Container): boolean =>
    definitions?.find(definition => definition.name === container.name)?.essential !== false
  return containers.filter(essential)
}

/** The host of a URL option, without credentials or path; the value itself when it is no URL. */
function hostOf(value: string): string {
  try {
    return new URL(value).host || value
  } catch {
    return value
  }
}

/**
 * Where a container's output went, from the container definitions of its task's task
 * definition (undefined when ECS did not return them). Only an option that names the
 * destination is shown (a FireLens output's name and group, an address's host), never the
 * options as a whole.
 */
export function destinationOf(
  definitions: ContainerDefinition[] | undefined,
  task: Task,
  container: Container,
  region: string
): LogDestination {
  if (!definitions) return { driver: 'unknown', where: 'a task definition ECS did not return' }
  const definition = definitions.find(candidate => candidate.name === container.name)
  const configuration = definition?.logConfiguration
  if (!configuration) {
    return {
      driver: 'none',
      where: 'no logConfiguration: Docker kept it on the container instance (Fargate discards it)'
    }
  }
  const options = configuration.options ?? {}
  // An open set: ECS may accept drivers the SDK does not list yet.
  const driver: string = configuration.logDriver ?? 'none'
  switch (driver) {
    case 'awslogs': {
      const group = options['awslogs-group']
      if (!group) return { driver, where: 'awslogs without an awslogs-group option' }
      const prefix = options['awslogs-stream-prefix']
      const taskId = task.taskArn?.split('/').pop()
      // Without a prefix the stream is named after the Docker container id (runtimeId).
      const stream = prefix
        ? taskId && `${prefix}/${container.name ?? ''}/${taskId}`
        : container.runtimeId
      return {
        driver,
        region: options['awslogs-region'] ?? region,
        group,
        ...(stream && { stream })
      }
    }
    case 'awsfirelens': {
      const output = options.Name ?? 'the output its log router configures'
      const group = options.log_group_name ?? options.delivery_stream ?? options.bucket
      return { driver, where: `FireLens output ${output}${group ? ` (${group})` : ''}` }
    }
    case 'splunk':
      return { driver, where: `Splunk at ${hostOf(options['splunk-url'] ?? '?')}` }
    case 'fluentd':
      return { driver, where: `Fluentd at ${options['fluentd-address'] ?? 'localhost:24224'}` }
    case 'gelf':
      return { driver, where: `GELF at ${hostOf(options['gelf-address'] ?? '?')}` }
    case 'syslog':
      return { driver, where: `syslog at ${hostOf(options['syslog-address'] ?? 'the instance')}` }
    case 'json-file':
      return { driver, where: "Docker's json-file files on the container instance" }
    case 'journald':
      return { driver, where: "the container instance's journal" }
    case 'none':
      return { driver, where: 'nowhere: the log driver none discards it' }
    default:
      return { driver, where: `the ${driver} log driver's destination` }
  }
}

/** Reads awslogs streams one after the other; after one denial, a region is not asked again. */
class LogReader {
  private readonly denied = new Map<string, string>()

  constructor(private readonly settings: LastWordsSettings) {}

  async read(
    container: Container,
    destination: LogDestination,
    task: Task
  ): Promise<ContainerLastWords> {
    const words = (note: string, lines?: string[]): ContainerLastWords => ({
      container: container.name ?? '?',
      destination,
      ...(lines && { lines }),
      ...(note && { note })
    })
    if (!('group' in destination)) {
      return words(`Not read: its ${destination.driver} logs go to ${destination.where}.`)
    }
    // A container that ran has an exit code, even when its task never reached RUNNING.
    if (container.exitCode === undefined && task.startedAt === undefined) {
      // Its stream was never created: the group is where to look.
      return {
        container: container.name ?? '?',
        destination: { driver: 'awslogs', region: destination.region, group: destination.group },
        note: 'Not read: the task stopped before the container started, so it wrote no log.'
      }
    }
    if (destination.stream === undefined) {
      return words(
        'Not read: without awslogs-stream-prefix the stream is named after the Docker container id, which ECS did not report.'
      )
    }
    if (this.settings.lines === 0) return words('Not read: log-lines is 0.')
    const denial = this.denied.get(destination.region)
    if (denial) return words(denial)
    try {
      const logs = await this.settings.connectLogs(destination.region)
      const { events = [] } = await logs.getLogEvents({
        logGroupName: destination.group,
        logStreamName: destination.stream,
        limit: this.settings.lines,
        startFromHead: false
      })
      const lines = lastLines(
        events.map(event => this.settings.redact(event.message ?? '')),
        this.settings.lines
      )
      return lines.length > 0
        ? words('', lines)
        : words(
            "No log events: the stream is empty (the group's retention deleted them, or the container wrote nothing)."
          )
    } catch (error) {
      const why = plain(this.settings.redact(describeAwsError(error)), MAX_NOTE_ERROR)
      switch (errorName(error)) {
        case 'AccessDeniedException': {
          const note = `Not read: logs:GetLogEvents was denied (${why}). The IAM policy in the README grants it.`
          this.denied.set(destination.region, note)
          return words(note)
        }
        case 'ResourceNotFoundException':
          return words(`No log: ${why}`)
        default:
          return words(`Not read: ${why}`)
      }
    }
  }
}

/** The last `count` lines of the events' messages (an event may hold several lines), oldest first. */
function lastLines(messages: string[], count: number): string[] {
  const lines = messages.flatMap(message => message.split(/\r\n|\r|\n/)).map(line => line.trimEnd())
  while (lines.length > 0 && lines.at(-1) === '') lines.pop()
  return lines.slice(-count).map(line => clip(line, MAX_LINE))
}
