import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  CloudWatchLogsClient,
  GetLogEventsCommand,
  ResourceNotFoundException
} from '@aws-sdk/client-cloudwatch-logs'
import {
  type ContainerDefinition,
  DescribeTaskDefinitionCommand,
  ECSClient,
  type Task
} from '@aws-sdk/client-ecs'
import { readLastWords, type LastWordsSettings } from '../../src/diagnose/container-logs.js'
import { groupStoppedTasks } from '../../src/diagnose/stopped-tasks.js'
import { createEcsPort } from '../../src/ecs/client.js'
import { createLogsPort } from '../../src/logs/client.js'
import { Secrets } from '../../src/model/secrets.js'
import { crashingTasks, NEW_TD, pullFailures } from '../fixtures/failures.js'

const ecsMock = mockClient(ECSClient)
const logsMock = mockClient(CloudWatchLogsClient)
const credentials = { accessKeyId: 'x', secretAccessKey: 'y' }
const ecs = createEcsPort(new ECSClient({ region: 'us-east-1', credentials }), 'us-east-1')
const STARTED = new Date('2026-11-25T12:00:30Z')

/** The crashed tasks of the fixtures, as ECS describes them once they ran. */
const crashed: Task[] = [
  ...crashingTasks,
  { ...crashingTasks[0], taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/b3' },
  { ...crashingTasks[0], taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/b4' }
].map(task => ({ ...task, startedAt: STARTED }))

const awslogs = (
  options: Record<string, string> = {}
): ContainerDefinition['logConfiguration'] => ({
  logDriver: 'awslogs',
  options: {
    'awslogs-group': '/ecs/web',
    'awslogs-region': 'us-east-1',
    'awslogs-stream-prefix': 'ecs',
    ...options
  }
})

function taskDefinition(app: Partial<ContainerDefinition>): void {
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      taskDefinitionArn: NEW_TD,
      containerDefinitions: [{ name: 'app', image: 'web:2', essential: true, ...app }]
    }
  })
}

/** GetLogEvents as CloudWatch Logs answered it: the stream's last events, oldest first. */
const recordedEvents = {
  events: [
    { timestamp: 1764072030000, message: 'Starting web 2.0.0', ingestionTime: 1764072030100 },
    {
      timestamp: 1764072031000,
      message: 'Error: DATABASE_URL is not set\n    at loadConfig (/app/config.js:14:11)\n',
      ingestionTime: 1764072031100
    }
  ],
  nextForwardToken: 'f/38964291634563820383420491254376826389174032738596995072/s',
  nextBackwardToken: 'b/38964291612263075184889866109036584863405513282478374912/s'
}

const connected: string[] = []
function settings(overrides: Partial<LastWordsSettings> = {}): LastWordsSettings {
  return {
    lines: 20,
    connectLogs: async region => {
      connected.push(region)
      return createLogsPort(new CloudWatchLogsClient({ region, credentials }), region)
    },
    redact: text => text,
    ...overrides
  }
}

const read = (tasks: Task[], options?: Partial<LastWordsSettings>) =>
  readLastWords(ecs, groupStoppedTasks(tasks), settings(options))

beforeEach(() => {
  ecsMock.reset()
  logsMock.reset()
  connected.length = 0
})

