import { percent } from '../../model/format.js'
import { awaitingHook, outcomeOf, type Release, runUrl, shortName } from '../../model/release.js'
import type { ReleaseSet } from '../../model/release-set.js'
import { checkRunStateOf, CHECK_OUTPUT_LIMIT, type CheckRunPayload } from './check-run.js'
import { COMMENT_LIMIT } from './comment.js'
import { code, fencedBlock, markerValue, multiline, safeUrl, text } from './escape.js'
import { renderJobSummary, JOB_SUMMARY_LIMIT } from './job-summary.js'
import { byteLength, MarkdownBuilder, type Table } from './markdown.js'
import type { ReportDocument } from './report-document.js'
import { currentStage, outcomeViewOf } from './release-view.js'
import { curlCommands, headerMarkdown } from './test-traffic.js'
import { snapshotComment } from './snapshot.js'
import { promotionWays } from './promotion.js'
import { planTitle, planVerdictHeadline } from './plan.js'
import { plain } from '../../model/format.js'

/**
 * The one report of a release of several services: a row per service, the chain-test
 * instructions while all are paused, and (in the job summary) each service's own report.
 */

function outcome(set: ReleaseSet): ReturnType<typeof outcomeViewOf> & { key: string } {
  const key = set.verdict?.outcome ?? 'running'
  return { ...outcomeViewOf(key), key }
}

/** `### ⏸️ Release gateway → orders: awaiting promotion`. */
export function releaseSetHeadline(set: ReleaseSet, level: number): string {
  const view = outcome(set)
  return `${'#'.repeat(level)} ${view.icon} Release ${text(set.name)}: ${view.label}`
}

/** Whether a plan of the release found that deploy would go ahead for every service. */
function planPasses(set: ReleaseSet): boolean {
  return set.verdict?.outcome === 'succeeded'
}

/** A row per service in call order: what deploy would do with it, or why it would refuse. */
function planTable(set: ReleaseSet): Table<Release> {
  return {
    headers: ['#', 'Service', 'Plan'],
    items: set.members,
    noun: 'services',
    cells: (member, index) => [
      String(index + 1) + (index === 0 ? ' (entry)' : ''),
      `${text(shortName(member.service))} on ${text(shortName(member.cluster))}`,
      text(member.verdict ? planTitle(member) : 'not planned', 300)
    ]
  }
}

/** A row per service in call order: where it stands, its traffic and its hooks. */
export function servicesTable(set: ReleaseSet): Table<Release> {
  return {
    headers: ['#', 'Service', 'Outcome', 'Stage', 'Status', 'Traffic on new revision', 'Hooks'],
    items: set.members,
    noun: 'services',
    cells: (member, index) => {
      // The weights last reported: a stage seen between two polls has none of its own.
      const traffic = member.stages.findLast(stage => stage.traffic)?.traffic
      const weights = [
        traffic?.targetTest !== undefined && `test ${percent(traffic.targetTest)}`,
        traffic?.targetProduction !== undefined && `production ${percent(traffic.targetProduction)}`
      ].filter(Boolean)
      const waiting = awaitingHook(member)
      const hooks = member.hooks
        .map(hook => `${hook.targetType ?? 'hook'} ${hook.stage ?? ''} ${hook.status ?? ''}`.trim())
        .join('; ')
      return [
        String(index + 1) + (index === 0 ? ' (entry)' : ''),
        `${text(shortName(member.service))} on ${text(shortName(member.cluster))}`,
        `${outcomeViewOf(outcomeOf(member)).icon} ${outcomeViewOf(outcomeOf(member)).label}`,
        text(currentStage(member) ?? '–'),
        text(member.status ?? '–'),
        weights.join(', ') || '–',
        waiting ? `awaiting ${code(waiting.hookId ?? '?')}` : text(hooks || '–', 200)
      ]
    }
  }
}

/**
 * While every service is paused: how to send a request down the whole chain on the new
 * revisions. ECS routes each hop by the Service Connect test traffic header; each
 * application must pass the header on to the next (README, "Full-chain gray release").
 */
