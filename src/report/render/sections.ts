import {
  consoleUrl,
  runUrl,
  type ContainerChange,
  type FieldChange,
  type HookRecord,
  type SettingChange,
  type Release,
  type StageRecord
} from '../../model/release.js'
import { alreadySays } from '../../model/format.js'
import { attribute, code, link, multiline, text } from './escape.js'
import { addFailureEvidence } from './failure-evidence.js'
import {
  NONE,
  dateTime,
  deploymentId,
  duration,
  functionName,
  isCommitSha,
  offset,
  percent,
  shortImage,
  shortSha,
  taskDefinitionName,
  time
} from '../../model/format.js'
import { productionStepLabel } from '../../model/production-steps.js'
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
  // GitHub names a run by its workflow and run number (`release #12`); the id is in the link.
  const { workflow, runNumber, runId } = release.github
  const number = runNumber ? `#${runNumber}` : `run ${runId}`
  const run = workflow ? `${workflow} ${number}` : number
  links.push(`Workflow run: ${link(run, runUrl(release.github))}`)
  return links.join(' · ')
}

/**
 * The facts of the release as a two-column table headed by its status (a table without a
 * header row is not Markdown, and an empty one shows as an empty band). `brief` leaves out
 * what the comment's headline already says: service, cluster and command.
 */
