import { describe, expect, it } from '@jest/globals'
import type { RevisionServing } from '../../../src/model/evidence.js'
import { renderComment } from '../../../src/report/render/comment.js'
import { renderJobSummary } from '../../../src/report/render/job-summary.js'
import { targetGroupsTable } from '../../../src/report/render/target-groups.js'
import { decodeEntities, html, rowsOf, succeededRelease, tableHtml } from '../fixtures.js'

const TARGET_GROUP = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/'
const RULE =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee'
const servedBy: RevisionServing[] = [
  {
    role: 'new',
    revisionArn: 'arn:aws:ecs:eu-west-1:123456789012:service-revision/prod/web/7148877857241560837',
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:42',
    loadBalancers: [
      { targetGroupArn: `${TARGET_GROUP}web-blue/0a1b`, productionListenerRule: RULE }
    ]
  },
  {
    role: 'old',
    revisionArn: 'arn:aws:ecs:eu-west-1:123456789012:service-revision/prod/web/9972143365064846916',
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:41',
    loadBalancers: [
      { targetGroupArn: `${TARGET_GROUP}web-green/0a1c`, productionListenerRule: RULE }
    ]
  }
]

describe('targetGroupsTable', () => {
  it('shows which target group and rule serve each revision, the target group linked', () => {
    const table = targetGroupsTable(succeededRelease({ servedBy }))
    expect(rowsOf(table).map(row => row.map(decodeEntities))).toEqual([
      [
        'New <code>7148877857241560837</code>',
        '<code>web:42</code>',
        `[web-blue](https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#TargetGroup:targetGroupArn=${encodeURIComponent(`${TARGET_GROUP}web-blue/0a1b`)})`,
        '<code>listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee</code>'
      ],
      [
        'Old <code>9972143365064846916</code>',
        '<code>web:41</code>',
        expect.stringMatching(
          /^\[web-green\]\(https:\/\/eu-west-1\.console\.aws\.amazon\.com\/ec2\//
        ),
        '<code>listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee</code>'
      ]
    ])
  })

  it('escapes what ECS sent', () => {
    const hostile: RevisionServing[] = [
      {
        role: 'new',
        revisionArn: 'x',
        loadBalancers: [{ targetGroupArn: 'tg/<img src=x>|`', productionListenerRule: '</code>' }]
      }
    ]
    const rendered = tableHtml(targetGroupsTable(succeededRelease({ servedBy: hostile }))!)
    expect(rendered).not.toMatch(/<img|<\/code><\/code>/)
  })

  it('is absent for a service without a load balancer', () => {
    expect(targetGroupsTable(succeededRelease())).toBeUndefined()
  })
})

describe('the reports', () => {
  it('the job summary and the comment show the load balancer section', () => {
    for (const markdown of [
      renderJobSummary(succeededRelease({ servedBy })),
      renderComment(succeededRelease({ servedBy }))
    ]) {
      const rendered = html(markdown)
      expect(rendered).toMatch(/<h[34]>Load balancer<\/h[34]>/)
      expect(rendered).toContain(
        'ECS swaps the roles of the two target groups with every deployment.'
      )
      expect(rendered).toContain('>web-blue</a>')
    }
    expect(renderJobSummary(succeededRelease())).not.toContain('Load balancer')
  })
})
