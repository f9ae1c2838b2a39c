/** Builds a world's initial state from a parsed seed, with ECS-level validation per item. */
import type { ServiceConnectConfiguration } from '@aws-sdk/client-ecs'
import { addDeployment } from './deployment-machine.js'
import { EcsError } from './errors.js'
import { completeMonitors } from './monitors.js'
import { buildPhases } from './phases.js'
import { applyTags, tagList } from './operations/tags.js'
import { registerTaskDefinition } from './operations/task-definitions.js'
import type { ServiceRecord } from './model.js'
import { checkRequest } from './request-check.js'
import { reachableByServiceConnect } from './request-routing.js'
import { addRevision } from './revisions.js'
import { defaultScenario, type Scenario } from './scenario.js'
import { type Seed, SeedError, type SeedService } from './seed.js'
import { eventText } from './service-events.js'
import { seedRunningTasks } from './tasks.js'
import {
  validateDeploymentConfiguration,
  validateLoadBalancers,
  validateServiceConnect
} from './validation.js'
import type { World } from './world.js'

/** How long ago seeded services were last deployed: well before any `createdAt.after` filter. */
const SEEDED_AGE_MS = 24 * 60 * 60 * 1000

/** Runs `build` and reports an ECS validation error as a seed error at `path`. */
function at<T>(path: string, build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof EcsError) throw new SeedError(path, `is rejected by ECS: ${error.message}`)
    throw error
  }
}

function createService(world: World, seed: SeedService, path: string): void {
  const cluster = world.state.cluster(seed.cluster)
  const taskDefinition = world.state.taskDefinition(seed.taskDefinition)
  if (!taskDefinition) {
    throw new SeedError(
      `${path}.taskDefinition`,
      `names no task definition of the seed: ${seed.taskDefinition}`
    )
  }
  // The service's settings as an UpdateService would send them, so they meet the same checks.
  at(path, () =>
    checkRequest('UpdateService', {
      service: seed.name,
      cluster: seed.cluster,
      deploymentConfiguration: seed.deploymentConfiguration,
      serviceConnectConfiguration: seed.serviceConnectConfiguration,
      loadBalancers: seed.loadBalancers,
      networkConfiguration: seed.networkConfiguration
    })
  )
  const configuration = at(`${path}.deploymentConfiguration`, () =>
    validateDeploymentConfiguration(seed.deploymentConfiguration ?? { strategy: 'ROLLING' })
  )
  const serviceConnect = seed.serviceConnectConfiguration
  const loadBalancers = seed.loadBalancers
  if (serviceConnect)
    at(`${path}.serviceConnectConfiguration`, () => validateServiceConnect(serviceConnect))
  if (loadBalancers)
    at(`${path}.loadBalancers`, () => validateLoadBalancers(loadBalancers, configuration.strategy))
  const alarms = configuration.alarms
  if (seed.triggerAlarm && !(alarms?.enable && alarms.alarmNames?.includes(seed.triggerAlarm))) {
    throw new SeedError(
      `${path}.triggerAlarm`,
      `is not an enabled alarm of deploymentConfiguration.alarms: ${seed.triggerAlarm}`
    )
  }

  const createdAt = Date.now() - SEEDED_AGE_MS
  // The record needs a revision and a revision needs its service: primary is set right below.
  const service = {
    name: seed.name,
    arn: world.arns.service(cluster.name, seed.name),
    cluster,
    createdAt,
    desiredCount: seed.desiredCount,
    controllerType: seed.deploymentController,
    deploymentConfiguration: configuration,
    revisions: [],
    events: [],
    deployments: [],
    triggerAlarm: seed.triggerAlarm,
    calls: seed.calls,
    forwardsTestHeader: seed.forwardsTestHeader
  } as unknown as ServiceRecord
  const revision = addRevision(
    world,
    service,
    {
      taskDefinition,
      serviceConnectConfiguration: serviceConnect as ServiceConnectConfiguration | undefined,
      loadBalancers: loadBalancers,
      networkConfiguration: seed.networkConfiguration
    },
    // A seeded service serves from the target groups it is configured with.
    (loadBalancers ?? []).map(loadBalancer => loadBalancer.targetGroupArn as string | undefined)
  )
  Object.assign(revision, {
    createdAt,
    updatedAt: createdAt,
    requested: seed.desiredCount,
    rolloutState: 'COMPLETED',
    rolloutStateReason: `ECS deployment ${revision.id} completed.`
  })
  service.primary = revision
  service.serving = revision
  seedRunningTasks(world, revision, seed.desiredCount)
  cluster.services.set(service.name, service)
  at(`${path}.tags`, () => {
    checkRequest('TagResource', { resourceArn: service.arn, tags: seed.tags })
    applyTags(world, service.arn, tagList({ tags: seed.tags }, 'tags'))
  })

  if (seed.hasRollbackCandidate) {
    service.stable = revision
    // The deployment that put the revision in place, so the history is not empty.
    if (seed.deploymentController === 'ECS') {
      const history = addDeployment(world, service, revision, [])
      history.phases = buildPhases(configuration, false)
      Object.assign(history, {
        status: 'SUCCESSFUL',
        phaseIndex: history.phases.length - 1,
        testWeight: 100,
        productionWeight: 100,
        createdAt,
        startedAt: createdAt,
        updatedAt: createdAt,
        finishedAt: createdAt
      })
      completeMonitors(history)
      service.current = { arn: history.arn, changedAt: createdAt }
    }
  }
  world.event(service, eventText.steadyState(service))
}

