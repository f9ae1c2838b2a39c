import type { Task } from '@aws-sdk/client-ecs'
import type { EcsPort } from '../ecs/port.js'
import { count, taskDefinitionName } from '../model/format.js'

/** DescribeTasks takes at most 100 tasks, the size of a ListTasks page. */
const PAGE_SIZE = 100
/** Stopped tasks stay listed for about an hour; 500 of a family is plenty to find the new revision's. */
const MAX_PAGES = 5

export interface StoppedTaskGroup {
  count: number
  /** One line: stop code, stopped reason and what the task and its containers said. */
  summary: string
  /** The raw reasons, for choosing a hint. */
  reasons: string[]
  exitCodes: number[]
  unhealthy: boolean
  /** The tasks that stopped this way, for reading their containers' logs. */
  tasks: Task[]
}

/**
 * The stopped tasks of the new revision, grouped by why they stopped. ListTasks cannot
 * combine `startedBy` with `desiredStatus`, so this pages through the stopped tasks of
 * the revision's task definition family (or of the service when the family is unknown)
 * and keeps those started by the revision's `ecs-svc/<n>` (else of its task definition).
 */
export async function stoppedTasksOfRevision(
  ecs: EcsPort,
  cluster: string,
  service: string,
  revision: { taskDefinitionArn?: string; startedBy?: string }
): Promise<StoppedTaskGroup[]> {
  if (!revision.startedBy && !revision.taskDefinitionArn) return []
  const family =
    revision.taskDefinitionArn &&
    taskDefinitionName(revision.taskDefinitionArn).replace(/:\d+$/, '')
  const ours = (task: Task): boolean =>
    revision.startedBy !== undefined
      ? task.startedBy === revision.startedBy
      : task.taskDefinitionArn === revision.taskDefinitionArn
  const tasks: Task[] = []
  let nextToken: string | undefined
  for (let page = 0; page < MAX_PAGES && (page === 0 || nextToken); page++) {
    const listed = await ecs.listTasks({
      cluster,
      ...(family ? { family } : { serviceName: service }),
      desiredStatus: 'STOPPED',
      maxResults: PAGE_SIZE,
      nextToken
    })
    nextToken = listed.nextToken
    if (!listed.taskArns?.length) continue
    const described = await ecs.describeTasks({ cluster, tasks: listed.taskArns })
    tasks.push(...(described.tasks ?? []).filter(ours))
  }
  return groupStoppedTasks(tasks)
}

export function groupStoppedTasks(tasks: Task[]): StoppedTaskGroup[] {
  const groups = new Map<string, StoppedTaskGroup>()
  for (const task of tasks.filter(task => !isRoutineScaleIn(task))) {
    const summary = summarize(task)
    const group = groups.get(summary) ?? {
      count: 0,
      summary,
      reasons: [],
      exitCodes: [],
      unhealthy: false,
      tasks: []
    }
    group.count += 1
    group.tasks.push(task)
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

/**
 * A task the scheduler stopped because its revision was scaled in (a rollback or clean-up
 * does that), which exited cleanly: not a reason the release failed. Health check failures
 * are stopped by the scheduler too, but with another reason, or unhealthy, or killed.
 */
function isRoutineScaleIn(task: Task): boolean {
  return (
    task.stopCode === 'ServiceSchedulerInitiated' &&
    /^Scaling activity initiated by/.test(task.stoppedReason ?? '') &&
    task.healthStatus !== 'UNHEALTHY' &&
    (task.containers ?? []).every(
      container => (container.exitCode ?? 0) === 0 && container.healthStatus !== 'UNHEALTHY'
    )
  )
}

/** `ServiceSchedulerInitiated: Task failed ELB health checks …; task health check UNHEALTHY; container app: exit 137` */
function summarize(task: Task): string {
  const parts = [[task.stopCode, task.stoppedReason].filter(Boolean).join(': ')]
  if (task.healthStatus === 'UNHEALTHY') parts.push('task health check UNHEALTHY')
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
  return `${count(group.count, 'task')} stopped: ${group.summary}`
}
