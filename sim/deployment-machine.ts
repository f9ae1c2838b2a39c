/**
 * The service-deployment state machine (sim/README.md, "What happens in a deployment"):
 * PENDING, then one phase after another, each with its hooks, until SUCCESSFUL, a rollback, or
 * a stop. All waiting is done with scheduler timers owned by the deployment, so a failure
 * cancels what is left.
 */
import { after, cancelTimers, retire, touch, transition } from './deployment-steps.js'
import type { DeploymentRecord, HookRecord, Phase, RevisionRecord, ServiceRecord } from './model.js'
import { TERMINAL_STATUSES } from './model.js'
import { completeMonitors, initialMonitors } from './monitors.js'
import { abandonHooks, type HookEvents, hookTimerOwner, hooksSettled, startHooks } from './hooks.js'
import { elbFaultReason } from './elb-faults.js'
import { buildPhases, hookStageOf, isBlueGreenFamily, usesNetworkLoadBalancer } from './phases.js'
import { addRevision, greenTargetGroups, type RevisionSpec } from './revisions.js'
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

/** A rollback requested during CLEAN_UP, which the deployment finishes anyway. */
const lateRollback = (deployment: DeploymentRecord): boolean =>
  deployment.status === 'ROLLBACK_REQUESTED' &&
  deployment.phases[deployment.phaseIndex]?.name === 'CLEAN_UP'

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

  /**
   * A new deployment of `spec` (UpdateService); ongoing ones are superseded (sim/README.md,
   * "Choices where ECS is uncertain").
   */
  create(service: ServiceRecord, spec: RevisionSpec): DeploymentRecord {
    for (const old of service.deployments) {
      if (SUPERSEDABLE.includes(old.status)) this.supersede(old)
    }
    const sources = [
      service.serving,
      ...service.revisions.filter(revision => revision !== service.serving).reverse()
    ].filter(revision => revision.active)
    const target = addRevision(
      this.world,
      service,
      spec,
      greenTargetGroups(service, spec.loadBalancers)
    )
    const deployment = addDeployment(this.world, service, target, sources)
    service.primary = target
    transition(this.world, deployment)
    after(this.world, deployment, this.world.timing.pendingMs, () => this.start(deployment))
    return deployment
  }

  /** StopServiceDeployment on a deployment that is not terminal. */
  requestStop(deployment: DeploymentRecord, stopType: 'ROLLBACK' | 'ABORT'): void {
    // A deployment already stopping or rolling back just carries on
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stop-service-deployment.html).
    if (deployment.status !== 'PENDING' && deployment.status !== 'IN_PROGRESS') return
    if (stopType === 'ABORT') {
      this.fail(deployment, { reason: REASONS.stopAbort, event: REASONS.stopAbort, action: 'STOP' })
      return
    }
    if (deployment.phases[deployment.phaseIndex]?.name === 'CLEAN_UP') {
      // Blue is already being scaled in: the request comes too late, and the deployment
      // completes (ROLLBACK_REQUESTED → SUCCESSFUL).
      deployment.status = 'ROLLBACK_REQUESTED'
      transition(this.world, deployment)
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
    const nlb = usesNetworkLoadBalancer(deployment.target)
    deployment.phases = buildPhases(
      deployment.configuration,
      reconcile,
      nlb ? this.world.timing.nlbDelayMinutes : 0
    )
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
    const elbFault = elbFaultReason(this.world, deployment, phase.name)
    if (elbFault) {
      // The listener change fails, so traffic stays where it was.
      deployment.shiftFailed = true
      transition(this.world, deployment)
      this.fail(deployment, { reason: elbFault, event: elbFault, action: 'ROLLBACK' })
      return
    }
    deployment.testWeight = phase.testWeight
    deployment.productionWeight = phase.productionWeight
    if (phase.name === 'RECONCILE_SERVICE') {
      for (const revision of deployment.sources.slice(1))
        retire(this.world, revision, deployment.target)
    }
    if (phase.name === 'CLEAN_UP') {
      for (const revision of deployment.sources) retire(this.world, revision, deployment.target)
    }
    const run = () => this.run(deployment, index, phase)
    if (phase.delayMinutes === undefined) run()
    else after(this.world, deployment, phase.delayMinutes * this.world.timing.minuteMs, run)
    transition(this.world, deployment)
  }

  /** What a phase does once it runs: scale up, wait, or run its hooks. */
  private run(deployment: DeploymentRecord, index: number, phase: Phase): void {
    const { stageMs, minuteMs } = this.world.timing
    const done = () => this.completePhase(deployment, index)
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
  }

  /**
   * Whether the deployment still runs phase `index`: IN_PROGRESS, or finishing despite a late
   * rollback request.
   */
  private isAt(deployment: DeploymentRecord, index: number): boolean {
    return (
      (deployment.status === 'IN_PROGRESS' || lateRollback(deployment)) &&
      deployment.phaseIndex === index
    )
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
      this.stop(deployment)
      return
    }
    if (!failure.requested) {
      rollBack(this.world, deployment, failure.reason)
      return
    }
    deployment.status = 'ROLLBACK_REQUESTED'
    after(this.world, deployment, this.world.timing.pendingMs, () =>
      rollBack(this.world, deployment, failure.reason)
    )
    transition(this.world, deployment)
  }

  private supersede(deployment: DeploymentRecord): void {
    cancelTimers(this.world, deployment)
    abandonHooks(deployment)
    deployment.statusReason = REASONS.superseded
    deployment.target.rolloutState = 'FAILED'
    deployment.target.rolloutStateReason = REASONS.superseded
    // A revision that never got tasks has nothing to reconcile.
    if (liveTasks(deployment.target).length === 0) {
      deployment.target.active = false
      deployment.target.requested = 0
    }
    this.stop(deployment)
  }

  /**
   * STOP_REQUESTED, then STOPPED one stage later. A deployment that has not started, or whose
   * requested rollback has not, has nothing to stop: it is STOPPED at once (the PENDING →
   * STOPPED and ROLLBACK_REQUESTED → STOPPED transitions of
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html).
   */
  private stop(deployment: DeploymentRecord): void {
    if (deployment.status === 'PENDING' || deployment.status === 'ROLLBACK_REQUESTED') {
      this.finishStop(deployment)
      return
    }
    deployment.status = 'STOP_REQUESTED'
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
