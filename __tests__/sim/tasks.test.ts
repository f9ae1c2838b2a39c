import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import {
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { deploy, ecsClient, startTestSimulator, waitForTerminal } from './helpers.js'

const REPO = '123456789012.dkr.ecr.us-east-1.amazonaws.com/api'
const GREEN_TARGET_GROUP =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-green/0a1b2c3d4e5f6072'
let sim: Simulator
let client: ReturnType<typeof ecsClient>

beforeAll(async () => {
  sim = await startTestSimulator()
  client = ecsClient(sim)
  await client.send(
    new UpdateServiceCommand({
      cluster: 'demo',
      service: 'api',
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } }
    })
  )
})
afterAll(async () => {
  client.destroy()
  await sim.close()
})

async function failedGreenTasks(image: string) {
  return stoppedGreenTasks(await deploy(client, 'api', { image }))
}

async function stoppedGreenTasks(deploymentArn: string) {
  const done = await waitForTerminal(sim, deploymentArn)
  expect(done.status).toBe('ROLLBACK_SUCCESSFUL')
  const startedBy = `ecs-svc/${done.targetServiceRevision?.arn?.split('/').pop()}`
  // startedBy cannot be combined with desiredStatus, so list the family's stopped tasks.
  const { taskArns } = await client.send(
    new ListTasksCommand({ cluster: 'demo', family: 'api', desiredStatus: 'STOPPED' })
  )
  const { tasks = [] } = await client.send(
    new DescribeTasksCommand({ cluster: 'demo', tasks: taskArns ?? [] })
  )
  const green = tasks.filter(task => task.startedBy === startedBy)
  expect(green.length).toBeGreaterThanOrEqual(3)
  return green
}

describe('failed green tasks report why, as ECS does', () => {
  test('pull: the image cannot be pulled', async () => {
    const image = `${REPO}:pull-error`
    for (const task of await failedGreenTasks(image)) {
      const reason = `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${image}: not found`
      expect(task).toMatchObject({
        stopCode: 'TaskFailedToStart',
        stoppedReason: reason,
        desiredStatus: 'STOPPED'
      })
      expect(task.startedAt).toBeUndefined()
      expect(task.containers?.[0]).toMatchObject({ name: 'api', reason })
      expect(task.containers?.[0]?.exitCode).toBeUndefined()
    }
  })

  test('exit: the essential container exits with code 1', async () => {
    for (const task of await failedGreenTasks(`${REPO}:crash`)) {
      expect(task).toMatchObject({
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited'
      })
      expect(task.startedAt).toBeInstanceOf(Date)
      expect(task.containers?.[0]).toMatchObject({ exitCode: 1, lastStatus: 'STOPPED' })
    }
  })

  test('oom: the container is killed for memory', async () => {
    for (const task of await failedGreenTasks(`${REPO}:oom`)) {
      expect(task).toMatchObject({
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited'
      })
      expect(task.containers?.[0]).toMatchObject({
        exitCode: 137,
        reason: 'OutOfMemoryError: Container killed due to memory usage'
      })
    }
  })

  test('unhealthy: the task fails the ELB health checks of the alternate target group', async () => {
    for (const task of await failedGreenTasks(`${REPO}:unhealthy`)) {
      expect(task).toMatchObject({
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: `Task failed ELB health checks in (target-group ${GREEN_TARGET_GROUP})`,
        healthStatus: 'UNHEALTHY'
      })
      expect(task.containers?.[0]?.healthStatus).toBe('UNHEALTHY')
    }
  })

  test.each([
    [
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      'unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/'
    ],
    [
      'arn:aws:ssm:us-east-1:123456789012:parameter/prod/db',
      'unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/'
    ]
  ])('secrets: the execution role may not read %s', async (valueFrom, wording) => {
    const { taskDefinition } = await client.send(
      new RegisterTaskDefinitionCommand({
        family: 'api',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          { name: 'api', image: `${REPO}:secrets-denied`, secrets: [{ name: 'DB', valueFrom }] }
        ]
      })
    )
    const { service } = await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'api',
        taskDefinition: taskDefinition?.taskDefinitionArn
      })
    )
    for (const task of await stoppedGreenTasks(service?.currentServiceDeployment ?? '')) {
      expect(task.stopCode).toBe('TaskFailedToStart')
      expect(task.stoppedReason).toMatch(
        /^ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: /
      )
      expect(task.stoppedReason).toContain(wording)
      expect(task.stoppedReason).toMatch(new RegExp(`on resource: ${valueFrom}$`))
      expect(task.startedAt).toBeUndefined()
    }
  })
})
