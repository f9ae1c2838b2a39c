import type { PromotionRoute, Release } from '../model/release.js'
import type { ReleaseSet } from '../model/release-set.js'

/**
 * Tells the world about a release: job summary, pull request comment, check run.
 * Implementations never throw and never fail the job: a release's result is ECS's
 * result, whatever GitHub answers.
 */
export interface Reporter {
  /**
   * What an earlier run reported for the same service and commit (a deploy that paused,
   * seen from the promote run), so the timeline continues instead of starting over.
   */
  recall(release: Release): Promise<Partial<Release> | undefined>
  /** Publishes the release as it stands; `final` once the step is about to end. */
  publish(release: Release, final: boolean): Promise<void>
  /** Publishes a release of several services as one report; `final` once the step is about to end. */
  publishSet(set: ReleaseSet, final: boolean): Promise<void>
  /** Takes up the comment and check run an earlier run wrote for the release (the post step). */
  continueSet(set: ReleaseSet): Promise<void>
  /** How people can promote or roll back the release, now that it is paused. */
  promotionRoute(): Promise<PromotionRoute>
}

/** For `render` and `status`, which report nothing. */
export const silentReporter: Reporter = {
  recall: () => Promise.resolve(undefined),
  publish: () => Promise.resolve(),
  publishSet: () => Promise.resolve(),
  continueSet: () => Promise.resolve(),
  promotionRoute: () => Promise.resolve({})
}
