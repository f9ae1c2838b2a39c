import type { Service } from '@aws-sdk/client-ecs'
import { InputError } from '../inputs/values.js'
import { primaryDeployment } from '../ecs/service.js'
import {
  DEFAULT_TEST_HEADER,
  defaultTestTrafficRoute,
  describeHeader
} from '../plan/test-traffic.js'
import { type Release, releaseSubject } from '../model/release.js'

/** A service of a release of several, as its checks found it. */
export interface ChainHop {
  release: Release
  service: Service
}

/**
 * What a full-chain test needs of every service before anything changes (README,
 * "Full-chain gray release"): a test route to its new revision (a Service Connect test
 * traffic rule by header, or ECS's default header on a Service Connect service without one,
 * or a load balancer's test listener rule), one header for all Service Connect services
 * (each hop matches the header the entry received: all the default, or all one rule), and a
 * header name that proxies pass on: nginx drops headers with `_` unless
 * `underscores_in_headers` is on (https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers).
 */
export function checkChainRoutes(hops: ChainHop[]): void {
  let first: ChainHop | undefined
  for (const hop of hops) {
    // A Service Connect service without a rule of its own takes ECS's default header.
    hop.release.testTraffic ??= defaultTestTrafficRoute(
      primaryDeployment(hop.service)?.serviceConnectConfiguration
    )
    const route = hop.release.testTraffic
    const testListener = (hop.service.loadBalancers ?? []).some(
      balancer => balancer.advancedConfiguration?.testListenerRule
    )
    if (!route && !testListener) {
      throw new InputError(
        'services',
        `${releaseSubject(hop.release)} has no test route to its new revision: neither a Service Connect test traffic rule ` +
          '(set test-traffic-header) nor a load balancer test listener rule. A tagged request could not reach it before production.'
      )
    }
    if (!route) continue
    if (route.header.includes('_')) {
      throw new InputError(
        'services',
        `the test header '${route.header}' of ${releaseSubject(hop.release)} has an underscore: proxies such as nginx drop such headers ` +
          'by default, so it would not reach the next service. Use a name with hyphens (x-canary).'
      )
    }
    first ??= hop
    const expected = first.release.testTraffic
    if (
      expected &&
      (expected.header.toLowerCase() !== route.header.toLowerCase() ||
        expected.value !== route.value)
    ) {
      throw new InputError(
        'services',
        `${releaseSubject(hop.release)} routes test traffic by '${describeHeader(route)}', ${releaseSubject(first.release)} by ` +
          `'${describeHeader(expected)}': one release needs one test header for all its services (set test-traffic-header for all, ` +
          `or for none: Service Connect then matches ECS's default header ${DEFAULT_TEST_HEADER} everywhere).`
      )
    }
  }
}