describe('readLastWords from awslogs', () => {
  it("reads the last lines of the first three tasks' failed containers, by their stream", async () => {
    taskDefinition({ logConfiguration: awslogs() })
    logsMock.on(GetLogEventsCommand).resolves(recordedEvents)
    const evidence = await read(crashed)
    const [group] = evidence.taskGroups
    expect(group?.summary).toBe(
      '4 tasks stopped: EssentialContainerExited: Essential container in task exited; container app: exit 1'
    )
    expect(group?.count).toBe(4)
    expect(group?.tasks.map(task => task.taskArn.split('/').pop())).toEqual(['b1', 'b2', 'b3'])
    expect(group?.tasks[0]?.containers).toEqual([
      {
        container: 'app',
        destination: {
          driver: 'awslogs',
          region: 'us-east-1',
          group: '/ecs/web',
          stream: 'ecs/app/b1'
        },
        lines: [
          'Starting web 2.0.0',
          'Error: DATABASE_URL is not set',
          '    at loadConfig (/app/config.js:14:11)'
        ]
      }
    ])
    expect(logsMock.commandCalls(GetLogEventsCommand).map(call => call.args[0].input)).toEqual(
      ['b1', 'b2', 'b3'].map(id => ({
        logGroupName: '/ecs/web',
        logStreamName: `ecs/app/${id}`,
        limit: 20,
        startFromHead: false
      }))
    )
    // One task definition, read once.
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(1)
  })

  it('keeps at most the lines asked for, and hides the secrets of the run', async () => {
    taskDefinition({ logConfiguration: awslogs() })
    logsMock.on(GetLogEventsCommand).resolves({
      events: [{ message: 'connecting with password hunter2-secret\nfailed\nexit' }]
    })
    const secrets = new Secrets()
    secrets.add('hunter2-secret')
    const evidence = await read(crashed.slice(0, 1), {
      lines: 3,
      redact: text => secrets.redact(text)
    })
    expect(evidence.taskGroups[0]?.tasks[0]?.containers[0]?.lines).toEqual([
      'connecting with password ***',
      'failed',
      'exit'
    ])
    const two = await read(crashed.slice(0, 1), { lines: 2 })
    expect(two.taskGroups[0]?.tasks[0]?.containers[0]?.lines).toEqual(['failed', 'exit'])
  })

  it('reads the region awslogs-region names', async () => {
    taskDefinition({ logConfiguration: awslogs({ 'awslogs-region': 'eu-central-1' }) })
    logsMock.on(GetLogEventsCommand).resolves(recordedEvents)
    await read(crashed.slice(0, 1))
    expect(connected).toEqual(['eu-central-1'])
  })

  it('one line when the read is denied, and no more calls to that region', async () => {
    taskDefinition({ logConfiguration: awslogs() })
    logsMock
      .on(GetLogEventsCommand)
      .rejects(
        Object.assign(
          new Error(
            'User: arn:aws:sts::123456789012:assumed-role/release/gha is not authorized to perform: logs:GetLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:log-stream:ecs/app/b1 because no identity-based policy allows the logs:GetLogEvents action'
          ),
          { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } }
        )
      )
    const [group] = (await read(crashed)).taskGroups
    const notes = group?.tasks.map(task => task.containers[0]?.note)
    expect(notes?.[0]).toMatch(
      /^Not read: logs:GetLogEvents was denied \(AccessDeniedException: User: .* is not authorized to perform: logs:GetLogEvents .*\)\. The IAM policy in the README grants it\.$/
    )
    expect(new Set(notes)).toEqual(new Set([notes?.[0]]))
    expect(notes?.[0]).not.toMatch(/\n/)
    expect(logsMock.commandCalls(GetLogEventsCommand)).toHaveLength(1)
  })

  it('one line for a stream that does not exist', async () => {
    taskDefinition({ logConfiguration: awslogs() })
    logsMock.on(GetLogEventsCommand).rejects(
      new ResourceNotFoundException({
        message: 'The specified log stream does not exist.',
        $metadata: { httpStatusCode: 400 }
      })
    )
    const [group] = (await read(crashed.slice(0, 1))).taskGroups
    expect(group?.tasks[0]?.containers[0]).toMatchObject({
      note: 'No log: ResourceNotFoundException: The specified log stream does not exist.'
    })
  })

  it('one line for a stream whose events expired', async () => {
    taskDefinition({ logConfiguration: awslogs() })
    logsMock.on(GetLogEventsCommand).resolves({ events: [] })
    const [group] = (await read(crashed.slice(0, 1))).taskGroups
    expect(group?.tasks[0]?.containers[0]?.note).toBe(
      "No log events: the stream is empty (the group's retention deleted them, or the container wrote nothing)."
    )
  })

  it('reads nothing with log-lines 0, nor for containers that never started', async () => {
    taskDefinition({ logConfiguration: awslogs() })
    const off = await read(crashed.slice(0, 1), { lines: 0 })
    expect(off.taskGroups[0]?.tasks[0]?.containers[0]).toMatchObject({
      destination: { group: '/ecs/web', stream: 'ecs/app/b1' },
      note: 'Not read: log-lines is 0.'
    })
    const pulled = await read(pullFailures)
    expect(pulled.taskGroups[0]?.tasks[0]?.containers[0]).toEqual({
      container: 'app',
      // No stream was ever created: the group is where to look.
      destination: { driver: 'awslogs', region: 'us-east-1', group: '/ecs/web' },
      note: 'Not read: the task stopped before the container started, so it wrote no log.'
    })
    expect(logsMock.commandCalls(GetLogEventsCommand)).toEqual([])
    expect(connected).toEqual([])
  })

  it('names the Docker-id stream it cannot know without a prefix', async () => {
    const withoutPrefix = Object.fromEntries(
      Object.entries(awslogs()?.options ?? {}).filter(([name]) => name !== 'awslogs-stream-prefix')
    )
    taskDefinition({ logConfiguration: { logDriver: 'awslogs', options: withoutPrefix } })
    const [group] = (await read(crashed.slice(0, 1))).taskGroups
    expect(group?.tasks[0]?.containers[0]?.note).toMatch(/^Not read: without awslogs-stream-prefix/)
    expect(logsMock.commandCalls(GetLogEventsCommand)).toEqual([])
  })
})

