import { describe, expect, it } from '@jest/globals'
import {
  dispatchCommand,
  promotionBlock,
  workflowTarget
} from '../../../src/report/render/promotion.js'
import {
  DEPLOYMENT_ARN,
  decodeEntities,
  html,
  pausedRelease,
  pullRequestRun,
  pushRun,
  succeededRelease
} from '../fixtures.js'

describe('workflowTarget', () => {
  it('reads the workflow file and the branch or tag from GITHUB_WORKFLOW_REF', () => {
    expect(workflowTarget('octo/app/.github/workflows/deploy.yml@refs/heads/release/v2')).toEqual({
      path: '.github/workflows/deploy.yml',
      file: 'deploy.yml',
      ref: 'release/v2'
    })
    expect(workflowTarget('octo/app/.github/workflows/ci.yaml@refs/tags/v1.0.0')?.ref).toBe(
      'v1.0.0'
    )
  })

  it('leaves out pull request refs, which cannot be dispatched', () => {
    expect(workflowTarget('octo/app/.github/workflows/deploy.yml@refs/pull/7/merge')).toEqual({
      path: '.github/workflows/deploy.yml',
      file: 'deploy.yml',
      ref: undefined
    })
  })

  it('gives nothing for a missing or unexpected value', () => {
    expect(workflowTarget(undefined)).toBeUndefined()
    expect(workflowTarget('deploy.yml')).toBeUndefined()
  })
})

describe('dispatchCommand', () => {
  it('is the exact gh command that promotes or rolls back this deployment', () => {
    expect(dispatchCommand(pausedRelease(), 'promote')).toBe(
      `gh workflow run deploy.yml --repo octo/app --ref main -f command=promote -f service=web -f cluster=prod -f deployment-arn=${DEPLOYMENT_ARN}`
    )
    expect(dispatchCommand(pausedRelease({ github: pullRequestRun() }), 'rollback')).toBe(
      `gh workflow run deploy.yml --repo octo/app -f command=rollback -f service=web -f cluster=prod -f deployment-arn=${DEPLOYMENT_ARN}`
    )
  })

  it('quotes values for the shell and names a placeholder when the workflow is unknown', () => {
    const release = pausedRelease({
      service: "web'; rm -rf ~; '",
      deploymentArn: undefined,
      github: pushRun({ workflowRef: undefined })
    })
    expect(dispatchCommand(release, 'promote')).toBe(
      `gh workflow run WORKFLOW_FILE --repo octo/app -f command=promote -f service='web'\\''; rm -rf ~; '\\''' -f cluster=prod`
    )
  })
})

describe('promotionBlock', () => {
  it('is only shown while the release is paused', () => {
    expect(promotionBlock(succeededRelease(), 3)).toBeUndefined()
  })

  it('gives both commands, the expiry and the way through the GitHub UI', () => {
    const rendered = html(promotionBlock(pausedRelease(), 3) ?? '')
    const blocks = [
      ...rendered.matchAll(/<pre><code class="language-sh">([^<]*)<\/code><\/pre>/g)
    ].map(m => decodeEntities(m[1] ?? '').trim())

    expect(blocks).toEqual([
      dispatchCommand(pausedRelease(), 'promote'),
      dispatchCommand(pausedRelease(), 'rollback')
    ])
    expect(decodeEntities(rendered)).toContain(
      'paused at <code>POST_TEST_TRAFFIC_SHIFT</code> until 2026-11-26 18:00:00 UTC; then ECS will <strong>roll back</strong>'
    )
    expect(rendered).toContain(
      '<strong>Actions</strong> → <a href="https://github.com/octo/app/actions/workflows/deploy.yml">deploy.yml</a> → <strong>Run workflow</strong>'
    )
  })

  it('keeps hostile names out of the Markdown', () => {
    const rendered = html(
      promotionBlock(pausedRelease({ service: '<img src=x>`', cluster: '**x**' }), 3) ?? ''
    )
    expect(rendered).not.toMatch(/<img|<strong>x<\/strong>/)
  })
})
