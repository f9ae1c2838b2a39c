import { describe, expect, it } from '@jest/globals'
import type { ReleaseSet } from '../../../src/model/release-set.js'
import {
  releaseSetDocument,
  renderReleaseSetComment,
  renderReleaseSetSummary
} from '../../../src/report/render/release-set.js'
import { concludeReleaseSet } from '../../../src/verdict/release-set.js'
import { pausedRelease, pushRun } from '../fixtures.js'
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

  it('escapes names from users', () => {
    const set = pausedSet()
    set.name = '<img src=x> @team'
    const summary = renderReleaseSetSummary(set)
    expect(summary).toContain('Release &lt;img src=x> @\u2060team')
    expect(summary).not.toContain('<img')
  })
})
