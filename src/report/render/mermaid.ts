import { outcomeOf, type Release } from '../../model/release.js'
import { fencedBlock, mermaidText } from './escape.js'
import { isValidDate } from '../../model/format.js'
import { productionStepLabel } from '../../model/production-steps.js'
import { outcomeView } from './release-view.js'

/** Gantt charts get unreadable (and slow to render) long before this. */
export const MAX_GANTT_TASKS = 60

/** Axis ticks by the length of the chart: a tick every few of them, never the same label twice. */
const TICKS: [maxMs: number, interval: string, format: string][] = [
  [20_000, '2second', '%H:%M:%S'],
  [60_000, '5second', '%H:%M:%S'],
  [5 * 60_000, '30second', '%H:%M:%S'],
  [20 * 60_000, '2minute', '%H:%M'],
  [2 * 3600_000, '10minute', '%H:%M'],
  [12 * 3600_000, '1hour', '%H:%M']
]

/**
 * The lifecycle stages as a Mermaid gantt chart, with the stage a failed release ended in
 * marked critical, the wait for approval at each pause, and the rollback
 * (https://mermaid.js.org/syntax/gantt.html). Task names are reduced to characters Mermaid
 * treats as text and start with their number, so no stage name can read as a keyword
 * (`click`, `section`, …); times are formatted here, never copied. Stages that passed
 * between two polls have no times of their own and are left out.
 */
export function timelineGantt(release: Release): string | undefined {
  const stages = release.stages
    .map((record, index) => ({ record, number: index + 1 }))
    .filter(({ record }) => isValidDate(record.startedAt) && !record.unobserved)
    .slice(-MAX_GANTT_TASKS)
  if (stages.length === 0) return undefined
  const view = outcomeView(release)
  const outcome = outcomeOf(release)
  const failed = view.settled && outcome !== 'succeeded' && outcome !== 'handed-off'
  const lastEnd = [release.finishedAt, release.updatedAt].find(isValidDate)
  const first = stages[0]?.record.startedAt.getTime() ?? 0
  const span = Math.max(0, (lastEnd?.getTime() ?? first) - first)
  const [, interval, format] = TICKS.find(([max]) => span <= max) ?? [0, '1day', '%m-%d %H:%M']
  const lines = [
    'gantt',
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    `  axisFormat ${format}`,
    `  tickInterval ${interval}`,
    '  section Lifecycle stages'
  ]
  const rollbackStart = failed ? release.rollbackStartedAt : undefined
  stages.forEach(({ record, number }, index) => {
    const isLast = index === stages.length - 1
    const tag = isLast && failed ? 'crit' : isLast && !view.settled ? 'active' : 'done'
    const start = record.startedAt.getTime()
    // The stage a release failed in ends where its rollback begins.
    const candidates = [
      isLast && isValidDate(rollbackStart) ? rollbackStart : undefined,
      record.endedAt,
      lastEnd
    ]
      .filter(isValidDate)
      .map(date => date.getTime())
    const step = productionStepLabel(record.stage, record.traffic?.targetProduction, release)
    // `→` and `%` are not Mermaid text: `→ 100 %` reads `to 100 pct`.
    const stepText = step?.replace('→ ', 'to ').replace(' %', ' pct')
    const name = mermaidText(`${record.stage}${stepText ? ` (${stepText})` : ''}`) || 'stage'
    lines.push(task(`${number} ${name}`, tag, `s${number}`, start, candidates[0] ?? start))
  })
  const pauses = release.hooks.filter(
    hook => hook.targetType === 'PAUSE' && isValidDate(hook.firstSeenAt)
  )
  if (pauses.length > 0) lines.push('  section Approval')
  pauses.forEach((hook, index) => {
    const waiting = hook.status === 'AWAITING_ACTION'
    const end = waiting ? lastEnd : hook.updatedAt
    lines.push(
      task(
        waiting ? 'awaiting promotion' : `wait for approval (${mermaidText(hook.status ?? '')})`,
        waiting ? 'active' : 'done',
        `a${index + 1}`,
        hook.firstSeenAt.getTime(),
        isValidDate(end) ? end.getTime() : hook.firstSeenAt.getTime()
      )
    )
  })
  if (isValidDate(rollbackStart)) {
    const end = isValidDate(lastEnd) ? lastEnd.getTime() : rollbackStart.getTime()
    lines.push('  section Rollback')
    lines.push(
      task('rollback to the previous revision', 'crit', 'r1', rollbackStart.getTime(), end)
    )
  }
  return fencedBlock(lines.join('\n'), 'mermaid')
}

/** One task line; Mermaid draws nothing for a zero-length (or negative) task, so it gets a second. */
function task(name: string, tag: string, id: string, start: number, end: number): string {
  return `  ${name} :${tag}, ${id}, ${ganttTime(start)}, ${ganttTime(Math.max(start + 1000, end))}`
}

function ganttTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}
