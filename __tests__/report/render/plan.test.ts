import { describe, expect, it } from '@jest/globals'
import { newRelease, type Release } from '../../../src/model/release.js'
import {
  checkRunExternalId,
  checkRunName,
  renderCheckRun
} from '../../../src/report/render/check-run.js'
import { commentMarker, renderComment } from '../../../src/report/render/comment.js'
import { renderJobSummary } from '../../../src/report/render/job-summary.js'
import { planHeadline, planTitle } from '../../../src/report/render/plan.js'
import {
  at,
  html as toHtml,
  plannedRelease,
  pullRequestRun,
  succeededRelease,
  withOverrides
} from '../fixtures.js'

/** The rendered HTML on one line, so a table row reads as one string. */
const html = (markdown: string): string => toHtml(markdown).replace(/\n/g, '')

const refusedPlan = (): Release =>
  withOverrides(
    newRelease(
      { command: 'plan', cluster: 'prod', service: 'web', github: pullRequestRun() },
      at(0)
    ),
    { outcome: 'failed', reason: "Input 'bake-time': <b>is</b> needed" }
  )

describe('the plan report', () => {
  it('passes its check run when deploy would go ahead, with what it would send', () => {
    const payload = renderCheckRun(plannedRelease())
    expect(payload).toMatchObject({
      name: 'ecs-bluegreen plan / prod/web',
      status: 'completed',
      conclusion: 'success',
      output: {
        title:
          'deploy would go ahead: BLUE_GREEN, 1 service settings changed, at least 10 minutes (bake time 10 min)'
      }
    })
    const shown = html(payload.output.summary)
    expect(shown).toContain(
      'Deploy would register a new revision from <code>.aws/task-definition.json</code>.'
    )
    expect(shown).toContain('Task definition <code>web:7</code> → a new revision')
    expect(shown).toContain(
      '<td>Bake time</td><td>5 min</td><td>10 min</td><td><code>bake-time</code></td>'
    )
    expect(shown).toContain(
      '<td><code>memory</code></td><td><code>512</code></td><td><code>1024</code></td>'
    )
    expect(shown).toContain(
      '<td><code>volumes</code></td><td><em>changed</em></td><td><em>changed</em></td>'
    )
    expect(shown).toContain('Service web pauses at POST_TEST_TRAFFIC_SHIFT')
  })

  it('fails its check run with the reason, escaped, when deploy would be refused', () => {
    const release = refusedPlan()
    const payload = renderCheckRun(release)
    expect(payload.conclusion).toBe('failure')
    expect(planTitle(release)).toBe("deploy would be refused: Input 'bake-time': <b>is</b> needed")
    expect(payload.output.summary).not.toContain('<b>is</b>')
    expect(planHeadline(release, 3)).toBe('### ❌ Plan for web on prod: deploy would be refused')
  })

  it('has a comment and a check run of its own, apart from the release of the same service', () => {
    const plan = plannedRelease()
    const deploy = succeededRelease({ cluster: 'prod', service: 'web' })
    expect(commentMarker(plan)).not.toBe(commentMarker(deploy))
    expect(checkRunName(plan, undefined)).not.toBe(checkRunName(deploy, undefined))
    expect(checkRunExternalId(plan)).not.toBe(checkRunExternalId(deploy))
    expect(renderComment(plan)).toMatch(
      /^<!-- ecs-bluegreen-action:plan cluster=prod service=web -->\n\n### 📋 Plan for web on prod: deploy would go ahead/
    )
  })

  it('says when deploy would change only the task definition', () => {
    const summary = renderJobSummary(plannedRelease({ settingChanges: [] }))
    expect(summary).toContain('Service settings: none would change; only the task definition.')
  })
})

describe('settings a release changed, in its own reports', () => {
  it('are a before → after table in the job summary and the comment', () => {
    const release = succeededRelease({
      settingChanges: [
        {
          setting: 'Pauses',
          before: 'POST_SCALE_UP (60 min, then ROLLBACK)',
          after: '—',
          input: 'pause-at'
        }
      ]
    })
    for (const report of [renderJobSummary(release), renderComment(release)]) {
      expect(html(report)).toContain(
        '<td>Pauses</td><td>POST_SCALE_UP (60 min, then ROLLBACK)</td><td>—</td><td><code>pause-at</code></td>'
      )
    }
  })

  it('leaves the comment without a settings line when only the task definition changed', () => {
    const release = succeededRelease({ settingChanges: [] })
    expect(renderComment(release)).not.toContain('Service settings')
    expect(renderJobSummary(release)).toContain(
      'Service settings: none changed; only the task definition.'
    )
  })
})
