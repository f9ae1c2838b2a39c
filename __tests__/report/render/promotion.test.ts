import { describe, expect, it } from '@jest/globals'
import type { DispatchTarget } from '../../../src/model/release.js'
import {
  dispatchCommand,
  promotionBlock,
  promotionLines
} from '../../../src/report/render/promotion.js'
import {
  DEPLOY_DISPATCH,
  DEPLOYMENT_ARN,
  decodeEntities,
  html,
  pausedRelease,
  pushRun,
  succeededRelease
} from '../fixtures.js'

const CONTROL: DispatchTarget = {
  file: 'release-control.yml',
  inputs: ['service', 'cluster', 'deployment-arn'],
  commands: ['promote', 'rollback']
}

/** The shell commands of a rendered block, as a reader copies them. */
function commands(markdown: string | undefined): string[] {
  const rendered = html(markdown ?? '')
  return [...rendered.matchAll(/<pre><code class="language-sh">([^<]*)<\/code><\/pre>/g)].map(m =>
    decodeEntities(m[1] ?? '').trim()
  )
}

describe('dispatchCommand', () => {
  it('is the exact gh command that promotes or rolls back this deployment', () => {
    expect(dispatchCommand(pausedRelease(), DEPLOY_DISPATCH, 'promote')).toBe(
      `gh workflow run deploy.yml --repo octo/app --ref main -f command=promote -f service=web -f cluster=prod -f deployment-arn=${DEPLOYMENT_ARN}`
    )
    expect(dispatchCommand(pausedRelease(), CONTROL, 'rollback')).toBe(
      `gh workflow run release-control.yml --repo octo/app -f command=rollback -f service=web -f cluster=prod -f deployment-arn=${DEPLOYMENT_ARN}`
    )
  })

  it('passes only the inputs the workflow declares, quoted for the shell', () => {
    const release = pausedRelease({ service: "web'; rm -rf ~; '", deploymentArn: undefined })
    expect(
      dispatchCommand(release, { ...CONTROL, inputs: ['service', 'deployment-arn'] }, 'promote')
    ).toBe(
      `gh workflow run release-control.yml --repo octo/app -f command=promote -f service='web'\\''; rm -rf ~; '\\'''`
    )
  })
})

describe('promotionBlock', () => {
  it('is only shown while the release is paused', () => {
    expect(promotionBlock(succeededRelease(), 3)).toBeUndefined()
  })

  it('gives both commands of a dispatchable workflow, the expiry and the way through the GitHub UI', () => {
    const block = promotionBlock(pausedRelease(), 3)
    const rendered = decodeEntities(html(block ?? ''))

    expect(commands(block)).toEqual([
      dispatchCommand(pausedRelease(), DEPLOY_DISPATCH, 'promote'),
      dispatchCommand(pausedRelease(), DEPLOY_DISPATCH, 'rollback')
    ])
    expect(rendered).toContain(
      'paused at <code>POST_TEST_TRAFFIC_SHIFT</code> until 2026-11-26 18:00:00 UTC; then ECS will <strong>roll back</strong>'
    )
    expect(rendered).toContain(
      '<strong>Actions</strong> → <a href="https://github.com/octo/app/actions/workflows/deploy.yml">deploy.yml</a> → <strong>Run workflow</strong> (branch <code>main</code>)'
    )
  })

  it('offers only what the workflow’s command input offers', () => {
    const block = promotionBlock(
      pausedRelease({ promotion: { dispatch: { ...CONTROL, commands: ['rollback'] } } }),
      3
    )
    expect(commands(block)).toEqual([dispatchCommand(pausedRelease(), CONTROL, 'rollback')])
  })

  it('sends people to the pending approval of this run when a job of it promotes', () => {
    const release = pausedRelease({
      github: pushRun({ runNumber: '87' }),
      promotion: { approval: { environment: 'production' } }
    })
    const rendered = decodeEntities(html(promotionBlock(release, 3) ?? ''))

    expect(rendered).toContain(
      '<strong>Promote:</strong> approve the pending deployment to <code>production</code> in <a href="https://github.com/octo/app/actions/runs/4242">run #87</a>'
    )
    expect(rendered).toContain(
      'Rejecting it leaves the deployment paused until 2026-11-26 18:00:00 UTC; then ECS will <strong>roll back</strong>.'
    )
    expect(commands(promotionBlock(release, 3))).toEqual([])
  })

  it('with an approval pending, offers the control workflow for rolling back only', () => {
    const release = pausedRelease({
      promotion: { approval: { environment: 'production' }, dispatch: CONTROL }
    })
    const block = promotionBlock(release, 3)

    expect(commands(block)).toEqual([dispatchCommand(release, CONTROL, 'rollback')])
    expect(decodeEntities(html(block ?? ''))).toContain(
      '<strong>Roll back</strong> (then reject the pending deployment):'
    )
  })

  it('prints no command when no workflow can take one, and says what would', () => {
    const block = promotionBlock(pausedRelease({ promotion: {} }), 3)
    const rendered = decodeEntities(html(block ?? ''))

    expect(commands(block)).toEqual([])
    expect(rendered).not.toContain('gh workflow run')
    expect(rendered).toContain(
      `Run this action with <code>command: promote</code> (or <code>rollback</code>) and <code>deployment-arn</code> <code>${DEPLOYMENT_ARN}</code>`
    )
    expect(rendered).toContain('<code>control-workflow</code> input')
  })

  it('keeps hostile names out of the Markdown', () => {
    const rendered = html(
      promotionBlock(pausedRelease({ service: '<img src=x>`', cluster: '**x**' }), 3) ?? ''
    )
    expect(rendered).not.toMatch(/<img|<strong>x<\/strong>/)
  })
})

describe('promotionLines', () => {
  it('for one of several services, points to promote with the same services, not its deployment', () => {
    const services = '[{"service":"web","cluster":"prod"},{"service":"orders","cluster":"prod"}]'
    expect(promotionLines(pausedRelease({ promotion: { services } }))).toEqual([
      `Run this action with command: promote (or rollback) and the same services: ${services} ` +
        'from a workflow with a workflow_dispatch trigger; name it in control-workflow to see its command here.'
    ])
    const lines = promotionLines(
      pausedRelease({ promotion: { dispatch: { ...CONTROL, inputs: ['services'] }, services } })
    )
    expect(lines).toEqual([
      `Promote: gh workflow run release-control.yml --repo octo/app -f command=promote -f services='${services}'`,
      `Roll back: gh workflow run release-control.yml --repo octo/app -f command=rollback -f services='${services}'`
    ])
  })

  it('says the same in the log', () => {
    expect(promotionLines(pausedRelease())).toEqual([
      `Promote: ${dispatchCommand(pausedRelease(), DEPLOY_DISPATCH, 'promote')}`,
      `Roll back: ${dispatchCommand(pausedRelease(), DEPLOY_DISPATCH, 'rollback')}`
    ])
    const approval = pausedRelease({
      github: pushRun({ runNumber: '87' }),
      promotion: { approval: { environment: 'production' }, dispatch: CONTROL }
    })
    expect(promotionLines(approval)).toEqual([
      'Promote: approve the pending deployment to production in run #87 (https://github.com/octo/app/actions/runs/4242).',
      `Roll back: ${dispatchCommand(approval, CONTROL, 'rollback')}`
    ])
    expect(promotionLines(pausedRelease({ promotion: undefined }))).toEqual([
      `Run this action with command: promote (or rollback) and deployment-arn: ${DEPLOYMENT_ARN} from a workflow with a workflow_dispatch trigger; name it in control-workflow to see its command here.`
    ])
  })
})
