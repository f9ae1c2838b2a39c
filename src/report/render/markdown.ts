/**
 * Builds a Markdown document that never exceeds a byte budget: blocks and table rows are
 * added whole while they fit, and whatever is left out is said in a visible note. Cutting
 * only at block and row boundaries keeps every table, tag and fence well-formed.
 * Bytes (UTF-8) bound characters too, whichever way GitHub counts them.
 */

/**
 * A table whose rows are rendered only when they are shown: ECS can return thousands of
 * stages, hooks or details, and a report shows a few dozen.
 */
export interface Table<T> {
  headers: string[]
  items: readonly T[]
  /** The cells of one row, Markdown already escaped. */
  cells: (item: T, index: number) => string[]
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

/** Room kept below a table for its note about rows left out. */
const TABLE_NOTE_RESERVE = 300
const SEPARATOR = '\n\n'

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

export class MarkdownBuilder {
  private readonly blocks: string[] = []
  private used = 0
  private omittedBlocks = 0
  /** Said at the end when a block was left out; its room is always kept free. */
  private readonly overflowNote =
    '> [!NOTE]\n> Parts of this report were left out to stay within GitHub’s size limit.'
  private readonly reserve = byteLength(this.overflowNote) + byteLength(SEPARATOR)

  constructor(private readonly limit: number) {}

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
  addTable<T>(table: Table<T>, limit: TableLimit = {}): void {
    const header = tableRows([table.headers, table.headers.map(() => '---')])
    const row = (index: number): string => tableRows([table.cells(table.items[index] as T, index)])
    this.addLines(header, table.items.length, row, table.noun, limit)
  }

  /** Adds a bullet list with as many items as fit, and a note saying how many were left out. */
  addList<T>(
    items: readonly T[],
    render: (item: T) => string,
    noun: string,
    limit: TableLimit = {}
  ): void {
    const line = (index: number): string =>
      `- ${render(items[index] as T).replace(/\s*\n\s*/g, ' ')}`
    this.addLines(undefined, items.length, line, noun, limit)
  }

  /** Adds lines 0…total-1 (rendered by `line`) under `header` while they fit. */
  private addLines(
    header: string | undefined,
    total: number,
    line: (index: number) => string,
    noun: string,
    limit: TableLimit
  ): void {
    const capped = Math.min(total, limit.maxRows ?? total)
    const first = limit.keep === 'last' ? total - capped : 0
    const indexes = Array.from({ length: capped }, (_, i) => first + i)
    if (limit.keep === 'last') indexes.reverse()
    const chosen: string[] = []
    let size = byteLength(header ?? '') + byteLength(SEPARATOR) + TABLE_NOTE_RESERVE
    for (const index of indexes) {
      const text = line(index)
      const next = size + byteLength(text) + 1
      if (!this.fitsSize(next)) break
      chosen.push(text)
      size = next
    }
    if (chosen.length === 0 && total > 0) {
      this.omittedBlocks += 1
      return
    }
    if (limit.keep === 'last') chosen.reverse()
    this.push([...(header === undefined ? [] : [header]), ...chosen].join('\n'))
    const bySize = capped - chosen.length
    const byCount = total - capped
    const notes: string[] = []
    if (byCount > 0) {
      const which = limit.keep === 'last' ? 'earlier' : 'more'
      const where = limit.elsewhere ? `: ${limit.elsewhere}` : ''
      notes.push(`${byCount} ${which} ${noun} not shown${where}.`)
    }
    if (bySize > 0) notes.push(`${bySize} ${noun} left out to stay within GitHub’s size limit.`)
    if (notes.length > 0) this.add(`<sub>${notes.join(' ')}</sub>`)
  }

  /**
   * Adds what `fill` builds inside a collapsed `<details>` block, as one block so it is
   * always closed; nothing when `fill` adds nothing. `summary` is the always-visible line:
   * HTML, not Markdown (GitHub reads an HTML block as HTML up to the blank line).
   */
  collapsed(summary: string, fill: (doc: MarkdownBuilder) => void): void {
    const open = `<details><summary>${summary}</summary>`
    const close = '</details>'
    const wrapper = byteLength(open) + byteLength(close) + 2 * byteLength(SEPARATOR)
    const inner = new MarkdownBuilder(this.limit - this.used - this.reserve - wrapper)
    fill(inner)
    const content = inner.toString()
    if (content !== '') this.add([open, content, close].join(SEPARATOR))
  }

  toString(): string {
    const blocks = this.omittedBlocks > 0 ? [...this.blocks, this.overflowNote] : this.blocks
    return blocks.join(SEPARATOR)
  }

  private fits(block: string): boolean {
    return this.fitsSize(byteLength(block) + byteLength(SEPARATOR))
  }

  private fitsSize(size: number): boolean {
    return this.used + size + this.reserve <= this.limit
  }

  private push(block: string): void {
    this.blocks.push(block)
    this.used += byteLength(block) + byteLength(SEPARATOR)
  }
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
