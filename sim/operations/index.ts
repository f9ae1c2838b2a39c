/** Every operation the simulator answers, by the name in x-amz-target. */
import { deploymentOperations } from './deployments.js'
import type { Operation } from './operation.js'
import { serviceOperations } from './services.js'
import { tagOperations } from './tags.js'
import { taskDefinitionOperations } from './task-definitions.js'
import { taskOperations } from './tasks.js'

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  ...taskDefinitionOperations,
  ...serviceOperations,
  ...deploymentOperations,
  ...taskOperations,
  ...tagOperations
}

/** Operations that change state: "zero mutating calls" assertions and IAM checks use this. */
export const MUTATING_OPERATIONS: readonly string[] = [
  'RegisterTaskDefinition',
  'UpdateService',
  'ContinueServiceDeployment',
  'StopServiceDeployment',
  'TagResource'
]
