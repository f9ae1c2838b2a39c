import type { ServiceDeployment } from '@aws-sdk/client-ecs'

export const DEPLOYMENT_ARN =
  'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/r9i43YFjvgF_xlg7m2eJ1r'
export const TARGET_REVISION =
  'arn:aws:ecs:us-east-1:123456789012:service-revision/demo/web/1234567890123456789'
export const SOURCE_REVISION =
  'arn:aws:ecs:us-east-1:123456789012:service-revision/demo/web/9876543210987654321'
export const PAUSE_HOOK = 'ecs-pause-Xk7rT2mP9sLwQn4vB8fYd3hJ6gA1cE5iO0uR_ZpWq'

/** Weights per stage as ECS reports them for a BLUE_GREEN deployment (sim/README.md, "What happens in a deployment"). */
const WEIGHTS: Record<string, [number, number]> = {
  TEST_TRAFFIC_SHIFT: [100, 0],
  POST_TEST_TRAFFIC_SHIFT: [100, 0],
  PRODUCTION_TRAFFIC_SHIFT: [100, 100],
  POST_PRODUCTION_TRAFFIC_SHIFT: [100, 100],
  BAKE_TIME: [100, 100],
  CLEAN_UP: [100, 100]
}

/** A ServiceDeployment as DescribeServiceDeployments returns it, at a stage and status. */
export function deploymentAt(
  stage: string | undefined,
  status = 'IN_PROGRESS',
  overrides: Partial<ServiceDeployment> = {}
): ServiceDeployment {
  const [test, production] = WEIGHTS[stage ?? ''] ?? [0, 0]
  return {
    serviceDeploymentArn: DEPLOYMENT_ARN,
    status: status as ServiceDeployment['status'],
    lifecycleStage: stage as ServiceDeployment['lifecycleStage'],
    createdAt: new Date('2026-11-25T12:00:00Z'),
    targetServiceRevision: {
      arn: TARGET_REVISION,
      requestedTaskCount: 2,
      runningTaskCount: stage && stage !== 'PRE_SCALE_UP' ? 2 : 0,
      requestedTestTrafficWeight: test,
      requestedProductionTrafficWeight: production
    },
    sourceServiceRevisions: [
      {
        arn: SOURCE_REVISION,
        requestedTaskCount: 2,
        runningTaskCount: 2,
        requestedTestTrafficWeight: 100 - test,
        requestedProductionTrafficWeight: 100 - production
      }
    ],
    ...overrides
  }
}

/** A deployment held at a pause hook. */
export function pausedAt(stage: string, hookId = PAUSE_HOOK): ServiceDeployment {
  return deploymentAt(stage, 'IN_PROGRESS', {
    lifecycleHookDetails: [
      {
        hookId,
        targetType: 'PAUSE',
        status: 'AWAITING_ACTION',
        expiresAt: new Date('2026-11-26T12:00:00Z'),
        timeoutAction: 'ROLLBACK'
      }
    ]
  })
}
