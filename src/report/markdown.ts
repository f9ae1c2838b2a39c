/**
 * Builds a Markdown document that never exceeds a byte budget: blocks and table rows are
 * added whole while they fit, and whatever is left out is said in a visible note. Cutting
 * only at block and row boundaries keeps every table, tag and fence well-formed.
 * Bytes (UTF-8) bound characters too, whichever way GitHub counts them.
 */

export interface Table {
  headers: string[]
  /** Cells are Markdown already escaped by the caller. */
  rows: string[][]
  /** What a row is, plural ("stages"), for the note about rows left out. */
  noun: string
}

export interface TableLimit {
  /** Most rows shown. */
  maxRows?: number
  /** Which rows to keep when some must go: the first (a record) or the last (a live view). */
  keep?: 'first' | 'last'
  /** Said after the count of rows left out by `maxRows`, e.g. "the job summary lists them all". */
  elsewhere?: string
}

/** Room kept for the closing note, so it always fits. */
const NOTE_RESERVE = 300
const SEPARATOR = '\n\n'

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

export class MarkdownBuilder {
  private readonly blocks: string[] = []
  private used = 0
  private omittedBlocks = 0

  constructor(
    private readonly limit: number,
    private readonly overflowNote = 'Parts of this report were left out to stay within GitHub’s size limit.'
  ) {}

  /** Adds a block if it fits; returns whether it did. Undefined and empty blocks are skipped. */
  add(block: string | undefined): boolean {
    if (block === undefined || block === '') return true
    if (!this.fits(block)) {
      this.omittedBlocks += 1
      return false
    }
    this.push(block)
    return true
  }

  /** Adds a table with as many rows as fit, and a note saying how many were left out. */
  addTable(table: Table, limit: TableLimit = {}): void {
    const header = tableRows([table.headers, table.headers.map(() => '---')])
    const capped = capRows(table.rows, limit)
    const chosen: string[] = []
    let size = byteLength(header) + byteLength(SEPARATOR) + NOTE_RESERVE
    const ordered = limit.keep === 'last' ? [...capped].reverse() : capped
    for (const row of ordered) {
      const line = tableRows([row])
      const next = size + byteLength(line) + 1
      if (!this.fitsSize(next)) break
      chosen.push(line)
      size = next
    }
    if (chosen.length === 0 && table.rows.length > 0) {
      this.omittedBlocks += 1
      return
    }
    if (limit.keep === 'last') chosen.reverse()
    this.push([header, ...chosen].join('\n'))
    const bySize = capped.length - chosen.length
    const byCount = table.rows.length - capped.length
    const notes: string[] = []
    if (byCount > 0) {
      notes.push(
        `${byCount} ${limit.keep === 'last' ? 'earlier' : 'more'} ${table.noun} not shown${limit.elsewhere ? `: ${limit.elsewhere}` : ''}.`
      )
    }
    if (bySize > 0)
      notes.push(`${bySize} ${table.noun} left out to stay within GitHub’s size limit.`)
    if (notes.length > 0) this.push(`<sub>${notes.join(' ')}</sub>`)
  }

  toString(): string {
    const blocks =
      this.omittedBlocks > 0 ? [...this.blocks, `> [!NOTE]\n> ${this.overflowNote}`] : this.blocks
    return blocks.join(SEPARATOR)
  }

  private fits(block: string): boolean {
    return this.fitsSize(byteLength(block) + byteLength(SEPARATOR) + NOTE_RESERVE)
  }

  private fitsSize(size: number): boolean {
    return this.used + size <= this.limit
  }

  private push(block: string): void {
    this.blocks.push(block)
    this.used += byteLength(block) + byteLength(SEPARATOR)
  }
}

function capRows(rows: string[][], limit: TableLimit): string[][] {
  if (limit.maxRows === undefined || rows.length <= limit.maxRows) return rows
  return limit.keep === 'last'
    ? rows.slice(rows.length - limit.maxRows)
    : rows.slice(0, limit.maxRows)
}

/** GFM table rows; a cell can never add a column or a line. */
function tableRows(rows: string[][]): string {
  return rows
    .map(
      row =>
        `| ${row.map(cell => cell.replace(/\|/g, '&#124;').replace(/\s*\n\s*/g, ' ')).join(' | ')} |`
    )
    .join('\n')
}
