import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  AccessDeniedException,
  ClusterNotFoundException,
  DescribeServicesCommand,
  ECSClient
} from '@aws-sdk/client-ecs'
import { createEcsPort } from '../../src/ecs/client.js'
import { describeService, ongoingDeploymentId, primaryDeployment } from '../../src/ecs/service.js'
import { serviceConnectService, updatedService } from '../support/ecs-fixtures.js'

const mock = mockClient(ECSClient)
const ecs = createEcsPort(
  new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
  'us-east-1'
)

beforeEach(() => {
  mock.reset()
})

describe('describeService', () => {
  it('returns an ACTIVE service', async () => {
    mock.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
    expect((await describeService(ecs, 'demo', 'web')).serviceName).toBe('web')
  })

  it('turns ClusterNotFoundException into what to check, keeping the cause', async () => {
    const notFound = new ClusterNotFoundException({ message: 'Cluster not found.', $metadata: {} })
    mock.on(DescribeServicesCommand).rejects(notFound)
    const error = await describeService(ecs, 'prod', 'web').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe(
      "Cluster 'prod' was not found in us-east-1. Check the cluster input and the AWS region."
    )
    expect((error as Error).cause).toBe(notFound)
  })

  it.each(['DRAINING', 'INACTIVE'])('refuses a service that is %s', async status => {
    mock
      .on(DescribeServicesCommand)
      .resolves({ services: [serviceConnectService({ status })], failures: [] })
    await expect(describeService(ecs, 'demo', 'web')).rejects.toThrow(
      `Service 'web' is ${status}; only an ACTIVE service can be released.`
    )
  })

  it('names a service ECS reports MISSING', async () => {
    mock
      .on(DescribeServicesCommand)
      .resolves({ services: [], failures: [{ arn: 'web', reason: 'MISSING' }] })
    await expect(describeService(ecs, 'demo', 'web')).rejects.toThrow(
      "Service 'web' was not found in cluster 'demo' (us-east-1). Check the service and cluster inputs and the AWS region."
    )
  })

  it('passes other errors on unchanged', async () => {
    const denied = new AccessDeniedException({
      message: 'User is not authorized to perform: ecs:DescribeServices',
      $metadata: {}
    })
    mock.on(DescribeServicesCommand).rejects(denied)
    await expect(describeService(ecs, 'demo', 'web')).rejects.toBe(denied)
  })
})

describe('the deployments of a service', () => {
  it('finds the PRIMARY deployment, whose settings are the service’s now', () => {
    expect(primaryDeployment(updatedService())?.id).toBe('ecs-svc/1234567890123456789')
    expect(primaryDeployment(serviceConnectService({ deployments: [] }))).toBeUndefined()
  })

  it('sees a deployment under way only while the service has more than one', () => {
    expect(ongoingDeploymentId(serviceConnectService())).toBeUndefined()
    expect(ongoingDeploymentId(updatedService())).toBe('ecs-svc/1234567890123456789')
  })
})
