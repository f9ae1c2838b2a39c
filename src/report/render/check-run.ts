import { duration, isValidDate, percent, plain } from '../../model/format.js'
import { type Outcome, outcomeOf, runUrl, type Release } from '../../model/release.js'
import { code, link, markerValue, safeUrl } from './escape.js'
import { MarkdownBuilder, byteLength } from './markdown.js'
import { promotionBlock } from './promotion.js'
import { currentStage, phaseLine, releaseKey } from './release-view.js'
import {
  addFailure,
  addHooks,
  addTaskDefinition,
  addTimeline,
  footer,
  overviewTable
} from './sections.js'
import { snapshotComment } from './snapshot.js'

/** GitHub's limit on each of `output.summary` and `output.text`. */
export const CHECK_OUTPUT_LIMIT = 65535
const MAX_TITLE = 200
const ELSEWHERE = 'the job summary lists them all'

export type CheckRunStatus = 'in_progress' | 'completed'
export type CheckRunConclusion = 'success' | 'failure' | 'cancelled' | 'neutral'

/** The fields of a check run create/update request. */
export interface CheckRunPayload {
  name: string
  external_id: string
  status: CheckRunStatus
  conclusion?: CheckRunConclusion
  started_at?: string
  completed_at?: string
  details_url?: string
  output: { title: string; summary: string; text: string }
}

/** The `check-name` input, else `ecs-bluegreen / <cluster>/<service>`. */
export function checkRunName(release: Release, checkName: string | undefined): string {
  const { cluster, service } = releaseKey(release)
  return plain(checkName || `ecs-bluegreen / ${cluster}/${service}`, 255)
}

/**
 * What marks a check run as this action's report of a cluster's service
 * (`external_id`, "a reference for the run on the integrator's system":
 * https://docs.github.com/rest/checks/runs#create-a-check-run). A later run continues only
 * check runs that carry it, so a job's own check run or another app's run of the same name
 * is never taken over.
 */
export function checkRunExternalId(release: Release): string {
  const { cluster, service } = releaseKey(release)
  return `ecs-bluegreen-action cluster=${markerValue(cluster)} service=${markerValue(service)}`
}

/** A check run of the same release that a later run cannot change, which its check run links to. */
export interface EarlierCheckRun {
  htmlUrl?: string
  conclusion?: string
}

/**
 * running → in_progress (title: the stage); paused → in_progress, "awaiting promotion";
 * succeeded → success; rolled-back, failed, timed-out → failure; cancelled → cancelled.
 * A step that stopped following on purpose (wait-until none or a stage) completes as
 * `neutral`: it gives no verdict, and nothing would come back to finish an in_progress one.
 */
export function checkRunState(release: Release): {
  status: CheckRunStatus
  conclusion?: CheckRunConclusion
} {
  return checkRunStateOf(outcomeOf(release))
}

/** The check run state of an outcome, as checkRunState tells it. */
export function checkRunStateOf(outcome: Outcome): {
  status: CheckRunStatus
  conclusion?: CheckRunConclusion
} {
  switch (outcome) {
    case 'handed-off':
      return { status: 'completed', conclusion: 'neutral' }
    case 'running':
    case 'paused':
      return { status: 'in_progress' }
    case 'succeeded':
      return { status: 'completed', conclusion: 'success' }
    case 'cancelled':
      return { status: 'completed', conclusion: 'cancelled' }
    case 'rolled-back':
    case 'failed':
    case 'timed-out':
      return { status: 'completed', conclusion: 'failure' }
  }
}

export function checkRunTitle(release: Release): string {
  const stage = currentStage(release)
  const took = duration(release.startedAt, release.finishedAt)
  const outcome = outcomeOf(release)
  switch (outcome) {
    case 'handed-off':
      return plain(`stopped following${stage ? ` at ${stage}` : ''}; ECS continues`, MAX_TITLE)
    case 'running': {
      const traffic = release.stages.at(-1)?.traffic
      const weights = [
        traffic?.targetTest !== undefined ? `test ${percent(traffic.targetTest)}` : '',
        traffic?.targetProduction !== undefined
          ? `production ${percent(traffic.targetProduction)}`
          : ''
      ].filter(Boolean)
      const shift = weights.length > 0 ? ` (${weights.join(', ')} on the new revision)` : ''
      return plain(stage ? `${stage}${shift}` : 'starting', MAX_TITLE)
    }
    case 'paused':
      return plain(`awaiting promotion${stage ? ` at ${stage}` : ''}`, MAX_TITLE)
    case 'succeeded':
      return plain(`succeeded${release.finishedAt ? ` in ${took}` : ''}`, MAX_TITLE)
    default: {
      const label = {
        'rolled-back': 'rolled back',
        failed: 'failed',
        'timed-out': 'timed out',
        cancelled: 'cancelled'
      }[outcome]
      // The cause alone: the reason it is part of repeats the service and the outcome.
      const why = release.verdict?.cause ?? release.verdict?.reason
      return plain(why ? `${label}: ${why}` : label, MAX_TITLE)
    }
  }
}

/**
 * The whole check run for a release: state, title, summary, and details with the snapshot.
 * A check run that replaces an `earlier` one of the release, which GitHub no longer lets
 * change, says so and links it.
 */
export function renderCheckRun(
  release: Release,
  checkName?: string,
  earlier?: EarlierCheckRun
): CheckRunPayload {
  const state = checkRunState(release)
  const summary = new MarkdownBuilder(CHECK_OUTPUT_LIMIT)
  summary.add(phaseLine(release))
  if (earlier) {
    const ended = earlier.conclusion ? ` (it ended ${code(earlier.conclusion, 40)})` : ''
    summary.add(
      `This check run carries on from ${link('an earlier one', earlier.htmlUrl)} of this release, which this run cannot change${ended}.`
    )
  }
  addFailure(summary, release, {
    heading: '### What happened',
    maxText: 1000,
    maxDetails: 20,
    elsewhere: ELSEWHERE,
    maxLogLines: 10
  })
  summary.add(promotionBlock(release, 3))
  summary.addTable(overviewTable(release))
  addTimeline(summary, release, '### Timeline', {
    maxRows: 60,
    keep: 'last',
    elsewhere: ELSEWHERE
  })
  summary.add(footer(release, 'the job summary has the full report'))

  const snapshot = snapshotComment(release)
  const text = new MarkdownBuilder(CHECK_OUTPUT_LIMIT - byteLength(snapshot) - 2)
  addTaskDefinition(text, release, '### Task definition')
  addHooks(text, release, '### Lifecycle hooks', { keep: 'last' })
  const completedAt = [release.finishedAt, release.updatedAt].find(isValidDate)
  const detailsUrl = safeUrl(runUrl(release.github))
  return {
    name: checkRunName(release, checkName),
    external_id: checkRunExternalId(release),
    ...state,
    ...(isValidDate(release.startedAt) ? { started_at: release.startedAt.toISOString() } : {}),
    ...(state.status === 'completed' && completedAt
      ? { completed_at: completedAt.toISOString() }
      : {}),
    ...(detailsUrl ? { details_url: detailsUrl } : {}),
    output: {
      title: checkRunTitle(release),
      summary: summary.toString(),
      text: [text.toString(), snapshot].filter(part => part !== '').join('\n\n')
    }
  }
}
