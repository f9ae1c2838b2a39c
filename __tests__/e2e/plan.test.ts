import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { annotations, displayLog } from '../../scripts/runner.js'
import {
  deployInputs,
  ECR,
  operations,
  PR_HEAD,
  pullRequestEvent,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'

// `command: plan` through the bundle: what deploy would do, with read-only calls only,
// reported as a check run a pull request can require.

const READ_ONLY = /^(Describe|List)/

let sim: Simulator
let github: FakeGitHub
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())
beforeEach(async () => {
  sim.clearCalls()
  github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
})
afterEach(() => github.close())

const plan = (service: string, inputs: Record<string, string>) =>
  runAction({
    ecsUrl: sim.url,
    githubUrl: github.url,
    event: pullRequestEvent,
    inputs: deployInputs(service, {
      command: 'plan',
      'pr-comment': 'true',
      'check-run': 'true',
      ...inputs
    })
  })

describe('command: plan', () => {
  it('shows what deploy would send, changes nothing, and passes its check run', async () => {
    const before = sim.describeService('gated', 'demo')
    const run = await plan('gated', {
      'container-name': 'gated',
      image: `${ECR}/gated:40.0.0`,
      'environment-variables': 'FEATURE_X=on',
      'bake-time': '3'
    })
    expect(run.exitCode).toBe(0)
    expect(operations(sim).filter(operation => !READ_ONLY.test(operation))).toEqual([])
    expect(sim.describeService('gated', 'demo').taskDefinition).toBe(before.taskDefinition)

    const [check, ...others] = github.state.checkRuns.get(PR_HEAD) ?? []
    expect(others).toEqual([])
    expect(check).toMatchObject({
      name: 'ecs-bluegreen plan / demo/gated',
      status: 'completed',
      conclusion: 'success'
    })
    expect(check?.output.title).toMatch(
      /^deploy would go ahead: BLUE_GREEN, 1 service settings changed, at least /
    )
    const [comment] = github.state.comments.get(7) ?? []
    const body = comment?.body ?? ''
    expect(body).toContain('<!-- ecs-bluegreen-action:plan cluster=demo service=gated -->')
    expect(body).toContain('Plan for gated on demo: deploy would go ahead')
    expect(body).toContain('Task definition <code>gated:1</code> → a new revision')
    expect(body).toMatch(
      /…\/gated:1\.0\.0<\/code> → <code [^>]+>…\/gated:40\.0\.0<\/code> \| <code>FEATURE_X<\/code>/
    )
    expect(body).toContain('| Bake time | 1 min | 3 min | <code>bake-time</code> |')
    // The pause the service keeps from its configuration is said before anyone merges.
    expect(body).toContain('pauses at POST_TEST_TRAFFIC_SHIFT')
    expect(run.summary).toContain('Plan for gated on demo: deploy would go ahead')
    expect(displayLog(run)).toContain(
      'This release changes service settings, which stay after it: Bake time 1 min → 3 min (bake-time).'
    )
  })

  it('plans a release of several services in one check run and one comment, changing nothing', async () => {
    const inputs = deployInputs('', {
      command: 'plan',
      'pr-comment': 'true',
      'check-run': 'true',
      services: `- service: web\n  container-name: app\n  image: ${ECR}/web:7.0.0\n- service: checkout\n- service: guarded\n`,
      'test-traffic-header': 'x-canary: green',
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT'
    })
    // deployInputs names one service; a release of several names them in `services`.
    const run = await runAction({
      ecsUrl: sim.url,
      githubUrl: github.url,
      event: pullRequestEvent,
      inputs: Object.fromEntries(Object.entries(inputs).filter(([name]) => name !== 'service'))
    })
    expect({ exit: run.exitCode, errors: annotations(run, 'error') }).toEqual({
      exit: 0,
      errors: []
    })
    expect(operations(sim).filter(operation => !READ_ONLY.test(operation))).toEqual([])
    const [check, ...others] = github.state.checkRuns.get(PR_HEAD) ?? []
    expect(others).toEqual([])
    expect(check).toMatchObject({
      name: 'ecs-bluegreen plan / web → checkout → guarded',
      status: 'completed',
      conclusion: 'success'
    })
    const [comment, ...more] = github.state.comments.get(7) ?? []
    expect(more).toEqual([])
    expect(comment?.body).toContain(
      'Plan for release web → checkout → guarded: deploy would go ahead'
    )
    expect(comment?.body).toMatch(/\| 3 \| guarded on demo \| deploy would go ahead: /)
    expect(run.summary).toContain('Plan for guarded on demo: deploy would go ahead')
  })

  it('fails its check run with the reason when deploy would be refused', async () => {
    const run = await plan('worker', { 'container-name': 'worker', image: `${ECR}/worker:2.0.0` })
    expect(run.exitCode).toBe(1)
    expect(operations(sim).filter(operation => !READ_ONLY.test(operation))).toEqual([])
    const [check] = github.state.checkRuns.get(PR_HEAD) ?? []
    expect(check).toMatchObject({
      name: 'ecs-bluegreen plan / demo/worker',
      conclusion: 'failure'
    })
    expect(check?.output.title).toMatch(/^deploy would be refused: .*ROLLING/)
    expect(github.state.comments.get(7)?.[0]?.body).toContain(
      'Plan for worker on demo: deploy would be refused'
    )
    expect(annotations(run, 'error')[0]).toMatch(/ROLLING/)
  })

  it('refuses, as deploy would, settings a team keeps to its IaC', async () => {
    const run = await plan('api', {
      'container-name': 'api',
      image: `${ECR}/api:40.0.0`,
      strategy: 'CANARY',
      'task-definition-only': 'true'
    })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain(
      "Input 'task-definition-only': is true, and this release would change settings of service 'api': Strategy BLUE_GREEN → CANARY (strategy)"
    )
  })
})
