/**
 * One request's way to its operation: the operation named, the body checked against the API
 * model, and the answer held to the errors the model declares for that operation, so the
 * simulator cannot teach the action to expect an error ECS never sends for it.
 */
import { ECS_SDK, operationModel, type SdkPackage } from './api-model.js'
import { EcsError } from './errors.js'
import type { Operation } from './operations/operation.js'
import type { JsonObject } from './protocol.js'
import { checkRequest } from './request-check.js'
import type { World } from './world.js'

/**
 * Errors any operation may answer besides its declared ones: the common errors of all AWS
 * APIs (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html) and the
 * awsJson1_1 protocol's own for a body it cannot read.
 */
const COMMON_ERRORS: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'IncompleteSignature',
  'InternalFailure',
  'InvalidAction',
  'InvalidClientTokenId',
  'NotAuthorized',
  'OptInRequired',
  'RequestExpired',
  'ServiceUnavailable',
  'ThrottlingException',
  'ValidationError',
  'SerializationException'
])

/** Whether the service of `sdk` may answer `operation` with an error of this type. */
export function mayAnswer(
  operation: string,
  errorType: string,
  sdk: SdkPackage = ECS_SDK
): boolean {
  return (
    COMMON_ERRORS.has(errorType) || (operationModel(operation, sdk)?.errors.has(errorType) ?? false)
  )
}

/**
 * Runs `operation` of the service whose model `sdk` holds on `input`; enum values the SDK does
 * not document are added to `warnings`. An error the API model does not declare for the
 * operation is a simulator bug: it becomes a plain Error, which the server answers as a 500
 * and reports to onError.
 */
export function dispatch(
  world: World,
  operations: Readonly<Record<string, Operation>>,
  operation: string,
  input: JsonObject,
  warnings: string[],
  sdk: SdkPackage = ECS_SDK
): unknown {
  const handler = operations[operation]
  if (!handler) {
    throw new EcsError(
      'UnknownOperationException',
      `Unknown operation ${operation}. The simulator implements: ${Object.keys(operations).join(', ')}`
    )
  }
  try {
    warnings.push(...checkRequest(operation, input, sdk))
    return handler(world, input)
  } catch (error) {
    if (error instanceof EcsError && !mayAnswer(operation, error.type, sdk)) {
      throw new Error(
        `${operation} answered ${error.type}, which the ${sdk} API model does not declare for it: ${error.message}`,
        { cause: error }
      )
    }
    throw error
  }
}
