import type { RevisionServing } from '../model/evidence.js'

/** What ECS says when a failure involves the load balancer: networking, ELB calls, health checks. */
const LOAD_BALANCER_FAILURE =
  /invalid networking configuration|elasticloadbalancing|\bELB\b|target.group|listener/i

/**
 * On a failure that involves the load balancer, which target group is whose: ECS swaps the
 * roles of the two target groups on every deployment, so the one a reason names may well be
 * the group that served production yesterday. One line, or undefined.
 */
export function loadBalancerDetail(
  servedBy: RevisionServing[] | undefined,
  reasons: string[]
): string | undefined {
  const said = reasons.join('\n')
  if (!servedBy || !LOAD_BALANCER_FAILURE.test(said)) return undefined
  const groupOf = (role: RevisionServing['role']): string | undefined =>
    servedBy.find(revision => revision.role === role)?.loadBalancers[0]?.targetGroupArn
  const green = groupOf('new')
  const blue = groupOf('old')
  const named = [green, blue].find(group => group !== undefined && said.includes(group))
  if (named === green && green) {
    return `Target group involved: ${green}, where the new revision's tasks register${blue ? ` (the old revision's is ${blue})` : ''}.`
  }
  if (named === blue && blue) {
    return `Target group involved: ${blue}, which serves the old revision${green ? ` (the new revision's tasks register in ${green})` : ''}.`
  }
  const rule = servedBy.find(revision => revision.role === 'new')?.loadBalancers[0]
    ?.productionListenerRule
  const parts = [
    green && `the new revision's tasks register in ${green}`,
    blue && `the old revision is served from ${blue}`,
    rule && `production listener rule ${rule}`
  ].filter(Boolean)
  return parts.length > 0 ? `Target groups: ${parts.join('; ')}.` : undefined
}
