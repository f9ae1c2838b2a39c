import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { startFakeGitHub } from '../../sim/github/fake-github.js'
import { decodeEntities, html } from '../report/fixtures.js'
import {
  deployInputs,
  ECR,
  failure,
  PR_HEAD,
  pullRequestEvent,
  reportedInputs,
  runAction,
  startE2eSimulator
} from '../support/e2e.js'

/**
 * A release whose new containers crash: the bundle reads their last log lines from the
 * simulator's CloudWatch Logs with the real SDK, and shows them where people look. The seed's
 * orders service logs with awslogs to /ecs/orders (prefix orders) and sits behind an ALB.
 */

const LAST_LINE = 'Node.js v24.11.0'
const ERROR_LINE = 'Error: DATABASE_URL is not set'
const TARGET_GROUP = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())

describe('an application that crashes at start-up', () => {
  it('shows its last log lines under the failure: in the log above the error, in the summary, the comment and the check run', async () => {
    const github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
    try {
      const run = await runAction({
        ecsUrl: sim.url,
        githubUrl: github.url,
        event: pullRequestEvent,
        inputs: reportedInputs('orders', 'crash')
      })
      const { headline, log } = failure(run)
      expect(headline).toMatch(/^orders \(demo\) rolled back: circuit breaker tripped/)

      // In the job log, the container's last words come right above the error annotation.
      const lines = log.split('\n')
      const error = lines.indexOf(`Error: ${headline}`)
      // The headline names the stopped tasks, so the log heads their last words briefly.
      const group = lines.indexOf('  4 tasks stopped as the error below says:')
      const last = lines.indexOf(`      | ${LAST_LINE}`)
      expect(group).toBeGreaterThan(-1)
      expect(last).toBeGreaterThan(group)
      expect(error).toBeGreaterThan(last)
      expect(lines[group + 1]).toMatch(
        /^ {4}Task [0-9a-f]{32} https:\/\/us-east-1\.console\.aws\.amazon\.com\/ecs\/v2\/clusters\/demo\/tasks\/[0-9a-f]{32}\/configuration\?region=us-east-1$/
      )
      expect(lines[group + 2]).toMatch(
        /^ {6}Container orders: last 6 lines of \/ecs\/orders › orders\/orders\/[0-9a-f]{32} https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logsV2:log-groups\/log-group\/\$252Fecs\$252Forders\/log-events\/orders\$252Forders\$252F[0-9a-f]{32}$/
      )
      expect(lines).toContain(`      | ${ERROR_LINE}`)
      expect(lines.filter(line => line === `      | ${LAST_LINE}`)).toHaveLength(3)
      expect(lines).toContain('    …and 1 more task that stopped this way')
      expect(log).toContain('Where to look next:')
      expect(sim.calls.filter(call => call.operation === 'GetLogEvents')).toHaveLength(3)

      const [check] = github.state.checkRuns.get(PR_HEAD) ?? []
      for (const report of [
        run.summary,
        github.state.comments.get(7)?.[0]?.body ?? '',
        check?.output.summary ?? ''
      ]) {
        const rendered = html(report)
        expect(rendered).toMatch(
          /<details>\s*<summary>Logs of the stopped tasks: 4 tasks stopped: EssentialContainerExited/
        )
        expect(decodeEntities(rendered)).toContain(`${ERROR_LINE}\n`)
        expect(decodeEntities(rendered)).toContain(`${LAST_LINE}\n</code></pre>`)
        expect(rendered).toContain('<strong>Where to look next:</strong>')
        expect(rendered).toContain(
          'href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/action-logs.html"'
        )
      }
      // Which target group serves which revision, in the summary and the comment.
      for (const report of [run.summary, github.state.comments.get(7)?.[0]?.body ?? '']) {
        expect(decodeEntities(report)).toMatch(
          /\| New <code>\d{19}<\/code> \| <code>orders:\d+<\/code> \| \[orders-\w+\]/
        )
      }
    } finally {
      await github.close()
    }
  })

  it('says in one line that the logs could not be read when reading them is denied, and still fails with the cause', async () => {
    sim.setScenario({ denyLogReads: true })
    try {
      const run = await runAction({
        ecsUrl: sim.url,
        inputs: deployInputs('orders', { 'container-name': 'orders', image: `${ECR}/orders:crash` })
      })
      const { headline, log } = failure(run)
      expect(headline).toMatch(/^orders \(demo\) rolled back: circuit breaker tripped/)
      const denied = log
        .split('\n')
        .filter(line => line.startsWith('      Not read: logs:GetLogEvents was denied'))
      expect(denied).toHaveLength(3)
      expect(log).not.toContain(`| ${ERROR_LINE}`)
      // One denial, and the action asks no more.
      expect(
        sim.calls.filter(call => call.operation === 'GetLogEvents' && call.outcome !== 'ok')
      ).toHaveLength(1)
      expect(run.summary).toContain('Not read: logs:GetLogEvents was denied')
    } finally {
      sim.setScenario({ denyLogReads: false })
    }
  })

  it('reads nothing with log-lines 0', async () => {
    sim.clearCalls()
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('orders', {
        'container-name': 'orders',
        image: `${ECR}/orders:crash`,
        'log-lines': '0'
      })
    })
    const { log } = failure(run)
    expect(log).toContain('      Not read: log-lines is 0.')
    expect(sim.calls.filter(call => call.service === 'logs')).toEqual([])
  })
})

describe('the target groups of a load-balanced service', () => {
  const servedBy = (summary: string): Record<string, string> =>
    Object.fromEntries(
      [
        ...decodeEntities(summary).matchAll(
          /\| (New|Old) <code>\d+<\/code> \| [^|]+ \| \[([\w-]+)\]/g
        )
      ].map(([, role, group]) => [role!, group!])
    )

  it('swap roles with every deployment, and the report says which serves which', async () => {
    const first = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('orders', { 'container-name': 'orders', image: `${ECR}/orders:5.0.0` })
    })
    expect(first.exitCode).toBe(0)
    const second = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('orders', { 'container-name': 'orders', image: `${ECR}/orders:5.0.1` })
    })
    expect(second.exitCode).toBe(0)
    const roles = [servedBy(first.summary), servedBy(second.summary)]
    expect(roles[1]).toEqual({ New: roles[0]!.Old, Old: roles[0]!.New })
    expect(new Set(Object.values(roles[0]!))).toEqual(new Set(['orders-blue', 'orders-green']))
  })

  it('name the target group involved when the load balancer fails the deployment', async () => {
    sim.setScenario({ elbFaults: { orders: 'target-group-not-associated' } })
    try {
      const run = await runAction({
        ecsUrl: sim.url,
        inputs: deployInputs('orders', {
          'container-name': 'orders',
          image: `${ECR}/orders:6.0.0`
        })
      })
      const { log } = failure(run)
      const green = /Target group (arn:\S+) is not associated/.exec(log)?.[1]
      expect(green).toMatch(new RegExp(`^${TARGET_GROUP}orders-(blue|green)/`))
      expect(log).toContain(
        `  Target group involved: ${green}, where the new revision's tasks register (the old revision's is ${TARGET_GROUP}`
      )
    } finally {
      sim.setScenario({ elbFaults: {} })
    }
  })
})
