/**
 * What ECS sends a Lambda lifecycle hook
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/lambda-lifecycle-hooks.html),
 * and the log of each "invocation" with its answer, since no real function is called.
 */
import type { DeploymentRecord } from './model.js'
import type { LambdaResult } from './scenario.js'

/** Traffic percentages by service-revision ARN; empty at stages where that traffic does not move. */
export type TrafficWeights = Record<string, number>

export interface HookPayload {
  executionId: string
  lifecycleStage: string
  /** The service deployment. */
  resourceArn: string
  executionDetails: {
    serviceArn: string
    /** Green, also while a rollback moves traffic back to blue. */
    targetServiceRevisionArn: string
    testTrafficWeights: TrafficWeights
    productionTrafficWeights: TrafficWeights
  }
  hookDetails?: unknown
}

export interface LambdaInvocation {
  deploymentArn: string
  hookId: string
  functionArn: string
  /** The hook ran again during a rollback, with reversed weights. */
  rollback: boolean
  payload: HookPayload
  answer: LambdaResult
  /** Date.now() when the function answered. */
  atMs: number
}

/**
 * The weights of a hook at `stage`: green's share and blue's rest, in the map of the traffic
 * that stage moves. Blue is the revision serving production, or during a rollback the one
 * traffic returns to.
 */
function trafficWeights(
  deployment: DeploymentRecord,
  stage: string,
  rollback: boolean
): Pick<HookPayload['executionDetails'], 'testTrafficWeights' | 'productionTrafficWeights'> {
  const blue = (rollback ? deployment.candidate : deployment.sources[0])?.arn
  const split = (green: number): TrafficWeights => ({
    [deployment.target.arn]: green,
    ...(blue && { [blue]: 100 - green })
  })
  const production = deployment.phases[deployment.phaseIndex]?.productionWeight ?? 0
  switch (stage) {
    case 'TEST_TRAFFIC_SHIFT':
      return { testTrafficWeights: split(rollback ? 0 : 100), productionTrafficWeights: {} }
    case 'PRE_PRODUCTION_TRAFFIC_SHIFT':
    case 'PRODUCTION_TRAFFIC_SHIFT':
      return {
        testTrafficWeights: {},
        productionTrafficWeights: split(rollback ? 0 : production)
      }
    default:
      return { testTrafficWeights: {}, productionTrafficWeights: {} }
  }
}

export function hookPayload(
  deployment: DeploymentRecord,
  stage: string,
  options: { executionId: string; rollback: boolean; hookDetails?: unknown }
): HookPayload {
  return {
    executionId: options.executionId,
    lifecycleStage: stage,
    resourceArn: deployment.arn,
    executionDetails: {
      serviceArn: deployment.service.arn,
      targetServiceRevisionArn: deployment.target.arn,
      ...trafficWeights(deployment, stage, options.rollback)
    },
    ...(options.hookDetails !== undefined && { hookDetails: options.hookDetails })
  }
}
