import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { seedFilePath, type Simulator } from '../../sim/index.js'
import type { ChildProcess } from 'node:child_process'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import {
  annotations,
  type Cancellation,
  cancelLikeRunner,
  displayLog
} from '../../scripts/runner.js'
import {
  deployInputs,
  ECR,
  PR_HEAD,
  pullRequestEvent,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'
import { decodeEntities } from '../report/fixtures.js'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())

/** web calls checkout calls guarded: one release, entry first. */
const CHAIN = `
- service: web
  container-name: app
  image: ${ECR}/web:7.0.0
- service: checkout
- service: guarded
`
const CONTROL = '- service: web\n- service: checkout\n- service: guarded\n'

function chainInputs(inputs: Record<string, string>): Record<string, string> {
  // deployInputs names one service; a release of several names them in `services`.
  return Object.fromEntries(
    Object.entries(deployInputs('', inputs)).filter(([name]) => name !== 'service')
  )
}

interface ServiceOutput {
  service: string
  deploymentArn: string
  hookId: string
  stage: string
  status: string
}

const continued = (action: string): string[] =>
  sim.calls
    .filter(call => call.operation === 'ContinueServiceDeployment')
    .filter(call => (call.input as { action?: string }).action === action)
    .map(
      call =>
        String((call.input as { serviceDeploymentArn?: string }).serviceDeploymentArn).split(
          '/'
        )[2] ?? ''
    )

async function deployChainToPause() {
  const run = await runAction({
    ecsUrl: sim.url,
    inputs: chainInputs({
      services: CHAIN,
      'test-traffic-header': 'x-canary: green',
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
      'wait-until': 'paused'
    })
  })
  expect({ exit: run.exitCode, log: run.exitCode === 0 ? '' : displayLog(run) }).toEqual({
    exit: 0,
    log: ''
  })
  const services = JSON.parse(run.outputs.services ?? '[]') as ServiceOutput[]
  expect(services.map(({ service, stage, status }) => [service, stage, status])).toEqual([
    ['web', 'POST_TEST_TRAFFIC_SHIFT', 'IN_PROGRESS'],
    ['checkout', 'POST_TEST_TRAFFIC_SHIFT', 'IN_PROGRESS'],
    ['guarded', 'POST_TEST_TRAFFIC_SHIFT', 'IN_PROGRESS']
  ])
  for (const service of services) expect(service.hookId).toMatch(/^ecs-pause-/)
  return { run, services }
}

