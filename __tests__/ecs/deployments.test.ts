import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand
} from '@aws-sdk/client-ecs'
import { createEcsPort } from '../../src/ecs/client.js'
import { findCurrentDeployment, findStartedDeployment } from '../../src/ecs/deployments.js'
import { DEPLOYMENT_ARN, deploymentAt, TARGET_REVISION } from '../support/deployments.js'
import { serviceConnectService, updatedService } from '../support/ecs-fixtures.js'
import { FakeClock } from '../support/fake-clock.js'

const mock = mockClient(ECSClient)
const ecs = createEcsPort(
  new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
  'us-east-1'
)
const OLD = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/oldDeployment00000001'
const since = new Date('2026-11-25T11:59:55Z')
const find = (updated = updatedService(), clock = new FakeClock()) =>
  findStartedDeployment({ ecs, cluster: 'demo', service: 'web', updated, since, clock })

beforeEach(() => {
  mock.reset()
})

describe('findStartedDeployment', () => {
  it('trusts currentServiceDeployment once the deployment it names is new', async () => {
    mock
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [deploymentAt(undefined, 'PENDING')] })
    expect((await find()).serviceDeploymentArn).toBe(DEPLOYMENT_ARN)
    expect(mock.commandCalls(ListServiceDeploymentsCommand)).toHaveLength(0)
  })

  it('recognises the new deployment by its target revision when clocks disagree', async () => {
    const stale = deploymentAt(undefined, 'PENDING', {
      createdAt: new Date('2026-11-25T11:00:00Z')
    })
    mock.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [stale] })
    expect(TARGET_REVISION.endsWith('/1234567890123456789')).toBe(true)
    expect((await find()).serviceDeploymentArn).toBe(DEPLOYMENT_ARN)
  })

  it('lists the deployments created since the update when the response still names the old one', async () => {
    const updated = { ...updatedService(), currentServiceDeployment: OLD, deployments: [] }
    mock.on(DescribeServiceDeploymentsCommand, { serviceDeploymentArns: [OLD] }).resolves({
      serviceDeployments: [
        deploymentAt('BAKE_TIME', 'STOP_REQUESTED', {
          serviceDeploymentArn: OLD,
          createdAt: new Date('2026-11-25T10:00:00Z')
        })
      ]
    })
    mock
      .on(DescribeServiceDeploymentsCommand, { serviceDeploymentArns: [DEPLOYMENT_ARN] })
      .resolves({ serviceDeployments: [deploymentAt(undefined, 'PENDING')] })
    mock
      .on(ListServiceDeploymentsCommand)
      .resolvesOnce({ serviceDeployments: [] })
      .resolves({
        serviceDeployments: [
          { serviceDeploymentArn: DEPLOYMENT_ARN, createdAt: new Date('2026-11-25T12:00:01Z') }
        ]
      })
    const clock = new FakeClock()
    expect((await find(updated, clock)).serviceDeploymentArn).toBe(DEPLOYMENT_ARN)
    expect(mock.commandCalls(ListServiceDeploymentsCommand)[0]!.args[0].input.createdAt).toEqual({
      after: since
    })
    expect(clock.slept).toEqual([1000])
  })

  it('gives up after a minute with a clear error', async () => {
    mock.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] })
    await expect(
      find({ ...updatedService(), currentServiceDeployment: undefined })
    ).rejects.toThrow(
      "the new deployment of service 'web' could not be confirmed within 60 s: no new deployment appeared"
    )
  })
})

describe('findCurrentDeployment', () => {
  it('takes the deployment the service names, else the newest one under way', async () => {
    mock
      .on(DescribeServicesCommand)
      .resolves({ services: [serviceConnectService({ currentServiceDeployment: DEPLOYMENT_ARN })] })
    expect(await findCurrentDeployment(ecs, 'demo', 'web')).toBe(DEPLOYMENT_ARN)

    mock
      .on(DescribeServicesCommand)
      .resolves({ services: [serviceConnectService({ currentServiceDeployment: undefined })] })
    mock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        {
          serviceDeploymentArn: OLD,
          status: 'IN_PROGRESS',
          createdAt: new Date('2026-11-25T10:00:00Z')
        },
        {
          serviceDeploymentArn: DEPLOYMENT_ARN,
          status: 'IN_PROGRESS',
          createdAt: new Date('2026-11-25T12:00:00Z')
        }
      ]
    })
    expect(await findCurrentDeployment(ecs, 'demo', 'web')).toBe(DEPLOYMENT_ARN)
  })
})

describe('findStartedDeployment when ECS does not answer', () => {
  it('names the deployment UpdateService reported and the last error', async () => {
    mock
      .on(DescribeServiceDeploymentsCommand)
      .rejects(Object.assign(new Error('Internal'), { name: 'ServerException', $fault: 'server' }))
    mock
      .on(ListServiceDeploymentsCommand)
      .rejects(Object.assign(new Error('Internal'), { name: 'ServerException', $fault: 'server' }))
    await expect(find()).rejects.toThrow(
      `could not be confirmed within 60 s: ECS did not answer (ServerException: Internal). UpdateService named deployment ${DEPLOYMENT_ARN}.`
    )
  })
})
