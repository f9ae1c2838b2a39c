import { describe, expect, it } from '@jest/globals'
import type { ReleaseSet } from '../../../src/model/release-set.js'
import {
  releaseSetDocument,
  renderReleaseSetComment,
  renderReleaseSetSummary
} from '../../../src/report/render/release-set.js'
import { concludeReleaseSet } from '../../../src/verdict/release-set.js'
import {
  pausedRelease,
  plannedRelease,
  pullRequestRun,
  pushRun,
  withOverrides
} from '../fixtures.js'
import { readSnapshot } from '../../../src/report/render/snapshot.js'
import { COMMENT_LIMIT } from '../../../src/report/render/comment.js'
import { byteLength } from '../../../src/report/render/markdown.js'

const ROUTE = (host: string) => ({
  header: 'x-canary',
  value: 'green',
  endpoints: [`http://${host}.shop.local:80/`]
})

function pausedSet(): ReleaseSet {
  const set: ReleaseSet = {
    name: 'gateway → orders',
    command: 'deploy',
    github: pushRun(),
    startedAt: new Date('2026-11-25T12:00:00Z'),
    members: [
      pausedRelease({ service: 'gateway', testTraffic: ROUTE('gateway') }),
      pausedRelease({ service: 'orders', testTraffic: ROUTE('orders') })
    ]
  }
  concludeReleaseSet(set, { kind: 'members' })
  return set
}

