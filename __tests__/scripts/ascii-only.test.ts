import { describe, expect, it } from '@jest/globals'
import { runInNewContext } from 'node:vm'
import { asciiOnly } from '../../scripts/ascii-only.mjs'

/** What a script's last expression evaluates to, as JSON. */
const valueOf = (source: string): string => JSON.stringify(runInNewContext(source))

describe('asciiOnly', () => {
  it('writes a chunk in ASCII without changing a value the code sees', () => {
    const source = [
      '// Release svc01 → svc02 · “quoted”',
      "const arrow = 'a → b', emoji = \"⏸️ paused\", identity = '\\→'",
      'const café = 1 /* ünïcode */',
      'const width = `${arrow} — ${`nested ✅ ${café}`}`',
      "const matches = [/[✅⏸️]/u.test('✅'), /^.→$/.test('x→'), /\\p{Emoji}/u.test('🔄'), /🔄/.test('🔄')]",
      ';({ arrow, emoji, identity, width, matches, café })'
    ].join('\n')
    const ascii = asciiOnly(source)
    expect(ascii).not.toMatch(/[\u0080-\uffff]/)
    expect(valueOf(ascii)).toBe(valueOf(source))
    expect(valueOf(ascii)).toContain('nested ✅ 1')
  })

  it('leaves an ASCII chunk as it is', () => {
    const source = "export const id = 719;\nconst s = '\\u2192'\n"
    expect(asciiOnly(source)).toBe(source)
  })

  it('refuses non-ASCII text a tag reads raw, naming the chunk', () => {
    expect(() => asciiOnly('String.raw`a → b`', 'index.js')).toThrow(
      /index\.js: the tagged template at offset 11 has non-ASCII text/
    )
    // Its substitutions are plain code: a string in them is escaped as anywhere else.
    expect(valueOf(asciiOnly("String.raw`a ${'→'} b`"))).toBe(JSON.stringify('a → b'))
  })

  it('refuses non-ASCII white space between tokens', () => {
    expect(() => asciiOnly('const a\u00a0= 1', '8.index.js')).toThrow(
      /8\.index\.js: a non-ASCII character outside any token/
    )
  })
})
