import { describe, expect, it } from '@jest/globals'
import { COMMENT_LIMIT, commentMarker, renderComment } from '../../../src/report/render/comment.js'
import { readSnapshot } from '../../../src/report/render/snapshot.js'
import {
  html,
  hugeRelease,
  pausedRelease,
  rolledBackRelease,
  succeededRelease
} from '../fixtures.js'

const MARKER =
  /^<!-- ecs-bluegreen-action:release cluster=[A-Za-z0-9_.:/%]+ service=[A-Za-z0-9_.:/%]+ -->$/

describe('commentMarker', () => {
  it('names cluster and service in a hidden first line', () => {
    expect(commentMarker(pausedRelease())).toBe(
      '<!-- ecs-bluegreen-action:release cluster=prod service=web -->'
    )
    expect(renderComment(pausedRelease()).split('\n')[0]).toBe(commentMarker(pausedRelease()))
  })

  it('cannot be broken or made to match another service by odd names', () => {
    const odd = ['web --> <script>', 'web service=api', 'web\n-->', 'wéb', 'a--b']
    const markers = odd.map(service => commentMarker(pausedRelease({ service })))

    for (const marker of markers) expect(marker).toMatch(MARKER)
    expect(new Set(markers).size).toBe(odd.length)
    expect(markers).not.toContain(commentMarker(pausedRelease({ service: 'web' })))
    expect(commentMarker(pausedRelease({ service: 'web service=api' }))).not.toContain(
      'service=api'
    )
  })

  it('is the same for a service given by name or by ARN', () => {
    const byArn = pausedRelease({ service: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web' })
    expect(commentMarker(byArn)).toBe(commentMarker(pausedRelease()))
  })
})

describe('renderComment', () => {
  it('shows a paused release with how to promote or roll back it', () => {
    const rendered = html(renderComment(pausedRelease()))

    expect(rendered).toContain('<h3>⏸️ web on prod: awaiting promotion</h3>')
    expect(rendered).toContain('⏸️ <strong>Awaiting approval</strong>')
    expect(rendered).toContain(
      'gh workflow run deploy.yml --repo octo/app --ref main -f command=promote -f service=web -f cluster=prod'
    )
    expect(rendered).toContain('href="https://github.com/octo/app/actions/workflows/deploy.yml"')
    expect(rendered).toContain('<h4>Timeline</h4>')
    expect(rendered).toContain('href="https://github.com/octo/app/actions/runs/4242"')
  })

  it('keeps the timeline and hooks one click away, below the call to action', () => {
    const body = renderComment(pausedRelease())
    const rendered = html(body)

    expect(rendered).toContain('<details><summary>Timeline: 5 stages, 2 lifecycle hooks</summary>')
    expect(rendered.indexOf('command=promote')).toBeLessThan(rendered.indexOf('<details>'))
    expect(rendered.indexOf('<details>')).toBeLessThan(rendered.indexOf('<h4>Timeline</h4>'))
    expect(rendered.split('<details>').length).toBe(rendered.split('</details>').length)
  })

  it('reads well as raw Markdown, where GitHub does not render it', () => {
    const release = pausedRelease({
      statusReason:
        'Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT pause hook timed out.',
      outcome: 'rolled-back',
      reason: 'ECS rolled the deployment back: the pause at POST_TEST_TRAFFIC_SHIFT timed out.'
    })
    const body = renderComment(release)

    // No character references where a reader of the raw text expects plain characters.
    expect(body.split('<!-- ecs-bluegreen-action:snapshot')[0]).not.toMatch(/&#\d+;/)
    expect(body).toContain(
      '**Why:** ECS rolled the deployment back: the pause at POST_TEST_TRAFFIC_SHIFT timed out.'
    )
    expect(body).toContain(
      '<code title="123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.1.0">…/web:1.1.0</code>'
    )
    expect(body).toContain(
      '| 4 | <code>TEST_TRAFFIC_SHIFT</code> | 18:03:12 (+3m12s) | 48s | 100% / 0% | — |'
    )
  })

  it('keeps the snapshot hidden and readable by a later run', () => {
    const body = renderComment(pausedRelease())

    expect(html(body)).not.toMatch(/ecs-bluegreen-action:snapshot[^>]*$/m)
    expect(readSnapshot(body, pausedRelease())?.stages).toHaveLength(5)
  })

  it('follows the release to its end', () => {
    expect(html(renderComment(succeededRelease()))).toContain('<h3>✅ web on prod: succeeded</h3>')
    const rolledBack = html(renderComment(rolledBackRelease()))
    expect(rolledBack).toContain('<h3>↩️ web on prod: rolled back</h3>')
    expect(rolledBack).toContain('<strong>Why:</strong> ECS rolled the deployment back')
    expect(rolledBack).not.toContain('command=promote')
  })

  it('does not change when nothing visible did, so polls need no update', () => {
    const release = pausedRelease()
    expect(renderComment({ ...release, updatedAt: new Date() })).toBe(renderComment(release))
  })

  it('stays under GitHub’s 65 536-character limit whatever ECS returns', () => {
    const body = renderComment(hugeRelease())
    const rendered = html(body)

    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.split('\n')[0]).toMatch(MARKER)
    expect(readSnapshot(body, hugeRelease())).toBeDefined()
    expect(rendered).not.toMatch(/<b>/)
    expect(rendered.split('<table>').length).toBe(rendered.split('</table>').length)
  })
})
