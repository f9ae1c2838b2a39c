import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { awaitingPauseHook } from '../watch/watch.js'
import { errorName } from './errors.js'
import type { EcsPort } from './port.js'

export type RollbackRequest = 'continue-rollback' | 'stop-rollback'

/**
 * Asks ECS to roll the deployment back: a paused deployment is answered ROLLBACK at its
 * pause (ContinueServiceDeployment); anything else under way is stopped with ROLLBACK
 * (StopServiceDeployment). If the pause was answered meanwhile, the stop still applies.
 */
export async function requestRollback(
  ecs: EcsPort,
  deployment: ServiceDeployment
): Promise<RollbackRequest> {
  const arn = deployment.serviceDeploymentArn
  if (!arn) throw new Error('Cannot roll back: the deployment ARN is unknown.')
  const hookId = awaitingPauseHook(deployment)
  if (hookId) {
    try {
      await ecs.continueServiceDeployment({ serviceDeploymentArn: arn, hookId, action: 'ROLLBACK' })
      return 'continue-rollback'
    } catch (error) {
      if (!['InvalidParameterException', 'ClientException'].includes(errorName(error))) throw error
    }
  }
  await ecs.stopServiceDeployment({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })
  return 'stop-rollback'
}
