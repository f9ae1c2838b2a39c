import { describe, expect, it } from '@jest/globals'
import { formatElapsed, formatTime } from '../../src/model/log.js'

describe('formatTime', () => {
  it('shows HH:MM:SS in UTC', () => {
    expect(formatTime(new Date('2025-06-01T09:05:07.999Z'))).toBe('09:05:07')
    expect(formatTime(new Date('2025-06-01T23:59:59+02:00'))).toBe('21:59:59')
  })
})

describe('formatElapsed', () => {
  it.each([
    [0, '+0s'],
    [-5000, '+0s'],
    [499, '+0s'],
    [500, '+1s'],
    [12_000, '+12s'],
    [59_499, '+59s'],
    [59_500, '+1m00s'],
    [187_000, '+3m07s'],
    [3_599_000, '+59m59s'],
    [3_600_000, '+1h00m00s'],
    [3_725_000, '+1h02m05s'],
    [26 * 3_600_000, '+26h00m00s']
  ])('%i ms is %s', (ms, expected) => {
    expect(formatElapsed(ms)).toBe(expected)
  })
})
