import { describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs'
import {
  describeGroup,
  groupStoppedTasks,
  stoppedTasksOfRevision
} from '../../src/diagnose/stopped-tasks.js'
import { createEcsPort } from '../../src/ecs/client.js'
import {
  blueTask,
  crashingTasks,
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

  it('notes failed health checks', () => {
    const [group] = groupStoppedTasks([unhealthyTask])
    expect(group?.unhealthy).toBe(true)
    expect(group?.summary).toContain('container app: exit 143, health check UNHEALTHY')
  })
})

describe('stoppedTasksOfRevision', () => {
  it("reads the service's stopped tasks and keeps the new revision's", async () => {
    const mock = mockClient(ECSClient)
    mock
      .on(ListTasksCommand)
      .resolves({ taskArns: [...pullFailures, blueTask].map(task => task.taskArn!) })
    mock.on(DescribeTasksCommand).resolves({ tasks: [...pullFailures, blueTask] })
    const ecs = createEcsPort(
      new ECSClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' }
      }),
      'us-east-1'
    )
    const groups = await stoppedTasksOfRevision(ecs, 'demo', 'web', {
      startedBy: 'ecs-svc/1234567890123456789'
    })
    expect(groups.map(group => group.count)).toEqual([3])
    expect(mock.commandCalls(ListTasksCommand)[0]!.args[0].input).toEqual({
      cluster: 'demo',
      serviceName: 'web',
      desiredStatus: 'STOPPED'
    })
    mock.restore()
  })
})
