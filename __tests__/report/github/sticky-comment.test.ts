import { afterEach, describe, expect, it } from '@jest/globals'
import {
  createComment,
  findComment,
  tokenIdentity,
  updateComment
} from '../../../src/report/github/sticky-comment.js'
import {
  GITHUB_ACTIONS_BOT,
  startFakeGitHub,
  type FakeGitHub
} from '../../../sim/github/fake-github.js'
import { REPO, fastClient } from '../fixtures.js'

const MARKER = '<!-- ecs-bluegreen-action:release cluster=prod service=web -->'
const HUMAN = { login: 'mallory', type: 'User' as const, id: 7 }
const OTHER_USER = { login: 'octocat', type: 'User' as const, id: 1 }
let fake: FakeGitHub

afterEach(async () => {
  await fake.close()
})

describe('findComment with GITHUB_TOKEN', () => {
  it('pages through every comment to find the marker', async () => {
    fake = await startFakeGitHub()
    for (let n = 0; n < 250; n += 1) fake.addComment(7, `chatter ${n}`, HUMAN)
    const ours = fake.addComment(7, `${MARKER}\nrelease`)
    const api = await fastClient(fake)

    const found = await findComment(api, REPO, 7, MARKER, () => tokenIdentity(api))

    expect(found).toEqual({ id: ours.id, body: ours.body })
    expect(fake.calls.filter(call => call.path.endsWith('/comments'))).toHaveLength(3)
  })

  it('ignores a person who quotes the marker, and asks who it is only when it must', async () => {
    fake = await startFakeGitHub()
    fake.addComment(7, `> ${MARKER}\nquoted`, HUMAN)
    const api = await fastClient(fake)
    const lookups: string[] = []
    const identity = () => (lookups.push('identity'), tokenIdentity(api))

    expect(await findComment(api, REPO, 7, MARKER, identity)).toBeUndefined()
    expect(await findComment(api, REPO, 7, 'no such marker', identity)).toBeUndefined()
    expect(lookups).toHaveLength(1)
  })

  it('creates and updates the comment in place', async () => {
    fake = await startFakeGitHub()
    const api = await fastClient(fake)

    const created = await createComment(api, REPO, 7, `${MARKER}\nfirst`)
    const updated = await updateComment(api, REPO, created.id, `${MARKER}\nsecond`)

    expect(updated.id).toBe(created.id)
    expect(fake.state.comments.get(7)?.map(comment => comment.body)).toEqual([`${MARKER}\nsecond`])
  })
})

describe('findComment with a personal access token', () => {
  it('matches the token’s own login, not other accounts or bots', async () => {
    fake = await startFakeGitHub({ identity: OTHER_USER })
    fake.addComment(7, `${MARKER}\nby a bot`, GITHUB_ACTIONS_BOT)
    fake.addComment(7, `${MARKER}\nby someone else`, HUMAN)
    const ours = fake.addComment(7, `${MARKER}\nours`, OTHER_USER)
    const api = await fastClient(fake)

    const found = await findComment(api, REPO, 7, MARKER, () => tokenIdentity(api))
    expect(found?.id).toBe(ours.id)
  })
})
