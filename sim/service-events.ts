/** Service events (DescribeServices events[]) in ECS wording, newest first, at most 100. */
import type { RevisionRecord, ServiceRecord, TaskRecord } from './model.js'

const MAX_EVENTS = 100

export function pushEvent(service: ServiceRecord, id: string, message: string): void {
  service.events.unshift({ id, createdAt: Date.now(), message })
  service.events.length = Math.min(service.events.length, MAX_EVENTS)
}

const sentence = (text: string): string => (text.endsWith('.') ? text : `${text}.`)
const taskList = (tasks: TaskRecord[]): string => tasks.map(task => `(task ${task.id})`).join(' ')

export const eventText = {
  steadyState: (service: ServiceRecord) => `(service ${service.name}) has reached a steady state.`,
  startedTasks: (service: ServiceRecord, tasks: TaskRecord[]) =>
    `(service ${service.name}) has started ${tasks.length} tasks: ${taskList(tasks)}.`,
  stoppedTasks: (service: ServiceRecord, tasks: TaskRecord[]) =>
    `(service ${service.name}) has stopped ${tasks.length} running tasks: ${taskList(tasks)}.`,
  deploymentFailed: (service: ServiceRecord, revision: RevisionRecord, reason: string) =>
    `(service ${service.name}) (deployment ${revision.id}) deployment failed: ${sentence(reason)}`,
  rollingBack: (service: ServiceRecord, revision: RevisionRecord) =>
    `(service ${service.name}) rolling back to deployment ${revision.id}.`,
  rollbackFailed: (service: ServiceRecord, revision: RevisionRecord, reason: string) =>
    `(service ${service.name}) (deployment ${revision.id}) rollback has failed: ${sentence(reason)}`,
  completed: (service: ServiceRecord, revision: RevisionRecord) =>
    `(service ${service.name}) (deployment ${revision.id}) deployment completed.`
}
