/**
 * Tasks of service revisions: launching (which may fail the way the scenario's image
 * failures say, or because a container logs to a log group that does not exist), stopping,
 * and counting. Failed tasks stay STOPPED so ListTasks and DescribeTasks can show why a
 * deployment rolled back; what their containers wrote stays in the log store.
 */
import { loggingFailure, writeContainerOutput } from './logs/container-output.js'
import type { ContainerRecord, RevisionRecord, TaskRecord } from './model.js'
import { type ImageFailureKind, imageFailureFor } from './scenario.js'
import { eventText } from './service-events.js'
import type { World } from './world.js'

export interface LaunchOutcome {
  running: TaskRecord[]
  failed: TaskRecord[]
}

export function liveTasks(revision: RevisionRecord): TaskRecord[] {
  return revision.tasks.filter(task => task.desiredStatus === 'RUNNING')
}

export function taskCounts(revision: RevisionRecord): { running: number; pending: number } {
  const live = liveTasks(revision)
  const running = live.filter(task => task.lastStatus === 'RUNNING').length
  return { running, pending: live.length - running }
}

function createTask(world: World, revision: RevisionRecord, running: boolean): TaskRecord {
  const id = world.ids.taskId()
  const now = Date.now()
  const status = running ? 'RUNNING' : 'PENDING'
  const task: TaskRecord = {
    arn: world.arns.task(revision.service.cluster.name, id),
    id,
    seq: world.state.nextSeq(),
    revision,
    lastStatus: status,
    desiredStatus: 'RUNNING',
    healthStatus: running ? 'HEALTHY' : 'UNKNOWN',
    createdAt: now,
    startedAt: running ? now : undefined,
    containers: revision.taskDefinition.containers.map(({ name, image }) => ({
      name,
      image,
      lastStatus: status,
      healthStatus: running ? 'HEALTHY' : 'UNKNOWN'
    }))
  }
  revision.tasks.push(task)
  world.state.tasks.set(task.arn, task)
  return task
}

/** Tasks that are already RUNNING, for the state a seed describes. */
export function seedRunningTasks(world: World, revision: RevisionRecord, count: number): void {
  for (let i = 0; i < count; i++) createTask(world, revision, true)
}

function markStopped(task: TaskRecord, stopCode: string, reason: string): void {
  const now = Date.now()
  task.lastStatus = 'STOPPED'
  task.desiredStatus = 'STOPPED'
  task.stoppingAt = now
  task.stoppedAt = now
  task.stopCode = stopCode
  task.stoppedReason = reason
  for (const container of task.containers) container.lastStatus = 'STOPPED'
}

/**
 * Why the execution role could not fetch the container's first secret, worded as ECS
 * words it: the reason quotes the secret's ARN (or parameter), which is why the action
 * must keep such values out of what it writes to GitHub.
 */
function secretsFailure(world: World, task: TaskRecord, container: ContainerRecord): string {
  const definitions = task.revision.taskDefinition.body.containerDefinitions
  const definition = (Array.isArray(definitions) ? definitions : []).find(
    candidate => (candidate as { name?: unknown }).name === container.name
  ) as { secrets?: { valueFrom?: unknown }[] } | undefined
  const reference = definition?.secrets?.[0]?.valueFrom
  const valueFrom = typeof reference === 'string' ? reference : ''
  const role = `arn:aws:sts::${world.arns.accountId}:assumed-role/ecsTaskExecutionRole/${task.id}`
  const prefix =
    'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:'
  return /^arn:aws[a-z-]*:secretsmanager:/.test(valueFrom)
    ? `${prefix} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${valueFrom} from secrets manager: AccessDeniedException: User: ${role} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${valueFrom}`
    : `${prefix} unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: ${role} is not authorized to perform: ssm:GetParameters on resource: ${valueFrom}`
}

