import { describe, expect, it } from '@jest/globals'
import * as sdk from '@aws-sdk/client-ecs'
import {
  deploymentActionError,
  describeAwsError,
  errorName,
  isRefusal,
  isTransientError
} from '../../src/ecs/errors.js'
import { operationModel } from '../../sim/api-model.js'

/** An error shaped like the ones the AWS SDK throws. */
function awsError(name: string, message: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...fields })
}
const client = { $fault: 'client', $metadata: { httpStatusCode: 400 } }
const server = { $fault: 'server', $metadata: { httpStatusCode: 500 } }

describe('isTransientError', () => {
  // prettier-ignore
  it.each([
    ['ThrottlingException', awsError('ThrottlingException', 'Rate exceeded', client)],
    ['ServerException', awsError('ServerException', 'Server error', server)],
    ['an unnamed server fault', awsError('UnknownError', 'oops', { $fault: 'server' })],
    ['an HTTP 503', awsError('Error', 'Service Unavailable', { $metadata: { httpStatusCode: 503 } })],
    ['an error the SDK marks retryable', awsError('Whatever', 'x', { $retryable: { throttling: true } })],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['socket hang up', new Error('socket hang up')],
    ['a DNS failure', Object.assign(new Error('getaddrinfo EAI_AGAIN ecs.us-east-1.amazonaws.com'), { code: 'EAI_AGAIN' })],
    ['TimeoutError', awsError('TimeoutError', 'Connection timed out after 1000 ms')]
  ])('%s is transient', (_why, error) => {
    expect(isTransientError(error)).toBe(true)
  })

  // prettier-ignore
  it.each([
    ['AccessDeniedException', awsError('AccessDeniedException', 'User is not authorized to perform: ecs:DescribeServiceDeployments', client)],
    ['InvalidParameterException', awsError('InvalidParameterException', 'Invalid service deployment ARN', client)],
    ['InvalidParameterException about the network', awsError('InvalidParameterException', 'Network Configuration must be provided when networkMode awsvpc is specified.', client)],
    ['AccessDeniedException in a cluster named network', awsError('AccessDeniedException', 'not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-east-1:123456789012:service/network/api', client)],
    ['ServiceNotFoundException', awsError('ServiceNotFoundException', 'Service not found.', client)],
    ['a plain programming error', new TypeError("Cannot read properties of undefined (reading 'status')")],
    ['a string', 'something failed'],
    ['undefined', undefined]
  ])('%s is not transient', (_why, error) => {
    expect(isTransientError(error)).toBe(false)
  })
})

describe('isRefusal', () => {
  it('is an answer of ECS that turned the request down', () => {
    expect(isRefusal(awsError('InvalidParameterException', 'Invalid hookId', client))).toBe(true)
    expect(isRefusal(awsError('ConflictException', 'terminal state', client))).toBe(true)
  })

  it('is not throttling, a server fault or a lost connection: the request may have been carried out', () => {
    expect(isRefusal(awsError('ThrottlingException', 'Rate exceeded', client))).toBe(false)
    expect(isRefusal(awsError('ServerException', 'Server error', server))).toBe(false)
    expect(isRefusal(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(
      false
    )
    expect(isRefusal(new Error('socket hang up'))).toBe(false)
  })
})

describe('describeAwsError', () => {
  it('names the error and counts the attempts the SDK made', () => {
    const error = awsError('ThrottlingException', 'Rate exceeded', { $metadata: { attempts: 5 } })
    expect(describeAwsError(error)).toBe('ThrottlingException: Rate exceeded (after 5 attempts)')
  })
  it('leaves out a single attempt and the generic name Error', () => {
    expect(
      describeAwsError(awsError('ServerException', 'boom', { $metadata: { attempts: 1 } }))
    ).toBe('ServerException: boom')
    expect(describeAwsError(new Error('socket hang up'))).toBe('socket hang up')
    expect(describeAwsError('plain text')).toBe('plain text')
  })
})

describe('errorName', () => {
  it('read any thrown value', () => {
    expect(errorName(awsError('ClusterNotFoundException', 'x'))).toBe('ClusterNotFoundException')
    expect(errorName(new Error('x'))).toBe('Error')
    expect(errorName('x')).toBe('Error')
    expect(errorName(null)).toBe('Error')
  })
})

describe('deploymentActionError', () => {
  const ARN = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/abc'
  /** Each error type the API declares for Continue and Stop, as the SDK throws it. */
  const declared = (['ContinueServiceDeployment', 'StopServiceDeployment'] as const).flatMap(
    operation =>
      [...(operationModel(operation)?.errors ?? [])].map(name => {
        const ErrorClass = (sdk as unknown as Record<string, new (options: object) => Error>)[name]!
        return [
          operation,
          name,
          new ErrorClass({ message: `ECS said no (${name})`, $metadata: { httpStatusCode: 400 } })
        ] as const
      })
  )

  it.each(declared)(
    '%s %s: says what it means and what to do, keeping what ECS said',
    (operation, name, error) => {
      const explained = deploymentActionError(error, operation, ARN)
      expect(explained.cause).toBe(error)
      expect(explained.message).toContain(`${name}: ECS said no (${name})`)
      const advice: Record<string, RegExp> = {
        AccessDeniedException: new RegExp(
          `may not call ecs:${operation} on ${ARN}.*"AWS credentials and IAM"`
        ),
        ClientException:
          /Someone may have answered the pause, or the deployment ended or was replaced/,
        InvalidParameterException:
          /Someone may have answered the pause, or the deployment ended or was replaced/,
        ConflictException: /^ECS cannot stop .* in its present state .*command: status/,
        ServerException:
          /it may or may not have taken effect: run this action with command: status/,
        ServiceDeploymentNotFoundException:
          /^ECS does not know deployment .*Check deployment-arn and the AWS region/,
        UnsupportedFeatureException: new RegExp(
          `^${operation} is not available where the request went .*check the AWS region`
        )
      }
      // A type the SDK starts to declare fails here until it has its own advice.
      expect(Object.keys(advice)).toContain(name)
      expect(explained.message).toMatch(advice[name]!)
    }
  )

  it('names the pause a continue was for', () => {
    const error = new sdk.InvalidParameterException({ message: 'Invalid hookId', $metadata: {} })
    expect(
      deploymentActionError(error, 'ContinueServiceDeployment', ARN, 'ecs-pause-1').message
    ).toMatch(/^ECS refused ContinueServiceDeployment for pause ecs-pause-1 of arn:/)
  })
})
