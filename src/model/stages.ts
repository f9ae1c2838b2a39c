import type { ServiceDeploymentStatus } from '@aws-sdk/client-ecs'

/**
 * Lifecycle stages and deployment statuses of ECS-native blue/green deployments.
 * ECS adds values over time, so these lists order and classify the values we know
 * while every function here accepts any string.
 */

/** Stages in the order a deployment passes them (PRE_PRODUCTION_TRAFFIC_SHIFT is a hook stage ECS may not report). */
export const LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP'
] as const

/** Stages where a lifecycle hook can run (DeploymentLifecycleHookStage). */
export const HOOK_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT'
] as const

/** ECS runs only Lambda hooks while traffic moves, so a pause cannot sit there. */
export const PAUSE_STAGES = HOOK_STAGES.filter(
  stage => stage !== 'TEST_TRAFFIC_SHIFT' && stage !== 'PRODUCTION_TRAFFIC_SHIFT'
)

/**
 * Where ECS lets a hook of `targetType` run: Lambda hooks at every hook stage, pauses
 * only outside traffic shifts. Other types (a newer ECS) are taken to run anywhere a hook can.
 */
export function hookStagesFor(targetType: string | undefined): readonly string[] {
  return targetType === 'PAUSE' ? PAUSE_STAGES : HOOK_STAGES
}

/** What ECS does when a hook times out (DeploymentLifecycleHook timeoutConfiguration.action). */
export const TIMEOUT_ACTIONS = ['ROLLBACK', 'CONTINUE'] as const
export type TimeoutAction = (typeof TIMEOUT_ACTIONS)[number]

/**
 * ECS limits on lifecycle hooks (DeploymentLifecycleHook,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentLifecycleHook.html):
 * Lambda hooks wait up to a day, pauses up to 14 days, and a service takes ten of each type.
 */
export const MAX_LAMBDA_TIMEOUT = 1440
export const MAX_PAUSE_TIMEOUT = 20160
export const MAX_HOOKS_PER_TYPE = 10

export const TERMINAL_STATUSES = [
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED'
] as const satisfies ServiceDeploymentStatus[]

/** The statuses of a deployment that can still be continued or stopped. */
export const ONGOING_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS'
] as const satisfies ServiceDeploymentStatus[]

/** The statuses of a deployment once a stop or rollback of it has taken effect. */
export const STOPPING_STATUSES = [
  'STOP_REQUESTED',
  'STOPPED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED'
] as const satisfies ServiceDeploymentStatus[]

/** The statuses of a deployment ECS is rolling back. */
export const ROLLING_BACK_STATUSES = [
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS'
] as const satisfies ServiceDeploymentStatus[]

/** Position of a stage in the lifecycle, or undefined for a stage this version does not know. */
export function stageIndex(stage: string | undefined): number | undefined {
  const index = (LIFECYCLE_STAGES as readonly string[]).indexOf(stage ?? '')
  return index === -1 ? undefined : index
}

/** True once `current` is `target` or a stage after it. */
export function hasReachedStage(current: string | undefined, target: string): boolean {
  if (current === target) return true
  const currentIndex = stageIndex(current)
  const targetIndex = stageIndex(target)
  return currentIndex !== undefined && targetIndex !== undefined && currentIndex >= targetIndex
}

export function isTerminalStatus(status: string | undefined): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status ?? '')
}

export function isRollingBack(status: string | undefined): boolean {
  return (ROLLING_BACK_STATUSES as readonly string[]).includes(status ?? '')
}

/** PENDING or one of the ongoing statuses: the deployment can still be continued or stopped. */
export function isOngoingStatus(status: string | undefined): boolean {
  return status !== undefined && !isTerminalStatus(status)
}
