import {
  consoleUrl,
  runUrl,
  type ContainerChange,
  type HookRecord,
  type Release,
  type StageRecord
} from '../../model/release.js'
import { alreadySays } from '../../model/format.js'
import { code, link, multiline, text } from './escape.js'
import { addFailureEvidence } from './failure-evidence.js'
import {
  NONE,
  dateTime,
  deploymentId,
  duration,
  isCommitSha,
  offset,
  percent,
  shortSha,
  taskDefinitionName,
  time
} from '../../model/format.js'
import type { MarkdownBuilder, Table, TableLimit } from './markdown.js'
import { outcomeView, releaseKey } from './release-view.js'

/**
 * The pieces the job summary, the PR comment and the check run share. Every value from
 * the Release passes through escape.ts here; callers add the blocks to a MarkdownBuilder.
 */

const MAX_ENV_NAMES = 50

/** `## ✅ web on prod: succeeded`. */
export function headline(release: Release, level: number): string {
  const view = outcomeView(release)
  const { cluster, service } = releaseKey(release)
  return `${'#'.repeat(level)} ${view.icon} ${text(service)} on ${text(cluster)}: ${view.label}`
}

/** `ECS console: [id](…) · Workflow run: [Deploy #12](…)`. */
export function linksLine(release: Release): string {
  const links: string[] = []
  const consoleLink = consoleUrl(release)
  if (release.deploymentArn) {
    links.push(`ECS console: ${link(deploymentId(release.deploymentArn), consoleLink)}`)
  }
  const run = release.github.workflow
    ? `${release.github.workflow} #${release.github.runId}`
    : `run ${release.github.runId}`
  links.push(`Workflow run: ${link(run, runUrl(release.github))}`)
  return links.join(' · ')
}

export function overviewTable(release: Release): Table<[string, string]> {
  const { cluster, service } = releaseKey(release)
  const rows: [string, string | undefined][] = [
    ['Service', code(service)],
    ['Cluster', code(cluster)],
    ['Region', release.region && text(release.region)],
    ['Strategy', release.strategy && text(release.strategy)],
    ['Command', text(release.command)],
    ['Status', statusCell(release)],
    ['Commit', release.commit && commitCell(release, release.commit)],
    [
      'Deployment',
      release.deploymentArn && link(deploymentId(release.deploymentArn), consoleUrl(release))
    ],
    ['Started', dateTime(release.startedAt)],
    [
      'Finished',
      release.finishedAt &&
        `${dateTime(release.finishedAt)} (${duration(release.startedAt, release.finishedAt)})`
    ],
    [
      'Replaced deployment',
      release.supersededDeploymentArn && code(release.supersededDeploymentArn)
    ],
    ['Replaced by', release.supersededBy && code(release.supersededBy)]
  ]
  return {
    headers: ['', ''],
    items: rows.flatMap(([name, value]): [string, string][] => (value ? [[name, value]] : [])),
    cells: ([name, value]) => [`**${name}**`, value],
    noun: 'facts'
  }
}

function statusCell(release: Release): string {
  const view = outcomeView(release)
  const ecs = [release.status, release.stage].filter((v): v is string => !!v).map(v => code(v))
  return `${view.icon} ${view.label}${ecs.length > 0 ? ` (ECS: ${ecs.join(' at ')})` : ''}`
}

function commitCell(release: Release, commit: string): string {
  if (!isCommitSha(commit)) return code(commit)
  const { serverUrl, repository } = release.github
  return link(shortSha(commit), `${serverUrl}/${repository}/commit/${commit}`)
}

export interface FailureLimits {
  /** Longest reason, ECS status reason, hint and detail shown. */
  maxText: number
  maxDetails: number
  /** Heading above it all, e.g. `### What happened`. */
  heading: string
  /** Where the details left out by `maxDetails` can be read. */
  elsewhere?: string
  /** Most log lines shown per container of a stopped task; all that were read when absent. */
  maxLogLines?: number
}

/**
 * Why it failed, what ECS said, what to check, and the facts behind it (a list that
 * shows as many as fit). Adds nothing when nothing went wrong.
 */
export function addFailure(doc: MarkdownBuilder, release: Release, limits: FailureLimits): void {
  const { reason, hint, details = [] } = release.verdict ?? {}
  const paragraphs = [
    reason && `**Why:** ${multiline(reason, limits.maxText)}`,
    release.statusReason &&
      !alreadySays(reason, release.statusReason) &&
      `**ECS says:** ${multiline(release.statusReason, limits.maxText)}`,
    hint && `**What to check:** ${multiline(hint, limits.maxText)}`
  ].filter((paragraph): paragraph is string => !!paragraph)
  if (paragraphs.length === 0 && details.length === 0) return
  doc.add(limits.heading)
  for (const paragraph of paragraphs) doc.add(paragraph)
  doc.addList(details, detail => multiline(detail, limits.maxText), 'details', {
    maxRows: limits.maxDetails,
    elsewhere: limits.elsewhere
  })
  addFailureEvidence(doc, release, limits.maxLogLines)
}

