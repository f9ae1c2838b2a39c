import { describe, expect, it } from '@jest/globals'
import type { FailureEvidence } from '../../../src/model/evidence.js'
import type { Release } from '../../../src/model/release.js'
import { addFailureEvidence } from '../../../src/report/render/failure-evidence.js'
import { MarkdownBuilder } from '../../../src/report/render/markdown.js'
import { decodeEntities, html, rolledBackRelease } from '../fixtures.js'

const TASK = 'arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef0123456789abcdef'
const LINES = [
  'Starting web 2.0.0',
  'Error: DATABASE_URL is not set',
  '    at main (/app/server.js:8:18)'
]

function evidence(overrides: Partial<FailureEvidence> = {}): FailureEvidence {
  return {
    taskGroups: [
      {
        summary:
          '4 tasks stopped: EssentialContainerExited: Essential container in task exited; container app: exit 1',
        count: 4,
        tasks: [
          {
            taskArn: TASK,
            containers: [
              {
                container: 'app',
                destination: {
                  driver: 'awslogs',
                  region: 'eu-west-1',
                  group: '/ecs/web',
                  stream: 'ecs/app/0123456789abcdef0123456789abcdef'
                },
                lines: LINES
              },
              {
                container: 'log-router',
                destination: { driver: 'awsfirelens', where: 'FireLens output datadog' },
                note: 'Not read: its awsfirelens logs go to FireLens output datadog.'
              }
            ]
          }
        ]
      }
    ],
    ...overrides
  }
}

function withEvidence(found: FailureEvidence | undefined): Release {
  const release = rolledBackRelease()
  return { ...release, verdict: { ...release.verdict!, evidence: found } }
}

function render(release: Release, maxLines?: number): string {
  const doc = new MarkdownBuilder(100_000)
  addFailureEvidence(doc, release, maxLines)
  return doc.toString()
}

describe('addFailureEvidence', () => {
  it('adds nothing when the diagnosis read no tasks', () => {
    expect(render(withEvidence(undefined))).toBe('')
  })

  it('collapses each group under its summary, with the tasks, streams and last lines linked', () => {
    const markdown = render(withEvidence(evidence()))
    expect(
      markdown.startsWith('<details>\n<summary>Logs of the stopped tasks: 4 tasks stopped: ')
    ).toBe(true)
    const rendered = html(markdown)
    expect(rendered).toContain(
      'href="https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/tasks/0123456789abcdef0123456789abcdef/configuration?region=eu-west-1"'
    )
    expect(rendered).toContain(
      'href="https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/ecs$252Fapp$252F0123456789abcdef0123456789abcdef"'
    )
    expect(decodeEntities(rendered)).toContain(
      'container <code>app</code> · last 3 lines of <a href="https://eu-west-1.console.aws.amazon.com/cloudwatch/'
    )
    expect(decodeEntities(rendered)).toContain(
      '>/ecs/web › ecs/app/0123456789abcdef0123456789abcdef</a>'
    )
    expect(rendered).toContain(
      '<pre><code class="language-text">Starting web 2.0.0\nError: DATABASE_URL is not set\n    at main (/app/server.js:8:18)\n</code></pre>'
    )
    expect(decodeEntities(rendered)).toContain(
      'Not read: its awsfirelens logs go to FireLens output datadog.'
    )
    expect(rendered).toContain('3 more tasks stopped this way.')
    expect(rendered.trimEnd().endsWith('</ul>')).toBe(true)
  })

  it('shows log lines as text: no markup, no fence that closes early, no hidden characters, clipped', () => {
    const hostile = [
      '<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) @octocat',
      '```',
      '</details><script>alert(1)</script>',
      'bidi \u202Eevil\u202C end',
      'x'.repeat(5000)
    ]
    const found = evidence()
    found.taskGroups[0]!.tasks[0]!.containers[0]!.lines = hostile
    const rendered = html(render(withEvidence(found)))
    expect(rendered).not.toMatch(/<img|<script|<a href="javascript|<strong>bold/)
    expect(rendered).toContain('&lt;/details&gt;&lt;script&gt;')
    expect(rendered).not.toContain('\u202E')
    expect(rendered).toContain(`${'x'.repeat(299)}…`)
    expect(rendered).not.toContain('x'.repeat(300))
    // The whole block stays one code block, the backtick line inside it.
    expect(rendered.match(/<pre>/g)).toHaveLength(1)
  })

  it('keeps only the last lines a channel asks for', () => {
    const rendered = html(render(withEvidence(evidence()), 1))
    expect(rendered).toContain('last 1 line of')
    expect(rendered).toContain('<code class="language-text">    at main (/app/server.js:8:18)\n')
    expect(rendered).not.toContain('Starting web')
  })

  it('ends with where to look next', () => {
    const rendered = html(render(withEvidence(evidence())))
    expect(rendered).toContain('<strong>Where to look next:</strong>')
    expect(rendered).toContain('>The deployment in the ECS console</a>')
    expect(rendered).toContain(
      '<a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/action-logs.html">ECS action logs</a>: if cluster prod has them turned on'
    )
  })
})