export function chainTestBlock(set: ReleaseSet): string | undefined {
  if (set.verdict?.outcome !== 'paused') return undefined
  const entry = set.members[0]
  const route = set.members.find(member => member.testTraffic)?.testTraffic
  if (!entry || !route) return undefined
  const entryRoute = entry.testTraffic
  const commands = entryRoute ? curlCommands(entryRoute) : []
  const intro =
    `**Test the chain:** a request with header ${headerMarkdown(route)} reaches the new revision ` +
    `of every service that is paused at its test traffic gate, as long as each application forwards the header to the services it calls. ` +
    `Requests without it stay on the current revisions.` +
    (commands.length > 0
      ? ` From a task in the Service Connect namespace, enter at ${text(shortName(entry.service))}:`
      : '')
  return commands.length > 0 ? `${intro}\n\n${fencedBlock(commands.join('\n'), 'sh')}` : intro
}

/**
 * What to do next while paused: promote moves production traffic callee first and all bake
 * together; the ways to run it are those of a release of one (promotion.ts), by `services`.
 */
function promoteBlock(set: ReleaseSet): string | undefined {
  const entry = set.members[0]
  if (set.verdict?.outcome !== 'paused' || !entry) return undefined
  return [
    '**Promote** moves production traffic service by service, from the deepest callee to the entry service, ' +
      'holding each after its shift until all have shifted; then all bake together. **Roll back** rolls every ' +
      'service back, the entry service first.',
    ...promotionWays(entry)
  ].join('\n\n')
}

function reasonBlock(set: ReleaseSet, max: number): string | undefined {
  const { verdict } = set
  if (!verdict?.reason) return undefined
  const details = verdict.details.map(detail => `- ${text(detail, 300)}`).join('\n')
  return [`**What happened:** ${multiline(verdict.reason, max)}`, details]
    .filter(Boolean)
    .join('\n\n')
}

function addSummary(doc: MarkdownBuilder, set: ReleaseSet, level: number, max: number): void {
  if (set.command === 'plan') {
    doc.add(planVerdictHeadline(`release ${text(set.name)}`, planPasses(set), level))
    // The table says how each service fared; the reason says what refused the release.
    const reason = set.verdict?.reason
    if (reason) doc.add(`**Why deploy would be refused:** ${multiline(reason, max)}`)
    doc.addTable(planTable(set))
    doc.add('<sub>A plan changes nothing in ECS: it makes read-only calls only.</sub>')
    return
  }
  doc.add(releaseSetHeadline(set, level))
  doc.add(reasonBlock(set, max))
  doc.add(chainTestBlock(set))
  doc.add(promoteBlock(set))
  doc.addTable(servicesTable(set))
}

/**
 * The hidden first line of the release's sticky comment, by its name. A plan has a comment
 * of its own: it never overwrites the report of a release.
 */
export function releaseSetMarker(set: ReleaseSet): string {
  const kind = set.command === 'plan' ? 'plan-set' : 'release-set'
  return `<!-- ecs-bluegreen-action:${kind} name=${markerValue(set.name)} -->`
}

/**
 * Each service's snapshot (snapshot.ts), for the promote or rollback run that continues
 * the release's report; together they take at most half of `limit`.
 */
function snapshots(set: ReleaseSet, limit: number): string {
  // Nothing continues a plan.
  if (set.command === 'plan') return ''
  const share = Math.floor(limit / 2 / Math.max(set.members.length, 1)) - 1
  return set.members
    .map(member => snapshotComment(member, share))
    .filter(Boolean)
    .join('\n')
}

/** The comment; `hidden`: the services' snapshots, when the check run's are at hand. */
export function renderReleaseSetComment(
  set: ReleaseSet,
  hidden = snapshots(set, COMMENT_LIMIT)
): string {
  const marker = releaseSetMarker(set)
  const doc = new MarkdownBuilder(COMMENT_LIMIT - byteLength(marker) - byteLength(hidden) - 8)
  addSummary(doc, set, 3, 1000)
  doc.add(
    set.command === 'plan'
      ? 'The job summary of the run has each service’s full plan.'
      : 'The job summary of the run has each service’s full report.'
  )
  return [marker, doc.toString(), hidden].filter(Boolean).join('\n\n')
}

