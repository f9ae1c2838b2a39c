import type { Command } from '../inputs/inputs.js'
import type { ServiceTarget } from '../inputs/services.js'
import { plain } from './format.js'
import { awaitingHook, type GitHubRun, type Release, shortName, type Verdict } from './release.js'

/**
 * A release of several services as one (the `services` input): one Release per service in
 * call order, entry service first, and the verdict of the whole. Each member's facts are
 * written as for a release of one; the set adds only what belongs to all of them.
 */
export interface ReleaseSet {
  name: string
  command: Command
  /** In call order: the entry service first, the deepest callee last. */
  members: Release[]
  github: GitHubRun
  startedAt: Date
  /** The service whose failure rolled the others back, as `members` holds it. */
  failedMember?: Release
  /** Set once, by concludeReleaseSet (verdict/release-set.ts), and by nothing else. */
  verdict?: Verdict
}

/** `gateway → orders → payments`; services of another cluster than the entry's as `cluster/service`. */
export function defaultReleaseName(targets: ServiceTarget[]): string {
  const home = shortName(targets[0]?.cluster ?? '')
  return plain(
    targets
      .map(({ service, cluster }) =>
        shortName(cluster) === home
          ? shortName(service)
          : `${shortName(cluster)}/${shortName(service)}`
      )
      .join(' → '),
    200
  )
}

/** What the `services` output holds for each service. */
export interface ServiceOutput {
  service: string
  cluster: string
  deploymentArn: string
  hookId: string
  stage: string
  status: string
}

/** The `services` output: one object per service, in call order. */
export function servicesOutput(set: ReleaseSet): string {
  const rows: ServiceOutput[] = set.members.map(member => ({
    service: member.service,
    cluster: member.cluster,
    deploymentArn: member.deploymentArn ?? '',
    hookId: awaitingHook(member)?.hookId ?? '',
    stage: member.stage ?? '',
    status: member.status ?? ''
  }))
  return JSON.stringify(rows)
}
