import { outcomeOf, type Release } from '../../model/release.js'
import { fencedBlock, mermaidText } from './escape.js'
import { isValidDate } from '../../model/format.js'
import { outcomeView } from './release-view.js'

/** Gantt charts get unreadable (and slow to render) long before this. */
export const MAX_GANTT_TASKS = 60

/**
 * The lifecycle stages as a Mermaid gantt chart. Task names are reduced to characters
 * Mermaid treats as text and start with their number, so no stage name can read as a
 * keyword (`click`, `section`, …); times are formatted here, never copied.
 */
export function timelineGantt(release: Release): string | undefined {
  const stages = release.stages
    .map((record, index) => ({ record, number: index + 1 }))
    .filter(({ record }) => isValidDate(record.startedAt))
    .slice(-MAX_GANTT_TASKS)
  if (stages.length === 0) return undefined
  const view = outcomeView(release)
  const outcome = outcomeOf(release)
  const failed = view.settled && outcome !== 'succeeded' && outcome !== 'handed-off'
  const lastEnd = [release.finishedAt, release.updatedAt].find(isValidDate)
  const lines = [
    'gantt',
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    '  axisFormat %H:%M:%S',
    '  section Lifecycle stages'
  ]
  stages.forEach(({ record, number }, index) => {
    const isLast = index === stages.length - 1
    const tag = record.endedAt
      ? 'done'
      : isLast && failed
        ? 'crit'
        : isLast && !view.settled
          ? 'active'
          : 'done'
    const start = record.startedAt.getTime()
    const candidates = [record.endedAt, lastEnd].filter(isValidDate).map(date => date.getTime())
    // Mermaid draws nothing for a zero-length (or negative) task, so give it a second.
    const end = Math.max(start + 1000, candidates[0] ?? start)
    const name = mermaidText(record.stage) || 'stage'
    lines.push(`  ${number} ${name} :${tag}, s${number}, ${ganttTime(start)}, ${ganttTime(end)}`)
  })
  return fencedBlock(lines.join('\n'), 'mermaid')
}

function ganttTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}
