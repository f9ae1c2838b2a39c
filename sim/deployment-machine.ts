/**
 * The service-deployment state machine (semantics §2, §12.3): PENDING, then one phase after
 * another, each with its hooks, until SUCCESSFUL, a rollback, or a stop. All waiting is done
 * with scheduler timers owned by the deployment, so a failure cancels what is left.
 */
import { after, cancelTimers, retire, touch, transition } from './deployment-steps.js'
import type { DeploymentRecord, HookRecord, RevisionRecord, ServiceRecord } from './model.js'
import { TERMINAL_STATUSES } from './model.js'
import { completeMonitors, initialMonitors } from './monitors.js'
import { abandonHooks, type HookEvents, hookTimerOwner, hooksSettled, startHooks } from './hooks.js'
import { buildPhases, hookStageOf, isBlueGreenFamily } from './phases.js'
import { addRevision, type RevisionSpec } from './revisions.js'
import { rollBack } from './rollback.js'
import { eventText } from './service-events.js'
import { launchTasks, type LaunchOutcome, liveTasks } from './tasks.js'
import type { World } from './world.js'

const REASONS = {
  superseded: 'Service deployment stopped because a newer service deployment was started.',
  circuitBreakerRollback:
    'Service deployment rolled back because the circuit breaker threshold was exceeded.',
  circuitBreakerStop:
    'Service deployment stopped because the circuit breaker threshold was exceeded.',
  alarmRollback: (names: string[]) =>
    `Service deployment rolled back because alarm(s) were triggered: ${names.join(', ')}.`,
  alarmStop: (names: string[]) =>
    `Service deployment stopped because alarm(s) were triggered: ${names.join(', ')}.`,
  stopRollback:
    'Service deployment rolled back because StopServiceDeployment requested a rollback.',
  stopAbort: 'Service deployment stopped because StopServiceDeployment requested an abort.',
  continueRollback: (stage: string) =>
    `Service deployment rolled back because ${stage} pause hook was continued with action ROLLBACK.`
}

/** Why a deployment ends early and what happens next. */
interface Failure {
  /** statusReason and rollback.reason. */
  reason: string
  /** The text after "deployment failed:" in the service event. */
  event: string
  action: 'ROLLBACK' | 'STOP'
  /** A user asked for it, so the status passes ROLLBACK_REQUESTED first. */
  requested?: boolean
}

const SUPERSEDABLE = ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']

export const isTerminal = (deployment: DeploymentRecord): boolean =>
  TERMINAL_STATUSES.includes(deployment.status)

/** A new PENDING deployment record of the service, which becomes its current deployment. */
export function addDeployment(
  world: World,
  service: ServiceRecord,
  target: RevisionRecord,
  sources: RevisionRecord[]
): DeploymentRecord {
  const now = Date.now()
  const deployment: DeploymentRecord = {
    arn: world.arns.serviceDeployment(service.cluster.name, service.name, world.ids.deploymentId()),
    seq: world.state.nextSeq(),
    service,
    target,
    sources,
    candidate: service.stable,
    configuration: structuredClone(service.deploymentConfiguration),
    status: 'PENDING',
    createdAt: now,
    updatedAt: now,
    phases: [],
    phaseIndex: -1,
    hooks: [],
    testWeight: 0,
    productionWeight: 0,
    ...initialMonitors(service.deploymentConfiguration, service.desiredCount)
  }
  service.deployments.push(deployment)
  world.state.deployments.set(deployment.arn, deployment)
  service.current = { arn: deployment.arn, previousArn: service.current?.arn, changedAt: now }
  return deployment
}

export class DeploymentMachine {
  constructor(private readonly world: World) {}

  /** A new deployment of `spec` (UpdateService); ongoing ones are superseded (§7). */
  create(service: ServiceRecord, spec: RevisionSpec): DeploymentRecord {
    for (const old of service.deployments) {
      if (SUPERSEDABLE.includes(old.status)) this.supersede(old)
    }
    const sources = [
      service.serving,
      ...service.revisions.filter(revision => revision !== service.serving).reverse()
    ].filter(revision => revision.active)
    const target = addRevision(this.world, service, spec)
    const deployment = addDeployment(this.world, service, target, sources)
    service.primary = target
    transition(this.world, deployment)
    after(this.world, deployment, this.world.timing.pendingMs, () => this.start(deployment))
    return deployment
  }

