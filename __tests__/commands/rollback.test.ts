import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  ConflictException,
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListTasksCommand,
  type ServiceDeployment,
  StopServiceDeploymentCommand
} from '@aws-sdk/client-ecs'
import { rollback } from '../../src/commands/rollback.js'
import { failsStep } from '../../src/verdict/verdict.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import { commandContext } from '../support/command-context.js'
import { serviceConnectService } from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)
const BASE = { command: 'rollback', service: 'web', cluster: 'demo', 'poll-interval': '5' }
const rolledBack = deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', {
  rollback: { reason: 'Service deployment rolled back because it was stopped by the user.' }
})

/** The deployment stays as `before` until a rollback is requested, then answers `after`. */
function rollsBackTo(before: ServiceDeployment, after: ServiceDeployment): void {
  let requested = false
  const request = () => {
    requested = true
    return { serviceDeploymentArn: DEPLOYMENT_ARN }
  }
  ecs.on(StopServiceDeploymentCommand).callsFake(request)
  ecs.on(ContinueServiceDeploymentCommand).callsFake(request)
  ecs
    .on(DescribeServiceDeploymentsCommand)
    .callsFake(() => ({ serviceDeployments: [requested ? after : before] }))
}

beforeEach(() => {
  ecs.reset()
  ecs
    .on(DescribeServicesCommand)
    .resolves({ services: [serviceConnectService({ currentServiceDeployment: DEPLOYMENT_ARN })] })
})

describe('rollback', () => {
  it('stops a deployment in bake time with ROLLBACK and succeeds once ECS rolled back', async () => {
    rollsBackTo(deploymentAt('BAKE_TIME'), rolledBack)
    const ctx = commandContext(BASE)
    await rollback(ctx, ctx.release)
    expect(ecs.commandCalls(StopServiceDeploymentCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      stopType: 'ROLLBACK'
    })
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0)
    expect(ctx.release.verdict?.outcome).toBe('rolled-back')
    expect(ctx.release.changedService).toBe(true)
    expect(failsStep(ctx.release)).toBe(false)
  })

  it('answers ROLLBACK at a pause', async () => {
    rollsBackTo(pausedAt('POST_TEST_TRAFFIC_SHIFT'), rolledBack)
    const ctx = commandContext(BASE)
    await rollback(ctx, ctx.release)
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      hookId: PAUSE_HOOK,
      action: 'ROLLBACK'
    })
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0)
  })

  it('fails when ECS could not roll back', async () => {
    rollsBackTo(
      deploymentAt('SCALE_UP'),
      deploymentAt('SCALE_UP', 'ROLLBACK_FAILED', {
        statusReason: 'No rollback candidate was found to run the rollback.'
      })
    )
    const ctx = commandContext(BASE)
    await rollback(ctx, ctx.release)
    expect(failsStep(ctx.release)).toBe(true)
    expect(ctx.release.verdict?.reason).toContain('No rollback candidate')
  })

  it('refuses, changing nothing, when nothing is under way', async () => {
    rollsBackTo(deploymentAt('CLEAN_UP', 'SUCCESSFUL'), rolledBack)
    const ctx = commandContext(BASE)
    await expect(rollback(ctx, ctx.release)).rejects.toThrow(
      'has already ended with status SUCCESSFUL; nothing to roll back'
    )
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0)
    expect(ctx.release.changedService).toBe(false)
  })

  it('fails, saying so, when ECS completes the deployment instead of rolling it back', async () => {
    rollsBackTo(deploymentAt('CLEAN_UP'), deploymentAt('CLEAN_UP', 'SUCCESSFUL'))
    const ctx = commandContext(BASE)
    await rollback(ctx, ctx.release)
    expect(ctx.release.verdict?.outcome).toBe('succeeded')
    expect(ctx.release.verdict?.reason).toMatch(
      /^ECS completed the deployment instead of rolling it back \(SUCCESSFUL\)/
    )
    expect(failsStep(ctx.release)).toBe(true)
    // Nothing failed to diagnose: no stopped tasks are read.
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(0)
  })

  it('follows a rollback ECS started already, changing nothing', async () => {
    let polls = 0
    ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
      serviceDeployments: [
        polls++ < 2 ? deploymentAt('BAKE_TIME', 'ROLLBACK_IN_PROGRESS') : rolledBack
      ]
    }))
    const ctx = commandContext(BASE)
    await rollback(ctx, ctx.release)
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0)
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0)
    expect(ctx.log.of('info')).toContain(
      'ECS is rolling the deployment back already: following it.'
    )
    expect(ctx.release.changedService).toBe(false)
    expect(ctx.release.verdict?.outcome).toBe('rolled-back')
    expect(failsStep(ctx.release)).toBe(false)
  })

  it('follows the rollback when ECS refuses the stop because one is under way', async () => {
    let refused = false
    ecs.on(StopServiceDeploymentCommand).callsFake(() => {
      refused = true
      throw new ConflictException({ message: 'Conflict', $metadata: { httpStatusCode: 400 } })
    })
    let polls = 0
    ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
      serviceDeployments: [
        !refused
          ? deploymentAt('BAKE_TIME')
          : polls++ < 1
            ? deploymentAt('BAKE_TIME', 'ROLLBACK_IN_PROGRESS')
            : rolledBack
      ]
    }))
    const ctx = commandContext(BASE)
    await rollback(ctx, ctx.release)
    expect(ctx.log.of('info')).toContain(
      'ECS is rolling the deployment back already: following it.'
    )
    expect(ctx.release.changedService).toBe(false)
    expect(failsStep(ctx.release)).toBe(false)
  })
})
