import type { ServiceDeployment, ServiceEvent } from '@aws-sdk/client-ecs'
import type { EcsPort } from '../ecs/port.js'
import type { Release } from '../model/release.js'
import { failureCause } from './headline.js'
import { chooseHint } from './hints.js'
import { describeGroup, stoppedTasksOfRevision, type StoppedTaskGroup } from './stopped-tasks.js'

/** Enough events to show what led to the failure without repeating the whole history. */
const MAX_EVENTS = 5
const MAX_TASK_GROUPS = 5
const FAILURE_EVENT =
  /fail|unable|error|unhealthy|rolling back|roll back|timed out|stopped|exceeded|alarm/i

/**
 * Explains a failed release: which tasks of the new revision stopped and why (grouped),
 * which hooks failed at which stage, the service events that tell the story, and one
 * line of what to check first. Adds them to the release's details and hint, and returns
 * the cause they point to (see failureCause); reading the tasks is best effort and never
 * hides the failure itself.
 */
export async function diagnoseFailure(
  ecs: EcsPort,
  release: Release,
  deployment: ServiceDeployment | undefined,
  events: readonly ServiceEvent[]
): Promise<string | undefined> {
  const groups = await stoppedTasks(ecs, release, deployment)
  const failedHooks = release.hooks.filter(
    hook => hook.status === 'FAILED' || hook.status === 'TIMED_OUT'
  )
  const failureEvents = events
    .filter(event => FAILURE_EVENT.test(event.message ?? ''))
    .slice(-MAX_EVENTS)

  release.details.push(
    ...groups.slice(0, MAX_TASK_GROUPS).map(describeGroup),
    ...failedHooks.map(
      hook =>
        `Hook ${hook.targetType ?? 'AWS_LAMBDA'} ${hook.targetArn ?? hook.hookId ?? ''} at ${hook.stage ?? 'an unknown stage'}: ${hook.status}.`
    ),
    ...failureEvents.map(
      event => `Service event ${event.createdAt?.toISOString() ?? ''}: ${event.message}`
    )
  )
  release.hint = chooseHint({
    reasons: [
      release.reason ?? '',
      deployment?.statusReason ?? '',
      deployment?.rollback?.reason ?? '',
      ...groups.flatMap(group => group.reasons),
      ...failureEvents.map(event => event.message ?? '')
    ],
    exitCodes: groups.flatMap(group => group.exitCodes),
    unhealthy: groups.some(group => group.unhealthy),
    triggeredAlarms: deployment?.alarms?.triggeredAlarmNames ?? [],
    failedHookTargets: failedHooks.flatMap(hook => (hook.targetArn ? [hook.targetArn] : []))
  })
  return failureCause(release, deployment, failedHooks, groups)
}

async function stoppedTasks(
  ecs: EcsPort,
  release: Release,
  deployment: ServiceDeployment | undefined
): Promise<StoppedTaskGroup[]> {
  const revisionNumber = deployment?.targetServiceRevision?.arn?.split('/').pop()
  try {
    return await stoppedTasksOfRevision(ecs, release.cluster, release.service, {
      taskDefinitionArn: release.taskDefinition?.arn,
      startedBy: revisionNumber ? `ecs-svc/${revisionNumber}` : undefined
    })
  } catch {
    return []
  }
}