export function taskDefinitionIntro(release: Release): string | undefined {
  const change = release.taskDefinition
  if (!change || (!change.arn && !change.previousArn)) return undefined
  const name = (arn: string | undefined): string => (arn ? code(taskDefinitionName(arn)) : NONE)
  return `Task definition ${name(change.previousArn)} → ${name(change.arn)}`
}

export function containersTable(release: Release): Table<ContainerChange> | undefined {
  const containers = release.taskDefinition?.containers ?? []
  if (containers.length === 0) return undefined
  return {
    headers: ['Container', 'Image before', 'Image after', 'Changed environment variables'],
    items: containers,
    cells: container => {
      const names = container.changedEnvironment
        .slice(0, MAX_ENV_NAMES)
        .map(name => code(name, 100))
      const more = container.changedEnvironment.length - names.length
      return [
        code(container.name, 100),
        container.previousImage ? code(container.previousImage) : NONE,
        !container.image
          ? NONE
          : container.image === container.previousImage
            ? 'unchanged'
            : code(container.image),
        names.length === 0 ? NONE : `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
      ]
    },
    noun: 'containers'
  }
}

export function timelineTable(release: Release): Table<StageRecord> {
  return {
    headers: [
      '#',
      'Stage',
      'Started (UTC)',
      'At',
      'Duration',
      'Test traffic → new',
      'Production traffic → new',
      'New tasks'
    ],
    items: release.stages,
    cells: (record, index) => [
      String(index + 1),
      code(record.stage, 100),
      time(record.startedAt),
      offset(release.startedAt, record.startedAt),
      stageDuration(release, record, index),
      percent(record.traffic?.targetTest),
      percent(record.traffic?.targetProduction),
      tasks(record)
    ],
    noun: 'stages'
  }
}

function stageDuration(release: Release, record: StageRecord, index: number): string {
  if (record.endedAt) return duration(record.startedAt, record.endedAt)
  const isLast = index === release.stages.length - 1
  if (isLast && outcomeView(release).settled && release.finishedAt) {
    return duration(record.startedAt, release.finishedAt)
  }
  // No live counter: a report that changes every poll would be re-sent every poll.
  return isLast ? 'ongoing' : NONE
}

function tasks(record: StageRecord): string {
  const running = record.traffic?.targetRunning
  const requested = record.traffic?.targetRequested
  if (running === undefined && requested === undefined) return NONE
  return `${running ?? '?'}/${requested ?? '?'}`
}

const HOOK_STATUS_ICONS: Record<string, string> = {
  SUCCEEDED: '✅',
  FAILED: '❌',
  TIMED_OUT: '⏱️',
  AWAITING_ACTION: '⏸️',
  IN_PROGRESS: '🔄'
}

export function hooksTable(release: Release): Table<HookRecord> | undefined {
  if (release.hooks.length === 0) return undefined
  return {
    headers: ['Type', 'Stage', 'Status', 'Target', 'Expires (UTC)', 'On timeout'],
    items: release.hooks,
    cells: hook => [
      hookType(hook),
      hook.stage ? code(hook.stage, 100) : NONE,
      hook.status
        ? `${HOOK_STATUS_ICONS[hook.status] ?? ''} ${text(hook.status, 100)}`.trim()
        : NONE,
      hook.targetType === 'PAUSE' ? 'pause' : hook.targetArn ? code(hook.targetArn) : NONE,
      hook.status === 'AWAITING_ACTION' || hook.status === 'IN_PROGRESS'
        ? dateTime(hook.expiresAt)
        : NONE,
      hook.timeoutAction ? text(hook.timeoutAction, 100) : NONE
    ],
    noun: 'hooks'
  }
}

function hookType(hook: HookRecord): string {
  if (hook.targetType === 'PAUSE') return 'Pause'
  if (hook.targetType === 'AWS_LAMBDA') return 'Lambda'
  return hook.targetType ? text(hook.targetType, 100) : NONE
}

/** The task definition change: old → new revision, then the containers (if any). */
export function addTaskDefinition(
  doc: MarkdownBuilder,
  release: Release,
  heading: string | undefined,
  limit?: TableLimit
): void {
  const intro = taskDefinitionIntro(release)
  const containers = containersTable(release)
  if (!intro && !containers) return
  doc.add(heading)
  doc.add(intro)
  if (containers) doc.addTable(containers, limit)
}

/** The timeline table under `heading`; nothing when no stage was seen. */
export function addTimeline(
  doc: MarkdownBuilder,
  release: Release,
  heading: string,
  limit?: TableLimit
): void {
  if (release.stages.length === 0) return
  doc.add(heading)
  doc.addTable(timelineTable(release), limit)
}

/** The hooks table under `heading`; nothing when no hook was seen. */
export function addHooks(
  doc: MarkdownBuilder,
  release: Release,
  heading: string,
  limit?: TableLimit
): void {
  const hooks = hooksTable(release)
  if (!hooks) return
  doc.add(heading)
  doc.addTable(hooks, limit)
}

/** A one-line footer naming the run that last wrote the report. */
export function footer(release: Release, note: string): string {
  return `<sub>${linksLine(release)} · ${note}</sub>`
}
