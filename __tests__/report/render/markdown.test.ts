import { describe, expect, it } from '@jest/globals'
import { MarkdownBuilder, byteLength, type Table } from '../../../src/report/render/markdown.js'
import { html, tableHtml } from '../fixtures.js'

function table(rows: number, cell = 'x'): Table<number> {
  return {
    headers: ['#', 'Value'],
    items: Array.from({ length: rows }, (_, i) => i + 1),
    cells: n => [String(n), cell],
    noun: 'stages'
  }
}

describe('MarkdownBuilder', () => {
  it('joins blocks with blank lines and skips empty ones', () => {
    const doc = new MarkdownBuilder(10_000)
    doc.add('# Title')
    doc.add(undefined)
    doc.add('')
    doc.add('Body')

    expect(doc.toString()).toBe('# Title\n\nBody')
  })

  it('leaves out a block that does not fit, keeps later ones that do, and says so', () => {
    const doc = new MarkdownBuilder(1000)
    doc.add('first')
    expect(doc.add('y'.repeat(2000))).toBe(false)
    doc.add('last')

    const out = doc.toString()
    expect(out).toMatch(/^first\n\nlast\n\n> \[!NOTE\]\n> Parts of this report were left out/)
    expect(byteLength(out)).toBeLessThanOrEqual(1000)
  })

  it('adds the table rows that fit and counts the rest, staying a valid table', () => {
    const doc = new MarkdownBuilder(2000)
    doc.addTable(table(500, 'z'.repeat(20)))

    const out = doc.toString()
    const rendered = html(out)
    const shown = (rendered.match(/<tr>/g) ?? []).length - 1
    expect(byteLength(out)).toBeLessThanOrEqual(2000)
    expect(shown).toBeGreaterThan(10)
    expect(out).toContain(`${500 - shown} stages left out to stay within GitHub’s size limit.`)
  })

  it('keeps the last rows of a live view and says where the rest are', () => {
    const doc = new MarkdownBuilder(100_000)
    doc.addTable(table(10), {
      maxRows: 3,
      keep: 'last',
      elsewhere: 'the job summary lists them all'
    })

    const rendered = html(doc.toString())
    expect([...rendered.matchAll(/<td>(\d+)<\/td>/g)].map(m => m[1])).toEqual(['8', '9', '10'])
    expect(rendered).toContain('7 earlier stages not shown: the job summary lists them all.')
  })

  it('keeps the first rows of a record', () => {
    const doc = new MarkdownBuilder(100_000)
    doc.addTable(table(10), { maxRows: 2 })

    expect([...html(doc.toString()).matchAll(/<td>(\d+)<\/td>/g)].map(m => m[1])).toEqual([
      '1',
      '2'
    ])
    expect(doc.toString()).toContain('8 more stages not shown.')
  })

  it('adds list items while they fit, each on one line', () => {
    const doc = new MarkdownBuilder(1000)
    doc.addList(
      Array.from({ length: 100 }, (_, i) => i),
      i => `item ${i}\nsame line`,
      'details'
    )

    const rendered = html(doc.toString())
    const shown = (rendered.match(/<li>/g) ?? []).length
    expect(shown).toBeGreaterThan(10)
    expect(rendered).toContain('<li>item 0 same line</li>')
    expect(doc.toString()).toContain(
      `${100 - shown} details left out to stay within GitHub’s size limit.`
    )
  })

  it('never exceeds its limit, notes included, however blocks and tables fill it', () => {
    for (let limit = 400; limit < 6000; limit += 97) {
      const doc = new MarkdownBuilder(limit)
      doc.add('# Heading ✅')
      doc.addTable(table(40, 'cell ✅'), {
        maxRows: 30,
        keep: 'last',
        elsewhere: 'see the job summary'
      })
      doc.add('x'.repeat(limit))
      doc.addList(
        Array.from({ length: 50 }, (_, i) => i),
        i => `detail ${i}`,
        'details',
        { maxRows: 20 }
      )
      doc.add('footer')

      expect(byteLength(doc.toString())).toBeLessThanOrEqual(limit)
    }
  })

  it('measures UTF-8 bytes, which bound characters however GitHub counts them', () => {
    expect(byteLength('✅')).toBe(3)
    const doc = new MarkdownBuilder(500)
    for (let i = 0; i < 200; i += 1) doc.add('✅✅✅')
    expect(byteLength(doc.toString())).toBeLessThanOrEqual(500)
  })
})

describe('a table cell', () => {
  it('cannot gain a column or a line from a cell', () => {
    const rendered = tableHtml({
      headers: ['A', 'B'],
      items: [['one | two', 'three\nfour']],
      cells: row => row,
      noun: 'rows'
    })

    expect(rendered.match(/<td>/g)).toHaveLength(2)
    expect(rendered).toContain('<td>three four</td>')
  })
})

describe('collapsed', () => {
  it('wraps what it adds in one <details> block that is always closed', () => {
    const doc = new MarkdownBuilder(10_000)
    doc.collapsed('More', inner => {
      inner.add('#### Part')
      inner.add('text')
    })
    expect(doc.toString()).toBe(
      '<details><summary>More</summary>\n\n#### Part\n\ntext\n\n</details>'
    )
  })

  it('adds nothing when nothing went in, and stays within the limit when much did', () => {
    const empty = new MarkdownBuilder(10_000)
    empty.collapsed('More', () => undefined)
    expect(empty.toString()).toBe('')

    const small = new MarkdownBuilder(600)
    small.collapsed('More', inner => {
      for (let i = 0; i < 100; i++) inner.add(`line ${i} ${'x'.repeat(40)}`)
    })
    const text = small.toString()
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(600)
    expect(text.split('<details>').length).toBe(text.split('</details>').length)
  })
})