/** Stops a task the way ECS reports a container failure of the given kind. */
function failTask(
  world: World,
  task: TaskRecord,
  container: ContainerRecord,
  kind: ImageFailureKind
): void {
  const now = Date.now()
  if (kind === 'secrets') {
    markStopped(task, 'TaskFailedToStart', secretsFailure(world, task, container))
    return
  }
  if (kind === 'pull') {
    const reason = `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${container.image}: not found`
    markStopped(task, 'TaskFailedToStart', reason)
    container.reason = reason
    return
  }
  task.startedAt = now
  if (kind === 'unhealthy') {
    const targetGroup = task.revision.targetGroups[0]
    markStopped(
      task,
      'ServiceSchedulerInitiated',
      targetGroup
        ? `Task failed ELB health checks in (target-group ${targetGroup})`
        : 'Task failed container health checks'
    )
    task.healthStatus = 'UNHEALTHY'
    container.healthStatus = 'UNHEALTHY'
    return
  }
  markStopped(task, 'EssentialContainerExited', 'Essential container in task exited')
  container.exitCode = kind === 'oom' ? 137 : 1
  if (kind === 'oom') container.reason = 'OutOfMemoryError: Container killed due to memory usage'
}

/**
 * Starts `count` tasks as PENDING; after one stage they are RUNNING or STOPPED with the
 * failure their image is scripted for. Tasks stopped meanwhile (rollback) are left alone.
 */
export function launchTasks(
  world: World,
  revision: RevisionRecord,
  count: number,
  onSettled?: (outcome: LaunchOutcome) => void
): void {
  if (count <= 0) return
  const tasks = Array.from({ length: count }, () => createTask(world, revision, false))
  world.event(revision.service, eventText.startedTasks(revision.service, tasks))
  world.scheduler.after(revision.arn, world.timing.stageMs, () => {
    const outcome: LaunchOutcome = { running: [], failed: [] }
    for (const task of tasks.filter(t => t.desiredStatus === 'RUNNING')) {
      const cannotLog = loggingFailure(world, task)
      if (cannotLog) {
        markStopped(task, 'TaskFailedToStart', cannotLog)
        outcome.failed.push(task)
        continue
      }
      const failing = task.containers
        .map(container => ({
          container,
          failure: imageFailureFor(world.scenario, container.image)
        }))
        .find(candidate => candidate.failure !== undefined)
      if (failing?.failure) {
        failTask(world, task, failing.container, failing.failure.kind)
        if (task.startedAt !== undefined)
          writeContainerOutput(world, task, {
            container: failing.container,
            failure: failing.failure
          })
        outcome.failed.push(task)
        continue
      }
      task.lastStatus = 'RUNNING'
      task.healthStatus = 'HEALTHY'
      task.startedAt = Date.now()
      for (const container of task.containers) {
        container.lastStatus = 'RUNNING'
        container.healthStatus = 'HEALTHY'
      }
      writeContainerOutput(world, task)
      outcome.running.push(task)
    }
    revision.failedTasks += outcome.failed.length
    onSettled?.(outcome)
  })
}

/** Scale-in by the scheduler on behalf of the revision `initiatedBy`, worded as ECS words it. */
export function stopTasks(world: World, tasks: TaskRecord[], initiatedBy: RevisionRecord): void {
  if (tasks.length === 0) return
  for (const task of tasks) {
    markStopped(
      task,
      'ServiceSchedulerInitiated',
      `Scaling activity initiated by (deployment ${initiatedBy.id})`
    )
    for (const container of task.containers) container.exitCode ??= 0
  }
  world.event(initiatedBy.service, eventText.stoppedTasks(initiatedBy.service, tasks))
}

/** Brings a revision to `count` live tasks, starting or stopping the difference. */
export function scaleRevision(world: World, revision: RevisionRecord, count: number): void {
  revision.requested = count
  const live = liveTasks(revision)
  if (live.length < count) launchTasks(world, revision, count - live.length)
  else stopTasks(world, live.slice(count), revision)
}
