import type { Release } from '../../model/release.js'
import { MarkdownBuilder } from './markdown.js'
import { timelineGantt } from './mermaid.js'
import { addPlan, planHeadline } from './plan.js'
import { promotionBlock } from './promotion.js'
import { testTrafficBlock } from './test-traffic.js'
import { phaseLine } from './release-view.js'
import {
  addFailure,
  addHooks,
  addSettingChanges,
  addTaskDefinition,
  addTimeline,
  headline,
  linksLine,
  overviewTable
} from './sections.js'
import { addTargetGroups } from './target-groups.js'

/** The runner drops a step summary above 1 MiB (and says so with an error annotation). */
export const JOB_SUMMARY_LIMIT = 1024 * 1024
/** Kept free below the limit, for rounding and anything else the step writes. */
const HEADROOM = 32 * 1024

/** The full report of a release, written once when the step ends. */
export function renderJobSummary(release: Release): string {
  const doc = new MarkdownBuilder(JOB_SUMMARY_LIMIT - HEADROOM)
  if (release.command === 'plan') {
    doc.add(planHeadline(release, 2))
    doc.add(linksLine(release))
    addPlan(doc, release, 3, { maxText: 4000, maxDetails: 500 })
    return doc.toString()
  }
  doc.add(headline(release, 2))
  doc.add(phaseLine(release))
  doc.add(linksLine(release))
  addFailure(doc, release, { heading: '### What happened', maxText: 4000, maxDetails: 500 })
  doc.add(promotionBlock(release, 3))
  doc.add(testTrafficBlock(release))
  doc.add('### Release')
  doc.addTable(overviewTable(release))
  addTaskDefinition(doc, release, '### Task definition')
  addSettingChanges(doc, release, '### Service settings', 'changes')
  addTargetGroups(doc, release, '### Load balancer')
  if (release.stages.length === 0) doc.add('### Timeline\n\nNo lifecycle stage was seen.')
  addTimeline(doc, release, '### Timeline')
  doc.add(timelineGantt(release))
  addHooks(doc, release, '### Lifecycle hooks')
  return doc.toString()
}
