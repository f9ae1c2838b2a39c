import { errorMessage } from '../model/format.js'

/** What the SDK attaches to the errors it throws. */
interface AwsErrorShape {
  name?: string
  code?: string
  message?: string
  $fault?: 'client' | 'server'
  $retryable?: unknown
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string }
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException'
])
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED'
])

function shape(error: unknown): AwsErrorShape {
  return typeof error === 'object' && error !== null ? error : {}
}

export function errorName(error: unknown): string {
  return shape(error).name ?? 'Error'
}

/**
 * Errors that say nothing about the request itself: throttling, server faults, dropped
 * or timed-out connections. A read can simply be repeated after one of these.
 */
export function isTransientError(error: unknown): boolean {
  const { name, code, $fault, $retryable, $metadata } = shape(error)
  if (name && TRANSIENT_NAMES.has(name)) return true
  if (code && NETWORK_CODES.has(code)) return true
  if ($retryable) return true
  if ($fault === 'server' || ($metadata?.httpStatusCode ?? 0) >= 500) return true
  // ECS answered and refused the request; its message may well say "network" (networkMode, a cluster's name).
  if ($fault === 'client') return false
  return /socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|network/i.test(errorMessage(error))
}

/** ECS answered and refused the request (a client error other than throttling): nothing changed. */
export function isRefusal(error: unknown): boolean {
  const { $fault, $metadata } = shape(error)
  const status = $metadata?.httpStatusCode ?? 0
  return ($fault === 'client' || (status >= 400 && status < 500)) && !isTransientError(error)
}

/** `ThrottlingException: Rate exceeded (after 5 attempts)`, for logs. */
export function describeAwsError(error: unknown): string {
  const { name, $metadata } = shape(error)
  const attempts =
    $metadata?.attempts && $metadata.attempts > 1 ? ` (after ${$metadata.attempts} attempts)` : ''
  const prefix = name && name !== 'Error' ? `${name}: ` : ''
  return `${prefix}${errorMessage(error)}${attempts}`
}

/**
 * ECS's answer to a continue or stop of a pause or deployment that can no longer take it
 * (answered already, superseded, finished).
 */
export function isStaleDeploymentAction(error: unknown): boolean {
  return ['InvalidParameterException', 'ClientException'].includes(errorName(error))
}

/** The calls that act on a service deployment. */
export type DeploymentAction = 'ContinueServiceDeployment' | 'StopServiceDeployment'

/**
 * The error a ContinueServiceDeployment or StopServiceDeployment ended with, explained:
 * what each error type the API declares for them means here (the SDK's `@throws`), and
 * what to do. Transient errors reach here only once the retries are spent, when the call
 * may or may not have taken effect.
 */
export function deploymentActionError(
  error: unknown,
  operation: DeploymentAction,
  serviceDeploymentArn: string,
  hookId?: string
): Error {
  const said = describeAwsError(error)
  const where = 'run this action with command: status to see where it stands'
  const subject = hookId ? `pause ${hookId} of ${serviceDeploymentArn}` : serviceDeploymentArn
  const message = ((): string => {
    switch (errorName(error)) {
      case 'AccessDeniedException':
        return `The credentials may not call ecs:${operation} on ${serviceDeploymentArn} (${said}); grant it as the README's "AWS credentials and IAM" shows.`
      case 'InvalidParameterException':
      case 'ClientException':
        return `ECS refused ${operation} for ${subject} (${said}). Someone may have answered the pause, or the deployment ended or was replaced by a newer one; ${where}.`
      case 'ConflictException':
        return `ECS cannot ${operation === 'StopServiceDeployment' ? 'stop' : 'continue'} ${subject} in its present state (${said}); ${where}.`
      case 'ServiceDeploymentNotFoundException':
        return `ECS does not know deployment ${serviceDeploymentArn} (${said}). Check deployment-arn and the AWS region; ECS keeps deployments for 90 days.`
      case 'UnsupportedFeatureException':
        return `${operation} is not available where the request went (${said}); check the AWS region.`
      default:
        return isTransientError(error)
          ? `ECS did not answer ${operation} for ${subject} (${said}); it may or may not have taken effect: ${where}.`
          : `${operation} for ${subject} failed: ${said}`
    }
  })()
  return new Error(message, { cause: error })
}
