import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import type { Simulator } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { annotations, displayLog, runAction } from '../../scripts/runner.js'
import { deployInputs, ECR, startE2eSimulator } from '../support/e2e.js'

const HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface'
const MERGE = 'c0ffee0000000000000000000000000000000000'
const PUSHED = '1234567890123456789012345678901234567890'
const pullRequestEvent = {
  name: 'pull_request',
  payload: {
    pull_request: { number: 7, head: { sha: HEAD, ref: 'feature' } },
    repository: { full_name: 'octo/shop' }
  }
}

let sim: Simulator
let github: FakeGitHub
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())
beforeEach(async () => {
  await github?.close()
  github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
})
afterAll(() => github.close())

/** A deploy with every report on, against the simulator and the fake GitHub API. */
function reportedInputs(service: string, image: string, extra: Record<string, string> = {}) {
  return deployInputs(service, {
    'container-name': service === 'web' ? 'app' : service,
    image: `${ECR}/${service}:${image}`,
    'pr-comment': 'true',
    'check-run': 'true',
    ...extra
  })
}

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
    expect(github.state.checkRuns.get(MERGE) ?? []).toHaveLength(0)
    const checks = github.state.checkRuns.get(HEAD) ?? []
    expect(checks.map(check => [check.name, check.status, check.conclusion])).toEqual([
      ['ecs-bluegreen / demo/web', 'completed', 'success'],
      ['ecs-bluegreen / demo/web', 'completed', 'success']
    ])
  })

  it('shows a rollback as a failed check with the reason', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: pullRequestEvent,
      inputs: reportedInputs('guarded', 'pull-error')
    })
    expect(run.exitCode).toBe(1)
    const [check] = github.state.checkRuns.get(HEAD) ?? []
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(check?.output?.summary).toContain('circuit breaker')
    expect(github.state.comments.get(7)?.[0]?.body).toContain('What to check')
  })

  it('keeps a paused release in progress, then the promote run completes the same comment and check', async () => {
    github.addPullRequest(PUSHED, { number: 12, headSha: PUSHED })
    const push = { name: 'push', payload: { after: PUSHED } }
    const env = { GITHUB_SHA: PUSHED }
    const deploy = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: push,
      env,
      inputs: reportedInputs('web', '11.0.0', {
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'paused'
      })
    })
    expect(deploy.exitCode).toBe(0)
    const paused = github.state.checkRuns.get(PUSHED)?.[0]
    expect(paused).toMatchObject({ status: 'in_progress', conclusion: null })
    expect(paused?.output?.title).toContain('awaiting promotion')
    expect(github.state.comments.get(12)?.[0]?.body).toContain('gh workflow run release.yml')

    const promote = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: { name: 'workflow_dispatch', payload: { inputs: { command: 'promote' } } },
      env: { GITHUB_SHA: MERGE, GITHUB_RUN_ID: '4243' },
      inputs: deployInputs('web', {
        command: 'promote',
        'deployment-arn': deploy.outputs['service-deployment-arn']!,
        'pr-comment': 'true',
        'check-run': 'true'
      })
    })
    expect(promote.exitCode).toBe(0)
    const checks = github.state.checkRuns.get(PUSHED) ?? []
    expect(checks).toHaveLength(1)
    expect(checks[0]).toMatchObject({ status: 'completed', conclusion: 'success' })
    const comments = github.state.comments.get(12) ?? []
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('web on demo: succeeded')
    expect(comments[0]!.body).toContain('POST&#95;TEST&#95;TRAFFIC&#95;SHIFT')
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

  it('writes a job summary that renders with its timeline table and links', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      inputs: reportedInputs('api', '13.0.0')
    })
    const html = await marked.parse(run.summary, { gfm: true })
    // Inside <code>, untrusted text stays HTML character references, which the browser decodes.
    expect(html).toMatch(/<table>[\s\S]*<th>Stage<\/th>[\s\S]*<code>CLEAN&#95;UP<\/code>/)
    expect(html).toContain(
      'href="https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/api/deployments/'
    )
    expect(html).toContain('href="https://github.com/octo/shop/actions/runs/4242"')
    expect(html).toContain('class="language-mermaid"')
  })
})
