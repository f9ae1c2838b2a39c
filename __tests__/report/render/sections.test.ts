import { describe, expect, it } from '@jest/globals'
import type { Release } from '../../../src/model/release.js'
import { MarkdownBuilder } from '../../../src/report/render/markdown.js'
import {
  containersTable,
  addFailure,
  headline,
  hooksTable,
  linksLine,
  overviewTable,
  taskDefinitionIntro,
  timelineTable
} from '../../../src/report/render/sections.js'
import {
  at,
  decodeEntities,
  html,
  pausedRelease,
  pushRun,
  rolledBackRelease,
  rowsOf,
  succeededRelease,
  tableHtml
} from '../fixtures.js'

const HOSTILE_IMAGE = 'evil|repo:<script>alert(1)</script>`x`](javascript:alert(1))'

describe('headline and links', () => {
  it('names service, cluster and outcome, escaping odd names', () => {
    expect(headline(succeededRelease(), 2)).toBe('## ✅ web on prod: succeeded')
    expect(html(headline(pausedRelease({ service: '<b>web</b>' }), 3))).toContain(
      '&lt;b&gt;web&lt;/b&gt;'
    )
  })

  it('names the run as GitHub does, by its workflow and run number', () => {
    expect(linksLine(pausedRelease({ github: pushRun({ runNumber: '17' }) }))).toContain(
      'Workflow run: [Deploy #17](https://github.com/octo/app/actions/runs/4242)'
    )
    expect(linksLine(pausedRelease())).toContain('[Deploy run 4242]')
  })

  it('links the ECS console and the workflow run', () => {
    const rendered = html(linksLine(pausedRelease()))
    expect(rendered).toContain(
      'href="https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/deployments/r9i43YFjvgF_xlg7m2eJ1r?region=eu-west-1"'
    )
    expect(rendered).toContain('href="https://github.com/octo/app/actions/runs/4242"')
  })
})

describe('overviewTable', () => {
  it('lists the known facts only, with the commit linked', () => {
    const table = overviewTable(succeededRelease())
    // Headed by the status: a table needs a header row, and an empty one shows as a band.
    expect(table.headers[0]).toBe('**Status**')
    const rows = rowsOf(table).map(row => decodeEntities(row[0] ?? ''))
    expect(rows).toEqual([
      '**Service**',
      '**Cluster**',
      '**Region**',
      '**Strategy**',
      '**Command**',
      '**Commit**',
      '**Deployment**',
      '**Started**',
      '**Finished**'
    ])
    expect(tableHtml(overviewTable(succeededRelease()))).toContain(
      `href="https://github.com/octo/app/commit/${'a'.repeat(40)}"`
    )
  })

  it('leaves out what the comment’s headline says when brief', () => {
    const rows = rowsOf(overviewTable(succeededRelease(), true)).map(row => row[0])
    expect(rows).not.toContain('**Service**')
    expect(rows).not.toContain('**Command**')
    expect(rows).toContain('**Commit**')
  })

  it('names the deployment a release replaced, and the one that replaced it', () => {
    const older =
      'arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/web/olderDeployment000001'
    const newer =
      'arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/web/newerDeployment000001'
    const rows = rowsOf(
      overviewTable(succeededRelease({ supersededDeploymentArn: older, supersededBy: newer }))
    ).map(row => row.map(decodeEntities))
    expect(rows).toContainEqual(['**Replaced deployment**', `<code>${older}</code>`])
    expect(rows).toContainEqual(['**Replaced by**', `<code>${newer}</code>`])
  })

  it('does not link a commit that is not a full SHA', () => {
    const rendered = tableHtml(overviewTable(pausedRelease({ commit: 'main](javascript:x)' })))
    expect(rendered).not.toContain('javascript:x)"')
    expect(decodeEntities(rendered)).toContain('<code>main](javascript:x)</code>')
  })
})

describe('addFailure', () => {
  const failure = (release: Release, maxDetails = 10): string => {
    const doc = new MarkdownBuilder(100_000)
    addFailure(doc, release, {
      heading: '### What happened',
      maxText: 1000,
      maxDetails,
      elsewhere: 'see the summary'
    })
    return doc.toString()
  }

  it('adds nothing when nothing went wrong', () => {
    expect(failure(succeededRelease())).toBe('')
  })

  it('gives the reason, what ECS said, what to check and the details, all escaped', () => {
    const release = rolledBackRelease({
      statusReason:
        '**Rolled back** <img src=x onerror=alert(1)> [docs](javascript:alert(1))\nsecond line',
      details: ['circuit breaker: 3/3 failed tasks', '# not a heading']
    })
    const rendered = html(failure(release))

    expect(rendered).toMatch(/^<h3>What happened<\/h3>/)
    expect(rendered).toContain('<strong>Why:</strong> ECS rolled the deployment back')
    expect(rendered).toContain(
      '**Rolled back** &lt;img src=x onerror=alert(1)&gt; [docs](javascript:alert(1))<br>second line'
    )
    expect(rendered).not.toMatch(/<img|<a |<h1/)
    expect(rendered).toContain('<li># not a heading</li>')
    expect(rendered).toContain(
      '<strong>What to check:</strong> Check the logs of the smoke-test Lambda function.'
    )
  })

  it('leaves out what ECS said when the reason already says it', () => {
    const statusReason = 'Service deployment rolled back because alarm(s) were triggered: p99.'
    const release = rolledBackRelease({
      reason: `ECS rolled the deployment back: ${statusReason}`,
      statusReason
    })
    expect(html(failure(release))).not.toContain('ECS says')
    const clause = rolledBackRelease({
      reason: `web (prod) could not roll back: ${statusReason.slice(0, -1)}; the rollback was started because: …`,
      statusReason
    })
    expect(html(failure(clause))).not.toContain('ECS says')
  })

  it('lists a bounded number of details and says where the rest are', () => {
    const release = rolledBackRelease({
      details: Array.from({ length: 30 }, (_, i) => `fact ${i}`)
    })
    const rendered = html(failure(release, 5))

    expect(rendered.match(/<li>/g)).toHaveLength(5)
    expect(rendered).toContain('25 more details not shown: see the summary.')
  })
})

