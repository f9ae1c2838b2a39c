import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs'
import type { Clock } from '../model/clock.js'
import { isOngoingStatus, ONGOING_STATUSES } from '../model/stages.js'
import { describeAwsError, isTransientError } from './errors.js'
import type { EcsPort } from './port.js'
import { describeService, primaryDeployment } from './service.js'

/** Reads one service deployment; undefined when ECS does not know the ARN. */
export async function describeDeployment(
  ecs: EcsPort,
  arn: string
): Promise<ServiceDeployment | undefined> {
  const { serviceDeployments } = await ecs.describeServiceDeployments({
    serviceDeploymentArns: [arn]
  })
  return (
    serviceDeployments?.find(deployment => deployment.serviceDeploymentArn === arn) ??
    serviceDeployments?.[0]
  )
}

/** How long a new deployment may take to become visible after UpdateService (ECS is eventually consistent). */
const FIND_TIMEOUT_MS = 60_000

export interface FindStartedDeployment {
  ecs: EcsPort
  cluster: string
  service: string
  /** The service as UpdateService returned it. */
  updated: Service | undefined
  /** A moment shortly before UpdateService was sent (the runner's clock may run ahead of AWS's). */
  since: Date
  clock: Clock
  onRetry?: (message: string) => void
}

/**
 * Finds the service deployment that UpdateService started. The response's
 * currentServiceDeployment is trusted only once the deployment it names is confirmed
 * to be new (created after `since`, or targeting the new PRIMARY revision); otherwise the
 * service's deployments created since then are listed until the new one shows up.
 * The describe that confirms it doubles as the first poll of the wait.
 */
export async function findStartedDeployment(
  request: FindStartedDeployment
): Promise<ServiceDeployment> {
  const { ecs, clock, since } = request
  const revisionId = primaryDeployment(request.updated ?? {})
    ?.id?.split('/')
    .pop()
  const isNew = (deployment: ServiceDeployment | undefined): deployment is ServiceDeployment =>
    deployment !== undefined &&
    ((deployment.createdAt !== undefined && deployment.createdAt >= since) ||
      (revisionId !== undefined &&
        deployment.targetServiceRevision?.arn?.endsWith(`/${revisionId}`) === true))
  const reported = request.updated?.currentServiceDeployment
  const deadline = clock.now().getTime() + FIND_TIMEOUT_MS
  let lastError: unknown
  for (let delay = 1000; ; delay = Math.min(delay * 2, 8000)) {
    try {
      const confirmed = reported ? await describeDeployment(ecs, reported) : undefined
      if (isNew(confirmed)) return confirmed
      const candidate = await newestDeploymentSince(request, revisionId)
      const listed = candidate ? await describeDeployment(ecs, candidate) : undefined
      if (isNew(listed)) return listed
    } catch (error) {
      if (!isTransientError(error)) throw error
      lastError = error
      request.onRetry?.(`Looking for the new deployment: ${describeAwsError(error)}; retrying.`)
    }
    if (clock.now().getTime() + delay > deadline) break
    await clock.sleep(delay)
  }
  const why = lastError
    ? `ECS did not answer (${describeAwsError(lastError)})`
    : 'no new deployment appeared'
  throw new Error(
    `UpdateService succeeded, but the new deployment of service '${request.service}' could not be confirmed ` +
      `within ${FIND_TIMEOUT_MS / 1000} s: ${why}.` +
      (reported ? ` UpdateService named deployment ${reported}.` : '') +
      " Look at the service's Deployments tab in the ECS console."
  )
}

function newestFirst(a: { createdAt?: Date }, b: { createdAt?: Date }): number {
  return (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0)
}

/** Among the deployments created since `since`, the one for the new revision, else the newest. */
async function newestDeploymentSince(
  request: FindStartedDeployment,
  revisionId: string | undefined
): Promise<string | undefined> {
  const { serviceDeployments = [] } = await request.ecs.listServiceDeployments({
    cluster: request.cluster,
    service: request.service,
    createdAt: { after: request.since }
  })
  const matching = serviceDeployments.find(
    brief => revisionId !== undefined && brief.targetServiceRevisionArn?.endsWith(`/${revisionId}`)
  )
  const newest = [...serviceDeployments].sort(newestFirst)[0]
  return (matching ?? newest)?.serviceDeploymentArn
}

/**
 * The service's current deployment: the one DescribeServices names, else the newest
 * one still under way. Whether it can still be acted on is the caller's question.
 */
export async function findCurrentDeployment(
  ecs: EcsPort,
  cluster: string,
  service: string
): Promise<string | undefined> {
  const current = (await describeService(ecs, cluster, service)).currentServiceDeployment
  if (current) return current
  const { serviceDeployments = [] } = await ecs.listServiceDeployments({
    cluster,
    service,
    status: [...ONGOING_STATUSES]
  })
  return serviceDeployments.filter(brief => isOngoingStatus(brief.status)).sort(newestFirst)[0]
    ?.serviceDeploymentArn
}