  /** StopServiceDeployment on a deployment that is not terminal. */
  requestStop(deployment: DeploymentRecord, stopType: 'ROLLBACK' | 'ABORT'): void {
    // A deployment already stopping or rolling back just carries on (§2.1).
    if (deployment.status !== 'PENDING' && deployment.status !== 'IN_PROGRESS') return
    if (stopType === 'ABORT') {
      this.fail(deployment, { reason: REASONS.stopAbort, event: REASONS.stopAbort, action: 'STOP' })
      return
    }
    this.fail(deployment, {
      reason: REASONS.stopRollback,
      event: REASONS.stopRollback,
      action: 'ROLLBACK',
      requested: true
    })
  }

  /** ContinueServiceDeployment on a pause hook that is AWAITING_ACTION. */
  continueHook(
    deployment: DeploymentRecord,
    hook: HookRecord,
    action: 'CONTINUE' | 'ROLLBACK'
  ): void {
    if (action === 'ROLLBACK') {
      hook.status = 'FAILED'
      const reason = REASONS.continueRollback(hook.stage)
      this.fail(deployment, { reason, event: reason, action: 'ROLLBACK', requested: true })
      return
    }
    hook.status = 'SUCCEEDED'
    touch(this.world, deployment)
    if (hooksSettled(deployment)) this.completePhase(deployment, deployment.phaseIndex)
  }

  /** Fires an alarm of the service's IN_PROGRESS deployment; false when nothing watches it. */
  triggerAlarm(service: ServiceRecord, alarmName: string): boolean {
    const deployment = service.deployments.find(d => d.status === 'IN_PROGRESS')
    return deployment !== undefined && this.fireAlarm(deployment, alarmName)
  }

  private start(deployment: DeploymentRecord): void {
    const reconcile = deployment.sources.filter(revision => revision.active).length > 1
    deployment.phases = buildPhases(deployment.configuration, reconcile)
    deployment.status = 'IN_PROGRESS'
    deployment.startedAt = Date.now()
    deployment.target.requested = deployment.service.desiredCount
    this.enter(deployment, 0)
  }

  private enter(deployment: DeploymentRecord, index: number): void {
    const phase = deployment.phases[index]
    if (!phase) {
      this.succeed(deployment)
      return
    }
    deployment.phaseIndex = index
    deployment.testWeight = phase.testWeight
    deployment.productionWeight = phase.productionWeight
    const { stageMs, minuteMs } = this.world.timing
    const done = () => this.completePhase(deployment, index)
    if (phase.name === 'RECONCILE_SERVICE') {
      for (const revision of deployment.sources.slice(1))
        retire(this.world, revision, deployment.target)
    }
    if (phase.name === 'CLEAN_UP') {
      for (const revision of deployment.sources) retire(this.world, revision, deployment.target)
    }
    const stage = hookStageOf(phase.name)
    if (phase.name === 'SCALE_UP') {
      this.scaleUp(deployment, index)
    } else if (phase.minutes !== undefined) {
      const waitMs = phase.minutes * minuteMs
      after(this.world, deployment, waitMs, done)
      const armed = deployment.service.triggerAlarm
      if (phase.name === 'BAKE_TIME' && armed) {
        after(this.world, deployment, Math.min(stageMs, waitMs / 2), () =>
          this.fireAlarm(deployment, armed)
        )
      }
    } else if (
      !stage ||
      !isBlueGreenFamily(deployment.configuration) ||
      startHooks(this.world, deployment, stage, this.hookEvents(deployment, index)).length === 0
    ) {
      after(this.world, deployment, stageMs, done)
    }
    transition(this.world, deployment)
  }

  private isAt(deployment: DeploymentRecord, index: number): boolean {
    return deployment.status === 'IN_PROGRESS' && deployment.phaseIndex === index
  }

  private completePhase(deployment: DeploymentRecord, index: number): void {
    if (!this.isAt(deployment, index)) return
    this.world.scheduler.cancel(hookTimerOwner(deployment))
    this.world.scheduler.cancel(deployment.arn)
    this.enter(deployment, index + 1)
  }

  private hookEvents(deployment: DeploymentRecord, index: number): HookEvents {
    return {
      settled: () => {
        touch(this.world, deployment)
        if (hooksSettled(deployment)) this.completePhase(deployment, index)
      },
      failed: reason => {
        if (this.isAt(deployment, index))
          this.fail(deployment, { reason, event: reason, action: 'ROLLBACK' })
      }
    }
  }

