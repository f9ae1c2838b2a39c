import { isRollingBack, isTerminalStatus } from '../model/stages.js'
import { describeDeployment } from './deployments.js'
import { deploymentActionError, errorName, isStaleDeploymentAction } from './errors.js'
import type { EcsPort } from './port.js'

/**
 * What a rollback request came to: the pause answered ROLLBACK, the deployment stopped
 * with ROLLBACK, or nothing sent because ECS was rolling the deployment back already or
 * it had ended (ECS decides how a rollback ends: ROLLBACK_REQUESTED can also end
 * SUCCESSFUL or STOPPED, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html).
 */
export type RollbackRequest = 'continue-rollback' | 'stop-rollback' | 'under-way' | 'ended'

export interface RollbackTarget {
  serviceDeploymentArn: string
  /** The deployment's status as last seen. */
  status?: string
  /** The pause that holds it, if any. */
  pausedHookId?: string
}

/**
 * Asks ECS to roll the deployment back: a paused deployment is answered ROLLBACK at its
 * pause (ContinueServiceDeployment); anything else under way is stopped with ROLLBACK
 * (StopServiceDeployment). If the pause was answered meanwhile, the stop still applies.
 * A deployment ECS is already rolling back is left to it, also when the stop is refused
 * because of that (ConflictException). Other errors say what went wrong.
 */
export async function requestRollback(
  ecs: EcsPort,
  target: RollbackTarget
): Promise<RollbackRequest> {
  const { serviceDeploymentArn, pausedHookId } = target
  if (isRollingBack(target.status)) return 'under-way'
  if (pausedHookId) {
    try {
      await ecs.continueServiceDeployment({
        serviceDeploymentArn,
        hookId: pausedHookId,
        action: 'ROLLBACK'
      })
      return 'continue-rollback'
    } catch (error) {
      if (!isStaleDeploymentAction(error))
        throw deploymentActionError(
          error,
          'ContinueServiceDeployment',
          serviceDeploymentArn,
          pausedHookId
        )
    }
  }
  try {
    await ecs.stopServiceDeployment({ serviceDeploymentArn, stopType: 'ROLLBACK' })
    return 'stop-rollback'
  } catch (error) {
    if (errorName(error) === 'ConflictException') {
      const now = await describeDeployment(ecs, serviceDeploymentArn).catch(() => undefined)
      if (isRollingBack(now?.status)) return 'under-way'
      if (isTerminalStatus(now?.status)) return 'ended'
    }
    throw deploymentActionError(error, 'StopServiceDeployment', serviceDeploymentArn)
  }
}

/** Whether the request sent anything that changed the deployment. */
export function sentRollback(request: RollbackRequest): boolean {
  return request === 'continue-rollback' || request === 'stop-rollback'
}

/** One log line saying what the rollback request did. */
export function describeRollbackRequest(how: RollbackRequest, stage: string | undefined): string {
  switch (how) {
    case 'continue-rollback':
      return `Rollback requested: answered ROLLBACK at the pause (${stage ?? 'an unknown stage'}).`
    case 'stop-rollback':
      return `Rollback requested: stopped the deployment with ROLLBACK at stage ${stage ?? 'none'}.`
    case 'under-way':
      return 'ECS is rolling the deployment back already: following it.'
    case 'ended':
      return 'The deployment ended before the rollback request reached it.'
  }
}
