import type { DeploymentLifecycleHook } from '@aws-sdk/client-ecs'
import type { ConfiguredHook, HookRecord } from '../model/release.js'
import { hookStagesFor, LIFECYCLE_STAGES, stageIndex } from '../model/stages.js'

/**
 * ECS reports a running hook (`lifecycleHookDetails`) without the stage it runs at, and a
 * poll can miss a stage or, for PRE_PRODUCTION_TRAFFIC_SHIFT, see it reported as the next
 * one (sim/README.md, "Choices where ECS is uncertain"). The stage is told from the
 * deployment's configured hooks instead: a Lambda hook by its function, a pause by the
 * configured pause stages, and, for a hook that failed, the stage ECS names in its reason.
 * A hook is never placed at a stage where ECS does not run that type of hook
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-lifecycle-hooks.html).
 */

/** The configured hooks in the form the attribution uses; undefined when none were given. */
export function configuredHooks(
  hooks: readonly DeploymentLifecycleHook[] | undefined
): ConfiguredHook[] | undefined {
  return hooks?.map(hook => ({
    targetType: hook.targetType ?? 'AWS_LAMBDA',
    ...(hook.hookTargetArn !== undefined && { targetArn: hook.hookTargetArn }),
    stages: [...(hook.lifecycleStages ?? [])]
  }))
}

export interface HookSighting {
  targetType?: string
  targetArn?: string
  status?: string
}

export interface StageEvidence {
  configured?: readonly ConfiguredHook[]
  /** The stage the deployment reported when the hook was first seen. */
  seenAt?: string
  /** The stage of the hook of the same kind seen before this one: hooks run in stage order. */
  previous?: string
}

/** The stage `hook` runs at, as far as the evidence tells; undefined when it cannot. */
export function attributeHookStage(
  hook: HookSighting,
  evidence: StageEvidence
): string | undefined {
  const allowed = hookStagesFor(hook.targetType)
  const candidates = candidateStages(hook, evidence.configured, allowed)
  const seen = stageIndex(evidence.seenAt)
  const notAfterSeen = (stage: string): boolean =>
    seen === undefined || (stageIndex(stage) ?? 0) <= seen
  if (candidates.length > 0) {
    const previous = stageIndex(evidence.previous)
    const reachable = candidates.filter(notAfterSeen)
    // The next configured stage after the previous hook of its kind, else a stage that runs
    // again (a canary or linear step repeats PRE_PRODUCTION_TRAFFIC_SHIFT).
    const next = reachable.find(
      stage => previous === undefined || (stageIndex(stage) ?? 0) > previous
    )
    return next ?? reachable.at(-1) ?? candidates[0]
  }
  if (evidence.configured !== undefined || !isRunning(hook.status) || seen === undefined) {
    return undefined
  }
  // Nothing configured is known: a hook running now runs at the current stage, or at the
  // hook stage ECS reports under it (PRE_PRODUCTION_TRAFFIC_SHIFT under PRODUCTION_TRAFFIC_SHIFT).
  return LIFECYCLE_STAGES.slice(0, seen + 1)
    .filter(stage => allowed.includes(stage))
    .at(-1)
}

/**
 * The stage and kind of hook ECS names in a rollback reason, e.g. `Service deployment
 * rolled back because PRE_PRODUCTION_TRAFFIC_SHIFT pause hook timed out.`
 */
export function stageNamedInReason(
  reason: string | undefined
): { stage: string; targetType: 'PAUSE' | 'AWS_LAMBDA' } | undefined {
  const match = /\b([A-Z_]+) (pause hook|lifecycle hook)/.exec(reason ?? '')
  const stage = match?.[1]
  if (!stage || stageIndex(stage) === undefined) return undefined
  return { stage, targetType: match[2] === 'pause hook' ? 'PAUSE' : 'AWS_LAMBDA' }
}

/**
 * Places a hook that failed or timed out at the stage ECS's reason names, when that
 * agrees with what is configured for it. Returns whether the stage changed.
 */
export function applyNamedStage(
  hook: HookRecord,
  reason: string | undefined,
  configured: readonly ConfiguredHook[] | undefined
): boolean {
  const named = stageNamedInReason(reason)
  if (!named || hook.stage === named.stage) return false
  if (hook.status !== 'FAILED' && hook.status !== 'TIMED_OUT') return false
  if ((hook.targetType ?? 'AWS_LAMBDA') !== named.targetType) return false
  const allowed = hookStagesFor(hook.targetType)
  const candidates = candidateStages(hook, configured, allowed)
  if (!allowed.includes(named.stage)) return false
  if (candidates.length > 0 && !candidates.includes(named.stage)) return false
  hook.stage = named.stage
  return true
}

/** The configured stages where `hook` may run, in lifecycle order. */
function candidateStages(
  hook: HookSighting,
  configured: readonly ConfiguredHook[] | undefined,
  allowed: readonly string[]
): string[] {
  const type = hook.targetType ?? 'AWS_LAMBDA'
  const stages = (configured ?? [])
    .filter(
      entry => entry.targetType === type && (type === 'PAUSE' || entry.targetArn === hook.targetArn)
    )
    .flatMap(entry => entry.stages)
    .filter(stage => allowed.includes(stage))
  return [...new Set(stages)].sort((a, b) => (stageIndex(a) ?? 0) - (stageIndex(b) ?? 0))
}

function isRunning(status: string | undefined): boolean {
  return status === 'IN_PROGRESS' || status === 'AWAITING_ACTION'
}
