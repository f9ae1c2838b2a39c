import { describe, expect, it } from '@jest/globals'
import { loadBalancerDetail } from '../../src/diagnose/load-balancer.js'
import type { RevisionServing } from '../../src/model/evidence.js'

const GREEN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-green/0a1b'
const BLUE = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-blue/0a1a'
const RULE = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/alb/1/2/3'
const servedBy: RevisionServing[] = [
  {
    role: 'new',
    revisionArn: 'green',
    loadBalancers: [{ targetGroupArn: GREEN, productionListenerRule: RULE }]
  },
  {
    role: 'old',
    revisionArn: 'blue',
    loadBalancers: [{ targetGroupArn: BLUE, productionListenerRule: RULE }]
  }
]

describe('loadBalancerDetail', () => {
  it('names the target group a reason names, and whose it is', () => {
    expect(
      loadBalancerDetail(servedBy, [`Task failed ELB health checks in (target-group ${GREEN})`])
    ).toBe(
      `Target group involved: ${GREEN}, where the new revision's tasks register (the old revision's is ${BLUE}).`
    )
    expect(
      loadBalancerDetail(servedBy, [
        `Service deployment rolled back because of invalid networking configuration: Target group ${BLUE} is not associated with either productionListenerRule or testListenerRule.`
      ])
    ).toBe(
      `Target group involved: ${BLUE}, which serves the old revision (the new revision's tasks register in ${GREEN}).`
    )
  })

  it('lists both, and the production rule, when the reason names neither', () => {
    expect(
      loadBalancerDetail(servedBy, [
        'User: arn:aws:sts::123456789012:assumed-role/ecsInfrastructureRoleForLB/ECSNetworkingWithELB is not authorized to perform: elasticloadbalancing:ModifyListener'
      ])
    ).toBe(
      `Target groups: the new revision's tasks register in ${GREEN}; the old revision is served from ${BLUE}; production listener rule ${RULE}.`
    )
  })

  it('says nothing of failures that do not involve the load balancer, or without target groups', () => {
    expect(loadBalancerDetail(servedBy, ['Essential container in task exited'])).toBeUndefined()
    expect(loadBalancerDetail(undefined, ['Task failed ELB health checks'])).toBeUndefined()
  })
})
