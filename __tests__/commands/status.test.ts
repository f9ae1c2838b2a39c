import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient
} from '@aws-sdk/client-ecs'
import { status } from '../../src/commands/status.js'
import { isFailure } from '../../src/watch/outcome.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import { commandContext } from '../support/command-context.js'
import { serviceConnectService } from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)

beforeEach(() => {
  ecs.reset()
  ecs
    .on(DescribeServicesCommand)
    .resolves({ services: [serviceConnectService({ currentServiceDeployment: DEPLOYMENT_ARN })] })
})

describe('status', () => {
  it('shows a paused deployment and sets the outputs, reading only', async () => {
    ecs
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [pausedAt('POST_TEST_TRAFFIC_SHIFT')] })
    const ctx = commandContext({ command: 'status', service: 'web', cluster: 'demo' })
    await status(ctx, ctx.release)
    expect(ctx.outputs.values).toEqual({
      'service-deployment-arn': DEPLOYMENT_ARN,
      status: 'IN_PROGRESS',
      'lifecycle-stage': 'POST_TEST_TRAFFIC_SHIFT',
      'hook-id': PAUSE_HOOK
    })
    expect(ctx.log.text()).toContain(`hook PAUSE ${PAUSE_HOOK}`)
    expect(ctx.log.text()).toContain(
      'new: test 100% · prod 0% · tasks 2/2 | old: test 0% · prod 100% · tasks 2/2'
    )
    expect(ctx.release.outcome).toBe('paused')
    const calls = ecs.calls().map(call => call.args[0].constructor.name)
    expect(calls).toEqual(['DescribeServicesCommand', 'DescribeServiceDeploymentsCommand'])
  })

  it('never fails the step, even for a rolled back deployment', async () => {
    ecs
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL')] })
    const ctx = commandContext({ command: 'status', service: 'web', cluster: 'demo' })
    await status(ctx, ctx.release)
    expect(ctx.release.outcome).toBe('rolled-back')
    expect(isFailure(ctx.release)).toBe(false)
  })
})
