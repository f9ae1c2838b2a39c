import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import type { RevisionServing } from '../model/evidence.js'
import type { EcsPort } from './port.js'

/** DescribeServiceRevisions takes at most 20 ARNs. */
const MAX_REVISIONS = 20

/**
 * Which target group and production listener rule serve each revision of the deployment, the
 * new one first (ServiceRevision.resolvedConfiguration,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ResolvedConfiguration.html):
 * the two target groups of a blue/green load balancer swap roles with every deployment.
 * Undefined when no revision is behind a load balancer, or ECS did not say.
 */
export async function readServedBy(
  ecs: EcsPort,
  deployment: ServiceDeployment
): Promise<RevisionServing[] | undefined> {
  const target = deployment.targetServiceRevision?.arn
  if (!target) return undefined
  const sources = (deployment.sourceServiceRevisions ?? []).flatMap(source =>
    source.arn && source.arn !== target ? [source.arn] : []
  )
  let serving: RevisionServing[]
  try {
    const { serviceRevisions = [] } = await ecs.describeServiceRevisions({
      serviceRevisionArns: [target, ...sources].slice(0, MAX_REVISIONS)
    })
    serving = serviceRevisions.flatMap((revision): RevisionServing[] => {
      const loadBalancers = revision.resolvedConfiguration?.loadBalancers ?? []
      if (!revision.serviceRevisionArn || loadBalancers.length === 0) return []
      return [
        {
          role: revision.serviceRevisionArn === target ? 'new' : 'old',
          revisionArn: revision.serviceRevisionArn,
          taskDefinitionArn: revision.taskDefinition,
          loadBalancers: loadBalancers.map(({ targetGroupArn, productionListenerRule }) => ({
            targetGroupArn,
            productionListenerRule
          }))
        }
      ]
    })
  } catch {
    // Only the report needs it: a denied or failed read leaves the table out.
    return undefined
  }
  serving.sort((a, b) => (a.role === b.role ? 0 : a.role === 'new' ? -1 : 1))
  return serving.length > 0 ? serving : undefined
}
