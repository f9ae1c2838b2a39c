import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  type ServiceDeployment
} from '@aws-sdk/client-ecs'
import { promote } from '../../src/commands/promote.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import { commandContext } from '../support/command-context.js'
import { currentTaskDefinition, serviceConnectService } from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)
const BASE = { command: 'promote', service: 'web', cluster: 'demo', 'poll-interval': '5' }

/** Answers DescribeServiceDeployments from a script that moves on once the pause is continued. */
function afterContinue(before: ServiceDeployment, ...after: ServiceDeployment[]): void {
  let continued = 0
  let call = 0
  ecs.on(ContinueServiceDeploymentCommand).callsFake(() => {
    continued += 1
    return { serviceDeploymentArn: DEPLOYMENT_ARN }
  })
  ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
    serviceDeployments: [continued === 0 ? before : after[Math.min(call++, after.length - 1)]]
  }))
}

beforeEach(() => {
  ecs.reset()
  ecs
    .on(DescribeServicesCommand)
    .resolves({ services: [serviceConnectService({ currentServiceDeployment: DEPLOYMENT_ARN })] })
  ecs.on(DescribeServiceRevisionsCommand).resolves({
    serviceRevisions: [
      { taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:8' }
    ]
  })
  ecs.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: currentTaskDefinition(),
    tags: [{ key: 'github:sha', value: 'feedface' }]
  })
})

describe('promote', () => {
  it('continues the pause of the current deployment and follows it to the end', async () => {
    afterContinue(
      pausedAt('POST_TEST_TRAFFIC_SHIFT'),
      deploymentAt('PRODUCTION_TRAFFIC_SHIFT'),
      deploymentAt('BAKE_TIME'),
      deploymentAt('CLEAN_UP', 'SUCCESSFUL')
    )
    const ctx = commandContext(BASE)
    await promote(ctx, ctx.release)
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      hookId: PAUSE_HOOK,
      action: 'CONTINUE'
    })
    expect(ctx.release.verdict?.outcome).toBe('succeeded')
    expect(ctx.release.changedService).toBe(true)
    expect(ctx.release.commit).toBe('feedface')
    expect(ctx.outputs.values).toMatchObject({
      'service-deployment-arn': DEPLOYMENT_ARN,
      status: 'SUCCESSFUL'
    })
  })

  it('masks the secret references of the task definition it releases', async () => {
    const valueFrom = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf'
    const taskDefinition = currentTaskDefinition()
    taskDefinition.containerDefinitions![0]!.secrets = [{ name: 'DB', valueFrom }]
    ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition, tags: [] })
    afterContinue(pausedAt('POST_TEST_TRAFFIC_SHIFT'), deploymentAt('CLEAN_UP', 'SUCCESSFUL'))
    const ctx = commandContext(BASE)
    await promote(ctx, ctx.release)
    expect(ctx.secrets.redact(`failed to fetch secret ${valueFrom}`)).toBe(
      'failed to fetch secret ***'
    )
  })

  it('stops at the next pause, not the one it just continued', async () => {
    afterContinue(
      pausedAt('PRE_PRODUCTION_TRAFFIC_SHIFT'),
      pausedAt('PRE_PRODUCTION_TRAFFIC_SHIFT'),
      deploymentAt('PRODUCTION_TRAFFIC_SHIFT'),
      pausedAt('PRE_PRODUCTION_TRAFFIC_SHIFT', 'ecs-pause-step-two')
    )
    const ctx = commandContext({ ...BASE, 'wait-until': 'paused' })
    await promote(ctx, ctx.release)
    expect(ctx.release.verdict?.outcome).toBe('paused')
    expect(ctx.outputs.values['hook-id']).toBe('ecs-pause-step-two')
  })

  it('refuses, changing nothing, when the deployment is not paused', async () => {
    afterContinue(deploymentAt('BAKE_TIME'))
    const ctx = commandContext(BASE)
    await expect(promote(ctx, ctx.release)).rejects.toThrow(
      `Deployment ${DEPLOYMENT_ARN} is not paused: it is at stage BAKE_TIME with status IN_PROGRESS.`
    )
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0)
    expect(ctx.release.changedService).toBe(false)
  })

  it('sends no continue once the job is being cancelled', async () => {
    afterContinue(pausedAt('POST_TEST_TRAFFIC_SHIFT'), deploymentAt('CLEAN_UP', 'SUCCESSFUL'))
    const abort = new AbortController()
    abort.abort()
    const ctx = commandContext(BASE, { signal: abort.signal })
    await expect(promote(ctx, ctx.release)).rejects.toThrow(
      'The job was cancelled before ContinueServiceDeployment was sent: the service was left as it was.'
    )
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0)
    expect(ctx.release.changedService).toBe(false)
  })

  it('refuses a finished deployment', async () => {
    afterContinue(deploymentAt('CLEAN_UP', 'SUCCESSFUL'))
    const ctx = commandContext(BASE)
    await expect(promote(ctx, ctx.release)).rejects.toThrow(
      'has already ended with status SUCCESSFUL; nothing to promote'
    )
  })

  it('says which newer deployment superseded the one it was given', async () => {
    const newer =
      'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/newerDeployment000001'
    ecs
      .on(DescribeServicesCommand)
      .resolves({ services: [serviceConnectService({ currentServiceDeployment: newer })] })
    afterContinue(deploymentAt('POST_TEST_TRAFFIC_SHIFT', 'STOPPED'))
    const ctx = commandContext({ ...BASE, 'deployment-arn': DEPLOYMENT_ARN })
    await expect(promote(ctx, ctx.release)).rejects.toThrow(
      `was superseded by a newer deployment of service 'web' (${newer})`
    )
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0)
  })

  it('rejects a deployment ARN of another service', async () => {
    const ctx = commandContext({
      ...BASE,
      'deployment-arn': DEPLOYMENT_ARN.replace('/web/', '/api/')
    })
    await expect(promote(ctx, ctx.release)).rejects.toThrow(
      "Input 'deployment-arn': belongs to service 'api' in cluster 'demo'"
    )
  })

  it('explains when ECS refuses the pause id', async () => {
    ecs
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [pausedAt('POST_TEST_TRAFFIC_SHIFT')] })
    ecs
      .on(ContinueServiceDeploymentCommand)
      .rejects(
        Object.assign(
          new Error(
            'Provided hookId is either completed, unavailable, or not associated with the given Resource ARN'
          ),
          { name: 'InvalidParameterException', $fault: 'client' }
        )
      )
    const ctx = commandContext(BASE)
    await expect(promote(ctx, ctx.release)).rejects.toThrow(
      /ECS refused ContinueServiceDeployment for pause .*command: status to see where it stands/
    )
    expect(ctx.release.changedService).toBe(false)
  })
})
