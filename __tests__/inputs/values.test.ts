import { describe, expect, it } from '@jest/globals'
import {
  checkLength,
  InputError,
  MAX_INPUT_LENGTH,
  parseBoolean,
  parseEnum,
  parseKeyValueLines,
  parseLines,
  parseList,
  parseNumber,
  quote
} from '../../src/inputs/values.js'

function thrown(work: () => unknown): InputError {
  try {
    work()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('nothing was thrown')
}

describe('checkLength', () => {
  it('accepts up to 256 KiB and refuses more, without quoting the value', () => {
    const longest = 'a'.repeat(MAX_INPUT_LENGTH)
    expect(checkLength('images', longest)).toBe(longest)
    const error = thrown(() => checkLength('images', `${longest}b`))
    expect(error.message).toBe(
      `Input 'images': is ${MAX_INPUT_LENGTH + 1} characters long; at most 262144 are accepted.`
    )
  })
})

describe('parseEnum', () => {
  const colours = ['RED', 'GREEN'] as const
  it('returns an allowed value', () => {
    expect(parseEnum('colour', 'GREEN', colours)).toBe('GREEN')
  })
  it('lists the allowed values and suggests the right case', () => {
    expect(thrown(() => parseEnum('colour', 'green', colours)).message).toBe(
      "Input 'colour': 'green' is not allowed (did you mean 'GREEN'?); use one of RED, GREEN."
    )
    expect(thrown(() => parseEnum('colour', 'BLUE', colours)).message).toBe(
      "Input 'colour': 'BLUE' is not allowed; use one of RED, GREEN."
    )
  })
})

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ])('reads %s (the spellings core.getBooleanInput takes)', (raw, expected) => {
    expect(parseBoolean('flag', raw)).toBe(expected)
  })
  it.each(['yes', 'no', '1', '0', 'on', 'tRUE', ''])('refuses %j', raw => {
    expect(thrown(() => parseBoolean('flag', raw)).message).toBe(
      `Input 'flag': '${raw}' is not a boolean; use true or false.`
    )
  })
})

describe('parseNumber', () => {
  const whole = { min: 0, max: 1440, unit: 'minutes', step: 1 }
  const tenths = { min: 0.1, max: 100, unit: 'percent', step: 0.1 }
  const any = { min: 1, max: 60, unit: 'seconds' }

  it.each([
    ['0', whole, 0],
    ['1440', whole, 1440],
    ['+7', whole, 7],
    ['007', whole, 7],
    ['3.0', whole, 3],
    ['0.1', tenths, 0.1],
    ['.5', tenths, 0.5],
    ['33.3', tenths, 33.3],
    ['99.9', tenths, 99.9],
    ['1.25', any, 1.25]
  ])('reads %j', (raw, rule, expected) => {
    expect(parseNumber('n', raw, rule)).toBe(expected)
  })

  it.each([
    ['-1', whole, 'is not a number of minutes from 0 to 1440'],
    ['1441', whole, 'is not a number of minutes from 0 to 1440'],
    ['', whole, 'is not a number'],
    ['ten', whole, 'is not a number'],
    ['1e3', whole, 'is not a number'],
    ['0x10', whole, 'is not a number'],
    ['Infinity', any, 'is not a number of seconds from 1 to 60'],
    ['1 0', whole, 'is not a number'],
    ['2.5', whole, "'2.5' must be a whole number (a number of minutes from 0 to 1440)"],
    ['0.05', tenths, 'is not a number of percent from 0.1 to 100'],
    ['12.34', tenths, "'12.34' must be a multiple of 0.1 (a number of percent from 0.1 to 100)"],
    ['0.5', any, 'from 1 to 60']
  ])('refuses %j', (raw, rule, fragment) => {
    const error = thrown(() => parseNumber('n', raw, rule))
    expect(error.input).toBe('n')
    expect(error.message).toContain(fragment)
  })
})

describe('parseLines and parseList', () => {
  it('keeps trimmed non-empty lines that are not comments', () => {
    expect(parseLines('  a \r\n\n# comment\n  # indented comment\nb#c\n')).toEqual(['a', 'b#c'])
  })
  it('splits on commas and newlines', () => {
    expect(parseList(' A, B\nC,,\r\n D ')).toEqual(['A', 'B', 'C', 'D'])
    expect(parseList('')).toEqual([])
  })
})

describe('parseKeyValueLines', () => {
  it('splits each line at its first =', () => {
    expect(parseKeyValueLines('env', 'A = 1\n# B=2\nC=x=y\nD=', 'KEY=value')).toEqual([
      { key: 'A', value: '1' },
      { key: 'C', value: 'x=y' },
      { key: 'D', value: '' }
    ])
  })
  it('refuses a line without a key, by line number', () => {
    expect(thrown(() => parseKeyValueLines('env', 'A=1\n=2', 'KEY=value')).message).toBe(
      "Input 'env': line 2 is not KEY=value."
    )
    expect(thrown(() => parseKeyValueLines('env', 'novalue', 'KEY=value')).message).toBe(
      "Input 'env': line 1 is not KEY=value."
    )
  })
  it('refuses a key given twice', () => {
    expect(thrown(() => parseKeyValueLines('env', 'A=1\nA=2', 'KEY=value')).message).toBe(
      "Input 'env': 'A' is given twice."
    )
  })
  it('lets the caller refuse a key before any message quotes it', () => {
    const seen: [string, number][] = []
    const checkKey = (key: string, line: number): void => {
      seen.push([key, line])
      if (key.includes(' ')) throw new InputError('env', `line ${line} is bad`)
    }
    expect(() => parseKeyValueLines('env', 'A=1\nB C=2\nB C=2', 'KEY=value', checkKey)).toThrow(
      "Input 'env': line 2 is bad"
    )
    expect(seen).toEqual([
      ['A', 1],
      ['B C', 2]
    ])
  })
})

describe('InputError', () => {
  it('names the input in its message and keeps it for callers', () => {
    const error = new InputError('bake-time', "'x' is not a number.")
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('InputError')
    expect(error.input).toBe('bake-time')
    expect(error.message).toBe("Input 'bake-time': 'x' is not a number.")
  })
})

describe('quote', () => {
  it('quotes a value, cutting a long one with an ellipsis', () => {
    expect(quote('short')).toBe("'short'")
    expect(quote('x'.repeat(80))).toBe(`'${'x'.repeat(80)}'`)
    expect(quote('x'.repeat(81))).toBe(`'${'x'.repeat(79)}…'`)
  })
})
