import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import {
  CloudWatchLogsClient,
  GetLogEventsCommand,
  type GetLogEventsCommandInput,
  ResourceNotFoundException
} from '@aws-sdk/client-cloudwatch-logs'
import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs'
import type { Simulator } from '../../../sim/index.js'
import { deploy, ecsClient, rawCall, startTestSimulator, waitForTerminal } from '../helpers.js'

const REPO = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders'
/** Fifty lines, so that pages and limits have something to cut. */
const OUTPUT = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`)

let sim: Simulator
let ecs: ReturnType<typeof ecsClient>
let logs: CloudWatchLogsClient
/** The stream of one crashed orders container. */
let stream: string

beforeAll(async () => {
  sim = await startTestSimulator()
  ecs = ecsClient(sim)
  logs = new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1
  })
  sim.setScenario({ imageFailures: [{ match: ':fifty', kind: 'exit', output: OUTPUT }] })
  const done = await waitForTerminal(sim, await deploy(ecs, 'orders', { image: `${REPO}:fifty` }))
  const startedBy = `ecs-svc/${done.targetServiceRevision?.arn?.split('/').pop()}`
  const { taskArns = [] } = await ecs.send(
    new ListTasksCommand({ cluster: 'demo', family: 'orders', desiredStatus: 'STOPPED' })
  )
  const { tasks = [] } = await ecs.send(
    new DescribeTasksCommand({ cluster: 'demo', tasks: taskArns })
  )
  const task = tasks.find(candidate => candidate.startedBy === startedBy)
  stream = `orders/orders/${task?.taskArn?.split('/').pop()}`
})
afterAll(async () => {
  ecs.destroy()
  logs.destroy()
  await sim.close()
})

const read = (input: Partial<GetLogEventsCommandInput> = {}) =>
  logs.send(
    new GetLogEventsCommand({ logGroupName: '/ecs/orders', logStreamName: stream, ...input })
  )
const messages = (answer: Awaited<ReturnType<typeof read>>) =>
  (answer.events ?? []).map(event => event.message)

describe('GetLogEvents', () => {
  test('reads the latest events by default, oldest first, as epoch milliseconds', async () => {
    const answer = await read({ limit: 3 })
    expect(messages(answer)).toEqual(['line 48', 'line 49', 'line 50'])
    const [first] = answer.events ?? []
    expect(Math.abs((first?.timestamp ?? 0) - Date.now())).toBeLessThan(60_000)
    expect(first?.ingestionTime).toBeGreaterThanOrEqual(first?.timestamp ?? 0)
  })

  test('reads from the head when asked, and pages on with the tokens', async () => {
    const head = await read({ limit: 20, startFromHead: true })
    expect(messages(head)).toEqual(OUTPUT.slice(0, 20))
    const next = await read({ limit: 20, nextToken: head.nextForwardToken })
    expect(messages(next)).toEqual(OUTPUT.slice(20, 40))
    const back = await read({ limit: 5, nextToken: next.nextBackwardToken })
    expect(messages(back)).toEqual(OUTPUT.slice(15, 20))
    // At the end of the stream the forward token comes back unchanged.
    const end = await read({ nextToken: (await read()).nextForwardToken })
    expect(messages(end)).toEqual([])
    expect(end.nextForwardToken).toBe((await read()).nextForwardToken)
  })

  test('takes the log group by ARN too', async () => {
    const answer = await read({
      logGroupName: undefined,
      logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/orders:*',
      limit: 1
    })
    expect(messages(answer)).toEqual(['line 50'])
  })

  test('refuses a missing group or stream with ResourceNotFoundException', async () => {
    await expect(read({ logGroupName: '/ecs/nope' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.'
    })
    await expect(read({ logStreamName: 'orders/orders/0000' })).rejects.toBeInstanceOf(
      ResourceNotFoundException
    )
    await expect(read({ logStreamName: 'orders/orders/0000' })).rejects.toThrow(
      'The specified log stream does not exist.'
    )
  })

  test('refuses what CloudWatch Logs refuses: both or neither group member, a limit out of range', async () => {
    await expect(read({ logGroupIdentifier: '/ecs/orders' })).rejects.toMatchObject({
      name: 'InvalidParameterException'
    })
    await expect(read({ logGroupName: undefined })).rejects.toMatchObject({
      name: 'InvalidParameterException'
    })
    await expect(read({ limit: 0 })).rejects.toThrow(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint"
    )
  })

  test('checks the body against the CloudWatch Logs model inside the SDK', async () => {
    const call = (body: object) =>
      rawCall(sim, undefined, JSON.stringify(body), {
        authorization: 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/logs/aws4_request',
        'x-amz-target': 'Logs_20140328.GetLogEvents'
      })
    const unknown = await call({ logGroupName: '/ecs/orders', logStreamName: stream, tail: true })
    expect(unknown.status).toBe(400)
    expect(unknown.json).toEqual({
      __type: 'SerializationException',
      message: 'tail: unknown member of GetLogEventsRequest'
    })
    const wrongType = await call({ logGroupName: '/ecs/orders', logStreamName: stream, limit: '5' })
    expect(wrongType.json.message).toBe('limit: STRING_VALUE can not be converted to an Integer')
    expect(sim.calls.at(-1)).toMatchObject({ service: 'logs', operation: 'GetLogEvents' })
  })

  test('answers AccessDeniedException when the scenario denies reading logs', async () => {
    sim.setScenario({ denyLogReads: true })
    try {
      await expect(read()).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining(
          `is not authorized to perform: logs:GetLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/ecs/orders:log-stream:${stream}`
        )
      })
    } finally {
      sim.setScenario({ denyLogReads: false })
    }
  })

  test('finds the streams empty once retention has deleted their events', async () => {
    sim.setScenario({ containerLogsExpired: true })
    try {
      expect(messages(await read())).toEqual([])
    } finally {
      sim.setScenario({ containerLogsExpired: false })
    }
  })
})
