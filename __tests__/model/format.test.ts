import { describe, expect, it } from '@jest/globals'
import {
  NONE,
  clip,
  dateTime,
  deploymentId,
  duration,
  errorMessage,
  formatElapsed,
  formatTime,
  functionName,
  isCommitSha,
  isValidDate,
  offset,
  percent,
  plain,
  shortImage,
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

  it('shortens images to their repository and tag, and digests to 12 hex digits', () => {
    expect(shortImage('111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments:2026.12.07')).toBe(
      '…/payments:2026.12.07'
    )
    expect(shortImage('public.ecr.aws/datadog/agent:7.60.0')).toBe('…/datadog/agent:7.60.0')
    expect(shortImage('localhost/web:1')).toBe('…/web:1')
    expect(shortImage('localhost:5000/web:1')).toBe('…/web:1')
    // Docker Hub names have no registry to leave out.
    expect(shortImage('envoyproxy/envoy:v1.30')).toBe('envoyproxy/envoy:v1.30')
    expect(shortImage('nginx')).toBe('nginx')
    expect(shortImage(`ghcr.io/o/web@sha256:${'ab'.repeat(32)}`)).toBe(
      '…/o/web@sha256:abababababab…'
    )
  })

  it('names a Lambda function by the name in its ARN', () => {
    expect(functionName('arn:aws:lambda:us-east-1:1:function:smoke-test')).toBe('smoke-test')
    expect(functionName('arn:aws:lambda:us-east-1:1:function:smoke-test:live')).toBe('smoke-test')
    expect(functionName('not-an-arn')).toBe('not-an-arn')
  })

  it('accepts only full commit SHAs', () => {
    expect(isCommitSha('a'.repeat(40))).toBe(true)
    expect(isCommitSha('a'.repeat(64))).toBe(true)
    expect(isCommitSha('abc1234')).toBe(false)
    expect(isCommitSha('main')).toBe(false)
    expect(shortSha('f'.repeat(40))).toBe('fffffff')
  })
})

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

describe('clip', () => {
  it('shortens to the limit with an ellipsis, never splitting a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abc…')
    expect(clip('abc', 4)).toBe('abc')
    expect(clip('ab😀cd', 4)).toBe('ab…')
  })
})

describe('plain', () => {
  it('gives one clean, clipped line for fields GitHub shows as text', () => {
    expect(plain('rolled back:\n  hook\u202E failed', 20)).toBe('rolled back: hook f…')
  })
})

describe('errorMessage', () => {
  it('reads any thrown value', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom')
    expect(errorMessage(42)).toBe('42')
  })
})
