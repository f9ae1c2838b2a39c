import { describe, expect, it } from '@jest/globals'
import { JOB_SUMMARY_LIMIT, renderJobSummary } from '../../../src/report/render/job-summary.js'
import { byteLength } from '../../../src/report/render/markdown.js'
import {
  decodeEntities,
  html,
  hugeRelease,
  pausedRelease,
  rolledBackRelease,
  succeededRelease
} from '../fixtures.js'

describe('renderJobSummary', () => {
  it('renders a release as GFM with its timeline table, links and gantt chart', () => {
    const rendered = html(renderJobSummary(succeededRelease()))
    const timeline = rendered.slice(rendered.indexOf('<h3>Timeline</h3>'))
    const table = timeline.slice(0, timeline.indexOf('</table>'))

    expect(rendered).toMatch(/^<h2>✅ web on prod: succeeded<\/h2>/)
    expect(table).toContain('<th>Stage</th>')
    expect(table.match(/<tr>/g)).toHaveLength(9)
    expect(decodeEntities(table)).toContain(
      '<td><code>PRODUCTION_TRAFFIC_SHIFT</code> → 100 %</td>'
    )
    expect(rendered).toContain('href="https://github.com/octo/app/actions/runs/4242"')
    expect(rendered).toContain(
      'href="https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/deployments/r9i43YFjvgF_xlg7m2eJ1r?region=eu-west-1"'
    )
    expect(rendered).toMatch(/<pre><code class="language-mermaid">gantt\n/)
    expect(rendered).toContain('<h3>Lifecycle hooks</h3>')
    expect(rendered).toContain('<h3>Task definition</h3>')
  })

  it('says what happened and what to check when a release rolled back', () => {
    const rendered = decodeEntities(html(renderJobSummary(rolledBackRelease())))

    expect(rendered).toContain('<h2>↩️ web on prod: rolled back</h2>')
    expect(rendered).toContain('<h3>What happened</h3>')
    expect(rendered).toContain(
      '<strong>What to check:</strong> Check the logs of the smoke-test Lambda function.'
    )
  })

  it('tells a reader of a paused release how to promote it', () => {
    const rendered = html(renderJobSummary(pausedRelease()))

    expect(rendered).toContain('<h3>⏸️ Awaiting promotion</h3>')
    expect(rendered).toContain('-f command=promote')
    expect(rendered).toContain('-f command=rollback')
  })

  it('stays under the 1 MiB step summary limit whatever ECS returns, and says what it left out', () => {
    const markdown = renderJobSummary(hugeRelease())
    const rendered = html(markdown)

    expect(byteLength(markdown)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT)
    expect(markdown).toMatch(/left out to stay within GitHub’s size limit/)
    expect(rendered).not.toMatch(/<b>|<em>|<strong>x/)
    expect(rendered.split('<table>').length).toBe(rendered.split('</table>').length)
  })

  it('notes a release that saw no stage', () => {
    expect(renderJobSummary(pausedRelease({ stages: [] }))).toContain(
      'No lifecycle stage was seen.'
    )
  })
})
