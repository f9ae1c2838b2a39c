import { isStaleDeploymentAction } from './errors.js'
import type { EcsPort } from './port.js'

export type RollbackRequest = 'continue-rollback' | 'stop-rollback'

/**
 * Asks ECS to roll the deployment back: a paused deployment is answered ROLLBACK at its
 * pause (ContinueServiceDeployment); anything else under way is stopped with ROLLBACK
 * (StopServiceDeployment). If the pause was answered meanwhile, the stop still applies.
 */
export async function requestRollback(
  ecs: EcsPort,
  serviceDeploymentArn: string,
  pausedHookId: string | undefined
): Promise<RollbackRequest> {
  if (pausedHookId) {
    try {
      await ecs.continueServiceDeployment({
        serviceDeploymentArn,
        hookId: pausedHookId,
        action: 'ROLLBACK'
      })
      return 'continue-rollback'
    } catch (error) {
      if (!isStaleDeploymentAction(error)) throw error
    }
  }
  await ecs.stopServiceDeployment({ serviceDeploymentArn, stopType: 'ROLLBACK' })
  return 'stop-rollback'
}
