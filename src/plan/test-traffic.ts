import type { ServiceConnectConfiguration } from '@aws-sdk/client-ecs'
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
  const endpoints = aliases
    .filter(({ alias }) => alias.testTrafficRules?.header?.name === header.name)
    .map(({ service, alias }) => {
      const host = alias.dnsName ?? service.discoveryName ?? service.portName
      return `http://${host}:${alias.port}/`
    })
  return { header: header.name, value, endpoints: [...new Set(endpoints)] }
}

/** `header x-canary: green on http://web.demo.local:80/`, for the log. */
export function describeTestTraffic(route: TestTrafficRoute): string {
  const where = route.endpoints.length > 0 ? ` on ${route.endpoints.join(', ')}` : ''
  return `requests with header ${route.header}: ${route.value}${where} reach the new revision`
}