describe('task definition', () => {
  it('shows old → new per container, and environment variables by name only', () => {
    const release = pausedRelease()
    const rendered = tableHtml(containersTable(release)!)

    expect(decodeEntities(taskDefinitionIntro(release) ?? '')).toBe(
      'Task definition <code>web:41</code> → <code>web:42</code>'
    )
    expect(decodeEntities(rendered)).toContain(
      '<code>FEATURE_FLAG</code>, <code>DATABASE_PASSWORD</code>'
    )
    expect(decodeEntities(rendered)).toContain(
      '<td><code title="123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.0.0">…/web:1.0.0</code> → <code title="123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.1.0">…/web:1.1.0</code></td>'
    )
    expect(rendered).toContain('<td><code>envoy:1.30</code> (unchanged)</td>')
  })

  it('keeps a hostile image name inside its cell, as text', () => {
    const release = pausedRelease()
    release.taskDefinition!.containers[0]!.image = HOSTILE_IMAGE
    const rendered = tableHtml(containersTable(release)!)
    const row = rendered.split('<tr>')[2] ?? ''

    expect(row.match(/<td>/g)).toHaveLength(3)
    expect(rendered).not.toMatch(/<script|<a /)
    // Shortened after what reads as a registry; the whole name stays in the title.
    expect(decodeEntities(row)).toContain(`title="${HOSTILE_IMAGE}"`)
  })

  it('keeps a hostile registry in the title of a shortened image', () => {
    const release = pausedRelease()
    release.taskDefinition!.containers[0]!.image = `evil.io"><script>x</script>/web:2`
    const rendered = tableHtml(containersTable(release)!)

    expect(rendered).not.toMatch(/<script/)
    expect(rendered).toContain('title="evil.io&#34;&#62;&#60;script&#62;x&#60;/script&#62;/web:2"')
  })
})

describe('timelineTable', () => {
  it('has one row per stage with time, offset, duration, traffic and tasks', () => {
    const rows = rowsOf(timelineTable(pausedRelease())).map(row => row.map(decodeEntities))

    expect(rows[1]).toEqual(['2', '<code>SCALE_UP</code>', '18:00:30 (+30s)', '2m30s', '—', '2/2'])
    expect(rows[3]).toEqual([
      '4',
      '<code>TEST_TRAFFIC_SHIFT</code>',
      '18:03:12 (+3m12s)',
      '48s',
      '100% / 0%',
      '—'
    ])
    expect(rows[4]?.[3]).toBe('ongoing')
  })

  it('names production steps, marks stages passed unseen and counts failed tasks', () => {
    const release = succeededRelease({
      strategy: 'CANARY',
      stages: [
        { stage: 'SCALE_UP', startedAt: at(0), endedAt: at(1), traffic: { failedTasks: 0 } },
        { stage: 'POST_SCALE_UP', startedAt: at(1), endedAt: at(1), unobserved: true },
        {
          stage: 'PRODUCTION_TRAFFIC_SHIFT',
          startedAt: at(1),
          endedAt: at(2),
          traffic: { targetProduction: 10, targetRunning: 1, targetRequested: 4, failedTasks: 3 }
        },
        {
          stage: 'PRODUCTION_TRAFFIC_SHIFT',
          startedAt: at(2),
          endedAt: at(3),
          traffic: { targetProduction: 100, failedTasks: 3 }
        }
      ]
    })
    const rows = rowsOf(timelineTable(release)).map(row => row.map(decodeEntities))

    expect(rows[1]).toEqual([
      '2',
      '<code>POST_SCALE_UP</code>',
      '*passed, not observed*',
      '—',
      '—',
      '—'
    ])
    expect(rows[2]?.[1]).toBe('<code>PRODUCTION_TRAFFIC_SHIFT</code> canary 10 %')
    expect(rows[2]?.[5]).toBe('1/4 · 3 failed')
    expect(rows[3]?.[1]).toBe('<code>PRODUCTION_TRAFFIC_SHIFT</code> → 100 %')
    expect(rows[3]?.[5]).toBe('—')
  })
})

describe('hooksTable', () => {
  it('shows the hook (a Lambda by its function), stage, status, and expiry while waiting', () => {
    const rows = rowsOf(hooksTable(pausedRelease())).map(row => row.map(decodeEntities))

    expect(rows[0]).toEqual([
      'Lambda <code title="arn:aws:lambda:eu-west-1:123456789012:function:smoke-test">smoke-test</code>',
      '<code>TEST_TRAFFIC_SHIFT</code>',
      '✅ SUCCEEDED',
      '—'
    ])
    expect(rows[1]).toEqual([
      'Pause',
      '<code>POST_TEST_TRAFFIC_SHIFT</code>',
      '⏸️ AWAITING_ACTION',
      '2026-11-26 18:00:00 UTC, then ROLLBACK'
    ])
  })

  it('shows an ARN with _ and * literally, without emphasis', () => {
    const release = pausedRelease()
    release.hooks[0]!.targetArn = 'arn:aws:lambda:eu-west-1:1:function:_my*hook*_'
    const rendered = tableHtml(hooksTable(release)!)

    expect(rendered).not.toMatch(/<em>|<strong>/)
    expect(decodeEntities(rendered)).toContain('>_my*hook*_</code>')
  })
})
