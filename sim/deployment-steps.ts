/**
 * The small moves every part of the deployment machine makes: its timers, its transition
 * log entries, and scaling a revision in.
 */
import { hookTimerOwner } from './hooks.js'
import type { DeploymentRecord, RevisionRecord } from './model.js'
import { reportedStage } from './phases.js'
import { liveTasks, stopTasks } from './tasks.js'
import type { World } from './world.js'

/** Runs `action` after `ms` unless the deployment's timers are cancelled first. */
export function after(
  world: World,
  deployment: DeploymentRecord,
  ms: number,
  action: () => void
): void {
  world.scheduler.after(deployment.arn, ms, action)
}

export function cancelTimers(world: World, deployment: DeploymentRecord): void {
  world.scheduler.cancel(deployment.arn)
  world.scheduler.cancel(hookTimerOwner(deployment))
}

/** A change that is no transition (a hook, a failure count): updatedAt moves, waiters look. */
export function touch(world: World, deployment: DeploymentRecord): void {
  deployment.updatedAt = Date.now()
  world.transitions.changed(deployment)
}

/** Logs the deployment's status and stage as they are now. */
export function transition(world: World, deployment: DeploymentRecord): void {
  deployment.updatedAt = Date.now()
  world.transitions.add({
    deploymentArn: deployment.arn,
    cluster: deployment.service.cluster.name,
    service: deployment.service.name,
    status: deployment.status,
    stage: reportedStage(deployment, world.scenario.reportPreProductionStage),
    phase: deployment.phases[deployment.phaseIndex]?.name,
    atMs: deployment.updatedAt
  })
  world.transitions.changed(deployment)
}

/** Scales a revision to zero on behalf of `initiatedBy`; it leaves deployments[]. */
export function retire(world: World, revision: RevisionRecord, initiatedBy: RevisionRecord): void {
  stopTasks(world, liveTasks(revision), initiatedBy)
  revision.requested = 0
  revision.active = false
  revision.updatedAt = Date.now()
}
