import { describe, expect, it } from '@jest/globals'
import { defaultReleaseName, servicesOutput } from '../../src/model/release-set.js'
import { pausedRelease, pushRun } from '../report/fixtures.js'

const target = (service: string, cluster = 'prod') => ({
  service,
  cluster,
  images: [],
  environmentVariables: []
})

describe('a release of several services', () => {
  it('is named by its services in call order, another cluster’s as cluster/service', () => {
    expect(
      defaultReleaseName([
        target('gateway'),
        target('arn:aws:ecs:us-east-1:123456789012:service/prod/orders'),
        target('payments', 'arn:aws:ecs:us-east-1:123456789012:cluster/pay')
      ])
    ).toBe('gateway → orders → pay/payments')
  })

  it('outputs each service’s deployment, pause, stage and status in call order', () => {
    const set = {
      name: 'gateway → orders',
      command: 'deploy' as const,
      github: pushRun(),
      startedAt: new Date(0),
      members: [
        pausedRelease({ service: 'gateway' }),
        pausedRelease({ service: 'orders', hooks: [], status: 'ROLLBACK_SUCCESSFUL' })
      ]
    }
    expect(JSON.parse(servicesOutput(set))).toEqual([
      {
        service: 'gateway',
        cluster: 'prod',
        deploymentArn: set.members[0]?.deploymentArn,
        hookId: expect.stringMatching(/^ecs-pause-/),
        stage: 'POST_TEST_TRAFFIC_SHIFT',
        status: 'IN_PROGRESS'
      },
      {
        service: 'orders',
        cluster: 'prod',
        deploymentArn: set.members[1]?.deploymentArn,
        hookId: '',
        stage: 'POST_TEST_TRAFFIC_SHIFT',
        status: 'ROLLBACK_SUCCESSFUL'
      }
    ])
  })
})
