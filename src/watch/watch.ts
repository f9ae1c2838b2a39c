import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import type { Clock } from '../model/clock.js'
import { describeAwsError, isTransientError } from '../ecs/errors.js'
import type { WaitUntil } from '../inputs/inputs.js'
import { hasReachedStage, isTerminalStatus } from '../model/stages.js'

/** Failed polls in a row before the wait gives up: with 10 s polls, well over a minute of ECS not answering. */
export const DEFAULT_ERROR_BUDGET = 10

export interface WatchRequest {
  arn: string
  describe: (arn: string) => Promise<ServiceDeployment | undefined>
  until: WaitUntil
  /** Pause hooks that do not count as a new pause (the one a promote just continued). */
  ignoreHookIds?: string[]
  timeoutMs: number
  pollIntervalMs: number
  clock: Clock
  signal?: AbortSignal
  /** A snapshot already read, used as the first poll. */
  first?: ServiceDeployment
  onSnapshot: (deployment: ServiceDeployment) => Promise<void> | void
  onPollError: (message: string) => void
  errorBudget?: number
}

export type WatchResult =
  /** ECS finished the deployment: SUCCESSFUL, STOPPED, ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED. */
  | { kind: 'finished'; deployment: ServiceDeployment }
  /**
   * The deployment reached what `until` asked for and goes on without the step: held at
   * the pause `pausedHookId` names, or moving on.
   */
  | { kind: 'reached'; deployment: ServiceDeployment; pausedHookId?: string }
  | { kind: 'timeout'; deployment?: ServiceDeployment }
  | { kind: 'cancelled'; deployment?: ServiceDeployment }
  /** ECS stopped answering for longer than the error budget allows. */
  | { kind: 'unreachable'; deployment?: ServiceDeployment; error: string }

/**
 * Polls the deployment every poll interval until it finishes, reaches the wait target,
 * the timeout passes or the signal aborts. Throttling, server errors and dropped
 * connections are tolerated up to the error budget; other errors (access denied, a
 * deployment ECS no longer knows) end the wait by throwing.
 */
export async function watchDeployment(request: WatchRequest): Promise<WatchResult> {
  const { clock, signal } = request
  const budget = request.errorBudget ?? DEFAULT_ERROR_BUDGET
  const deadline = clock.now().getTime() + request.timeoutMs
  let latest: ServiceDeployment | undefined
  let failures = 0
  let next: ServiceDeployment | undefined = request.first

  for (;;) {
    const polledAt = clock.now().getTime()
    if (next === undefined) {
      try {
        next = await request.describe(request.arn)
        if (next === undefined) throw new MissingDeploymentError(request.arn)
        failures = 0
      } catch (error) {
        if (!isTransientError(error) && !(error instanceof MissingDeploymentError)) throw error
        failures += 1
        const message = describeAwsError(error)
        if (failures > budget) return { kind: 'unreachable', deployment: latest, error: message }
        request.onPollError(`Could not read the deployment (${failures}/${budget}): ${message}`)
      }
    }
    if (next) {
      latest = next
      next = undefined
      await request.onSnapshot(latest)
      if (isTerminalStatus(latest.status)) return { kind: 'finished', deployment: latest }
      const ignored = request.ignoreHookIds ?? []
      if (hasReachedTarget(latest, request.until, ignored)) {
        return {
          kind: 'reached',
          deployment: latest,
          pausedHookId: awaitingPauseHook(latest, ignored)
        }
      }
    }
    if (signal?.aborted) return { kind: 'cancelled', deployment: latest }
    const now = clock.now().getTime()
    if (now >= deadline) return { kind: 'timeout', deployment: latest }
    await clock.sleep(
      Math.min(Math.max(polledAt + request.pollIntervalMs - now, 0), deadline - now),
      signal
    )
    if (signal?.aborted) return { kind: 'cancelled', deployment: latest }
  }
}

class MissingDeploymentError extends Error {
  constructor(arn: string) {
    super(`ECS did not return deployment ${arn}`)
    this.name = 'MissingDeploymentError'
  }
}

/** The pause hook that holds the deployment, other than those already acted on. */
export function awaitingPauseHook(
  deployment: ServiceDeployment,
  ignoreHookIds: string[] = []
): string | undefined {
  return deployment.lifecycleHookDetails?.find(
    hook =>
      hook.status === 'AWAITING_ACTION' &&
      (hook.targetType ?? 'PAUSE') === 'PAUSE' &&
      !ignoreHookIds.includes(hook.hookId ?? '')
  )?.hookId
}

function hasReachedTarget(
  deployment: ServiceDeployment,
  until: WaitUntil,
  ignoreHookIds: string[]
): boolean {
  switch (until.kind) {
    case 'none':
      return true
    case 'complete':
      return false
    case 'paused':
      return awaitingPauseHook(deployment, ignoreHookIds) !== undefined
    case 'stage':
      return (
        deployment.status === 'IN_PROGRESS' &&
        hasReachedStage(deployment.lifecycleStage, until.stage)
      )
  }
}
