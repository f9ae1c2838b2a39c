import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { annotations } from '../../scripts/runner.js'
import { decodeEntities, html } from '../report/fixtures.js'
import { documentedWorkflows } from '../../scripts/documented-workflows.js'
import {
  deployInputs,
  pullRequestEvent,
  reportedInputs,
  RUN_SHA,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'

const PUSHED = '1234567890123456789012345678901234567890'

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
function dispatch(command: string, deploymentArn: string, sha = RUN_SHA) {
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

describe('reporting a release that pauses, until a later run ends it', () => {
  it('reports a release deployed on merge to its merged pull request: paused in progress, then completed by the promote run', async () => {
    const deploy = await deployOnMergeToPause('11.0.0')
    const paused = pausedChecks()[0]
    expect(paused).toMatchObject({ status: 'in_progress', conclusion: null })
    expect(paused?.output.title).toContain('awaiting promotion')
    // release.yml is not in the repository, and a push event says nothing of its triggers:
    // no command is offered that might not work.
    expect(pausedComments()[0]?.body).not.toContain('gh workflow run')
    expect(pausedComments()[0]?.body).toContain('control-workflow')

    const promote = await dispatch('promote', deploy.outputs['service-deployment-arn']!)
    expect(promote.exitCode).toBe(0)
    expect(pausedChecks()).toHaveLength(1)
    expect(pausedChecks()[0]).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(pausedComments()).toHaveLength(1)
    expect(pausedComments()[0]!.body).toContain('web on demo: succeeded')
    expect(pausedComments()[0]!.body).toContain('POST_TEST_TRAFFIC_SHIFT')
  })

  it('ends a release whose deploy stopped following on a new check run, never reopening the completed one', async () => {
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
      inputs: reportedInputs('web', '11.0.5', {
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'none'
      })
    })
    expect(deploy.exitCode).toBe(0)
    const arn = deploy.outputs['service-deployment-arn']!
    const [handedOff] = pausedChecks()
    expect(handedOff).toMatchObject({ status: 'completed', conclusion: 'neutral' })
    await sim.waitForDeployment(
      deployment =>
        deployment.serviceDeploymentArn === arn &&
        (deployment.lifecycleHookDetails ?? []).some(hook => hook.status === 'AWAITING_ACTION'),
      30_000
    )

    const promote = await dispatch('promote', arn)
    expect(promote.exitCode).toBe(0)
    expect(pausedChecks()).toEqual([
      expect.objectContaining({ id: handedOff!.id, status: 'completed', conclusion: 'neutral' }),
      expect.objectContaining({ status: 'completed', conclusion: 'success' })
    ])
    expect(pausedChecks()[1]?.output.summary).toContain(`[an earlier one](${handedOff!.html_url})`)
    const changedAfterwards = github.calls.filter(
      call => call.method === 'PATCH' && call.path.endsWith(`/check-runs/${handedOff!.id}`)
    )
    expect(changedAfterwards.every(call => call.at < promote.startedAt)).toBe(true)
    expect(pausedComments()).toHaveLength(1)
  })

  it('offers the README’s release-control workflow, whose command, run as printed, promotes', async () => {
    const control = documentedWorkflows('README.md').find(
      shown => shown.workflow.name === 'release-control'
    )
    github.addFile('.github/workflows/release-control.yml', control?.text ?? '')
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
      inputs: reportedInputs('web', '11.0.7', {
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'paused',
        'control-workflow': 'release-control.yml'
      })
    })
    expect(deploy.exitCode).toBe(0)
    const said = decodeEntities(pausedComments()[0]?.body ?? '')
    const [promoteCommand] = [
      ...said.matchAll(/```sh\n(gh workflow run .*command=promote.*)\n```/g)
    ].map(([, command]) => command ?? '')
    expect(promoteCommand).toBe(
      `gh workflow run release-control.yml --repo octo/shop -f command=promote -f service=web -f cluster=demo -f deployment-arn=${deploy.outputs['service-deployment-arn']}`
    )

    // What GitHub does with the command: a workflow_dispatch run of release-control on the
    // default branch, whose step gets \`\${{ inputs.* }}\` as its with: says.
    const given = Object.fromEntries(
      [...(promoteCommand ?? '').matchAll(/-f ([\w-]+)=(\S+)/g)].map(([, name, value]) => [
        name,
        value
      ])
    )
    const step = (
      control?.workflow.jobs as Record<string, { steps: { with?: Record<string, string> }[] }>
    ).control?.steps.find(candidate => candidate.with?.command)
    const inputs = Object.fromEntries(
      Object.entries(step?.with ?? {}).map(([name, value]) => [
        name,
        value.replace(/^\$\{\{ inputs\.([\w-]+) \}\}$/, (_, input: string) => given[input] ?? '')
      ])
    )
    const promote = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: { name: 'workflow_dispatch', payload: { inputs: given } },
      env: {
        GITHUB_SHA: RUN_SHA,
        GITHUB_RUN_ID: '4243',
        GITHUB_WORKFLOW_REF: 'octo/shop/.github/workflows/release-control.yml@refs/heads/main'
      },
      inputs: { ...inputs, 'poll-interval': '1' }
    })
    expect(promote.exitCode).toBe(0)
    expect(promote.outputs.status).toBe('SUCCESSFUL')
    expect(pausedChecks().at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' })
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
    // As a reader sees it: the ARN's characters may be escaped in the Markdown.
    const cell = `<td><strong>Replaced deployment</strong></td>\n<td><code>${replaced}</code></td>`
    expect(html(second.summary)).toContain(cell)
    expect(html(github.state.comments.get(7)?.[0]?.body ?? '')).toContain(cell)
    // Finish the release: a service left paused would hold up a test added after this one.
    const promote = await dispatch('promote', second.outputs['service-deployment-arn']!)
    expect(promote.exitCode).toBe(0)
  })
})
