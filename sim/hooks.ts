/**
 * Lifecycle hooks (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-lifecycle-hooks.html):
 * one record per configured hook each time its stage runs, and again for each traffic shift a
 * rollback undoes. Lambda hooks "answer" from the scenario script; pause hooks wait for
 * ContinueServiceDeployment. Finished hooks stay in lifecycleHookDetails (sim/README.md,
 * "Choices where ECS is uncertain").
 */
import type { DeploymentLifecycleHook } from '@aws-sdk/client-ecs'
import { hookPayload } from './hook-payload.js'
import type { DeploymentRecord, HookRecord } from './model.js'
import { type LambdaResult, lambdaScript } from './scenario.js'
import type { World } from './world.js'

const DEFAULT_TIMEOUT_MINUTES = 1440

export interface HookEvents {
  /** A hook finished in a way that lets its stage go on. */
  settled(): void
  /** A hook failed in a way that rolls the deployment back (or fails its rollback), for this reason. */
  failed(reason: string): void
}

/** Hook timers are grouped apart from stage timers so a finished stage can drop them. */
export const hookTimerOwner = (deployment: DeploymentRecord): string => `${deployment.arn}#hooks`

export function hooksAt(deployment: DeploymentRecord, stage: string): DeploymentLifecycleHook[] {
  return (deployment.configuration.lifecycleHooks ?? []).filter(hook =>
    (hook.lifecycleStages as string[] | undefined)?.includes(stage)
  )
}

/**
 * The statusReason opening: the wording of
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html,
 * and a chosen one for a rollback that fails.
 */
const outcome = (hook: HookRecord): string =>
  hook.rollback ? 'Service deployment rollback failed' : 'Service deployment rolled back'

function lambdaFailure(
  result: Exclude<LambdaResult, 'SUCCEEDED' | 'IN_PROGRESS'>,
  arn: string,
  roleArn: string | undefined
): string {
  switch (result) {
    case 'ASSUME_ROLE_ERROR':
      return `ECS was unable to assume role ${roleArn}`
    case 'FAILED':
      return `Lifecycle hook target ${arn} returned FAILED status.`
    case 'THROW':
      return `ECS was unable to parse the response from ${arn} due to HookStatus must not be null`
    case 'INVOKE_ERROR':
      return `ECS was unable to invoke hook target ${arn} due to ResourceNotFoundException: Function not found: ${arn}`
  }
}

function timeoutReason(hook: HookRecord): string {
  return hook.targetType === 'PAUSE'
    ? `${outcome(hook)} because ${hook.stage} pause hook timed out.`
    : `${outcome(hook)} because ${hook.stage} lifecycle hook(s) timed out.`
}

function invokeLambda(
  world: World,
  deployment: DeploymentRecord,
  hook: HookRecord,
  events: HookEvents
): void {
  const arn = hook.targetArn ?? ''
  const durationMs = lambdaScript(world.scenario, arn).durationMs ?? world.timing.hookMs
  world.scheduler.after(hookTimerOwner(deployment), durationMs, () => {
    if (hook.status !== 'IN_PROGRESS') return
    hook.invocations += 1
    // Read the script when the function "answers", so a test can change it mid-hook.
    const script = lambdaScript(world.scenario, arn)
    const answer = hook.rollback
      ? (script.rollback ?? 'SUCCEEDED')
      : hook.invocations <= (script.rounds ?? 0)
        ? 'IN_PROGRESS'
        : script.result
    if (hook.payload) {
      world.lambdaInvocations.push({
        deploymentArn: deployment.arn,
        hookId: hook.hookId,
        functionArn: arn,
        rollback: hook.rollback,
        payload: hook.payload,
        answer,
        atMs: Date.now()
      })
    }
    if (answer === 'IN_PROGRESS') {
      invokeLambda(world, deployment, hook, events)
      return
    }
    if (answer === 'SUCCEEDED') {
      hook.status = 'SUCCEEDED'
      events.settled()
      return
    }
    hook.status = 'FAILED'
    events.failed(
      `${outcome(hook)} because ${hook.stage} lifecycle hook(s) failed. ${lambdaFailure(answer, arn, hook.roleArn)}`
    )
  })
}

/**
 * Creates and runs the hooks configured for `stage`; returns them. During a rollback only
 * the Lambda hooks run again, with the reversed weights of undoing the stage's shift.
 */
export function startHooks(
  world: World,
  deployment: DeploymentRecord,
  stage: string,
  events: HookEvents,
  rollback = false
): HookRecord[] {
  const configured = hooksAt(deployment, stage).filter(
    config => !rollback || config.targetType !== 'PAUSE'
  )
  return configured.map(config => {
    const isPause = config.targetType === 'PAUSE'
    const timeout = config.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_TIMEOUT_MINUTES
    const hook: HookRecord = {
      hookId: world.ids.hookId(isPause ? 'pause' : 'lambda'),
      targetType: isPause ? 'PAUSE' : 'AWS_LAMBDA',
      targetArn: isPause ? undefined : config.hookTargetArn,
      status: isPause ? 'AWAITING_ACTION' : 'IN_PROGRESS',
      expiresAt: Date.now() + timeout * world.timing.minuteMs,
      timeoutAction: config.timeoutConfiguration?.action ?? 'ROLLBACK',
      stage,
      roleArn: isPause ? undefined : config.roleArn,
      phaseIndex: deployment.phaseIndex,
      rollback,
      payload: isPause
        ? undefined
        : hookPayload(deployment, stage, {
            executionId: world.ids.uuid(),
            rollback,
            hookDetails: config.hookDetails
          }),
      invocations: 0
    }
    deployment.hooks.push(hook)
    world.scheduler.after(hookTimerOwner(deployment), timeout * world.timing.minuteMs, () => {
      if (hook.status !== 'IN_PROGRESS' && hook.status !== 'AWAITING_ACTION') return
      hook.status = 'TIMED_OUT'
      if (hook.timeoutAction === 'ROLLBACK') events.failed(timeoutReason(hook))
      else events.settled()
    })
    if (!isPause) invokeLambda(world, deployment, hook, events)
    return hook
  })
}

/** True when every one of these hooks lets its stage end. */
export function allSettled(hooks: HookRecord[]): boolean {
  return hooks.every(hook => hook.status === 'SUCCEEDED' || hook.status === 'TIMED_OUT')
}

/** True when every hook of the current phase lets the stage end. */
export function hooksSettled(deployment: DeploymentRecord): boolean {
  return allSettled(
    deployment.hooks.filter(hook => !hook.rollback && hook.phaseIndex === deployment.phaseIndex)
  )
}

/** A deployment that stops or rolls back leaves no hook waiting: unfinished ones fail. */
export function abandonHooks(deployment: DeploymentRecord): void {
  for (const hook of deployment.hooks) {
    if (hook.status === 'IN_PROGRESS' || hook.status === 'AWAITING_ACTION') hook.status = 'FAILED'
  }
}
