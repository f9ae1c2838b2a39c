import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { GitHubRun, Release } from '../../../src/model/release.js'
import { releaseDocument } from '../../../src/report/render/report-document.js'
import {
  CheckRunChannel,
  CommentChannel,
  type ChannelContext
} from '../../../src/report/github/channels.js'
import { startFakeGitHub, type FakeGitHub } from '../../../sim/github/fake-github.js'
import {
  HEAD_SHA,
  REPO,
  decodeEntities,
  fastClient,
  pausedRelease,
  pullRequestRun,
  pushRun,
  recordingLog,
  succeededRelease,
  type RecordedLog
} from '../fixtures.js'

let fake: FakeGitHub
let log: RecordedLog

beforeEach(async () => {
  fake = await startFakeGitHub()
  log = recordingLog()
})

afterEach(async () => {
  await fake.close()
})

function context(github: GitHubRun = pullRequestRun()): ChannelContext {
  const api = fastClient(fake)
  return { api: () => api, repo: REPO, github, log }
}

/** The channels as the reporter drives them, with the report of one release. */
function commentChannel(channelContext: ChannelContext) {
  const channel = new CommentChannel(channelContext)
  return {
    guard: channel.guard,
    publish: (release: Release) => channel.publish(releaseDocument(release)),
    recall: (release: Release) => channel.recall(releaseDocument(release))
  }
}

function checkRunChannel(channelContext: ChannelContext, checkName: string | undefined) {
  const channel = new CheckRunChannel(channelContext)
  return {
    guard: channel.guard,
    publish: (release: Release) => channel.publish(releaseDocument(release, checkName)),
    recall: (release: Release) => channel.recall(releaseDocument(release, checkName))
  }
}

const writes = (): string[] =>
  fake.calls.filter(call => call.method !== 'GET').map(call => `${call.method} ${call.path}`)

describe('CommentChannel', () => {
  it('does not rewrite a comment that already says the same', async () => {
    const release = pausedRelease({ github: pullRequestRun() })
    await commentChannel(context()).publish(release)
    await commentChannel(context()).publish(release)

    expect(writes()).toEqual(['POST /repos/octo/app/issues/7/comments'])
  })

  it('hands an earlier run’s comment to recall', async () => {
    const release = pausedRelease({ github: pullRequestRun() })
    await commentChannel(context()).publish(release)

    expect(await commentChannel(context()).recall(release)).toBe(
      fake.state.comments.get(7)?.[0]?.body
    )
  })

  it('says so once and stops when no open pull request has the commit', async () => {
    const channel = commentChannel(context(pushRun()))
    await channel.publish(pausedRelease())
    await channel.publish(succeededRelease())

    expect(channel.guard.enabled).toBe(false)
    expect(log.lines.filter(line => line.level === 'info')).toEqual([
      {
        level: 'info',
        message: `No pull request is open with commit ${HEAD_SHA} or was merged as it: no pull request comment.`
      }
    ])
    expect(fake.calls).toHaveLength(1)
  })
})

describe('CheckRunChannel', () => {
  it('starts a new check run for a new deploy when the last one finished', async () => {
    await checkRunChannel(context(), undefined).publish(succeededRelease())
    await checkRunChannel(context(), undefined).publish(pausedRelease())

    expect(fake.state.checkRuns.get(HEAD_SHA)?.map(run => run.status)).toEqual([
      'completed',
      'in_progress'
    ])
  })

  it('takes over an unfinished check run, and never reopens a finished one: a promote after it starts another', async () => {
    await checkRunChannel(context(), undefined).publish(pausedRelease())
    await checkRunChannel(context(), undefined).publish(pausedRelease({ outcome: 'handed-off' }))
    const promote = checkRunChannel(context(), undefined)
    await promote.recall(succeededRelease({ command: 'promote' }))
    await promote.publish(pausedRelease({ command: 'promote', outcome: 'running' }))
    await promote.publish(succeededRelease({ command: 'promote' }))

    const [handedOff, promoted] = fake.state.checkRuns.get(HEAD_SHA) ?? []
    expect([handedOff, promoted]).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'neutral' }),
      expect.objectContaining({ status: 'completed', conclusion: 'success' })
    ])
    expect(fake.state.checkRuns.get(HEAD_SHA)).toHaveLength(2)
    expect(promoted?.output.summary).toContain(
      `This check run carries on from [an earlier one](${handedOff?.html_url}) of this release`
    )
    expect(decodeEntities(promoted?.output.summary ?? '')).toContain(
      '(it ended <code>neutral</code>)'
    )
    // The handed-off run finished it; nothing asked GitHub to change it after that.
    expect(writes().filter(write => write.endsWith(`/check-runs/${handedOff?.id}`))).toEqual([
      `PATCH /repos/octo/app/check-runs/${handedOff?.id}`
    ])
  })

  it('leaves a job’s own check run of the same name alone', async () => {
    const job = fake.addCheckRun(HEAD_SHA, { name: 'deploy', status: 'in_progress' })
    await checkRunChannel(context(), 'deploy').publish(pausedRelease())

    expect(job).toMatchObject({
      status: 'in_progress',
      output: expect.objectContaining({ title: null })
    })
    expect(fake.state.checkRuns.get(HEAD_SHA)?.map(run => run.id)).toEqual([
      job.id,
      expect.any(Number)
    ])
    expect(writes()).toEqual(['POST /repos/octo/app/check-runs'])
  })

  it('starts its own check run when another app created the release’s check run', async () => {
    const theirs = fake.addCheckRun(HEAD_SHA, {
      name: 'ecs-bluegreen / prod/web',
      status: 'in_progress',
      external_id: 'ecs-bluegreen-action cluster=prod service=web',
      app: { id: 99, slug: 'release-bot', name: 'Release bot' }
    })
    const promote = checkRunChannel(context(), undefined)
    await promote.recall(succeededRelease({ command: 'promote' }))
    await promote.publish(succeededRelease({ command: 'promote' }))

    expect(promote.guard.enabled).toBe(true)
    expect(log.warnings()).toEqual([])
    expect(fake.state.checkRuns.get(HEAD_SHA)).toEqual([
      expect.objectContaining({ id: theirs.id, status: 'in_progress' }),
      expect.objectContaining({ status: 'completed', conclusion: 'success' })
    ])
  })

  it('continues the finished check run of the report it recalled, as the post step after a cancel does', async () => {
    await checkRunChannel(context(), undefined).publish(pausedRelease({ outcome: 'cancelled' }))
    const post = checkRunChannel(context(), undefined)
    expect(await post.recall(pausedRelease())).toContain('ecs-bluegreen-action:snapshot')
    await post.publish(pausedRelease({ outcome: 'cancelled', status: 'ROLLBACK_SUCCESSFUL' }))

    expect(fake.state.checkRuns.get(HEAD_SHA)).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'cancelled' })
    ])
    expect(fake.state.checkRuns.get(HEAD_SHA)?.[0]?.output.summary).toContain('ROLLBACK')
  })

  it('uses the check-name input', async () => {
    await checkRunChannel(context(), 'deploy / production').publish(pausedRelease())
    expect(fake.state.checkRuns.get(HEAD_SHA)?.[0]?.name).toBe('deploy / production')
  })

  it('needs a full commit SHA', async () => {
    const channel = checkRunChannel(context(pushRun({ sha: 'unknown' })), undefined)
    await channel.publish(pausedRelease({ commit: undefined }))

    expect(channel.guard.enabled).toBe(false)
    expect(fake.calls).toEqual([])
  })
})