describe('readLastWords, other log drivers', () => {
  it.each([
    [
      { logDriver: 'awsfirelens', options: { Name: 'cloudwatch_logs', log_group_name: '/fl/web' } },
      'FireLens output cloudwatch_logs (/fl/web)'
    ],
    [
      {
        logDriver: 'splunk',
        options: { 'splunk-url': 'https://user:pass@splunk.example.com:8088/services' }
      },
      'Splunk at splunk.example.com:8088'
    ],
    [{ logDriver: 'fluentd', options: {} }, 'Fluentd at localhost:24224'],
    [{ logDriver: 'json-file' }, "Docker's json-file files on the container instance"],
    [{ logDriver: 'none' }, 'nowhere: the log driver none discards it'],
    [
      undefined,
      'no logConfiguration: Docker kept it on the container instance (Fargate discards it)'
    ]
  ] as [ContainerDefinition['logConfiguration'], string][])(
    '%j is named with where its logs went, not read',
    async (logConfiguration, where) => {
      taskDefinition({ logConfiguration })
      const [group] = (await read(crashed.slice(0, 1))).taskGroups
      const words = group?.tasks[0]?.containers[0]
      expect(words?.destination).toEqual({
        driver: logConfiguration?.logDriver ?? 'none',
        where
      })
      expect(words?.note).toBe(
        `Not read: its ${logConfiguration?.logDriver ?? 'none'} logs go to ${where}.`
      )
      expect(logsMock.commandCalls(GetLogEventsCommand)).toEqual([])
    }
  )

  it('says so when the task definition cannot be read', async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).rejects(new Error('denied'))
    const [group] = (await read(crashed.slice(0, 1))).taskGroups
    expect(group?.tasks[0]?.containers[0]?.destination).toEqual({
      driver: 'unknown',
      where: 'a task definition ECS did not return'
    })
  })

  it("reads the essential containers when none failed on its own, the task's health did", async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        containerDefinitions: [
          { name: 'app', essential: true, logConfiguration: awslogs() },
          { name: 'envoy', essential: false, logConfiguration: awslogs() }
        ]
      }
    })
    logsMock.on(GetLogEventsCommand).resolves(recordedEvents)
    const stopped: Task = {
      taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/h1',
      taskDefinitionArn: NEW_TD,
      startedAt: STARTED,
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: 'Task failed ELB health checks in (target-group arn:…/green/2)',
      containers: [
        { name: 'app', exitCode: 0 },
        { name: 'envoy', exitCode: 0 }
      ]
    }
    const [group] = (await read([stopped])).taskGroups
    expect(group?.tasks[0]?.containers.map(words => words.container)).toEqual(['app'])
  })
})
