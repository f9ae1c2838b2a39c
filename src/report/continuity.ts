import type { Release } from '../model/release.js'
import type { Reporter } from './reporter.js'

/**
 * Continues the timeline an earlier run of the action reported for this release (the
 * deploy that paused, seen from the promote run), so the reports carry on instead of
 * starting over. A report of another deployment of the service is left alone.
 */
export async function continueEarlierReport(reporter: Reporter, release: Release): Promise<void> {
  continueRecalled(release, await reporter.recall(release))
}

/** Takes over what an earlier run reported of this deployment (its snapshot, snapshot.ts). */
export function continueRecalled(release: Release, earlier: Partial<Release> | undefined): void {
  if (!earlier || (earlier.deploymentArn && earlier.deploymentArn !== release.deploymentArn)) return
  const { stages, hooks, taskDefinition, strategy, startedAt, commit, testTraffic } = earlier
  if (stages) {
    release.stages = stages
    release.stage = stages.at(-1)?.stage ?? release.stage
  }
  if (hooks) release.hooks = hooks
  if (taskDefinition) release.taskDefinition = taskDefinition
  if (strategy) release.strategy = strategy
  if (startedAt) release.startedAt = startedAt
  if (commit) release.commit = commit
  if (testTraffic) release.testTraffic = testTraffic
}
