import { describe, expect, it } from '@jest/globals'
import {
  ChannelGuard,
  TRANSIENT_ATTEMPTS,
  classify,
  problemWarning,
  tokenKind
} from '../../../src/report/github/problems.js'
import { recordingLog } from '../fixtures.js'

function httpError(status: number, message: string, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { status, response: { headers } })
}

describe('classify', () => {
  it.each([
    [httpError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }), 'rate-limited'],
    [httpError(403, 'You have exceeded a secondary rate limit'), 'rate-limited'],
    [httpError(429, 'Too many', { 'retry-after': '60' }), 'rate-limited'],
    [httpError(403, 'Resource not accessible by integration'), 'forbidden'],
    [httpError(401, 'Bad credentials'), 'unauthorized'],
    [httpError(404, 'Not Found'), 'not-found'],
    [httpError(422, 'Validation Failed'), 'rejected'],
    [httpError(502, 'Bad Gateway'), 'unavailable'],
    [new Error('connect ECONNREFUSED 127.0.0.1:1'), 'unavailable'],
    ['a string', 'unavailable']
  ])('classifies %p as %s', (error, kind) => {
    expect(classify(error).kind).toBe(kind)
  })
})

describe('problemWarning', () => {
  const forbidden = classify(httpError(403, 'Resource not accessible by integration'))

  it('names the missing permission and how to grant it', () => {
    const comment = problemWarning('comment', forbidden)
    const check = problemWarning('check-run', forbidden)

    expect(comment).toContain('the token lacks `pull-requests: write`')
    expect(comment).toContain(
      "add `pull-requests: write` to the job's `permissions:` block (or set `pr-comment: false`)"
    )
    expect(comment).toContain('forks and Dependabot')
    expect(check).toContain('the token lacks `checks: write`')
    expect(check).toContain('`check-run: false`')
  })

  it('explains read-only Dependabot tokens and PATs that cannot write check runs', () => {
    expect(problemWarning('comment', forbidden, { actor: 'dependabot[bot]' })).toContain(
      'Dependabot runs get a read-only GITHUB_TOKEN, so this is expected here.'
    )
    const pat = classify(httpError(403, 'You must authenticate via a GitHub App.'))
    expect(problemWarning('check-run', pat)).toContain('not a personal access token')
  })

  it.each([
    [
      'a fine-grained token',
      'github_pat_11ABC',
      'Resource not accessible by personal access token'
    ],
    ['a classic token', 'ghp_abc', 'Resource not accessible by integration']
  ])(
    'does not send %s to the job’s permissions: block, which does not apply to it',
    (_, token, message) => {
      const refused = classify(httpError(403, message))
      const comment = problemWarning('comment', refused, { token: tokenKind(token) })
      const check = problemWarning('check-run', refused, { token: tokenKind(token) })

      expect(comment).toContain('"Pull requests" repository permission (read and write)')
      expect(comment).toContain('`pr-comment: false`')
      expect(check).toContain('only be written with a GitHub App token such as GITHUB_TOKEN')
      for (const warning of [comment, check]) {
        expect(warning).not.toContain('add `')
        expect(warning).not.toContain('forks and Dependabot')
      }
    }
  )

  it('tells GITHUB_TOKEN and app tokens apart from personal ones by their prefix', () => {
    expect(['ghs_x', 'ghp_x', 'github_pat_x', 'gho_x'].map(tokenKind)).toEqual([
      'installation',
      'personal',
      'personal',
      'unknown'
    ])
  })

  it('says a missing repository may be a permission problem', () => {
    expect(problemWarning('check-run', classify(httpError(404, 'Not Found')))).toContain(
      'grant `checks: write` on this repository'
    )
  })
})

describe('ChannelGuard', () => {
  const fail = (error: unknown) => async (): Promise<never> => {
    throw error
  }

  it('warns once per kind of problem and switches a channel off on a permanent one', async () => {
    const log = recordingLog()
    const guard = new ChannelGuard('comment', log)

    await expect(
      guard.run(fail(httpError(403, 'Resource not accessible by integration')))
    ).resolves.toBeUndefined()
    await guard.run(fail(httpError(403, 'Resource not accessible by integration')))

    expect(guard.enabled).toBe(false)
    expect(log.warnings()).toHaveLength(1)
  })

  it('keeps a channel on through transient failures, up to a limit', async () => {
    const log = recordingLog()
    const guard = new ChannelGuard('check-run', log)
    const outage = fail(httpError(502, 'Bad Gateway'))

    for (let attempt = 1; attempt < TRANSIENT_ATTEMPTS; attempt += 1) await guard.run(outage)
    expect(guard.enabled).toBe(true)
    await guard.run(outage)

    expect(guard.enabled).toBe(false)
    expect(log.warnings()).toHaveLength(1)
  })

  it('forgets transient failures after a success', async () => {
    const guard = new ChannelGuard('check-run', recordingLog())
    for (let round = 0; round < 3; round += 1) {
      await guard.run(fail(httpError(500, 'oops')))
      await guard.run(async () => 'ok')
    }
    expect(guard.enabled).toBe(true)
    await expect(guard.run(async () => 'ok')).resolves.toBe('ok')
  })
})