  private scaleUp(deployment: DeploymentRecord, index: number): void {
    if (!this.isAt(deployment, index)) return
    const missing = deployment.service.desiredCount - liveTasks(deployment.target).length
    if (missing <= 0) {
      after(this.world, deployment, this.world.timing.stageMs, () =>
        this.completePhase(deployment, index)
      )
      return
    }
    launchTasks(this.world, deployment.target, missing, outcome =>
      this.scaleUpSettled(deployment, index, outcome)
    )
  }

  private scaleUpSettled(
    deployment: DeploymentRecord,
    index: number,
    outcome: LaunchOutcome
  ): void {
    if (!this.isAt(deployment, index)) return
    if (outcome.failed.length === 0) {
      this.completePhase(deployment, index)
      return
    }
    const breaker = deployment.configuration.deploymentCircuitBreaker
    deployment.circuitBreaker.failureCount += outcome.failed.length
    if (
      breaker?.enable &&
      deployment.circuitBreaker.failureCount >= deployment.circuitBreaker.threshold
    ) {
      deployment.circuitBreaker.status = 'TRIGGERED'
      this.fail(
        deployment,
        breaker.rollback
          ? {
              reason: REASONS.circuitBreakerRollback,
              event: 'tasks failed to start',
              action: 'ROLLBACK'
            }
          : { reason: REASONS.circuitBreakerStop, event: 'tasks failed to start', action: 'STOP' }
      )
      return
    }
    touch(this.world, deployment)
    // Without a breaker that trips, ECS keeps replacing failed tasks until someone stops it.
    after(this.world, deployment, this.world.timing.stageMs, () => this.scaleUp(deployment, index))
  }

  private fireAlarm(deployment: DeploymentRecord, alarmName: string): boolean {
    const alarms = deployment.configuration.alarms
    if (deployment.status !== 'IN_PROGRESS' || !alarms?.enable) return false
    if (!alarms.alarmNames?.includes(alarmName)) return false
    deployment.alarms.triggered.push(alarmName)
    deployment.alarms.status = 'TRIGGERED'
    const names = deployment.alarms.triggered
    this.fail(
      deployment,
      alarms.rollback
        ? { reason: REASONS.alarmRollback(names), event: 'alarm detected', action: 'ROLLBACK' }
        : { reason: REASONS.alarmStop(names), event: 'alarm detected', action: 'STOP' }
    )
    return true
  }

  private succeed(deployment: DeploymentRecord): void {
    const { service, target } = deployment
    deployment.status = 'SUCCESSFUL'
    deployment.finishedAt = Date.now()
    completeMonitors(deployment)
    target.rolloutState = 'COMPLETED'
    target.rolloutStateReason = `ECS deployment ${target.id} completed.`
    target.updatedAt = Date.now()
    service.serving = target
    service.stable = target
    this.world.event(service, eventText.completed(service, target))
    this.world.event(service, eventText.steadyState(service))
    transition(this.world, deployment)
  }

  private fail(deployment: DeploymentRecord, failure: Failure): void {
    const { service, target } = deployment
    cancelTimers(this.world, deployment)
    abandonHooks(deployment)
    deployment.statusReason = failure.reason
    target.rolloutState = 'FAILED'
    target.rolloutStateReason = failure.reason
    this.world.event(service, eventText.deploymentFailed(service, target, failure.event))
    if (failure.action === 'STOP') {
      deployment.status = 'STOP_REQUESTED'
      after(this.world, deployment, this.world.timing.stageMs, () => this.finishStop(deployment))
    } else if (failure.requested) {
      deployment.status = 'ROLLBACK_REQUESTED'
      after(this.world, deployment, this.world.timing.pendingMs, () =>
        rollBack(this.world, deployment, failure.reason)
      )
    } else {
      rollBack(this.world, deployment, failure.reason)
      return
    }
    transition(this.world, deployment)
  }

  private supersede(deployment: DeploymentRecord): void {
    cancelTimers(this.world, deployment)
    abandonHooks(deployment)
    deployment.status = 'STOP_REQUESTED'
    deployment.statusReason = REASONS.superseded
    deployment.target.rolloutState = 'FAILED'
    deployment.target.rolloutStateReason = REASONS.superseded
    // A revision that never got tasks has nothing to reconcile.
    if (liveTasks(deployment.target).length === 0) {
      deployment.target.active = false
      deployment.target.requested = 0
    }
    transition(this.world, deployment)
    after(this.world, deployment, this.world.timing.stageMs, () => this.finishStop(deployment))
  }

  private finishStop(deployment: DeploymentRecord): void {
    deployment.status = 'STOPPED'
    deployment.stoppedAt = Date.now()
    deployment.finishedAt = deployment.stoppedAt
    transition(this.world, deployment)
  }
}
