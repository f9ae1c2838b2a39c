import type { DeploymentConfiguration, Service } from '@aws-sdk/client-ecs'
import { type Inputs, MAX_TIMEOUT } from '../inputs/inputs.js'
import { InputError } from '../inputs/values.js'
import { minutes } from '../model/format.js'

/** The least time a deployment of one configuration takes, and what it is made of. */
export interface LeastTime {
  /** Minutes ECS waits whatever happens: bake times and load balancer delays. */
  minutes: number
  /** Each part of it, e.g. `3 linear step bakes × 6 min` (empty when nothing waits). */
  parts: string[]
}

/**
 * ECS's defaults when a canary or linear configuration leaves a member out
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html).
 */
export const CANARY_DEFAULTS = { percent: 5, bakeMinutes: 10 }
export const LINEAR_DEFAULTS = { percent: 10, bakeMinutes: 6 }
/**
 * "When your configuration includes a Network Load Balancer, Amazon ECS adds a 10 minute
 * delay" to TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/nlb-resources-for-blue-green.html;
 * one version of the page lists PRE_SCALE_UP too, left out of a least time). Whether ECS waits
 * at every canary or linear step or once is not documented: every step, as sim/README.md chooses.
 */
const NLB_DELAY_MINUTES = 10

/**
 * The least time a deployment with `configuration` takes: the bake time, the canary bake
 * or the linear step bakes ("Last step bake time is skipped once traffic is shifted
 * 100.0%", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-linear.html),
 * and the Network Load Balancer's delay at each traffic shift. Starting and draining tasks
 * and running hooks come on top; pauses wait for people.
 */
export function leastDeploymentTime(
  configuration: DeploymentConfiguration | undefined,
  behindNetworkLoadBalancer: boolean
): LeastTime {
  const parts: string[] = []
  let minutes = 0
  const add = (count: number, each: number, what: string): void => {
    if (count * each === 0) return
    minutes += count * each
    parts.push(count === 1 ? `${what} ${each} min` : `${count} ${what}s × ${each} min`)
  }
  let productionShifts = 1
  switch (configuration?.strategy) {
    case 'CANARY': {
      const canary = configuration.canaryConfiguration
      productionShifts = 2
      add(1, canary?.canaryBakeTimeInMinutes ?? CANARY_DEFAULTS.bakeMinutes, 'canary bake')
      break
    }
    case 'LINEAR': {
      const linear = configuration.linearConfiguration
      productionShifts = linearSteps(linear?.stepPercent ?? LINEAR_DEFAULTS.percent)
      add(
        productionShifts - 1,
        linear?.stepBakeTimeInMinutes ?? LINEAR_DEFAULTS.bakeMinutes,
        'linear step bake'
      )
      break
    }
  }
  add(1, configuration?.bakeTimeInMinutes ?? 0, 'bake time')
  if (behindNetworkLoadBalancer)
    add(1 + productionShifts, NLB_DELAY_MINUTES, 'Network Load Balancer delay')
  return { minutes, parts }
}

/** Production traffic shifts of a linear deployment: equal steps up to 100 %, the last one maybe smaller. */
export function linearSteps(stepPercent: number): number {
  // 100 / 10 is exactly 10 steps; 100 / 3 is 33.3…, so 34.
  return Math.ceil(100 / stepPercent - 1e-9)
}

/**
 * Whether the service's blue/green traffic goes through a Network Load Balancer: its
 * production listener rule is then a listener ARN (`listener/net/…`), an ALB's a rule ARN.
 */
export function behindNetworkLoadBalancer(service: Pick<Service, 'loadBalancers'>): boolean {
  return (service.loadBalancers ?? []).some(loadBalancer =>
    /:listener\/net\//.test(loadBalancer.advancedConfiguration?.productionListenerRule ?? '')
  )
}

/**
 * What a release waits for besides its least time (tasks starting and draining, hooks,
 * ECS's own steps): the fixed default `timeout` had before it grew with the configuration.
 */
export const TIMEOUT_MARGIN_MINUTES = 60

/** The timeout when the `timeout` input is empty: enough for a healthy release of this shape. */
export function defaultTimeout(least: LeastTime): number {
  return Math.min(least.minutes + TIMEOUT_MARGIN_MINUTES, MAX_TIMEOUT)
}

/**
 * Minutes the step waits for a deployment whose least time is `least`: the `timeout`
 * input, else defaultTimeout. A `timeout` below the least time cannot see the release
 * complete, so with `wait-until: complete` it is refused before anything changes.
 */
export function timeoutFor(
  least: LeastTime,
  inputs: Pick<Inputs, 'timeout' | 'waitUntil'>
): number {
  if (inputs.timeout === undefined) return defaultTimeout(least)
  if (inputs.waitUntil.kind === 'complete' && inputs.timeout < least.minutes) {
    throw new InputError(
      'timeout',
      `${inputs.timeout} minutes is less than the least time this deployment takes, ${describeLeastTime(least)}: ` +
        `give at least ${least.minutes}, or leave timeout empty to wait ${defaultTimeout(least)} minutes.`
    )
  }
  return inputs.timeout
}

/** `27 minutes (bake time 15 min + 2 linear step bakes × 6 min)`. */
export function describeLeastTime(least: LeastTime): string {
  const total = minutes(least.minutes)
  return least.parts.length > 0 ? `${total} (${least.parts.join(' + ')})` : total
}
