import type { Log } from '../model/log.js'
import { errorMessage, plain } from '../model/format.js'
import type { Release } from '../model/release.js'
import { releaseSetWithSecretsHidden, type Secrets, withSecretsHidden } from '../model/secrets.js'
import { renderJobSummary } from './render/job-summary.js'
import type { ReleaseSet } from '../model/release-set.js'
import { renderReleaseSetSummary } from './render/release-set.js'
import type { Reporter } from './reporter.js'

/**
 * For `status`, which changes nothing: the job summary only, written when the step ends
 * (a `workflow_dispatch` status run is read on its run page). The pull request comment
 * and the check run belong to the runs that change the service.
 */
export function summaryReporter(
  write: (markdown: string) => Promise<void>,
  log: Log,
  secrets?: Secrets
): Reporter {
  return {
    recall: () => Promise.resolve(undefined),
    publish: async (release: Release, final: boolean) => {
      if (!final) return
      try {
        await write(renderJobSummary(secrets ? withSecretsHidden(release, secrets) : release))
      } catch (error) {
        log.warning(`Could not write the job summary: ${plain(errorMessage(error), 500)}`)
      }
    },
    publishSet: async (set: ReleaseSet, final: boolean) => {
      if (!final) return
      try {
        await write(
          renderReleaseSetSummary(secrets ? releaseSetWithSecretsHidden(set, secrets) : set)
        )
      } catch (error) {
        log.warning(`Could not write the job summary: ${plain(errorMessage(error), 500)}`)
      }
    },
    continueSet: () => Promise.resolve(),
    promotionRoute: () => Promise.resolve({})
  }
}
