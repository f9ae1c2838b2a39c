/**
 * Which revision serves a request at each hop of a call chain (sim/README.md, "Request
 * routing"). The caller's Service Connect proxy picks the route: a request whose header matches
 * the test traffic rule of the callee's deployment under way takes the test route, any other the
 * production route (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-blue-green.html).
 * Each route sends traffic where the deployment's weights say (traffic.ts). Nothing copies the
 * header onto the next call: each application forwards it or not (`forwardsTestHeader`).
 */
import { isTerminal } from './deployment-machine.js'
import type { DeploymentRecord, RevisionRecord, ServiceRecord } from './model.js'
import { isBlueGreenFamily } from './phases.js'
import { revisionWeights } from './traffic.js'
import type { World } from './world.js'

/**
 * The header Service Connect matches when an alias has no testTrafficRules, for HTTP-based
 * protocols (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-blue-green.html).
 */
export const DEFAULT_TEST_HEADER = 'x-amzn-ecs-blue-green-test'

export interface RequestHeader {
  name: string
  value: string
}

export interface RouteRequest {
  /** The service the request enters at, as a client in the namespace calls it. */
  service: string
  /** Its cluster; may be omitted when the name is unique. */
  cluster?: string
  /** The one header the request carries, if any. */
  header?: RequestHeader
}

export interface HopRevision {
  arn: string
  taskDefinitionArn: string
  /**
   * green: the target of the deployment under way; blue: a revision it replaces; stable: the
   * revision of a service with no deployment under way.
   */
  role: 'green' | 'blue' | 'stable'
  /** Percent of the requests on this hop's route that this revision serves. */
  weight: number
}

export interface Hop {
  service: string
  cluster: string
  /** The service that made this call; absent at the entry. */
  caller?: string
  /** The header as this hop received it; absent when the request reached it without one. */
  header?: RequestHeader
  /** test: the header matched the test traffic rule of the deployment under way. */
  route: 'test' | 'production'
  /** The revisions the route sends the request to, the largest share first. */
  revisions: HopRevision[]
  /** Whether the service passes the header on to the services it calls. */
  forwardsTestHeader: boolean
}

/** The deployment under way: the newest, unless it has ended. */
function deploymentUnderWay(service: ServiceRecord): DeploymentRecord | undefined {
  const newest = service.deployments[service.deployments.length - 1]
  return newest && !isTerminal(newest) ? newest : undefined
}

/** Whether clients in the namespace can call the service through Service Connect. */
export function reachableByServiceConnect(revision: RevisionRecord): boolean {
  const config = revision.serviceConnectConfiguration
  return config?.enabled === true && (config.services ?? []).length > 0
}

/**
 * The header rules of a revision's client aliases; an alias without rules matches the
 * default header by presence. A rule without a value matches any value (the API allows
 * leaving `value` out; what ECS then matches is not documented).
 */
function testRules(revision: RevisionRecord): { name: string; exact?: string }[] {
  const aliases = (revision.serviceConnectConfiguration?.services ?? []).flatMap(
    service => service.clientAliases ?? []
  )
  return aliases.map(alias => {
    const header = alias.testTrafficRules?.header
    return header?.name
      ? { name: header.name, exact: header.value?.exact }
      : { name: DEFAULT_TEST_HEADER }
  })
}

function matchesTestRule(revision: RevisionRecord, header: RequestHeader): boolean {
  // Header names are case-insensitive (RFC 9110, section 5.1); values are matched exactly.
  return testRules(revision).some(
    rule =>
      rule.name.toLowerCase() === header.name.toLowerCase() &&
      (rule.exact === undefined || rule.exact === header.value)
  )
}

/** The revisions a route of the service sends requests to, the largest share first. */
function routeRevisions(
  service: ServiceRecord,
  deployment: DeploymentRecord | undefined,
  route: Hop['route']
): HopRevision[] {
  if (!deployment) {
    const { arn, taskDefinition } = service.serving
    return [{ arn, taskDefinitionArn: taskDefinition.arn, role: 'stable', weight: 100 }]
  }
  const weights = revisionWeights(deployment)
  return [
    { ...weights.target, role: 'green' as const },
    ...weights.sources.map(source => ({ ...source, role: 'blue' as const }))
  ]
    .map(({ revision, role, test, production }) => ({
      arn: revision.arn,
      taskDefinitionArn: revision.taskDefinition.arn,
      role,
      weight: route === 'test' ? test : production
    }))
    .filter(revision => revision.weight > 0)
    .sort((a, b) => b.weight - a.weight)
}

function hopOf(
  service: ServiceRecord,
  caller: string | undefined,
  header: RequestHeader | undefined
): Hop {
  const deployment = deploymentUnderWay(service)
  // A ROLLING deployment has no test route (only blue/green, linear and canary shift test traffic).
  const test =
    deployment !== undefined &&
    isBlueGreenFamily(deployment.configuration) &&
    header !== undefined &&
    matchesTestRule(deployment.target, header)
  const route = test ? 'test' : 'production'
  return {
    service: service.name,
    cluster: service.cluster.name,
    ...(caller !== undefined && { caller }),
    ...(header && { header }),
    route,
    revisions: routeRevisions(service, deployment, route),
    forwardsTestHeader: service.forwardsTestHeader
  }
}

/**
 * The hops of a request, depth first in call order: the entry, then each service it calls
 * with everything that call leads to. A service called from two places appears twice.
 */
export function routeRequest(world: World, entry: ServiceRecord, header?: RequestHeader): Hop[] {
  const hops: Hop[] = []
  const visit = (service: ServiceRecord, caller: string | undefined, received?: RequestHeader) => {
    if (!reachableByServiceConnect(service.primary)) {
      throw new Error(
        `${service.cluster.name}/${service.name} has no Service Connect service that clients can call; requests are routed through Service Connect only`
      )
    }
    hops.push(hopOf(service, caller, received))
    const passedOn = service.forwardsTestHeader ? received : undefined
    for (const name of service.calls) {
      visit(world.state.service(service.cluster.name, name), service.name, passedOn)
    }
  }
  visit(entry, undefined, header)
  return hops
}
