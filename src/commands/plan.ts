import { describeLeastTime } from '../plan/least-time.js'
import type { Release } from '../model/release.js'
import { concludeRelease } from '../verdict/verdict.js'
import type { CommandContext } from './context.js'
import { planRelease, type ReleasePlan } from './release-plan.js'

/**
 * `command: plan`: everything deploy would check, and what deploy with the same inputs
 * would send (the task definition change, the service settings it changes, the least
 * time it takes), with read-only calls only. It reports as a check run that fails when
 * deploy would be refused, so it can be a required check on pull requests. Returns what
 * deploy would send.
 */
export async function plan(ctx: CommandContext, release: Release): Promise<ReleasePlan> {
  const { inputs } = ctx
  const planned = await planRelease(ctx, release)
  const { serviceUpdate } = planned
  release.plan = {
    source: inputs.taskDefinitionRevision
      ? { kind: 'revision' }
      : inputs.taskDefinition
        ? { kind: 'file', path: inputs.taskDefinition }
        : { kind: 'service' },
    leastTime: describeLeastTime(serviceUpdate.least),
    timeoutMinutes: serviceUpdate.timeoutMinutes,
    warnings: planned.warnings
  }
  ctx.log.info(
    `Plan: deploy would ${planned.taskDefinition.kind === 'register' ? 'register a new revision and ' : ''}` +
      `start a ${serviceUpdate.strategy} deployment of ${inputs.service}; nothing was changed.`
  )
  concludeRelease(release, { kind: 'planned' }, ctx.clock.now())
  await ctx.reporter.publish(release, true)
  return planned
}
