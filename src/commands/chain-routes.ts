import type { Service } from '@aws-sdk/client-ecs'
import { InputError } from '../inputs/values.js'
import { type Release, releaseSubject } from '../model/release.js'

/** A service of a release of several, as its checks found it. */
export interface ChainHop {
  release: Release
  service: Service
}

/**
 * What a full-chain test needs of every service before anything changes (README,
 * "Full-chain gray release"): a test route to its new revision (a Service Connect test
 * traffic rule by header, or a load balancer's test listener rule), one header name for
 * all Service Connect services (each hop matches the header the entry received), and a
 * header name that proxies pass on: nginx drops headers with `_` unless
 * `underscores_in_headers` is on (https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers).
 */
export function checkChainRoutes(hops: ChainHop[]): void {
  let first: ChainHop | undefined
  for (const hop of hops) {
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
        `${releaseSubject(hop.release)} routes test traffic by '${route.header}: ${route.value}', ${releaseSubject(first.release)} by ` +
          `'${expected.header}: ${expected.value}': one release needs one test header for all its services (set test-traffic-header).`
      )
    }
  }
}
