import type { Release } from '../../model/release.js'
import {
  checkRunExternalId,
  checkRunName,
  checkRunState,
  renderCheckRun,
  type CheckRunConclusion,
  type CheckRunPayload,
  type CheckRunStatus,
  type EarlierCheckRun
} from './check-run.js'
import { commentMarker, renderComment } from './comment.js'

/**
 * What the pull request comment and the check run of one report are: a release of one
 * service, or of several (render/release-set.ts). The GitHub channels write either alike.
 */
export interface ReportDocument {
  /** The commit the release deploys, which the comment's pull request and the check run belong to. */
  commit?: string
  /** The hidden first line that finds the sticky comment again. */
  commentMarker: string
  comment(): string
  checkRunName: string
  /** What marks a check run as this report's (its `external_id`). */
  checkRunExternalId: string
  checkRunState(): { status: CheckRunStatus; conclusion?: CheckRunConclusion }
  checkRun(earlier?: EarlierCheckRun): CheckRunPayload
}

/** The report of a release of one service. */
export function releaseDocument(release: Release, checkName?: string): ReportDocument {
  return {
    commit: release.commit,
    commentMarker: commentMarker(release),
    comment: () => renderComment(release),
    checkRunName: checkRunName(release, checkName),
    checkRunExternalId: checkRunExternalId(release),
    checkRunState: () => checkRunState(release),
    checkRun: earlier => renderCheckRun(release, checkName, earlier)
  }
}
