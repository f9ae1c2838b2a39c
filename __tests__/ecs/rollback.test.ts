import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  AccessDeniedException,
  ConflictException,
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  ECSClient,
  InvalidParameterException,
  StopServiceDeploymentCommand
} from '@aws-sdk/client-ecs'
import { createEcsPort } from '../../src/ecs/client.js'
import { requestRollback } from '../../src/ecs/rollback.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK } from '../support/deployments.js'

const mock = mockClient(ECSClient)
const ecs = createEcsPort(
  new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
  'us-east-1'
)
const conflict = () =>
  new ConflictException({
    message:
      'Stopping a service deployment is not allowed for service deployment in terminal states.',
    $metadata: { httpStatusCode: 400 }
  })
const request = (status: string, pausedHookId?: string) =>
  requestRollback(ecs, { serviceDeploymentArn: DEPLOYMENT_ARN, status, pausedHookId })

beforeEach(() => {
  mock.reset()
})

describe('requestRollback', () => {
  it('stops a deployment under way with ROLLBACK, and answers ROLLBACK at its pause', async () => {
    expect(await request('IN_PROGRESS')).toBe('stop-rollback')
    expect(mock.commandCalls(StopServiceDeploymentCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      stopType: 'ROLLBACK'
    })
    expect(await request('IN_PROGRESS', PAUSE_HOOK)).toBe('continue-rollback')
    expect(mock.commandCalls(ContinueServiceDeploymentCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      hookId: PAUSE_HOOK,
      action: 'ROLLBACK'
    })
  })

  it('stops the deployment when its pause was answered meanwhile', async () => {
    mock.on(ContinueServiceDeploymentCommand).rejects(
      new InvalidParameterException({
        message: 'Provided hookId is either completed, unavailable, or not associated',
        $metadata: {}
      })
    )
    expect(await request('IN_PROGRESS', PAUSE_HOOK)).toBe('stop-rollback')
  })

  it.each(['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'])(
    'sends nothing for a deployment ECS is rolling back already (%s)',
    async status => {
      expect(await request(status)).toBe('under-way')
      expect(mock.calls()).toHaveLength(0)
    }
  )

  it.each([
    ['ROLLBACK_IN_PROGRESS', 'under-way'],
    ['ROLLBACK_SUCCESSFUL', 'ended'],
    ['SUCCESSFUL', 'ended']
  ])(
    'follows a stop ECS refuses as a conflict when the deployment is %s by then',
    async (status, expected) => {
      mock.on(StopServiceDeploymentCommand).rejects(conflict())
      mock
        .on(DescribeServiceDeploymentsCommand)
        .resolves({ serviceDeployments: [deploymentAt('CLEAN_UP', status)] })
      expect(await request('IN_PROGRESS')).toBe(expected)
    }
  )

  it('explains a conflict that leaves the deployment under way, and any other error', async () => {
    mock.on(StopServiceDeploymentCommand).rejects(conflict())
    mock
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [deploymentAt('BAKE_TIME', 'IN_PROGRESS')] })
    await expect(request('IN_PROGRESS')).rejects.toThrow(
      /^ECS cannot stop arn:.* in its present state \(ConflictException: Stopping a service deployment/
    )
    mock
      .on(ContinueServiceDeploymentCommand)
      .rejects(new AccessDeniedException({ message: 'not authorized', $metadata: {} }))
    await expect(request('IN_PROGRESS', PAUSE_HOOK)).rejects.toThrow(
      /^The credentials may not call ecs:ContinueServiceDeployment on arn:/
    )
    expect(mock.commandCalls(StopServiceDeploymentCommand)).toHaveLength(1)
  })
})
