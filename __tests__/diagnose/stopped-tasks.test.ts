import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { DescribeTasksCommand, ECSClient, ListTasksCommand, type Task } from '@aws-sdk/client-ecs'
import {
  describeGroup,
  groupStoppedTasks,
  stoppedTasksOfRevision
} from '../../src/diagnose/stopped-tasks.js'
import { createEcsPort } from '../../src/ecs/client.js'
import {
  blueTask,
  crashingTasks,
  NEW_TD,
  oomTask,
  pullFailures,
  unhealthyTask
} from '../fixtures/failures.js'

describe('groupStoppedTasks', () => {
  it('groups tasks that stopped for the same reason, most frequent first', () => {
    const groups = groupStoppedTasks([oomTask, ...pullFailures, ...crashingTasks])
    expect(groups.map(describeGroup)).toEqual([
      '3 tasks stopped: TaskFailedToStart: CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2.0.0-typo: not found',
      '2 tasks stopped: EssentialContainerExited: Essential container in task exited; container app: exit 1',
      '1 task stopped: EssentialContainerExited: Essential container in task exited; container app: exit 137, OutOfMemoryError: Container killed due to memory usage'
    ])
    expect(groups[2]).toMatchObject({ exitCodes: [137], unhealthy: false })
  })

  it('leaves out tasks the scheduler scaled in that exited cleanly: they are no failure', () => {
    const scaledIn = {
      ...blueTask,
      containers: [{ name: 'app', lastStatus: 'STOPPED', exitCode: 0 }]
    }
    expect(groupStoppedTasks([blueTask, scaledIn])).toEqual([])
    // Killed while scaled in, or stopped for failing health checks: still shown.
    const killed = {
      ...blueTask,
      containers: [{ name: 'app', lastStatus: 'STOPPED', exitCode: 137 }]
    }
    expect(groupStoppedTasks([killed, unhealthyTask])).toHaveLength(2)
  })

  it('notes failed health checks, of the task and of its containers', () => {
    const [group] = groupStoppedTasks([unhealthyTask])
    expect(group?.unhealthy).toBe(true)
    expect(group?.summary).toBe(
      'ServiceSchedulerInitiated: Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/2); ' +
        'task health check UNHEALTHY; container app: exit 143, health check UNHEALTHY'
    )
  })

  it('shows a task that is unhealthy when its containers report no health', () => {
    const [group] = groupStoppedTasks([
      { ...unhealthyTask, containers: [{ name: 'app', lastStatus: 'STOPPED', exitCode: 137 }] }
    ])
    expect(group).toMatchObject({ unhealthy: true, exitCodes: [137] })
    expect(describeGroup(group!)).toMatch(
      /^1 task stopped: .*; task health check UNHEALTHY; container app: exit 137$/
    )
  })
})

describe('stoppedTasksOfRevision', () => {
  const mock = mockClient(ECSClient)
  const ecs = createEcsPort(
    new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    'us-east-1'
  )
  const GREEN = { taskDefinitionArn: NEW_TD, startedBy: 'ecs-svc/1234567890123456789' }
  const blueTasks = Array.from({ length: 100 }, (_, i) => ({
    ...blueTask,
    taskArn: `${blueTask.taskArn}-${i}`
  }))

  /** ListTasks answers `pages` in turn, linked by nextToken; DescribeTasks answers what it is asked. */
  function stopped(pages: Task[][]): void {
    const all = pages.flat()
    mock.on(ListTasksCommand).callsFake((input: { nextToken?: string }) => {
      const index = input.nextToken ? Number(input.nextToken) : 0
      return {
        taskArns: (pages[index] ?? []).map(task => task.taskArn!),
        nextToken: index + 1 < pages.length ? String(index + 1) : undefined
      }
    })
    mock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
      tasks: all.filter(task => input.tasks.includes(task.taskArn!))
    }))
  }
  const listInputs = () => mock.commandCalls(ListTasksCommand).map(call => call.args[0].input)

  beforeEach(() => {
    mock.reset()
  })
  afterAll(() => mock.restore())

  it("pages through the family's stopped tasks to the new revision's, past a page of old ones", async () => {
    stopped([blueTasks, [...pullFailures, blueTask]])
    const groups = await stoppedTasksOfRevision(ecs, 'demo', 'web', GREEN)
    expect(groups.map(describeGroup)).toEqual([
      expect.stringMatching(/^3 tasks stopped: TaskFailedToStart: CannotPullContainerError/)
    ])
    expect(listInputs()).toEqual([
      { cluster: 'demo', family: 'web', desiredStatus: 'STOPPED', maxResults: 100 },
      { cluster: 'demo', family: 'web', desiredStatus: 'STOPPED', maxResults: 100, nextToken: '1' }
    ])
    expect(
      mock.commandCalls(DescribeTasksCommand).map(call => call.args[0].input.tasks?.length)
    ).toEqual([100, 4])
  })

  it('reads at most five pages', async () => {
    stopped(Array.from({ length: 8 }, () => blueTasks))
    expect(await stoppedTasksOfRevision(ecs, 'demo', 'web', GREEN)).toEqual([])
    expect(listInputs()).toHaveLength(5)
  })

  it("lists the service's stopped tasks when the task definition is not known", async () => {
    stopped([[...crashingTasks, blueTask]])
    const groups = await stoppedTasksOfRevision(ecs, 'demo', 'web', {
      startedBy: GREEN.startedBy
    })
    expect(groups.map(group => group.count)).toEqual([2])
    expect(listInputs()).toEqual([
      { cluster: 'demo', serviceName: 'web', desiredStatus: 'STOPPED', maxResults: 100 }
    ])
  })

  it('keeps the tasks of the task definition when the revision id is not known', async () => {
    const blueCrash = { ...crashingTasks[0]!, taskDefinitionArn: blueTask.taskDefinitionArn }
    stopped([[...crashingTasks, blueCrash]])
    const groups = await stoppedTasksOfRevision(ecs, 'demo', 'web', {
      taskDefinitionArn: blueTask.taskDefinitionArn
    })
    expect(groups.map(describeGroup)).toEqual([
      '1 task stopped: EssentialContainerExited: Essential container in task exited; container app: exit 1'
    ])
  })
})