export function overviewTable(release: Release, brief = false): Table<[string, string]> {
  const { cluster, service } = releaseKey(release)
  const rows: [string, string | undefined][] = [
    ['Status', statusCell(release)],
    ['Service', brief ? undefined : code(service)],
    ['Cluster', brief ? undefined : code(cluster)],
    ['Region', release.region && text(release.region)],
    ['Strategy', release.strategy && text(release.strategy)],
    ['Command', brief ? undefined : text(release.command)],
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
  const [first = ['Status', NONE], ...rest] = rows.flatMap(([name, value]): [string, string][] =>
    value ? [[name, value]] : []
  )
  return {
    headers: [`**${first[0]}**`, first[1]],
    items: rest,
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
  const { reason, cause, hint, details = [] } = release.verdict ?? {}
  // A cause the diagnosis named restates ECS's reason from the same facts, in more detail.
  const ecsSays = release.statusReason && !cause && !alreadySays(reason, release.statusReason)
  const paragraphs = [
    reason && `**Why:** ${multiline(reason, limits.maxText)}`,
    ecsSays && `**ECS says:** ${multiline(release.statusReason ?? '', limits.maxText)}`,
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
  // Before registration (a plan, or a deploy refused on the way) the new revision has no ARN yet.
  const next = change.arn ? name(change.arn) : 'a new revision'
  return `Task definition ${name(change.previousArn)} → ${next}`
}

/** Fields other than images and environment that differ from the service's task definition. */
export function fieldChangesTable(release: Release): Table<FieldChange> | undefined {
  const changes = release.taskDefinition?.otherChanges ?? []
  if (changes.length === 0) return undefined
  const value = (shown: string | undefined): string =>
    shown === undefined ? '*changed*' : code(shown, 200)
  return {
    headers: ['Other changed field', 'Before', 'After'],
    items: changes,
    cells: change => [code(change.field, 200), value(change.before), value(change.after)],
    noun: 'fields'
  }
}

/**
 * The service settings the release changes, before → after, with the input that changes
 * each: they stay after the release, where Terraform, CDK or CloudFormation may own them
 * (README.md, "Beside Terraform, CDK and CloudFormation").
 */
export function addSettingChanges(
  doc: MarkdownBuilder,
  release: Release,
  heading: string | undefined,
  verb: 'changes' | 'would change'
): void {
  const changes = release.settingChanges
  if (changes === undefined) return
  doc.add(heading)
  if (changes.length === 0) {
    doc.add(
      `Service settings: none ${verb === 'changes' ? 'changed' : 'would change'}; only the task definition.`
    )
    return
  }
  const table: Table<SettingChange> = {
    headers: ['Service setting', 'Before', 'After', 'Input'],
    items: changes,
    cells: change => [
      text(change.setting, 100),
      text(change.before, 1000),
      text(change.after, 1000),
      code(change.input, 100)
    ],
    noun: 'settings'
  }
  doc.add(`This release ${verb} service settings, which stay after it:`)
  doc.addTable(table)
}

export function containersTable(release: Release): Table<ContainerChange> | undefined {
  const containers = release.taskDefinition?.containers ?? []
  if (containers.length === 0) return undefined
  return {
    headers: ['Container', 'Image', 'Changed environment variables'],
    items: containers,
    cells: container => {
      const names = container.changedEnvironment
        .slice(0, MAX_ENV_NAMES)
        .map(name => code(name, 100))
      const more = container.changedEnvironment.length - names.length
      const { previousImage: before, image: after } = container
      const images =
        before && after && before !== after
          ? `${image(before)} → ${image(after)}`
          : after && before === after
            ? `${image(after)} (unchanged)`
            : [before && `${image(before)} →`, after ? image(after) : NONE]
                .filter(Boolean)
                .join(' ')
      return [
        code(container.name, 100),
        images,
        names.length === 0 ? NONE : `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
      ]
    },
    noun: 'containers'
  }
}

/**
 * An image as `…/repository:tag`, with the full reference in its title (shown on hover and
 * kept in the raw Markdown): a registry host in every cell made the tables too wide to read.
 */
export function image(reference: string): string {
  const short = shortImage(reference)
  if (short === reference) return code(reference)
  return `<code title="${attribute(reference, 1000)}">${text(short)}</code>`
}

export function timelineTable(release: Release): Table<StageRecord> {
  return {
    headers: ['#', 'Stage', 'Started (UTC)', 'Took', 'New revision: test / prod', 'New tasks'],
    items: release.stages,
    cells: (record, index) => {
      if (record.unobserved) {
        return [
          String(index + 1),
          stageCell(release, record),
          '*passed, not observed*',
          NONE,
          NONE,
          NONE
        ]
      }
      const traffic = record.traffic
      const weights =
        traffic?.targetTest === undefined && traffic?.targetProduction === undefined
          ? NONE
          : `${percent(traffic.targetTest)} / ${percent(traffic.targetProduction)}`
      return [
        String(index + 1),
        stageCell(release, record),
        `${time(record.startedAt)} (${offset(release.startedAt, record.startedAt)})`,
        stageDuration(release, record, index),
        weights,
        tasks(release, record, index)
      ]
    },
    noun: 'stages'
  }
}

/** `PRODUCTION_TRAFFIC_SHIFT` with the production step it is, e.g. `canary 10 %`. */
function stageCell(release: Release, record: StageRecord): string {
  const step = productionStepLabel(record.stage, record.traffic?.targetProduction, release)
  return `${code(record.stage, 100)}${step ? ` ${step}` : ''}`
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

/** `2/4`, and `· 3 failed` when tasks of the new revision failed during the stage. */
function tasks(release: Release, record: StageRecord, index: number): string {
  const running = record.traffic?.targetRunning
  const requested = record.traffic?.targetRequested
  const counts =
    running === undefined && requested === undefined
      ? NONE
      : `${running ?? '?'}/${requested ?? '?'}`
  const failedSoFar = record.traffic?.failedTasks ?? 0
  const before =
    release.stages
      .slice(0, index)
      .map(earlier => earlier.traffic?.failedTasks)
      .filter((count): count is number => count !== undefined)
      .at(-1) ?? 0
  return failedSoFar > before ? `${counts} · ${failedSoFar - before} failed` : counts
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
    headers: ['Hook', 'Stage', 'Status', 'Expires (UTC)'],
    items: release.hooks,
    cells: hook => [
      hookName(hook),
      hook.stage ? code(hook.stage, 100) : NONE,
      hook.status
        ? `${HOOK_STATUS_ICONS[hook.status] ?? ''} ${text(hook.status, 100)}`.trim()
        : NONE,
      hook.status === 'AWAITING_ACTION' || hook.status === 'IN_PROGRESS'
        ? `${dateTime(hook.expiresAt)}${hook.timeoutAction ? `, then ${text(hook.timeoutAction, 100)}` : ''}`
        : NONE
    ],
    noun: 'hooks'
  }
}

/** `Pause`, or `Lambda smoke-test` with the function's ARN in its title. */
function hookName(hook: HookRecord): string {
  if (hook.targetType === 'PAUSE') return 'Pause'
  const kind =
    hook.targetType === 'AWS_LAMBDA' || hook.targetType === undefined
      ? 'Lambda'
      : text(hook.targetType, 100)
  if (!hook.targetArn) return kind
  const name = functionName(hook.targetArn)
  const target =
    name === hook.targetArn
      ? code(name)
      : `<code title="${attribute(hook.targetArn, 1000)}">${text(name)}</code>`
  return `${kind} ${target}`
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
  const fields = fieldChangesTable(release)
  if (!intro && !containers && !fields) return
  doc.add(heading)
  doc.add(intro)
  if (containers) doc.addTable(containers, limit)
  if (fields) doc.addTable(fields, limit)
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
