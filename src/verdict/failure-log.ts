import { taskConsoleUrl, logConsoleUrl } from '../model/console-links.js'
import { logLocation, type TaskGroupEvidence } from '../model/evidence.js'
import type { Log } from '../model/log.js'
import { shortName, type Release } from '../model/release.js'
import { whereToLook } from '../model/where-to-look.js'
import { count } from '../model/format.js'

/**
 * The facts behind a failed release in the job log, each stopped-task group followed by the
 * tasks read and their containers' last log lines, then where to look next. Log lines are
 * printed as untrusted text, so none of them acts as a workflow command.
 */
export function logFailureDetails(log: Log, release: Release): void {
  const verdict = release.verdict
  if (!verdict) return
  const groups = verdict.evidence?.taskGroups ?? []
  // A group the headline names has no detail line of its own; its tasks are shown all the same.
  for (const group of groups.filter(candidate => !verdict.details.includes(candidate.summary))) {
    log.info(`  ${count(group.count, 'task')} stopped as the error below says:`)
    logTaskGroup(log, release, group)
  }
  for (const detail of verdict.details) {
    log.info(`  ${detail}`)
    const group = groups.find(candidate => candidate.summary === detail)
    if (group) logTaskGroup(log, release, group)
  }
  const pointers = verdict.evidence ? whereToLook(release) : []
  if (pointers.length === 0) return
  log.info('Where to look next:')
  for (const { label, url, detail } of pointers)
    log.info(`  ${label}${url ? ` (${url})` : ''}${detail ? `: ${detail}` : ''}`)
}

function logTaskGroup(log: Log, release: Release, group: TaskGroupEvidence): void {
  const region = release.region ?? ''
  for (const task of group.tasks) {
    const taskUrl = taskConsoleUrl(region, shortName(release.cluster), task.taskArn)
    log.info(`    Task ${task.taskArn.split('/').pop() ?? ''}${taskUrl ? ` ${taskUrl}` : ''}`)
    for (const { container, destination, lines, note } of task.containers) {
      const where = logLocation(destination)
      const url =
        'group' in destination &&
        logConsoleUrl(destination.region, destination.group, destination.stream)
      const last = lines ? `last ${count(lines.length, 'line')} of ` : ''
      log.info(`      Container ${container}: ${last}${where}${url ? ` ${url}` : ''}`)
      if (lines) log.untrusted(lines.map(line => `      | ${line}`))
      if (note) log.info(`      ${note}`)
    }
  }
  const more = group.count - group.tasks.length
  if (more > 0) log.info(`    …and ${count(more, 'more task')} that stopped this way`)
}