/** The job summary: the release, then each service's own report. */
export function renderReleaseSetSummary(set: ReleaseSet): string {
  const doc = new MarkdownBuilder(JOB_SUMMARY_LIMIT - 32 * 1024)
  addSummary(doc, set, 2, 4000)
  for (const member of set.members) {
    doc.collapsed(
      `${text(shortName(member.service))}: ${outcomeViewOf(outcomeOf(member)).label}`,
      details => {
        details.add(renderJobSummary(member))
      }
    )
  }
  return doc.toString()
}

/** The `check-name` input, else `ecs-bluegreen / <release name>` (`ecs-bluegreen plan / …` for a plan). */
export function releaseSetCheckName(set: ReleaseSet, checkName?: string): string {
  const kind = set.command === 'plan' ? 'ecs-bluegreen plan' : 'ecs-bluegreen'
  return (checkName || `${kind} / ${set.name}`).slice(0, 255)
}

/** What marks a check run as this action's report of the release (see checkRunExternalId). */
function releaseSetExternalId(set: ReleaseSet): string {
  // A plan's check run is its own: a release never continues it, nor it a release's.
  const kind = set.command === 'plan' ? 'ecs-bluegreen-action plan' : 'ecs-bluegreen-action'
  return `${kind} release=${markerValue(set.name)}`
}

/** The check run's title: the verdict in a line. */
function releaseSetTitle(set: ReleaseSet): string {
  if (set.command !== 'plan') return `${outcome(set).label}: ${set.members.length} services`
  return planPasses(set)
    ? `deploy would go ahead: ${set.members.length} services`
    : `deploy would be refused: ${set.verdict?.reason ?? 'see the details'}`
}

export function renderReleaseSetCheckRun(
  set: ReleaseSet,
  checkName?: string,
  hidden = snapshots(set, CHECK_OUTPUT_LIMIT)
): CheckRunPayload {
  const state = checkRunStateOf(set.verdict?.outcome ?? 'running')
  const summary = new MarkdownBuilder(CHECK_OUTPUT_LIMIT)
  addSummary(summary, set, 3, 1000)
  const detailsUrl = safeUrl(runUrl(set.github))
  const completedAt = set.members
    .map(member => member.finishedAt ?? member.updatedAt)
    .sort((a, b) => b.getTime() - a.getTime())[0]
  return {
    name: releaseSetCheckName(set, checkName),
    external_id: releaseSetExternalId(set),
    ...state,
    started_at: set.startedAt.toISOString(),
    ...(state.status === 'completed' && completedAt
      ? { completed_at: completedAt.toISOString() }
      : {}),
    ...(detailsUrl ? { details_url: detailsUrl } : {}),
    output: {
      title: plain(releaseSetTitle(set), 200),
      summary: summary.toString(),
      text: hidden
    }
  }
}

/** The release's comment and check run, as the GitHub channels write them. */
export function releaseSetDocument(set: ReleaseSet, checkName?: string): ReportDocument {
  // One set of snapshots for the comment and the check run of a report: each service's is
  // serialised once, within the smaller of the two limits.
  let carried: string | undefined
  const hidden = (): string =>
    (carried ??= snapshots(set, Math.min(COMMENT_LIMIT, CHECK_OUTPUT_LIMIT)))
  return {
    commit: set.members[0]?.commit,
    commentMarker: releaseSetMarker(set),
    comment: () => renderReleaseSetComment(set, hidden()),
    checkRunName: releaseSetCheckName(set, checkName),
    checkRunExternalId: releaseSetExternalId(set),
    checkRunState: () => checkRunStateOf(set.verdict?.outcome ?? 'running'),
    checkRun: () => renderReleaseSetCheckRun(set, checkName, hidden())
  }
}
