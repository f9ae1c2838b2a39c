import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { cancelRelease, STATE } from '../../src/commands/cancel.js'
import { deploy } from '../../src/commands/deploy.js'
import { DEPLOYMENT_ARN, deploymentAt } from '../support/deployments.js'
import { commandContext, type TestContext } from '../support/command-context.js'
import {
  currentTaskDefinition,
  NEW_TD,
  serviceConnectService,
  updatedService
} from '../support/ecs-fixtures.js'

/**
 * A cancel (SIGINT) that arrives before deploy knows its deployment's ARN: while the
 * task definition is rendered or registered, while UpdateService is in flight, or while
 * the deployment it started is being found.
 */

const ecs = mockClient(ECSClient)
const BASE = {
  service: 'web',
  cluster: 'demo',
  'container-name': 'app',
  image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2.0.0',
  'poll-interval': '5'
}

interface CancelledDeploy {
  ctx: TestContext
  /** Sends the job SIGINT, as main's signal handler does; later calls do nothing. */
  cancel: () => void
  /** The cancel handler's work, once it was sent. */
  cancelling: () => Promise<void> | undefined
}

function cancellableDeploy(inputs: Record<string, string> = {}): CancelledDeploy {
  const abort = new AbortController()
  const ctx = commandContext({ ...BASE, ...inputs }, { signal: abort.signal })
  let cancelling: Promise<void> | undefined
  return {
    ctx,
    cancel: () =>
      void (cancelling ??= cancelRelease(ctx, [{ ctx, release: ctx.release }], abort, 'SIGINT')),
    cancelling: () => cancelling
  }
}

const stops = () => ecs.commandCalls(StopServiceDeploymentCommand).map(call => call.args[0].input)

beforeEach(() => {
  ecs.reset()
  ecs.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
  ecs
    .on(DescribeTaskDefinitionCommand)
    .resolves({ taskDefinition: currentTaskDefinition(), tags: [] })
  ecs.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: NEW_TD } })
  ecs.on(UpdateServiceCommand).resolves({ service: updatedService() })
  ecs
    .on(DescribeServiceDeploymentsCommand)
    .resolves({ serviceDeployments: [deploymentAt('PRE_SCALE_UP')] })
  ecs.on(StopServiceDeploymentCommand).resolves({ serviceDeploymentArn: DEPLOYMENT_ARN })
})

describe('deploy cancelled before its deployment is known', () => {
  it('registers nothing and starts nothing when the cancel comes while the task definition is rendered', async () => {
    const run = cancellableDeploy({ 'rollback-on-cancel': 'true' })
    ecs.on(DescribeTaskDefinitionCommand).callsFake(() => {
      run.cancel()
      return { taskDefinition: currentTaskDefinition(), tags: [] }
    })
    await expect(deploy(run.ctx, run.ctx.release)).rejects.toThrow(
      'The job was cancelled before registering the task definition: the service was left as it was.'
    )
    await run.cancelling()
    expect(ecs.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0)
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0)
    expect(run.ctx.release.changedService).toBe(false)
    expect(run.ctx.log.of('warning')).toEqual([
      'Received SIGINT: the job is being cancelled before it changed the service.'
    ])
  })

  it('sends no UpdateService when the cancel comes while the task definition is registered', async () => {
    const run = cancellableDeploy({ 'rollback-on-cancel': 'true' })
    ecs.on(RegisterTaskDefinitionCommand).callsFake(() => {
      run.cancel()
      return { taskDefinition: { taskDefinitionArn: NEW_TD } }
    })
    await expect(deploy(run.ctx, run.ctx.release)).rejects.toThrow(
      'The job was cancelled before UpdateService was sent: the service was left as it was.'
    )
    await run.cancelling()
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0)
    expect(stops()).toEqual([])
  })

  it('rolls back, once found, the deployment an UpdateService in flight at the cancel started', async () => {
    const run = cancellableDeploy({ 'rollback-on-cancel': 'true' })
    ecs.on(UpdateServiceCommand).callsFake(() => {
      run.cancel()
      return { service: updatedService() }
    })
    await deploy(run.ctx, run.ctx.release)
    await run.cancelling()
    expect(stops()).toEqual([{ serviceDeploymentArn: DEPLOYMENT_ARN, stopType: 'ROLLBACK' }])
    expect(run.ctx.state).toEqual({
      [STATE.cancelled]: 'true',
      [STATE.deploymentArn]: DEPLOYMENT_ARN,
      [STATE.cancelRollback]: 'stop-rollback'
    })
    expect(run.ctx.release.verdict?.outcome).toBe('cancelled')
    expect(run.ctx.log.of('warning')).toEqual([
      'Received SIGINT while the deployment was being started: it is rolled back as soon as it is found (rollback-on-cancel).',
      `The job was cancelled while the deployment was starting: asked ECS to roll back deployment ${DEPLOYMENT_ARN} (rollback-on-cancel).`
    ])
  })

  it('rolls back the deployment it was still looking for at the cancel', async () => {
    const run = cancellableDeploy({ 'rollback-on-cancel': 'true' })
    ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => {
      run.cancel()
      return { serviceDeployments: [deploymentAt('PRE_SCALE_UP')] }
    })
    await deploy(run.ctx, run.ctx.release)
    await run.cancelling()
    expect(stops()).toEqual([{ serviceDeploymentArn: DEPLOYMENT_ARN, stopType: 'ROLLBACK' }])
    expect(run.ctx.state[STATE.cancelRollback]).toBe('stop-rollback')
  })

  it('leaves the deployment it started alone without rollback-on-cancel, and says how to undo it', async () => {
    const run = cancellableDeploy()
    ecs.on(UpdateServiceCommand).callsFake(() => {
      run.cancel()
      return { service: updatedService() }
    })
    await deploy(run.ctx, run.ctx.release)
    await run.cancelling()
    expect(stops()).toEqual([])
    expect(run.ctx.state[STATE.deploymentArn]).toBe(DEPLOYMENT_ARN)
    expect(run.ctx.log.of('warning')).toEqual([
      'Received SIGINT while the deployment was being started: it will carry on in ECS (rollback-on-cancel is off).',
      `The job was cancelled while the deployment was starting: rollback-on-cancel is off, so deployment ${DEPLOYMENT_ARN} carries on in ECS; ` +
        'run this action with command: rollback to undo it.'
    ])
  })

  it('rolls back once when the cancel comes after the deployment was found', async () => {
    const run = cancellableDeploy({ 'rollback-on-cancel': 'true' })
    let polls = 0
    ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => {
      if (++polls === 2) run.cancel()
      return { serviceDeployments: [deploymentAt('PRE_SCALE_UP')] }
    })
    await deploy(run.ctx, run.ctx.release)
    await run.cancelling()
    expect(stops()).toHaveLength(1)
    expect(run.ctx.log.of('warning')).toEqual([
      `Received SIGINT: asked ECS to roll back deployment ${DEPLOYMENT_ARN} (rollback-on-cancel).`
    ])
  })
})
