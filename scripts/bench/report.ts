/**
 * Statistics and Markdown tables for `npm run bench`. Every section prints one table of
 * rows, each with what was measured, the target (if README.md's "Performance" sets one) and whether the
 * measurement meets it, so a reader on a quiet machine can take the table as it is.
 */

export interface Row {
  metric: string
  value: string
  /** The target as README.md words it, e.g. "≤ 110 ms"; empty for informational rows. */
  target?: string
  /** undefined: no target, the row only informs. */
  pass?: boolean
}

export interface Section {
  title: string
  rows: Row[]
  /** Lines printed under the table: how it was measured, what a reader should know. */
  notes: string[]
}

/** The value at rank ceil(q·n) of the sorted values (nearest-rank percentile, no interpolation). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1] as number
}

/** The middle value; for an even count the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values)
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a'
}

/** process.resourceUsage().maxRSS is in KiB (getrusage's ru_maxrss on Linux). */
export function mib(kib: number): string {
  return Number.isFinite(kib) ? `${(kib / 1024).toFixed(1)} MiB` : 'n/a'
}

/** A row whose pass/fail is `value ≤ limit`; NaN (nothing measured) fails. */
export function atMost(
  metric: string,
  value: number,
  limit: number,
  format: (n: number) => string
): Row {
  return { metric, value: format(value), target: `≤ ${format(limit)}`, pass: value <= limit }
}

/** Counts of each operation, most frequent first: "DescribeServices 2, UpdateService 1". */
export function tally(operations: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const operation of operations) counts.set(operation, (counts.get(operation) ?? 0) + 1)
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([operation, count]) => `${operation} ${count}`)
      .join(', ') || 'none'
  )
}

export function renderSection(section: Section): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const lines = [
    `## ${section.title}`,
    '',
    '| metric | measured | target | result |',
    '|---|---|---|---|',
    ...section.rows.map(
      row =>
        `| ${cell(row.metric)} | ${cell(row.value)} | ${cell(row.target ?? '')} | ${
          row.pass === undefined ? '' : row.pass ? 'pass' : '**FAIL**'
        } |`
    )
  ]
  if (section.notes.length > 0) lines.push('', ...section.notes.map(note => `- ${note}`))
  return lines.join('\n')
}