/** Each ELB fault names a service with a blue/green load balancer, where it can happen. */
export function checkElbFaults(world: World, elbFaults: Scenario['elbFaults'] = {}): void {
  for (const name of Object.keys(elbFaults)) {
    const loadBalanced = world.state
      .allServices()
      .some(
        service =>
          service.name === name &&
          service.primary.loadBalancers?.some(lb => lb.advancedConfiguration !== undefined)
      )
    if (!loadBalanced) {
      throw new SeedError(
        `scenario.elbFaults.${name}`,
        'names no service with a load balancer and advancedConfiguration'
      )
    }
  }
}

/**
 * Each call names another service of the caller's cluster that clients can reach through
 * Service Connect, from a caller that has Service Connect too (its proxy routes the call), and
 * no chain of calls comes back to where it started, so every request has an end.
 */
function checkCalls(world: World, services: SeedService[]): void {
  services.forEach((seed, i) => {
    const path = `services[${i}]`
    const caller = world.state.service(seed.cluster, seed.name)
    if (seed.calls.length > 0 && caller.primary.serviceConnectConfiguration?.enabled !== true) {
      throw new SeedError(`${path}.calls`, 'needs Service Connect enabled on the calling service')
    }
    seed.calls.forEach((name, j) => {
      const callee = world.state.findService(seed.cluster, name)
      if (!callee)
        throw new SeedError(
          `${path}.calls[${j}]`,
          `names no service of cluster ${seed.cluster}: ${name}`
        )
      if (!reachableByServiceConnect(callee.primary)) {
        throw new SeedError(
          `${path}.calls[${j}]`,
          `names ${name}, which has no Service Connect service that clients can call`
        )
      }
    })
  })
  const cycle = (service: ServiceRecord, path: string[]): string[] | undefined => {
    if (path.includes(service.name))
      return [...path.slice(path.indexOf(service.name)), service.name]
    for (const name of service.calls) {
      const callee = world.state.service(service.cluster.name, name)
      const found = cycle(callee, [...path, service.name])
      if (found) return found
    }
    return undefined
  }
  for (const service of world.state.allServices()) {
    const found = cycle(service, [])
    if (found) throw new SeedError('services', `calls in a cycle: ${found.join(' → ')}`)
  }
}

/** Fills an empty world; the scenario comes last so denyTagging cannot block seeded tags. */
export function applySeed(world: World, seed: Seed): void {
  for (const name of seed.clusters) world.state.addCluster(name)
  for (const name of seed.logGroups) world.logs.createGroup(name)
  seed.taskDefinitions.forEach((input, i) =>
    at(`taskDefinitions[${i}]`, () => {
      checkRequest('RegisterTaskDefinition', input)
      return registerTaskDefinition(world, input)
    })
  )
  seed.services.forEach((service, i) => createService(world, service, `services[${i}]`))
  checkCalls(world, seed.services)
  checkElbFaults(world, seed.scenario.elbFaults)
  world.scenario = { ...defaultScenario(), ...seed.scenario }
}
