import { logConsoleUrl, taskConsoleUrl } from '../../model/console-links.js'
import {
  type ContainerLastWords,
  logLocation,
  type TaskGroupEvidence
} from '../../model/evidence.js'
import { clip, count, INVISIBLE } from '../../model/format.js'
import { shortName, type Release } from '../../model/release.js'
import { whereToLook } from '../../model/where-to-look.js'
import { code, fencedBlock, link, multiline, text } from './escape.js'
import type { MarkdownBuilder } from './markdown.js'

/** Longest log line shown; a stack frame or a JSON log line fits, a megabyte of base64 does not. */
const MAX_LOG_LINE = 300
const MAX_SUMMARY = 200
const MAX_NOTE = 500

/**
 * Under the facts of a failure: for each group of stopped tasks, its tasks and their failed
 * containers' last log lines, collapsed, then where to look next. Log lines are shown in a
 * code block, clipped, without the characters that can disguise text; `maxLines` keeps the
 * last lines of each container only. Adds nothing when the diagnosis read no tasks.
 */
export function addFailureEvidence(
  doc: MarkdownBuilder,
  release: Release,
  maxLines = Number.POSITIVE_INFINITY
): void {
  const evidence = release.verdict?.evidence
  if (!evidence) return
  for (const group of evidence.taskGroups) {
    if (group.tasks.length > 0) doc.add(groupBlock(release, group, maxLines))
  }
  const pointers = whereToLook(release)
  if (pointers.length === 0) return
  doc.add('**Where to look next:**')
  doc.addList(
    pointers,
    ({ label, url, detail }) => `${link(label, url)}${detail ? `: ${text(detail)}` : ''}`,
    'places to look'
  )
}

/** One group, collapsed: `<details>` whose summary names the group. */
function groupBlock(release: Release, group: TaskGroupEvidence, maxLines: number): string {
  const region = release.region ?? ''
  const parts = group.tasks.flatMap(task => {
    const id = task.taskArn.split('/').pop() ?? task.taskArn
    const taskLink = link(
      `task ${id}`,
      taskConsoleUrl(region, shortName(release.cluster), task.taskArn)
    )
    return task.containers.flatMap(words => containerParts(taskLink, words, maxLines))
  })
  const more = group.count - group.tasks.length
  if (more > 0) parts.push(`<sub>${count(more, 'more task')} stopped this way.</sub>`)
  const summary = `Logs of the stopped tasks: ${text(group.summary, MAX_SUMMARY)}`
  return [
    '<details>',
    `<summary>${summary}</summary>`,
    '',
    ...parts.flatMap(part => [part, '']),
    '</details>'
  ].join('\n')
}

function containerParts(taskLink: string, words: ContainerLastWords, maxLines: number): string[] {
  const { destination } = words
  const url =
    'group' in destination
      ? logConsoleUrl(destination.region, destination.group, destination.stream)
      : undefined
  const where = url ? link(logLocation(destination), url) : text(logLocation(destination))
  const shown = (words.lines ?? []).slice(-maxLines)
  const intro = shown.length
    ? `${taskLink} · container ${code(words.container, 100)} · last ${count(shown.length, 'line')} of ${where}`
    : `${taskLink} · container ${code(words.container, 100)} · ${where}`
  const lines = shown.map(line => clip(line.replace(INVISIBLE, ''), MAX_LOG_LINE))
  return [
    intro,
    ...(words.note ? [multiline(words.note, MAX_NOTE)] : []),
    ...(lines.length ? [fencedBlock(lines.join('\n'), 'text')] : [])
  ]
}