describe('the report of a release of several services', () => {
  it('shows a row per service and, while all are paused, how to test the chain from the entry', () => {
    const comment = renderReleaseSetComment(pausedSet())
    expect(comment).toContain('### ⏸️ Release gateway → orders: awaiting promotion')
    expect(comment).toContain("curl -H 'x-canary: green' http://gateway.shop.local:80/")
    expect(comment).not.toContain('orders.shop.local')
    expect(comment).toMatch(
      /\| 1 \(entry\) \| gateway on prod \| ⏸️ awaiting promotion \| POST_TEST_TRAFFIC_SHIFT \|/
    )
    expect(comment).toMatch(
      /\| 2 \| orders on prod \| .* \| test 100%, production 0% \| awaiting <code>/
    )
  })

  it('gives the workflow_dispatch commands that promote or roll back the whole release by its services', () => {
    const set = pausedSet()
    const services =
      '[{"service":"gateway","cluster":"prod"},{"service":"orders","cluster":"prod"}]'
    const control = {
      file: 'release-control.yml',
      inputs: ['cluster', 'services'],
      commands: ['promote' as const, 'rollback' as const]
    }
    for (const member of set.members) member.promotion = { dispatch: control, services }
    const comment = renderReleaseSetComment(set)
    for (const command of ['promote', 'rollback']) {
      expect(comment).toContain(
        `gh workflow run release-control.yml --repo octo/app -f command=${command} -f services='${services}'`
      )
    }
    expect(comment).not.toContain('deployment-arn')
    expect(comment).toContain('from the deepest callee to the entry service')
  })

  it('without a workflow that takes services, says to promote with the same services', () => {
    const set = pausedSet()
    for (const member of set.members) member.promotion = { services: '[]' }
    const comment = renderReleaseSetComment(set)
    expect(comment).toContain('and the same <code>services</code> from a workflow')
    expect(comment).not.toContain('gh workflow run')
  })

  it('carries each service’s timeline for the run that continues the release, within the limits', () => {
    const set = pausedSet()
    const texts = [renderReleaseSetComment(set), releaseSetDocument(set).checkRun().output.text]
    for (const text of texts) {
      for (const member of set.members) {
        expect(readSnapshot(text, member)?.stages.map(stage => stage.stage)).toEqual(
          member.stages.map(stage => stage.stage)
        )
      }
    }
    set.members = Array.from({ length: 20 }, (_, index) =>
      pausedRelease({ service: `service-${index}` })
    )
    expect(byteLength(renderReleaseSetComment(set))).toBeLessThanOrEqual(COMMENT_LIMIT)
  })

  it('names the service whose failure rolled the others back', () => {
    const set = pausedSet()
    set.members = [
      pausedRelease({
        service: 'gateway',
        outcome: 'rolled-back',
        reason: 'rolled back with the release'
      }),
      pausedRelease({
        service: 'orders',
        outcome: 'rolled-back',
        reason: 'ECS rolled the deployment back: alarm orders-5xx'
      })
    ]
    set.failedMember = set.members[1]
    concludeReleaseSet(set, { kind: 'members' })
    const document = releaseSetDocument(set)
    expect(document.checkRunState()).toEqual({ status: 'completed', conclusion: 'failure' })
    expect(document.checkRunName).toBe('ecs-bluegreen / gateway → orders')
    expect(document.comment()).toContain(
      '**What happened:** orders (prod): ECS rolled the deployment back: alarm orders-5xx Every other service of the release was rolled back (gateway (prod)).'
    )
    expect(document.comment()).not.toContain('Test the chain')
  })

  /** A plan of gateway → orders; `orders` as given. */
  function plannedSet(orders = plannedRelease({ service: 'orders' })): ReleaseSet {
    const set: ReleaseSet = {
      name: 'gateway → orders',
      command: 'plan',
      github: pullRequestRun(),
      startedAt: new Date('2026-11-25T12:00:00Z'),
      members: [plannedRelease({ service: 'gateway' }), orders]
    }
    concludeReleaseSet(set, { kind: 'members' })
    return set
  }

  it('reports a plan in a check run and a comment of its own, a row per service', () => {
    const set = plannedSet()
    const document = releaseSetDocument(set)
    expect(document.checkRunName).toBe('ecs-bluegreen plan / gateway → orders')
    expect(document.checkRunExternalId).toBe(
      'ecs-bluegreen-action plan release=gateway%20%E2%86%92%20orders'
    )
    expect(document.commentMarker).toBe(
      '<!-- ecs-bluegreen-action:plan-set name=gateway%20%E2%86%92%20orders -->'
    )
    expect(document.checkRunState()).toEqual({ status: 'completed', conclusion: 'success' })
    expect(document.checkRun().output.title).toBe('deploy would go ahead: 2 services')
    const comment = document.comment()
    expect(comment).toContain('### 📋 Plan for release gateway → orders: deploy would go ahead')
    expect(comment).toContain(
      '| 2 | orders on prod | deploy would go ahead: BLUE_GREEN, 1 service settings changed, at least 10 minutes (bake time 10 min) |'
    )
    expect(comment).not.toContain('ecs-bluegreen-action:snapshot')
    // The job summary has each service's own plan.
    expect(renderReleaseSetSummary(set)).toContain('web:1.0.0')
  })

  it('fails a plan when deploy would refuse one service, naming it', () => {
    const refused = withOverrides(plannedRelease({ service: 'orders' }), {
      outcome: 'failed',
      reason: "Service 'orders' was not found in cluster 'prod'."
    })
    const document = releaseSetDocument(plannedSet(refused))
    expect(document.checkRunState()).toEqual({ status: 'completed', conclusion: 'failure' })
    expect(document.checkRun().output.title).toBe(
      "deploy would be refused: orders (prod): Service 'orders' was not found in cluster 'prod'."
    )
    expect(document.comment()).toContain(
      '### ❌ Plan for release gateway → orders: deploy would be refused'
    )
    expect(document.comment()).toContain(
      "**Why deploy would be refused:** orders (prod): Service 'orders' was not found in cluster 'prod'."
    )
    expect(document.comment()).toContain(
      "| 2 | orders on prod | deploy would be refused: Service 'orders' was not found in cluster 'prod'. |"
    )
  })

  it('escapes names from users', () => {
    const set = pausedSet()
    set.name = '<img src=x> @team'
    const summary = renderReleaseSetSummary(set)
    expect(summary).toContain('Release &lt;img src=x> @\u2060team')
    expect(summary).not.toContain('<img')
  })
})
