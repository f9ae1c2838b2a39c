import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import {
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type Task,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../../sim/index.js'
import { deploy, ecsClient, startTestSimulator, waitForTerminal } from '../helpers.js'

const REPO = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders'
let sim: Simulator
let ecs: ReturnType<typeof ecsClient>
let logs: CloudWatchLogsClient

beforeAll(async () => {
  sim = await startTestSimulator()
  ecs = ecsClient(sim)
  logs = new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1
  })
})
afterAll(async () => {
  ecs.destroy()
  logs.destroy()
  await sim.close()
})

/** The tasks of the deployment's new revision, after it ended. */
async function greenTasks(deploymentArn: string): Promise<Task[]> {
  const done = await waitForTerminal(sim, deploymentArn)
  const startedBy = `ecs-svc/${done.targetServiceRevision?.arn?.split('/').pop()}`
  const tasks: Task[] = []
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    const { taskArns = [] } = await ecs.send(
      new ListTasksCommand({ cluster: 'demo', family: 'orders', desiredStatus })
    )
    if (taskArns.length === 0) continue
    const described = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: taskArns }))
    tasks.push(...(described.tasks ?? []).filter(task => task.startedBy === startedBy))
  }
  return tasks
}

/** What the container wrote, or the error CloudWatch Logs answers. */
async function logOf(group: string, stream: string): Promise<string[] | string> {
  try {
    const { events = [] } = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream })
    )
    return events.map(event => event.message ?? '')
  } catch (error) {
    return (error as Error).name
  }
}

const id = (task: Task | undefined) => task?.taskArn?.split('/').pop() ?? ''

describe('what the containers of a task write through awslogs', () => {
  test('a crash: a stack trace; the sidecar its start-up, to its own group and prefix', async () => {
    const [task] = await greenTasks(await deploy(ecs, 'orders', { image: `${REPO}:crash` }))
    expect(task?.containers?.find(c => c.name === 'orders')?.exitCode).toBe(1)
    expect(await logOf('/ecs/orders', `orders/orders/${id(task)}`)).toEqual([
      'Starting orders crash',
      'Reading configuration from the environment',
      'Error: DATABASE_URL is not set',
      '    at loadConfig (/app/config.js:14:11)',
      '    at main (/app/server.js:8:18)',
      'Node.js v24.11.0'
    ])
    expect(await logOf('/ecs/demo', `ecs/log-router/${id(task)}`)).toEqual([
      'Starting log-router stable',
      'Ready'
    ])
  })

  test('an OOM kill and a health check that never passes: the lines before', async () => {
    const [oom] = await greenTasks(await deploy(ecs, 'orders', { image: `${REPO}:oom` }))
    expect((await logOf('/ecs/orders', `orders/orders/${id(oom)}`)).at(-1)).toBe(
      'Catalog cache holds 1.9 GiB'
    )
    const [unhealthy] = await greenTasks(
      await deploy(ecs, 'orders', { image: `${REPO}:unhealthy` })
    )
    expect((await logOf('/ecs/orders', `orders/orders/${id(unhealthy)}`)).at(-1)).toBe(
      'GET /health 503 (dependency check failed: cache unreachable)'
    )
  })

  test("a scenario's own output; none for a container that never started", async () => {
    sim.setScenario({
      imageFailures: [
        { match: ':custom', kind: 'exit', output: ['panic: nil map'] },
        { match: ':pull-error', kind: 'pull' }
      ]
    })
    const [custom] = await greenTasks(await deploy(ecs, 'orders', { image: `${REPO}:custom` }))
    expect(await logOf('/ecs/orders', `orders/orders/${id(custom)}`)).toEqual(['panic: nil map'])
    const [pulled] = await greenTasks(await deploy(ecs, 'orders', { image: `${REPO}:pull-error` }))
    expect(pulled?.startedAt).toBeUndefined()
    expect(await logOf('/ecs/orders', `orders/orders/${id(pulled)}`)).toBe(
      'ResourceNotFoundException'
    )
  })

  test('a healthy release: each container its start-up', async () => {
    const tasks = await greenTasks(await deploy(ecs, 'orders', { image: `${REPO}:2.0.0` }))
    expect(tasks.filter(task => task.lastStatus === 'RUNNING')).toHaveLength(2)
    expect(await logOf('/ecs/orders', `orders/orders/${id(tasks[0])}`)).toEqual([
      'Starting orders 2.0.0',
      'Ready'
    ])
  })
})

describe('a log group that does not exist', () => {
  /** orders with its container logging to `group`, with or without awslogs-create-group. */
  async function deployLoggingTo(group: string, createGroup: boolean): Promise<Task[]> {
    const { taskDefinition } = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'orders' })
    )
    const [orders, ...rest] = taskDefinition?.containerDefinitions ?? []
    const { taskDefinition: registered } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'orders',
        networkMode: taskDefinition?.networkMode,
        requiresCompatibilities: taskDefinition?.requiresCompatibilities,
        cpu: taskDefinition?.cpu,
        memory: taskDefinition?.memory,
        containerDefinitions: [
          {
            ...orders,
            name: orders?.name ?? 'orders',
            image: `${REPO}:3.0.0`,
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': group,
                'awslogs-region': 'us-east-1',
                'awslogs-stream-prefix': 'orders',
                ...(createGroup && { 'awslogs-create-group': 'true' })
              }
            }
          },
          ...rest
        ]
      })
    )
    const { service } = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'orders',
        taskDefinition: registered?.taskDefinitionArn
      })
    )
    return greenTasks(service?.currentServiceDeployment ?? '')
  }

  test('stops the task before it starts, as the Fargate agent reports it', async () => {
    const [task] = await deployLoggingTo('/ecs/missing', false)
    expect(task).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'TaskFailedToStart',
      stoppedReason: expect.stringContaining(
        'failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.'
      )
    })
  })

  test('is created when the container may create it', async () => {
    const tasks = await deployLoggingTo('/ecs/created', true)
    expect(tasks.filter(task => task.lastStatus === 'RUNNING')).toHaveLength(2)
    expect(await logOf('/ecs/created', `orders/orders/${id(tasks[0])}`)).toEqual([
      'Starting orders 3.0.0',
      'Ready'
    ])
  })
})
