import type { Release } from '../../model/release.js'
import { markerValue } from './escape.js'
import { MarkdownBuilder, byteLength } from './markdown.js'
import { promotionBlock } from './promotion.js'
import { addPlan, planHeadline } from './plan.js'
import { phaseLine, releaseKey } from './release-view.js'
import {
  addFailure,
  addHooks,
  addSettingChanges,
  addTaskDefinition,
  addTimeline,
  footer,
  headline,
  overviewTable
} from './sections.js'
import { snapshotComment } from './snapshot.js'
import { testTrafficBlock } from './test-traffic.js'
import { addTargetGroups } from './target-groups.js'
import { count } from '../../model/format.js'

/** GitHub rejects longer comment bodies with 422. */
export const COMMENT_LIMIT = 65536
const MAX_TIMELINE_ROWS = 40
const MAX_HOOK_ROWS = 20
const ELSEWHERE = 'the job summary of the run lists them all'

/**
 * The hidden first line that identifies a release's sticky comment. Cluster and service
 * are reduced to `[A-Za-z0-9_.:/]` plus %-escapes, so no name can end the comment, add
 * a field or match another service's marker.
 */
export function commentMarker(release: Release): string {
  const { cluster, service } = releaseKey(release)
  // A plan has a comment of its own: it never overwrites the report of a release.
  const kind = release.command === 'plan' ? 'plan' : 'release'
  return `<!-- ecs-bluegreen-action:${kind} cluster=${markerValue(cluster)} service=${markerValue(service)} -->`
}

/** The sticky PR comment: where the release stands, and how to promote it when paused. */
export function renderComment(release: Release): string {
  const marker = commentMarker(release)
  if (release.command === 'plan') {
    const doc = new MarkdownBuilder(COMMENT_LIMIT - byteLength(marker) - 4)
    doc.add(planHeadline(release, 3))
    addPlan(doc, release, 4, { maxText: 1000, maxDetails: 10, elsewhere: ELSEWHERE })
    doc.add(footer(release, 'the job summary has the full report'))
    return [marker, doc.toString()].join('\n\n')
  }
  const snapshot = snapshotComment(release)
  const doc = new MarkdownBuilder(COMMENT_LIMIT - byteLength(marker) - byteLength(snapshot) - 8)
  doc.add(headline(release, 3))
  doc.add(phaseLine(release))
  addFailure(doc, release, {
    heading: '**What happened**',
    maxText: 1000,
    maxDetails: 10,
    elsewhere: ELSEWHERE,
    maxLogLines: 10
  })
  doc.add(promotionBlock(release, 4))
  doc.add(testTrafficBlock(release))
  doc.addTable(overviewTable(release, true))
  addTaskDefinition(doc, release, undefined, { maxRows: 20, elsewhere: ELSEWHERE })
  // The first screen says settings only when the release changed some.
  if (release.settingChanges?.length) addSettingChanges(doc, release, undefined, 'changes')
  addTargetGroups(doc, release, '#### Load balancer')
  // The first screen of a pull request's conversation column is kept for the outcome, the
  // call to action and the essentials; the stage-by-stage record is one click away.
  const parts = [
    release.stages.length > 0 && count(release.stages.length, 'stage'),
    release.hooks.length > 0 && count(release.hooks.length, 'lifecycle hook')
  ].filter(Boolean)
  doc.collapsed(`Timeline: ${parts.join(', ')}`, details => {
    addTimeline(details, release, '#### Timeline', {
      maxRows: MAX_TIMELINE_ROWS,
      keep: 'last',
      elsewhere: ELSEWHERE
    })
    addHooks(details, release, '#### Lifecycle hooks', {
      maxRows: MAX_HOOK_ROWS,
      keep: 'last',
      elsewhere: ELSEWHERE
    })
  })
  doc.add(footer(release, 'the job summary has the full report'))
  return [marker, doc.toString(), snapshot].filter(part => part !== '').join('\n\n')
}
