/**
 * What a failed release leaves to look at beyond ECS's own words: where each failed container
 * of the stopped tasks logged and its last lines, and which target group serves each revision.
 * Values come from ECS, CloudWatch Logs and the task definition: renderers escape them.
 */

/** Where a container's output went, from the logConfiguration of its task definition. */
export type LogDestination =
  /** CloudWatch Logs through the awslogs driver; `stream` when the task's stream can be named. */
  | { driver: 'awslogs'; region: string; group: string; stream?: string }
  /** Any other driver, or none: named with where its logs went, never read. */
  | { driver: string; where: string }

export interface ContainerLastWords {
  container: string
  destination: LogDestination
  /** The last lines read, oldest first; absent when nothing was read. */
  lines?: string[]
  /** One line saying why no lines are shown: not read, denied, no stream, nothing left. */
  note?: string
}

export interface StoppedTaskEvidence {
  taskArn: string
  containers: ContainerLastWords[]
}

/** The tasks read of one group of stopped tasks (diagnose/stopped-tasks.ts). */
export interface TaskGroupEvidence {
  /** The group's line among the verdict's details: `4 tasks stopped: …`. */
  summary: string
  /** How many tasks stopped this way; `tasks` holds the first few. */
  count: number
  tasks: StoppedTaskEvidence[]
}

export interface FailureEvidence {
  taskGroups: TaskGroupEvidence[]
}

/** The target groups and listener rules one revision of the deployment is served by. */
export interface RevisionServing {
  /** `new`: the deployment's target revision; `old`: a revision it replaces. */
  role: 'new' | 'old'
  revisionArn: string
  taskDefinitionArn?: string
  loadBalancers: { targetGroupArn?: string; productionListenerRule?: string }[]
}

/** `/ecs/web › ecs/app/1a2b…` for a CloudWatch Logs stream; where the output went otherwise. */
export function logLocation(destination: LogDestination): string {
  if (!('group' in destination)) return `${destination.where} (${destination.driver})`
  return destination.stream ? `${destination.group} › ${destination.stream}` : destination.group
}
