import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import type { Simulator } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { annotations, displayLog } from '../../scripts/runner.js'
import { decodeEntities } from '../report/fixtures.js'
import { startFakeProxy } from '../support/fake-proxy.js'
import {
  deployInputs,
  PR_HEAD,
  pullRequestEvent,
  reportedInputs,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'

const MERGE = 'c0ffee0000000000000000000000000000000000'
const PUSHED = '1234567890123456789012345678901234567890'

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

const PAUSED_PR = 12

/**
 * The first job of the two-job flow on merge to main: deploy the merged commit to the
 * approval pause; its check run and its comment on the merged pull request wait there.
 */
async function deployOnMergeToPause(image: string) {
  github.addPullRequest(PUSHED, {
    number: PAUSED_PR,
    headSha: 'b'.repeat(40),
    mergeCommitSha: PUSHED
  })
  const deploy = await runAction({
    ecsUrl: sim.url,
    githubUrl: github.url,
    event: { name: 'push', payload: { after: PUSHED } },
    env: { GITHUB_SHA: PUSHED },
    inputs: reportedInputs('web', image, {
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
      'wait-until': 'paused'
    })
  })
  expect(deploy.exitCode).toBe(0)
  return deploy
}

/** A later workflow_dispatch run of `command` on the deployment, with every report on. */
function dispatch(command: string, deploymentArn: string, sha = MERGE) {
  return runAction({
    ecsUrl: sim.url,
    githubUrl: github.url,
    event: { name: 'workflow_dispatch', payload: { inputs: { command } } },
    env: { GITHUB_SHA: sha, GITHUB_RUN_ID: '4243' },
    inputs: deployInputs('web', {
      command,
      'deployment-arn': deploymentArn,
      'pr-comment': 'true',
      'check-run': 'true'
    })
  })
}

const pausedChecks = () => github.state.checkRuns.get(PUSHED) ?? []
const pausedComments = () => github.state.comments.get(PAUSED_PR) ?? []

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
    const checks = github.state.checkRuns.get(PR_HEAD) ?? []
    expect(checks.map(check => [check.name, check.status, check.conclusion])).toEqual([
      ['ecs-bluegreen / demo/web', 'completed', 'success'],
      ['ecs-bluegreen / demo/web', 'completed', 'success']
    ])
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
    expect(check?.output?.summary).toContain('circuit breaker')
    expect(github.state.comments.get(7)?.[0]?.body).toContain('What to check')
  })

  it('reports a release deployed on merge to its merged pull request: paused in progress, then completed by the promote run', async () => {
    const deploy = await deployOnMergeToPause('11.0.0')
    const paused = pausedChecks()[0]
    expect(paused).toMatchObject({ status: 'in_progress', conclusion: null })
    expect(paused?.output?.title).toContain('awaiting promotion')
    expect(pausedComments()[0]?.body).toContain('gh workflow run release.yml')

    const promote = await dispatch('promote', deploy.outputs['service-deployment-arn']!)
    expect(promote.exitCode).toBe(0)
    expect(pausedChecks()).toHaveLength(1)
    expect(pausedChecks()[0]).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(pausedComments()).toHaveLength(1)
    expect(pausedComments()[0]!.body).toContain('web on demo: succeeded')
    expect(pausedComments()[0]!.body).toContain('POST&#95;TEST&#95;TRAFFIC&#95;SHIFT')
  })

  it('leaves a paused release’s check run and comment alone when a promote is refused; a real promote then completes them', async () => {
    const deploy = await deployOnMergeToPause('11.1.0')
    const arn = deploy.outputs['service-deployment-arn']!
    const before = { check: pausedChecks()[0], comment: pausedComments()[0]?.body }

    // Dispatched on the deployed commit, with the deployment ARN of another service.
    const refused = await dispatch('promote', arn.replace('/web/', '/api/'), PUSHED)
    expect(refused.exitCode).toBe(1)
    expect(annotations(refused, 'error')[0]).toContain(
      "Input 'deployment-arn': belongs to service 'api' in cluster 'demo'"
    )
    expect(refused.summary).toContain('web on demo: failed')
    expect(pausedChecks()).toEqual([before.check])
    expect(pausedChecks()[0]).toMatchObject({ status: 'in_progress', conclusion: null })
    expect(pausedComments()).toHaveLength(1)
    expect(pausedComments()[0]?.body).toBe(before.comment)
    expect(before.comment).toContain('#### Timeline')

    const promote = await dispatch('promote', arn, PUSHED)
    expect(promote.exitCode).toBe(0)
    expect(pausedChecks()).toHaveLength(1)
    expect(pausedChecks()[0]).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(pausedComments()).toHaveLength(1)
    expect(pausedComments()[0]!.body).toContain('web on demo: succeeded')
    expect(pausedComments()[0]!.body).toContain('#### Timeline')
  })

  it('lets a rollback run finish a paused release on its check run and comment', async () => {
    const deploy = await deployOnMergeToPause('11.2.0')
    const rollback = await dispatch('rollback', deploy.outputs['service-deployment-arn']!)
    expect(rollback.exitCode).toBe(0)
    expect(rollback.outputs.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(pausedChecks()).toHaveLength(1)
    expect(pausedChecks()[0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(pausedChecks()[0]?.output.title).toMatch(/^rolled back: ECS rolled the deployment back/)
    expect(pausedComments()).toHaveLength(1)
    const body = decodeEntities(pausedComments()[0]!.body)
    expect(body).toContain('web on demo: rolled back')
    expect(body).toContain('pause hook was continued with action ROLLBACK')
    expect(body).toContain('<code>POST_TEST_TRAFFIC_SHIFT</code>')
    expect(body).toContain('#### Lifecycle hooks')
  })

  it('shows in the summary and the comment which deployment a new release replaced', async () => {
    const first = await deployOnMergeToPause('11.3.0')
    const replaced = first.outputs['service-deployment-arn']!
    const second = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: pullRequestEvent,
      inputs: reportedInputs('web', '11.3.1', {
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'paused'
      })
    })
    expect(second.exitCode).toBe(0)
    const row = `| **Replaced deployment** | <code>${replaced}</code> |`
    expect(decodeEntities(second.summary)).toContain(row)
    expect(decodeEntities(github.state.comments.get(7)?.[0]?.body ?? '')).toContain(row)
    // Release the service for the tests that follow.
    const promote = await dispatch('promote', second.outputs['service-deployment-arn']!)
    expect(promote.exitCode).toBe(0)
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
      expect(html).toMatch(/<table>[\s\S]*<th>Stage<\/th>[\s\S]*<code>CLEAN&#95;UP<\/code>/)
      expect(html).toContain(consoleLink)
      expect(html).toContain('href="https://github.com/octo/shop/actions/runs/4242"')
    }
    expect(summary).toContain('class="language-mermaid"')
    // The comment's markers stay HTML comments, hidden from the reader.
    expect(body).toMatch(/^<!-- ecs-bluegreen-action:release cluster=demo service=api -->/)
  })
})
