import type { Task } from '@aws-sdk/client-ecs'
import type { EcsPort } from '../ecs/port.js'

/** DescribeTasks takes at most 100 tasks; more stopped tasks than that say nothing new. */
const MAX_TASKS = 100

export interface StoppedTaskGroup {
  count: number
  /** One line: stop code, stopped reason and what the containers said. */
  summary: string
  /** The raw reasons, for choosing a hint. */
  reasons: string[]
  exitCodes: number[]
  unhealthy: boolean
}

/**
 * The stopped tasks of the new revision (by its task definition, or by the
 * `ecs-svc/<revision>` that started them), grouped by why they stopped.
 */
export async function stoppedTasksOfRevision(
  ecs: EcsPort,
  cluster: string,
  service: string,
  revision: { taskDefinitionArn?: string; startedBy?: string }
): Promise<StoppedTaskGroup[]> {
  const { taskArns = [] } = await ecs.listTasks({
    cluster,
    serviceName: service,
    desiredStatus: 'STOPPED'
  })
  if (taskArns.length === 0) return []
  const { tasks = [] } = await ecs.describeTasks({ cluster, tasks: taskArns.slice(0, MAX_TASKS) })
  const ours = tasks.filter(
    task =>
      (revision.taskDefinitionArn !== undefined &&
        task.taskDefinitionArn === revision.taskDefinitionArn) ||
      (revision.startedBy !== undefined && task.startedBy === revision.startedBy)
  )
  return groupStoppedTasks(ours)
}

export function groupStoppedTasks(tasks: Task[]): StoppedTaskGroup[] {
  const groups = new Map<string, StoppedTaskGroup>()
  for (const task of tasks) {
    const summary = summarize(task)
    const group = groups.get(summary) ?? {
      count: 0,
      summary,
      reasons: [],
      exitCodes: [],
      unhealthy: false
    }
    group.count += 1
    if (group.count === 1) {
      group.reasons.push(
        task.stoppedReason ?? '',
        ...(task.containers ?? []).map(container => container.reason ?? '')
      )
      group.exitCodes.push(
        ...(task.containers ?? []).flatMap(container =>
          container.exitCode === undefined ? [] : [container.exitCode]
        )
      )
      group.unhealthy =
        task.healthStatus === 'UNHEALTHY' ||
        (task.containers ?? []).some(container => container.healthStatus === 'UNHEALTHY')
    }
    groups.set(summary, group)
  }
  return [...groups.values()].sort((a, b) => b.count - a.count)
}

/** `TaskFailedToStart: CannotPullContainerError: …; container app: exit 1 (Essential container in task exited)` */
function summarize(task: Task): string {
  const parts = [[task.stopCode, task.stoppedReason].filter(Boolean).join(': ')]
  for (const container of task.containers ?? []) {
    const exit = container.exitCode !== undefined ? `exit ${container.exitCode}` : ''
    const health = container.healthStatus === 'UNHEALTHY' ? 'health check UNHEALTHY' : ''
    // ECS often repeats the task's stopped reason on its container.
    const reason =
      container.reason && !task.stoppedReason?.includes(container.reason) ? container.reason : ''
    const facts = [exit, reason, health].filter(Boolean)
    if (facts.length > 0) parts.push(`container ${container.name ?? '?'}: ${facts.join(', ')}`)
  }
  return parts.filter(Boolean).join('; ') || 'stopped without a reason'
}

export function describeGroup(group: StoppedTaskGroup): string {
  return `${group.count} task${group.count === 1 ? '' : 's'} stopped: ${group.summary}`
}
