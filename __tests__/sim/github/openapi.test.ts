import { describe, expect, it } from '@jest/globals'
import {
  documentationUrl,
  inApiVersion,
  requestRefusal,
  responseProblems,
  supportedApiVersions
} from '../../../sim/github/openapi.js'

const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments'
const CHECK_RUNS = '/repos/{owner}/{repo}/commits/{ref}/check-runs'
const PULLS = '/repos/{owner}/{repo}/commits/{commit_sha}/pulls'
const V = '2022-11-28'
const params = { owner: 'octo', repo: 'app', issue_number: '7' }

describe('supportedApiVersions', () => {
  it('lists the versions GitHub accepts, newest first', () => {
    expect(supportedApiVersions()).toEqual(['2026-03-10', '2022-11-28'])
  })
})

describe('requestRefusal', () => {
  it('accepts a request that fits the description', () => {
    expect(
      requestRefusal('POST', COMMENTS, { params, query: {}, body: { body: 'hi' } }, V)
    ).toBeUndefined()
  })

  it('words body problems as GitHub does', () => {
    const refusal = (body: unknown): string | undefined =>
      requestRefusal('POST', COMMENTS, { params, query: {}, body }, V)?.message

    expect(refusal(undefined)).toBe('Invalid request.\n\n"body" wasn\'t supplied.')
    expect(refusal({ body: null })).toBe(
      "Invalid request.\n\nFor 'properties/body', nil is not a string."
    )
    expect(refusal({ body: ['a'] })).toBe(
      'Invalid request.\n\nFor \'properties/body\', ["a"] is not a string.'
    )
  })

  it('answers 404 for a path parameter of the wrong type, 422 for a query parameter', () => {
    expect(
      requestRefusal(
        'GET',
        COMMENTS,
        { params: { ...params, issue_number: 'x' }, query: {}, body: undefined },
        V
      )
    ).toEqual({ status: 404, message: 'Not Found' })
    expect(
      requestRefusal(
        'GET',
        CHECK_RUNS,
        {
          params: { owner: 'o', repo: 'r', ref: 'abc' },
          query: { filter: 'newest' },
          body: undefined
        },
        V
      )
    ).toEqual({
      status: 422,
      message:
        'Invalid request.\n\nFor \'properties/filter\', newest is not a member of ["latest", "all"].'
    })
  })
})

describe('responseProblems', () => {
  it('finds what a documented answer lacks', () => {
    expect(responseProblems('GET', COMMENTS, 200, [{ id: 1, body: 'x' }], V)).toEqual(
      expect.arrayContaining(["/0 must have required property 'node_id'"])
    )
    expect(responseProblems('GET', COMMENTS, 200, [], V)).toEqual([])
  })

  it('checks undocumented error statuses against GitHub’s basic error, and refuses undocumented successes', () => {
    expect(responseProblems('GET', COMMENTS, 503, { message: 'Unavailable' }, V)).toEqual([])
    expect(responseProblems('GET', COMMENTS, 503, { message: 42 }, V)).toEqual([
      '/message must be string'
    ])
    expect(responseProblems('GET', COMMENTS, 201, [], V)).toEqual([
      `201 is not a status GitHub answers GET ${COMMENTS} with`
    ])
  })
})

describe('inApiVersion', () => {
  it('drops what 2026-03-10 removed, and leaves 2022-11-28 answers whole', () => {
    const pull = () => [
      {
        number: 1,
        merge_commit_sha: 'abc',
        assignee: null,
        head: { repo: { has_downloads: true } }
      }
    ]

    expect(inApiVersion('GET', PULLS, 200, pull(), '2026-03-10')).toEqual([
      { number: 1, head: { repo: {} } }
    ])
    expect(inApiVersion('GET', PULLS, 200, pull(), V)).toEqual(pull())
  })
})

describe('documentationUrl', () => {
  it('names the operation’s page', () => {
    expect(documentationUrl('POST', COMMENTS)).toBe(
      'https://docs.github.com/rest/issues/comments#create-an-issue-comment'
    )
  })
})
