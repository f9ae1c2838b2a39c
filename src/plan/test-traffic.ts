import type {
  ServiceConnectClientAlias,
  ServiceConnectConfiguration,
  ServiceConnectService
} from '@aws-sdk/client-ecs'
import type { TestTrafficRoute } from '../model/release.js'

/**
 * How test traffic reaches the new revision of a Service Connect service: the header of
 * its client aliases' test traffic rule and the endpoints that take it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-blue-green.html).
 * Undefined without a header rule with an exact value (a load balancer's test listener
 * rule has no endpoint the action knows).
 */
export function testTrafficRoute(
  configuration: ServiceConnectConfiguration | undefined
): TestTrafficRoute | undefined {
  if (!configuration?.enabled) return undefined
  const aliases = (configuration.services ?? []).flatMap(service =>
    (service.clientAliases ?? []).map(alias => ({ service, alias }))
  )
  const header = aliases.find(({ alias }) => alias.testTrafficRules?.header?.value?.exact)?.alias
    .testTrafficRules?.header
  const value = header?.value?.exact
  if (!header?.name || value === undefined) return undefined
  return {
    header: header.name,
    value,
    endpoints: endpointsOf(
      aliases.filter(({ alias }) => alias.testTrafficRules?.header?.name === header.name)
    )
  }
}

/**
 * ECS's default header, which Service Connect matches on every client alias without a test
 * traffic rule: "By default, Service Connect recognizes the x-amzn-ecs-blue-green-test
 * header for HTTP-based protocols when no custom rules are specified"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-blue-green.html).
 * Its match value is not documented, so the route has none. Undefined when the service has
 * no client alias, or has a rule of its own.
 */
export function defaultTestTrafficRoute(
  configuration: ServiceConnectConfiguration | undefined
): TestTrafficRoute | undefined {
  if (!configuration?.enabled) return undefined
  const aliases = (configuration.services ?? []).flatMap(service =>
    (service.clientAliases ?? []).map(alias => ({ service, alias }))
  )
  if (aliases.length === 0 || aliases.some(({ alias }) => alias.testTrafficRules)) return undefined
  return { header: DEFAULT_TEST_HEADER, endpoints: endpointsOf(aliases) }
}

/** The header Service Connect matches when a client alias has no test traffic rule. */
export const DEFAULT_TEST_HEADER = 'x-amzn-ecs-blue-green-test'

function endpointsOf(
  aliases: { service: ServiceConnectService; alias: ServiceConnectClientAlias }[]
): string[] {
  const endpoints = aliases.map(({ service, alias }) => {
    const host = alias.dnsName ?? service.discoveryName ?? service.portName
    return `http://${host}:${alias.port}/`
  })
  return [...new Set(endpoints)]
}

/** `header x-canary: green on http://web.demo.local:80/`, for the log. */
export function describeTestTraffic(route: TestTrafficRoute): string {
  const where = route.endpoints.length > 0 ? ` on ${route.endpoints.join(', ')}` : ''
  return `requests with header ${describeHeader(route)}${where} reach the new revision`
}

/** `x-canary: green`, or ECS's default header, whose match value is not documented. */
export function describeHeader(route: TestTrafficRoute): string {
  return route.value === undefined
    ? `${route.header} (ECS's default; its match value is not documented)`
    : `${route.header}: ${route.value}`
}
