import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'

// ncc collects the licenses of what it bundles into dist/licenses.txt; the action ships
// that file, so every package whose code runs in the bundle must be named there.
const root = new URL('../', import.meta.url)
const licenses = readFileSync(new URL('dist/licenses.txt', root), 'utf8')
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  dependencies: Record<string, string>
}

describe('dist/licenses.txt', () => {
  it.each(Object.keys(dependencies))('carries the license of %s', name => {
    expect(licenses).toMatch(
      new RegExp(`(^|\\n)${name.replace(/[/.]/g, '\\$&')}\\n[A-Za-z0-9.-]+\\n`)
    )
  })
})
