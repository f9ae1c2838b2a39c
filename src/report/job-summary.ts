import type { Release } from '../release.js'
import { MarkdownBuilder } from './markdown.js'
import { timelineGantt } from './mermaid.js'
import { promotionBlock } from './promotion.js'
import { phaseLine } from './release-view.js'
import {
  addFailure,
  containersTable,
  headline,
  hooksTable,
  linksLine,
  overviewTable,
  taskDefinitionIntro,
  timelineTable
} from './sections.js'

/** The runner drops a step summary above 1 MiB (and says so with an error annotation). */
export const JOB_SUMMARY_LIMIT = 1024 * 1024
/** Kept free below the limit, for rounding and anything else the step writes. */
const HEADROOM = 32 * 1024

/** The full report of a release, written once when the step ends. */
export function renderJobSummary(release: Release, final = true): string {
  const doc = new MarkdownBuilder(JOB_SUMMARY_LIMIT - HEADROOM)
  doc.add(headline(release, final, 2))
  doc.add(phaseLine(release, final))
  doc.add(linksLine(release))
  addFailure(doc, release, { heading: '### What happened', maxText: 4000, maxDetails: 500 })
  doc.add(promotionBlock(release, 3))
  doc.add('### Release')
  doc.addTable(overviewTable(release, final))
  const intro = taskDefinitionIntro(release)
  const containers = containersTable(release)
  if (intro || containers) doc.add('### Task definition')
  doc.add(intro)
  if (containers) doc.addTable(containers)
  doc.add('### Timeline')
  if (release.stages.length === 0) doc.add('No lifecycle stage was seen.')
  else doc.addTable(timelineTable(release, final))
  doc.add(timelineGantt(release, final))
  const hooks = hooksTable(release)
  if (hooks) {
    doc.add('### Lifecycle hooks')
    doc.addTable(hooks)
  }
  return doc.toString()
}
