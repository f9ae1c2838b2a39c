import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import type { Simulator } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { annotations, displayLog } from '../../scripts/runner.js'
import { startFakeProxy } from '../support/fake-proxy.js'
import {
  PR_HEAD,
  pullRequestEvent,
  reportedInputs,
  RUN_SHA,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'

// A release run on a pull request, reported on it; reporting-paused.test.ts follows one
// that pauses across runs.

let sim: Simulator
let github: FakeGitHub
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())
beforeEach(async () => {
  github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
})
afterEach(() => github.close())

describe('reporting a release to GitHub', () => {
  it('keeps one comment on the pull request and a check run on its head commit across re-runs', async () => {
    for (const image of ['10.0.0', '10.0.1']) {
      const run = await runAction({
        ecsUrl: sim.url,
        githubUrl: github.url,
        event: pullRequestEvent,
        inputs: reportedInputs('web', image)
      })
      expect(run.exitCode).toBe(0)
    }
    const comments = github.state.comments.get(7) ?? []
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain(
      '<!-- ecs-bluegreen-action:release cluster=demo service=web -->'
    )
    expect(comments[0]!.body).toContain('web on demo: succeeded')
    expect(github.state.checkRuns.get(RUN_SHA) ?? []).toHaveLength(0)
    const checks = github.state.checkRuns.get(PR_HEAD) ?? []
    expect(checks.map(check => [check.name, check.status, check.conclusion])).toEqual([
      ['ecs-bluegreen / demo/web', 'completed', 'success'],
      ['ecs-bluegreen / demo/web', 'completed', 'success']
    ])
  })

  it('leaves a job’s own check run of the same name alone, asks for its API version and spaces its writes', async () => {
    // A job named "deploy" has its own check run on the head commit; check-name says the same.
    const job = github.addCheckRun(PR_HEAD, { name: 'deploy', status: 'in_progress' })
    const run = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: pullRequestEvent,
      inputs: reportedInputs('web', '10.0.2', { 'check-name': 'deploy' })
    })
    expect(run.exitCode).toBe(0)

    expect(github.state.checkRuns.get(PR_HEAD)).toEqual([
      expect.objectContaining({ id: job.id, status: 'in_progress', conclusion: null }),
      expect.objectContaining({
        name: 'deploy',
        external_id: 'ecs-bluegreen-action cluster=demo service=web',
        status: 'completed',
        conclusion: 'success'
      })
    ])
    expect(github.calls.filter(call => call.path.endsWith(`/check-runs/${job.id}`))).toEqual([])
    expect(new Set(github.calls.map(call => call.apiVersion))).toEqual(new Set(['2022-11-28']))
    const writes = github.calls.filter(call => call.method !== 'GET')
    const gaps = writes.slice(1).map((call, i) => call.at - writes[i]!.at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000)
  })

  it('reports through the proxy of a self-hosted runner’s network', async () => {
    const port = Number(new URL(github.url).port)
    const proxy = await startFakeProxy({ host: '127.0.0.1', port })
    try {
      // An API host only the proxy can reach, as behind a corporate proxy.
      const run = await runAction({
        ecsUrl: sim.url,
        githubUrl: `http://github.internal:${port}`,
        event: pullRequestEvent,
        env: { HTTP_PROXY: proxy.url },
        inputs: reportedInputs('web', '10.1.0')
      })
      expect(run.exitCode).toBe(0)
      expect([...annotations(run, 'error'), ...annotations(run, 'warning')]).toEqual([])
      expect(new Set(proxy.requests)).toEqual(new Set([`github.internal:${port}`]))
      expect(github.state.comments.get(7)?.[0]?.body).toContain('web on demo: succeeded')
      const [check] = github.state.checkRuns.get(PR_HEAD) ?? []
      expect(check).toMatchObject({ status: 'completed', conclusion: 'success' })
    } finally {
      await proxy.close()
    }
  })

  it('shows a rollback as a failed check with the reason', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: pullRequestEvent,
      inputs: reportedInputs('guarded', 'pull-error')
    })
    expect(run.exitCode).toBe(1)
    const [check] = github.state.checkRuns.get(PR_HEAD) ?? []
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(check?.output.summary).toContain('circuit breaker')
    expect(github.state.comments.get(7)?.[0]?.body).toContain('What to check')
  })

  it('never fails a good release over reporting: 403 on every write gives one warning per channel', async () => {
    github.setFailure('writes', 'forbidden')
    const run = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: pullRequestEvent,
      inputs: reportedInputs('api', '12.0.0')
    })
    expect(run.exitCode).toBe(0)
    const warnings = annotations(run, 'warning')
    expect(warnings.filter(warning => warning.includes('pull-requests: write'))).toHaveLength(1)
    expect(warnings.filter(warning => warning.includes('checks: write'))).toHaveLength(1)
    expect(displayLog(run)).not.toContain('ghs_fakeTokenForTests')
  })

  it('tells a personal access token what it lacks, not the job’s permissions: block', async () => {
    await github.close()
    github = await startFakeGitHub({
      owner: 'octo',
      repo: 'shop',
      identity: { login: 'mona', type: 'User', id: 2 }
    })
    github.setFailure('createComment', {
      status: 403,
      message: 'Resource not accessible by personal access token'
    })
    const run = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: pullRequestEvent,
      inputs: reportedInputs('api', '12.1.0', { 'github-token': 'github_pat_11AAAAAAA0example' })
    })
    expect(run.exitCode).toBe(0)
    const warnings = annotations(run, 'warning')
    expect(warnings).toEqual([
      expect.stringContaining('"Pull requests" repository permission (read and write)'),
      expect.stringContaining('only be written with a GitHub App token such as GITHUB_TOKEN')
    ])
    for (const warning of warnings) expect(warning).not.toContain('to the job')
  })

  it('writes a job summary and a PR comment that render with their timeline tables and links', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: pullRequestEvent,
      inputs: reportedInputs('api', '13.0.0')
    })
    expect(run.exitCode).toBe(0)
    const [comment] = github.state.comments.get(7) ?? []
    const summary = await marked.parse(run.summary, { gfm: true })
    const body = await marked.parse(comment?.body ?? '', { gfm: true })
    const consoleLink =
      'href="https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/api/deployments/'
    for (const html of [summary, body]) {
      // Inside <code>, untrusted text stays HTML character references, which the browser decodes.
      expect(html).toMatch(/<table>[\s\S]*<th>Stage<\/th>[\s\S]*<code>CLEAN_UP<\/code>/)
      expect(html).toContain(consoleLink)
      expect(html).toContain('href="https://github.com/octo/shop/actions/runs/4242"')
    }
    expect(summary).toContain('class="language-mermaid"')
    // The comment's markers stay HTML comments, hidden from the reader.
    expect(body).toMatch(/^<!-- ecs-bluegreen-action:release cluster=demo service=api -->/)
  })
})
