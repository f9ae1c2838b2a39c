import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { createEcsPort } from '../../src/ecs/client.js'
import { MUTATION_ATTEMPTS } from '../../src/ecs/mutations.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import {
  CURRENT_TD,
  currentTaskDefinition,
  NEW_TD,
  serviceConnectService,
  updatedService
} from '../support/ecs-fixtures.js'
import { FakeClock } from '../support/fake-clock.js'

const mock = mockClient(ECSClient)
const fault = (name: string, extra: object = {}) =>
  Object.assign(new Error(name), { name, ...extra })
const serverError = () => fault('ServerException', { $fault: 'server' })
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
let clock: FakeClock
let retries: string[]

function port() {
  return createEcsPort(
    new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    'us-east-1',
    {
      clock,
      onRetry: message => retries.push(message)
    }
  )
}

beforeEach(() => {
  mock.reset()
  clock = new FakeClock()
  retries = []
})

describe('state-changing calls', () => {
  it('retries throttling without asking whether the call took effect', async () => {
    mock
      .on(UpdateServiceCommand)
      .rejectsOnce(fault('ThrottlingException', { $fault: 'client' }))
      .resolves({ service: updatedService() })
    await port().updateService({ cluster: 'demo', service: 'web', taskDefinition: NEW_TD })
    expect(mock.commandCalls(UpdateServiceCommand)).toHaveLength(2)
    expect(mock.commandCalls(DescribeServicesCommand)).toHaveLength(0)
    expect(retries[0]).toContain('ThrottlingException')
  })

  it('does not re-send an UpdateService that took effect before its answer was lost', async () => {
    mock.on(UpdateServiceCommand).rejects(serverError())
    mock.on(DescribeServicesCommand).resolves({ services: [updatedService()] })
    const { service } = await port().updateService({
      cluster: 'demo',
      service: 'web',
      taskDefinition: NEW_TD
    })
    expect(service?.taskDefinition).toBe(NEW_TD)
    expect(mock.commandCalls(UpdateServiceCommand)).toHaveLength(1)
  })

  it('re-sends an UpdateService only after seeing it did not take effect', async () => {
    mock.on(UpdateServiceCommand).rejectsOnce(reset()).resolves({ service: updatedService() })
    mock.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
    await port().updateService({ cluster: 'demo', service: 'web', taskDefinition: NEW_TD })
    expect(mock.commandCalls(DescribeServicesCommand)).toHaveLength(1)
    expect(mock.commandCalls(UpdateServiceCommand)).toHaveLength(2)
  })

  it('gives up after a bounded number of attempts', async () => {
    mock.on(UpdateServiceCommand).rejects(serverError())
    mock.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
    await expect(
      port().updateService({ cluster: 'demo', service: 'web', taskDefinition: NEW_TD })
    ).rejects.toThrow('ServerException')
    expect(mock.commandCalls(UpdateServiceCommand)).toHaveLength(MUTATION_ATTEMPTS)
  })

  it('throws errors about the request at once', async () => {
    mock.on(UpdateServiceCommand).rejects(fault('InvalidParameterException', { $fault: 'client' }))
    await expect(
      port().updateService({ cluster: 'demo', service: 'web', taskDefinition: NEW_TD })
    ).rejects.toThrow('InvalidParameterException')
    expect(mock.commandCalls(UpdateServiceCommand)).toHaveLength(1)
  })

  it('recognises its own registration by its provenance tags', async () => {
    const tags = [
      { key: 'github:run-url', value: 'https://github.com/octo/shop/actions/runs/4242' }
    ]
    mock.on(RegisterTaskDefinitionCommand).rejects(serverError())
    mock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        ...currentTaskDefinition(),
        taskDefinitionArn: NEW_TD,
        registeredAt: clock.now()
      },
      tags
    })
    const input = {
      family: 'web',
      containerDefinitions: currentTaskDefinition().containerDefinitions,
      tags
    }
    const { taskDefinition } = await port().registerTaskDefinition(input)
    expect(taskDefinition?.taskDefinitionArn).toBe(NEW_TD)
    expect(mock.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(1)
  })

  it('registers again when the newest revision is an older one', async () => {
    mock
      .on(RegisterTaskDefinitionCommand)
      .rejectsOnce(serverError())
      .resolves({ taskDefinition: { taskDefinitionArn: NEW_TD } })
    mock
      .on(DescribeTaskDefinitionCommand)
      .resolves({ taskDefinition: { ...currentTaskDefinition(), taskDefinitionArn: CURRENT_TD } })
    const { taskDefinition } = await port().registerTaskDefinition({
      family: 'web',
      containerDefinitions: [{ name: 'app', image: 'web:2' }]
    })
    expect(taskDefinition?.taskDefinitionArn).toBe(NEW_TD)
    expect(mock.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(2)
  })

  it('does not answer a pause twice', async () => {
    mock.on(ContinueServiceDeploymentCommand).rejects(reset())
    mock.on(DescribeServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        deploymentAt('PRODUCTION_TRAFFIC_SHIFT', 'IN_PROGRESS', {
          lifecycleHookDetails: [{ hookId: PAUSE_HOOK, status: 'SUCCEEDED' }]
        })
      ]
    })
    await port().continueServiceDeployment({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      hookId: PAUSE_HOOK,
      action: 'CONTINUE'
    })
    expect(mock.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(1)
  })

  it('re-answers a pause that still waits', async () => {
    mock
      .on(ContinueServiceDeploymentCommand)
      .rejectsOnce(reset())
      .resolves({ serviceDeploymentArn: DEPLOYMENT_ARN })
    mock
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [pausedAt('POST_TEST_TRAFFIC_SHIFT')] })
    await port().continueServiceDeployment({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      hookId: PAUSE_HOOK,
      action: 'CONTINUE'
    })
    expect(mock.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(2)
  })

  it('does not stop a deployment that is already rolling back', async () => {
    mock.on(StopServiceDeploymentCommand).rejects(serverError())
    mock
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [deploymentAt('BAKE_TIME', 'ROLLBACK_IN_PROGRESS')] })
    await port().stopServiceDeployment({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      stopType: 'ROLLBACK'
    })
    expect(mock.commandCalls(StopServiceDeploymentCommand)).toHaveLength(1)
  })
})
