import { minutes, plain } from '../../model/format.js'
import { outcomeOf, type Release } from '../../model/release.js'
import { code, multiline, text } from './escape.js'
import type { MarkdownBuilder } from './markdown.js'
import { releaseKey } from './release-view.js'
import { addFailure, addSettingChanges, addTaskDefinition, type FailureLimits } from './sections.js'

/**
 * The report of `command: plan`: whether deploy with the same inputs would go ahead, and
 * what it would send (the task definition change, the service settings it would change,
 * the least time it takes). It has a comment and a check run of its own, so a plan on a
 * pull request never overwrites the report of a release.
 */

/** Whether the plan found deploy would go ahead (a failed plan: deploy would be refused). */
export function planPasses(release: Release): boolean {
  return outcomeOf(release) === 'succeeded'
}

/** `### 📋 Plan for web on prod: deploy would go ahead` (or `❌ … deploy would be refused`). */
export function planHeadline(release: Release, level: number): string {
  const { cluster, service } = releaseKey(release)
  return planVerdictHeadline(`${text(service)} on ${text(cluster)}`, planPasses(release), level)
}

/** A plan's headline for `subject` (Markdown), by whether deploy would go ahead. */
export function planVerdictHeadline(subject: string, passes: boolean, level: number): string {
  const [icon, label] = passes ? ['📋', 'deploy would go ahead'] : ['❌', 'deploy would be refused']
  return `${'#'.repeat(level)} ${icon} Plan for ${subject}: ${label}`
}

/** The check run's title: the verdict in a line. */
export function planTitle(release: Release): string {
  if (!planPasses(release)) {
    return plain(`deploy would be refused: ${release.verdict?.reason ?? 'see the details'}`, 200)
  }
  const settings = release.settingChanges?.length ?? 0
  const changes = settings === 0 ? 'no setting changed' : `${settings} service settings changed`
  const strategy = release.strategy ? `${release.strategy}, ` : ''
  return plain(
    `deploy would go ahead: ${strategy}${changes}, at least ${release.plan?.leastTime ?? '?'}`,
    200
  )
}

/** What the task definition would be: a new revision from a file or the service's, or an existing one. */
function sourceLine(release: Release): string | undefined {
  const source = release.plan?.source
  if (!source) return undefined
  switch (source.kind) {
    case 'file':
      return `Deploy would register a new revision from ${code(source.path)}.`
    case 'service':
      return "Deploy would register a new revision from the service's current task definition."
    case 'revision':
      return 'Deploy would release an existing revision as it is; nothing is registered.'
  }
}

/** The body every plan report shares, below its headline. */
export function addPlan(
  doc: MarkdownBuilder,
  release: Release,
  level: number,
  failure: Omit<FailureLimits, 'heading'>
): void {
  const heading = (title: string): string => `${'#'.repeat(level)} ${title}`
  addFailure(doc, release, { ...failure, heading: heading('Why deploy would be refused') })
  const facts = release.plan
  if (!facts) return
  doc.add(sourceLine(release))
  if (facts.warnings.length > 0) {
    doc.add(heading('Warnings'))
    doc.addList(facts.warnings, warning => multiline(warning, 1000), 'warnings')
  }
  const strategy = release.strategy ? `**Strategy:** ${text(release.strategy)} · ` : ''
  doc.add(
    `${strategy}**Least time the deployment takes:** ${text(facts.leastTime)}; the deploy step would wait up to ${minutes(facts.timeoutMinutes)}.`
  )
  addTaskDefinition(doc, release, heading('Task definition'))
  addSettingChanges(doc, release, heading('Service settings'), 'would change')
  doc.add('<sub>A plan changes nothing in ECS: it makes read-only calls only.</sub>')
}
