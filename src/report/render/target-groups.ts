import { targetGroupConsoleUrl } from '../../model/console-links.js'
import type { RevisionServing } from '../../model/evidence.js'
import { NONE, taskDefinitionName } from '../../model/format.js'
import type { Release } from '../../model/release.js'
import { code, link } from './escape.js'
import type { MarkdownBuilder, Table, TableLimit } from './markdown.js'

interface ServingRow {
  revision: RevisionServing
  targetGroupArn?: string
  productionListenerRule?: string
}

/** `orders-green` from `arn:…:targetgroup/orders-green/0a1b2c3d4e5f6092`. */
function targetGroupName(arn: string): string {
  return /:targetgroup\/([^/]+)\//.exec(arn)?.[1] ?? arn
}

/** Which target group and production listener rule serve each revision, new first. */
export function targetGroupsTable(release: Release): Table<ServingRow> | undefined {
  const rows = (release.servedBy ?? []).flatMap(revision =>
    revision.loadBalancers.map(loadBalancer => ({ revision, ...loadBalancer }))
  )
  if (rows.length === 0) return undefined
  const region = release.region ?? ''
  return {
    headers: ['Revision', 'Task definition', 'Target group', 'Production listener rule'],
    items: rows,
    cells: ({ revision, targetGroupArn, productionListenerRule }) => [
      `${revision.role === 'new' ? 'New' : 'Old'} ${code(revision.revisionArn.split('/').pop() ?? '', 100)}`,
      revision.taskDefinitionArn ? code(taskDefinitionName(revision.taskDefinitionArn)) : NONE,
      targetGroupArn
        ? link(targetGroupName(targetGroupArn), targetGroupConsoleUrl(region, targetGroupArn))
        : NONE,
      productionListenerRule ? code(productionListenerRule.split(':').pop() ?? '') : NONE
    ],
    noun: 'target groups'
  }
}

/**
 * The target groups of the release's revisions under `heading`: ECS swaps the roles of the
 * two target groups of a blue/green load balancer on every deployment, so which one holds
 * which revision is worth saying. Nothing for a service without a load balancer.
 */
export function addTargetGroups(
  doc: MarkdownBuilder,
  release: Release,
  heading: string,
  limit?: TableLimit
): void {
  const table = targetGroupsTable(release)
  if (!table) return
  doc.add(heading)
  doc.add('ECS swaps the roles of the two target groups with every deployment.')
  doc.addTable(table, limit)
}
