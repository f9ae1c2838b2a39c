import { describe, expect, it } from '@jest/globals'
import {
  NONE,
  dateTime,
  deploymentId,
  duration,
  isCommitSha,
  isValidDate,
  offset,
  percent,
  shortSha,
  taskDefinitionName,
  time
} from '../../src/model/format.js'
import { DEPLOYMENT_ARN, at } from '../report/fixtures.js'

describe('dates and durations', () => {
  it('formats UTC times and durations', () => {
    expect(dateTime(at(62.5))).toBe('2026-11-25 19:02:30 UTC')
    expect(time(at(62.5))).toBe('19:02:30')
    expect(duration(at(0), at(62.5))).toBe('1h02m30s')
    expect(offset(at(0), at(3.2))).toBe('+3m12s')
  })

  it('shows a dash for missing, invalid or absurd dates instead of throwing', () => {
    const invalid = new Date(Number.NaN)
    const absurd = new Date(8.64e15)
    expect([isValidDate(invalid), isValidDate(absurd), isValidDate(undefined)]).toEqual([
      false,
      false,
      false
    ])
    expect([
      dateTime(invalid),
      time(absurd),
      duration(at(0), undefined),
      offset(invalid, at(1))
    ]).toEqual([NONE, NONE, NONE, NONE])
  })
})

describe('values', () => {
  it('rounds traffic weights to a tenth of a percent', () => {
    expect([percent(10), percent(12.345), percent(undefined), percent(Number.NaN)]).toEqual([
      '10%',
      '12.3%',
      NONE,
      NONE
    ])
  })

  it('takes names out of ECS ARNs', () => {
    expect(taskDefinitionName('arn:aws:ecs:eu-west-1:1:task-definition/web:42')).toBe('web:42')
    expect(deploymentId(DEPLOYMENT_ARN)).toBe('r9i43YFjvgF_xlg7m2eJ1r')
  })

  it('accepts only full commit SHAs', () => {
    expect(isCommitSha('a'.repeat(40))).toBe(true)
    expect(isCommitSha('a'.repeat(64))).toBe(true)
    expect(isCommitSha('abc1234')).toBe(false)
    expect(isCommitSha('main')).toBe(false)
    expect(shortSha('f'.repeat(40))).toBe('fffffff')
  })
})
