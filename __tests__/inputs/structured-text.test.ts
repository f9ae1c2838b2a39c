import { beforeAll, describe, expect, it } from '@jest/globals'
import {
  checkDepth,
  isPlainObject,
  loadStructuredTextParser,
  MAX_DEPTH,
  parseStructuredText
} from '../../src/inputs/structured-text.js'

const nested = (levels: number): string => `${'['.repeat(levels)}1${']'.repeat(levels)}`
const blockNested = (levels: number): string =>
  Array.from({ length: levels }, (_, level) => `${' '.repeat(level)}- `).join('\n') + '1'

// First: this file's module registry starts without the parser, as the action does.
describe('parseStructuredText before loadStructuredTextParser', () => {
  it('refuses to parse rather than load the parser behind the caller', () => {
    expect(() => parseStructuredText('a: 1')).toThrow('the YAML parser is not loaded yet')
  })
})

describe('parseStructuredText', () => {
  beforeAll(loadStructuredTextParser)

  it('reads JSON and YAML into plain data', () => {
    expect(parseStructuredText('{"family": "web", "cpu": "256"}')).toEqual({
      family: 'web',
      cpu: '256'
    })
    expect(parseStructuredText('family: web\ncontainerDefinitions:\n  - name: app\n')).toEqual({
      family: 'web',
      containerDefinitions: [{ name: 'app' }]
    })
  })

  it('keeps YAML 1.2 words as strings (no "Norway problem")', () => {
    expect(parseStructuredText('country: no\nswitch: on')).toEqual({ country: 'no', switch: 'on' })
  })

  it('allows a few aliases', () => {
    expect(parseStructuredText('a: &x [1, 2]\nb: *x')).toEqual({ a: [1, 2], b: [1, 2] })
  })

  it.each([
    ['unclosed flow list', 'a: [1\n', 'it is neither valid JSON nor valid YAML: '],
    ['duplicate keys', 'a: 1\na: 2\n', 'Map keys must be unique'],
    ['two documents', 'a: 1\n---\nb: 2\n', 'it is neither valid JSON nor valid YAML'],
    [
      'a tag yaml cannot resolve',
      'a: !!js/function PAUSE\n',
      'Unresolved tag: tag:yaml.org,2002:js/function'
    ],
    ['an ambiguous alias', 'a: &x 1\nb: [*x:]\n', 'ambiguous'],
    [
      'an alias bomb',
      ['a: &a [x, x, x, x, x, x, x, x, x]']
        .concat(
          ['b', 'c', 'd', 'e', 'f', 'g'].map(
            (key, i) => `${key}: &${key} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`
          )
        )
        .join('\n'),
      'Excessive alias count'
    ],
    ['nesting one level too deep', nested(MAX_DEPTH + 1), 'it is nested more than 32 levels deep.'],
    ['nesting that overflows the parser', nested(50_000), /^it is nested too deeply\.$/],
    ['block nesting that overflows the parser', blockNested(1400), /^it is nested too deeply\.$/]
  ])('refuses %s', (_why, text, fragment) => {
    expect(() => parseStructuredText(text)).toThrow(fragment)
  })

  it('reports errors on one line', () => {
    try {
      parseStructuredText('a: [1\n')
      throw new Error('parsed')
    } catch (error) {
      expect((error as Error).message).not.toContain('\n')
    }
  })

  it('accepts nesting exactly 32 levels deep', () => {
    expect(MAX_DEPTH).toBe(32)
    expect(() => parseStructuredText(nested(MAX_DEPTH))).not.toThrow()
  })
})

describe('checkDepth', () => {
  it('counts objects and lists, not scalars', () => {
    expect(() => checkDepth({ a: { b: [1] } }, 3)).not.toThrow()
    expect(() => checkDepth({ a: { b: [[1]] } }, 3)).toThrow('nested more than 3 levels deep')
    expect(() => checkDepth('text', 0)).not.toThrow()
    expect(() => checkDepth(null, 0)).not.toThrow()
  })
})

describe('isPlainObject', () => {
  it('is true for objects only', () => {
    expect(isPlainObject({})).toBe(true)
    expect(isPlainObject([])).toBe(false)
    expect(isPlainObject(null)).toBe(false)
    expect(isPlainObject('x')).toBe(false)
  })
})