describe('a release of several services', () => {
  it('holds every service at its test traffic gate, then promotes the deepest callee first', async () => {
    const { run } = await deployChainToPause()
    expect(displayLog(run)).toContain('Release web → checkout → guarded: paused.')

    const before = sim.calls.length
    const promote = await runAction({
      ecsUrl: sim.url,
      inputs: chainInputs({ command: 'promote', services: CONTROL })
    })
    expect(promote.exitCode).toBe(0)
    const order = sim.calls
      .slice(before)
      .filter(call => call.operation === 'ContinueServiceDeployment')
      .map(
        call =>
          String((call.input as { serviceDeploymentArn?: string }).serviceDeploymentArn).split(
            '/'
          )[2]
      )
    // Each moves to its hold after the production shift, callee first; then all bake together.
    expect(order.slice(0, 3)).toEqual(['guarded', 'checkout', 'web'])
    expect(order.slice(3).sort()).toEqual(['checkout', 'guarded', 'web'])
    expect(displayLog(promote)).toContain(
      'All 3 services are held at POST_PRODUCTION_TRAFFIC_SHIFT: continuing all to bake together.'
    )
    const services = JSON.parse(promote.outputs.services ?? '[]') as ServiceOutput[]
    expect(services.map(service => service.status)).toEqual([
      'SUCCESSFUL',
      'SUCCESSFUL',
      'SUCCESSFUL'
    ])
  })

  it('says how to promote the whole release by its services: the workflow_dispatch command, which promotes as printed', async () => {
    const github: FakeGitHub = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
    try {
      github.addFile(
        '.github/workflows/chain-control.yml',
        [
          'on:',
          '  workflow_dispatch:',
          '    inputs:',
          '      command: { type: choice, options: [promote, rollback] }',
          '      services: { type: string, required: true }',
          'jobs: {}'
        ].join('\n')
      )
      const deploy = await runAction({
        ecsUrl: sim.url,
        githubUrl: github.url,
        event: pullRequestEvent,
        inputs: chainInputs({
          services: CHAIN,
          'release-name': 'controlled chain',
          'test-traffic-header': 'x-canary: green',
          'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
          'wait-until': 'paused',
          'control-workflow': 'chain-control.yml',
          'pr-comment': 'true'
        })
      })
      expect(deploy.exitCode).toBe(0)
      const services =
        '[{"service":"web","cluster":"demo"},{"service":"checkout","cluster":"demo"},{"service":"guarded","cluster":"demo"}]'
      const comment = (github.state.comments.get(7) ?? []).at(-1)?.body ?? ''
      const command = `gh workflow run chain-control.yml --repo octo/shop -f command=promote -f services='${services}'`
      expect(comment.replaceAll('&#39;', "'").replaceAll('&quot;', '"')).toContain(command)
      // Each service's Paused line points to the release, not to its own deployment.
      expect(displayLog(deploy)).toContain(`[checkout] Promote: ${command}`)
      expect(displayLog(deploy)).not.toMatch(/deployment-arn/)

      const promote = await runAction({
        ecsUrl: sim.url,
        githubUrl: github.url,
        event: pullRequestEvent,
        inputs: chainInputs({
          command: 'promote',
          services,
          'release-name': 'controlled chain',
          'pr-comment': 'true'
        })
      })
      expect(promote.exitCode).toBe(0)
      // The promote continues the deploy's report: each service's timeline starts with the
      // stages only the deploy saw, and the release keeps its one comment.
      for (const service of ['web', 'checkout', 'guarded']) {
        const report = promote.summary.split(`<summary>${service}: `)[1] ?? ''
        expect(report.indexOf('SCALE_UP')).toBeGreaterThan(-1)
        expect(report.indexOf('SCALE_UP')).toBeLessThan(report.indexOf('BAKE_TIME'))
      }
      expect(github.state.comments.get(7)).toHaveLength(1)
      const promoted = JSON.parse(promote.outputs.services ?? '[]') as ServiceOutput[]
      expect(promoted.map(service => service.status)).toEqual([
        'SUCCESSFUL',
        'SUCCESSFUL',
        'SUCCESSFUL'
      ])
    } finally {
      await github.close()
    }
  }, 120_000)

  it('rolls every service back, the entry service first', async () => {
    await deployChainToPause()
    const before = continued('ROLLBACK').length
    const rollback = await runAction({
      ecsUrl: sim.url,
      inputs: chainInputs({ command: 'rollback', services: CONTROL })
    })
    expect(rollback.exitCode).toBe(0)
    expect(continued('ROLLBACK').slice(before)).toEqual(['web', 'checkout', 'guarded'])
    const services = JSON.parse(rollback.outputs.services ?? '[]') as ServiceOutput[]
    expect(services.map(service => service.status)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL'
    ])
  })

  it('rolls every other service back when one fails before the gate, naming it', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: chainInputs({
        // guarded's circuit breaker rolls it back when its new containers crash.
        services: `${CHAIN}  container-name: guarded\n  image: ${ECR}/guarded:crash\n`,
        'test-traffic-header': 'x-canary: green',
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'paused'
      })
    })
    expect(run.exitCode).not.toBe(0)
    const log = displayLog(run)
    expect(log).toContain(
      'guarded (demo) ended ROLLBACK_SUCCESSFUL: rolling back every other service'
    )
    expect(annotations(run, 'error')).toEqual([
      expect.stringMatching(
        /^guarded \(demo\): .*circuit breaker.* Every other service of the release was rolled back \(web \(demo\), checkout \(demo\)\)\.$/
      )
    ])
    const services = JSON.parse(run.outputs.services ?? '[]') as ServiceOutput[]
    expect(services.map(service => service.status)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL'
    ])
  }, 150_000)

  it('routes the chain by ECS’s default header when no service has a rule of its own', async () => {
    // The chain seed's Service Connect aliases have no test traffic rules.
    const chain = await startE2eSimulator({ seed: seedFilePath('chain') })
    try {
      const names = ['frontend', 'orders', 'payments']
      const run = await runAction({
        ecsUrl: chain.url,
        inputs: chainInputs({
          cluster: 'shop',
          services: names
            .map(
              name => `- service: ${name}\n  container-name: app\n  image: ${ECR}/${name}:2.0.0\n`
            )
            .join(''),
          'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
          'wait-until': 'paused'
        })
      })
      expect({ exit: run.exitCode, log: run.exitCode === 0 ? '' : displayLog(run) }).toEqual({
        exit: 0,
        log: ''
      })
      expect(decodeEntities(run.summary)).toContain(
        "<code>x-amzn-ecs-blue-green-test</code> (ECS's default header; ECS does not document the value it matches"
      )
      expect(decodeEntities(run.summary)).toContain(
        "curl -H 'x-amzn-ecs-blue-green-test: <value>' http://frontend.shop.local:80/"
      )
      const route = (await fetch(
        `${chain.url}/_sim/route?service=frontend&cluster=shop&header=x-amzn-ecs-blue-green-test:1`
      ).then(response => response.json())) as {
        hops: { service: string; revisions: { role: string }[] }[]
      }
      expect(
        route.hops
          .filter(hop => names.includes(hop.service))
          .map(hop => `${hop.service} ${hop.revisions.map(r => r.role).join('+')}`)
      ).toEqual(['frontend green', 'orders green', 'payments green'])
    } finally {
      await chain.close()
    }
  })

  it('changes nothing anywhere when one service has a test header proxies drop', async () => {
    const before = sim.calls.length
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: chainInputs({ services: CHAIN, 'test-traffic-header': 'x_canary: green' })
    })
    expect(run.exitCode).not.toBe(0)
    expect(displayLog(run)).toContain("the test header 'x_canary' of web (demo) has an underscore")
    const changes = sim.calls
      .slice(before)
      .filter(call => ['RegisterTaskDefinition', 'UpdateService'].includes(call.operation))
    expect(changes).toEqual([])
  })

  it('reports the release once, and a cancelled job rolls back every service, the post step following all', async () => {
    const github: FakeGitHub = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
    try {
      const cancelled: { at?: Cancellation } = {}
      const inputs = chainInputs({
        services: CHAIN,
        'release-name': 'shop chain',
        'test-traffic-header': 'x-canary: green',
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'rollback-on-cancel': 'true',
        'pr-comment': 'true',
        'check-run': 'true'
      })
      const reported = { githubUrl: github.url, event: pullRequestEvent }
      const before = sim.calls.length
      const main = await runAction({
        ecsUrl: sim.url,
        inputs,
        ...reported,
        onStart: (child: ChildProcess) => {
          let log = ''
          child.stdout?.on('data', (chunk: Buffer) => {
            log += chunk.toString()
            const paused = log.match(/hook PAUSE .*: AWAITING_ACTION/g) ?? []
            if (!cancelled.at && paused.length === 3) cancelled.at = cancelLikeRunner(child)
          })
        }
      })
      expect(main.exitCode).toBe(1)
      const rolledBack = sim.calls
        .slice(before)
        .filter(call => call.operation === 'ContinueServiceDeployment')
        .map(call => call.input as { serviceDeploymentArn?: string; action?: string })
        .map(input => `${input.action} ${input.serviceDeploymentArn?.split('/')[2]}`)
      expect(rolledBack).toEqual(['ROLLBACK web', 'ROLLBACK checkout', 'ROLLBACK guarded'])

      const post = await runAction({ ecsUrl: sim.url, inputs, ...reported, state: main.state })
      expect(post.exitCode).toBe(0)
      for (const service of ['web', 'checkout', 'guarded']) {
        expect(displayLog(post)).toMatch(
          new RegExp(
            `\\[${service}\\] The job was cancelled and ECS rolled deployment .*/${service}/.* back\\.`
          )
        )
      }
      const checks = github.state.checkRuns.get(PR_HEAD) ?? []
      expect(checks.map(check => [check.name, check.status, check.conclusion])).toEqual([
        ['ecs-bluegreen / shop chain', 'completed', 'cancelled']
      ])
      const comments = github.state.comments.get(7) ?? []
      expect(comments).toHaveLength(1)
      expect(comments[0]!.body).toContain('Release shop chain: cancelled')
      expect(comments[0]!.body).toMatch(/\| 2 \| checkout on demo \| .* \| ROLLBACK_SUCCESSFUL \|/)
    } finally {
      await github.close()
    }
  }, 120_000)
})
