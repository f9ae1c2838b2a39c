import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient
} from '@aws-sdk/client-ecs'
import { status } from '../../src/commands/status.js'
import { failsStep } from '../../src/verdict/verdict.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import { commandContext } from '../support/command-context.js'
import { CLUSTER_ARN, SERVICE_ARN, serviceConnectService } from '../support/ecs-fixtures.js'

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
    expect(ctx.release.verdict?.outcome).toBe('paused')
    const calls = ecs.calls().map(call => call.args[0].constructor.name)
    expect(calls).toEqual(['DescribeServicesCommand', 'DescribeServiceDeploymentsCommand'])
  })

  it('shows a pause seen after the release ended at the stage it was configured for', async () => {
    ecs.on(DescribeServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        deploymentAt('CLEAN_UP', 'SUCCESSFUL', {
          lifecycleHookDetails: [{ hookId: PAUSE_HOOK, targetType: 'PAUSE', status: 'SUCCEEDED' }],
          deploymentConfiguration: {
            strategy: 'BLUE_GREEN',
            lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }]
          }
        })
      ]
    })
    const ctx = commandContext({ command: 'status', service: 'web', cluster: 'demo' })
    await status(ctx, ctx.release)
    expect(ctx.log.text()).toContain(
      `hook PAUSE ${PAUSE_HOOK} at POST_TEST_TRAFFIC_SHIFT: SUCCEEDED`
    )
    expect(ctx.log.text()).not.toContain('at CLEAN_UP')
    // Its job summary: what a workflow_dispatch status run shows on its page.
    expect(ctx.published).toEqual([{ outcome: 'succeeded', stage: 'CLEAN_UP', final: true }])
  })

  it('never fails the step, even for a rolled back deployment', async () => {
    ecs
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL')] })
    const ctx = commandContext({ command: 'status', service: 'web', cluster: 'demo' })
    await status(ctx, ctx.release)
    expect(ctx.release.verdict?.outcome).toBe('rolled-back')
    expect(failsStep(ctx.release)).toBe(false)
  })

  it('accepts a deployment-arn of the service when cluster and service are given as ARNs', async () => {
    ecs
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [deploymentAt('BAKE_TIME')] })
    const ctx = commandContext({
      command: 'status',
      service: SERVICE_ARN,
      cluster: CLUSTER_ARN,
      'deployment-arn': DEPLOYMENT_ARN
    })
    await status(ctx, ctx.release)
    expect(ctx.outputs.values).toMatchObject({
      'service-deployment-arn': DEPLOYMENT_ARN,
      'lifecycle-stage': 'BAKE_TIME'
    })
  })

  it('still refuses a deployment-arn of another service given as an ARN', async () => {
    const ctx = commandContext({
      command: 'status',
      service: SERVICE_ARN.replace('/web', '/api'),
      cluster: CLUSTER_ARN,
      'deployment-arn': DEPLOYMENT_ARN
    })
    await expect(status(ctx, ctx.release)).rejects.toThrow(
      "Input 'deployment-arn': belongs to service 'web' in cluster 'demo', not to service 'api' in cluster 'demo'."
    )
    expect(ecs.calls()).toHaveLength(0)
  })
})
