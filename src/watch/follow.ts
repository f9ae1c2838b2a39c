import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import type { ServiceEventStream } from '../diagnose/service-events.js'
import { describeDeployment } from '../ecs/deployments.js'
import type { EcsPort } from '../ecs/port.js'
import type { WaitUntil } from '../inputs/inputs.js'
import { setDeploymentOutputs } from '../model/outputs.js'
import type { Release } from '../model/release.js'
import { recordDeployment } from './timeline.js'
import { TimelineLog } from './timeline-log.js'
import { watchDeployment, type WatchResult } from './watch.js'
import type { CommandContext } from '../commands/context.js'

export interface FollowRequest {
  until: WaitUntil
  /** The service's events, streamed into the timeline while waiting. */
  events: ServiceEventStream
  first?: ServiceDeployment
  ignoreHookIds?: string[]
  /** How long to follow before giving up (the step's timeout). */
  timeoutMs: number
}

/**
 * Follows the release's deployment: every poll is folded into the release, written to
 * the log as a timeline, reflected in the step outputs, and published to GitHub when a
 * stage, status or hook changed.
 */
export async function followDeployment(
  ctx: CommandContext,
  ecs: EcsPort,
  release: Release,
  request: FollowRequest
): Promise<WatchResult> {
  const arn = release.deploymentArn
  if (!arn) throw new Error('No deployment to follow.')
  const timeline = new TimelineLog(ctx.log, release)
  try {
    return await watchDeployment({
      arn,
      describe: deploymentArn => describeDeployment(ecs, deploymentArn),
      until: request.until,
      ignoreHookIds: request.ignoreHookIds,
      timeoutMs: request.timeoutMs,
      pollIntervalMs: ctx.inputs.pollInterval * 1000,
      clock: ctx.clock,
      signal: ctx.signal,
      first: request.first,
      onSnapshot: async deployment => {
        const now = ctx.clock.now()
        const events = recordDeployment(release, deployment, now)
        const statusChanged = events.some(event => event.kind === 'status')
        // ECS recorded these service events before this poll: they go first, in time order.
        timeline.serviceEvents(await request.events.poll(now, statusChanged).catch(() => []))
        timeline.write(events, now)
        setDeploymentOutputs(ctx.outputs, release)
        // Not awaited: GitHub's pacing of writes must not delay the next poll.
        if (events.length > 0) void ctx.reporter.publish(release, false)
      },
      onPollError: message => ctx.log.warning(message)
    })
  } finally {
    timeline.close()
  }
}
