/**
 * What the containers of a task write to CloudWatch Logs through the awslogs driver, and the
 * failure of a task whose log group does not exist (sim/README.md, "Container logs"). The
 * stream of a container is `<awslogs-stream-prefix>/<container name>/<task id>`, as
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html names it.
 */
import type { ContainerRecord, TaskRecord } from '../model.js'
import type { ImageFailure, ImageFailureKind } from '../scenario.js'
import type { World } from '../world.js'

interface AwslogsSettings {
  group: string
  streamPrefix?: string
  createGroup: boolean
}

/** The awslogs options of a container's definition; undefined for other drivers or none. */
function awslogsOf(task: TaskRecord, container: ContainerRecord): AwslogsSettings | undefined {
  const definitions = task.revision.taskDefinition.body.containerDefinitions
  const definition = (Array.isArray(definitions) ? definitions : []).find(
    candidate => (candidate as { name?: unknown }).name === container.name
  ) as { logConfiguration?: { logDriver?: unknown; options?: Record<string, unknown> } } | undefined
  const configuration = definition?.logConfiguration
  if (configuration?.logDriver !== 'awslogs') return undefined
  const option = (name: string): string | undefined => {
    const value = configuration.options?.[name]
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const group = option('awslogs-group')
  if (!group) return undefined
  return {
    group,
    streamPrefix: option('awslogs-stream-prefix'),
    createGroup: option('awslogs-create-group') === 'true'
  }
}

/**
 * Why the task cannot start when a container logs to a group that does not exist (and may not
 * create it), in the words of the Fargate agent; groups it may create are created.
 */
export function loggingFailure(world: World, task: TaskRecord): string | undefined {
  for (const container of task.containers) {
    const settings = awslogsOf(task, container)
    if (!settings || world.logs.groups.has(settings.group)) continue
    if (settings.createGroup) {
      world.logs.createGroup(settings.group)
      continue
    }
    return 'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1'
  }
  return undefined
}

function tagOf(image: string): string {
  const lastSegment = image.split('/').pop() ?? image
  return lastSegment.includes(':') ? (lastSegment.split(':').pop() ?? 'latest') : 'latest'
}

/** What an application typically writes before it fails the way `kind` describes. */
function failureOutput(container: ContainerRecord, kind: ImageFailureKind): string[] {
  const start = `Starting ${container.name} ${tagOf(container.image)}`
  switch (kind) {
    case 'exit':
      return [
        start,
        'Reading configuration from the environment',
        'Error: DATABASE_URL is not set',
        '    at loadConfig (/app/config.js:14:11)',
        '    at main (/app/server.js:8:18)',
        'Node.js v24.11.0'
      ]
    case 'oom':
      return [
        start,
        'Listening on port 8080',
        'Loading the product catalog into memory',
        'Catalog cache holds 1.9 GiB'
      ]
    case 'unhealthy':
      return [
        start,
        'Listening on port 8080',
        'GET /health 503 (dependency check failed: cache unreachable)',
        'GET /health 503 (dependency check failed: cache unreachable)',
        'GET /health 503 (dependency check failed: cache unreachable)'
      ]
    // The container never started: the task failed before its entry point ran.
    case 'pull':
    case 'secrets':
      return []
  }
}

/**
 * Writes what each awslogs container of a task that started printed: the failing container
 * the output of its failure (the scenario's, else a typical one), the others a start-up line.
 */
export function writeContainerOutput(
  world: World,
  task: TaskRecord,
  failing?: { container: ContainerRecord; failure: ImageFailure }
): void {
  const at = Date.now()
  for (const container of task.containers) {
    const settings = awslogsOf(task, container)
    const group = settings && world.logs.groups.get(settings.group)
    // Without a prefix the stream is named after the Docker container id, which the simulator has not.
    if (!settings?.streamPrefix || !group) continue
    const lines =
      failing?.container === container
        ? (failing.failure.output ?? failureOutput(container, failing.failure.kind))
        : [`Starting ${container.name} ${tagOf(container.image)}`, 'Ready']
    if (lines.length === 0) continue
    world.logs.append(group, `${settings.streamPrefix}/${container.name}/${task.id}`, lines, at)
  }
}
