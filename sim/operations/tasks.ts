/** ListTasks and DescribeTasks for the tasks of service revisions. */
import { invalidParameter } from '../errors.js'
import { optionalString, requiredList } from '../input.js'
import type { TaskRecord } from '../model.js'
import type { JsonObject } from '../protocol.js'
import { renderTask } from '../views.js'
import type { World } from '../world.js'
import { maxResults, missing, type Operation, page } from './operation.js'

/** ListTasks filters besides startedBy (`cluster` scopes the search and is not one of them). */
const OTHER_FILTERS = [
  'serviceName',
  'family',
  'desiredStatus',
  'containerInstance',
  'launchType',
  'daemonName'
]

function listTasks(world: World, input: JsonObject): unknown {
  const clusterRef = optionalString(input, 'cluster')
  const cluster = world.state.cluster(clusterRef)
  const serviceName = optionalString(input, 'serviceName')
  const service =
    serviceName === undefined ? undefined : world.state.service(cluster.arn, serviceName)
  const family = optionalString(input, 'family')
  const startedBy = optionalString(input, 'startedBy')
  const desiredStatus = optionalString(input, 'desiredStatus') ?? 'RUNNING'
  // The API reference: "When you specify startedBy as the filter, it must be the only filter that you use."
  const others = OTHER_FILTERS.filter(name => input[name] !== undefined)
  if (startedBy !== undefined && others.length > 0) {
    throw invalidParameter(
      `startedBy must be the only filter when it is specified; also given: ${others.join(', ')}.`
    )
  }
  const matches = (task: TaskRecord) =>
    task.revision.service.cluster === cluster &&
    (!service || task.revision.service === service) &&
    (family === undefined || task.revision.taskDefinition.family === family) &&
    (startedBy === undefined || task.revision.id === startedBy) &&
    task.desiredStatus === desiredStatus
  const tasks = [...world.state.tasks.values()].filter(matches)
  const result = page(input, tasks, cluster.arn, task => task.seq, maxResults(input, 100))
  return { taskArns: result.items.map(task => task.arn), nextToken: result.nextToken }
}

function describeTasks(world: World, input: JsonObject): unknown {
  const cluster = world.state.cluster(optionalString(input, 'cluster'))
  const refs = requiredList(input, 'tasks', 100)
  const found = refs.map(ref => {
    const task = world.state.tasks.get(
      ref.startsWith('arn:') ? ref : world.arns.task(cluster.name, ref)
    )
    return { ref, task: task?.revision.service.cluster === cluster ? task : undefined }
  })
  return {
    tasks: found.flatMap(({ task }) => (task ? [renderTask(world, task)] : [])),
    failures: found.filter(({ task }) => !task).map(({ ref }) => missing(ref))
  }
}

export const taskOperations: Record<string, Operation> = {
  ListTasks: listTasks,
  DescribeTasks: describeTasks
}
