/**
 * Seeds: the clusters, task definitions, services and scenario knobs a simulator starts
 * with, from a YAML/JSON file or an object. Structure is checked here, with the failing
 * field named; ECS-level validation happens when the seed is applied (bootstrap.ts).
 */
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import {
  DEFAULT_ELB_FAULT_STAGES,
  ELB_FAULT_KINDS,
  ELB_FAULT_STAGES,
  type ElbFault
} from './elb-faults.js'
import {
  IMAGE_FAILURE_KINDS,
  LAMBDA_RESULTS,
  type ImageFailure,
  type LambdaResult,
  type LambdaScript,
  type Scenario
} from './scenario.js'

type Json = Record<string, unknown>

export interface SeedService {
  name: string
  cluster: string
  /** family, family:revision or ARN of a task definition registered by the seed. */
  taskDefinition: string
  desiredCount: number
  deploymentController: 'ECS' | 'CODE_DEPLOY'
  /** As in UpdateService; ROLLING when omitted, like ECS. */
  deploymentConfiguration?: Json
  serviceConnectConfiguration?: Json
  loadBalancers?: Json[]
  networkConfiguration?: Json
  /** Whether an earlier deployment completed, so a rollback has somewhere to go. */
  hasRollbackCandidate: boolean
  /** This alarm (one of deploymentConfiguration.alarms.alarmNames) fires in every BAKE_TIME. */
  triggerAlarm?: string
  tags?: Json[]
  /** Services of the same cluster this one calls through Service Connect, in call order. */
  calls: string[]
  /** Whether its application passes the test header on to the services it calls. */
  forwardsTestHeader: boolean
}

export interface Seed {
  region?: string
  accountId?: string
  clusters: string[]
  /** RegisterTaskDefinition inputs, registered in order (a family repeated gets revision 2, 3…). */
  taskDefinitions: Json[]
  /** CloudWatch Logs log groups that exist, for containers that log with awslogs. */
  logGroups: string[]
  services: SeedService[]
  scenario: Partial<Scenario>
}

export class SeedError extends Error {
  constructor(path: string, message: string) {
    super(`Invalid seed: ${path} ${message}`)
    this.name = 'SeedError'
  }
}

function object(value: unknown, path: string, allowed?: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SeedError(path, 'must be an object')
  }
  const unknown = allowed && Object.keys(value).find(key => !allowed.includes(key))
  if (unknown)
    throw new SeedError(`${path}.${unknown}`, `is not a known field (known: ${allowed.join(', ')})`)
  return value as Json
}

function list(value: unknown, path: string): unknown[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new SeedError(path, 'must be a list')
  return value
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '')
    throw new SeedError(path, 'must be a non-empty string')
  return value
}

function optionalText(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : text(value, path)
}

function count(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SeedError(path, 'must be a non-negative integer')
  }
  return value
}

function flag(value: unknown, path: string): boolean | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw new SeedError(path, 'must be true or false')
  return value
}

function choice<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new SeedError(path, `must be one of ${allowed.join(', ')}`)
  }
  return value as T
}

/** A Lambda script, or just its result ("FAILED") as a shorthand. */
export function parseLambdaScript(value: unknown, path: string): LambdaScript {
  if (typeof value === 'string')
    return { result: choice<LambdaResult>(value, LAMBDA_RESULTS, path) }
  const script = object(value, path, ['result', 'durationMs', 'rounds', 'rollback'])
  return {
    result: choice(script.result, LAMBDA_RESULTS, `${path}.result`),
    durationMs: count(script.durationMs, `${path}.durationMs`),
    rounds: count(script.rounds, `${path}.rounds`),
    rollback:
      script.rollback === undefined
        ? undefined
        : choice(script.rollback, LAMBDA_RESULTS, `${path}.rollback`)
  }
}

const SCENARIO_FIELDS = [
  'lambdas',
  'imageFailures',
  'reportPreProductionStage',
  'currentServiceDeploymentLagMs',
  'denyTagging',
  'rollbackShiftHooks',
  'elbFaults',
  'denyLogReads',
  'containerLogsExpired'
] as const

/** An ELB fault, or just its kind as a shorthand, which then shows at its usual stage. */
function parseElbFault(value: unknown, path: string): ElbFault {
  if (typeof value === 'string') {
    const kind = choice(value, ELB_FAULT_KINDS, path)
    return { kind, stage: DEFAULT_ELB_FAULT_STAGES[kind] }
  }
  const fault = object(value, path, ['kind', 'stage'])
  const kind = choice(fault.kind, ELB_FAULT_KINDS, `${path}.kind`)
  return {
    kind,
    stage:
      fault.stage === undefined
        ? DEFAULT_ELB_FAULT_STAGES[kind]
        : choice(fault.stage, ELB_FAULT_STAGES, `${path}.stage`)
  }
}

/** Scenario knobs; only the fields present are returned, so it also serves runtime patches. */
export function parseScenario(value: unknown, path = 'scenario'): Partial<Scenario> {
  const raw = object(value ?? {}, path, SCENARIO_FIELDS)
  const scenario: Partial<Scenario> = {}
  if (raw.lambdas !== undefined) {
    const lambdas = object(raw.lambdas, `${path}.lambdas`)
    scenario.lambdas = Object.fromEntries(
      Object.entries(lambdas).map(([arn, script]) => [
        arn,
        parseLambdaScript(script, `${path}.lambdas.${arn}`)
      ])
    )
  }
  if (raw.imageFailures !== undefined) {
    scenario.imageFailures = list(raw.imageFailures, `${path}.imageFailures`).map(
      (item, i): ImageFailure => {
        const at = `${path}.imageFailures[${i}]`
        const failure = object(item, at, ['match', 'kind', 'output'])
        return {
          match: text(failure.match, `${at}.match`),
          kind: choice(failure.kind, IMAGE_FAILURE_KINDS, `${at}.kind`),
          ...(failure.output !== undefined && {
            output: list(failure.output, `${at}.output`).map((line, j) => {
              if (typeof line !== 'string')
                throw new SeedError(`${at}.output[${j}]`, 'must be a string')
              return line
            })
          })
        }
      }
    )
  }
  const report = flag(raw.reportPreProductionStage, `${path}.reportPreProductionStage`)
  if (report !== undefined) scenario.reportPreProductionStage = report
  const lag = count(raw.currentServiceDeploymentLagMs, `${path}.currentServiceDeploymentLagMs`)
  if (lag !== undefined) scenario.currentServiceDeploymentLagMs = lag
  const deny = flag(raw.denyTagging, `${path}.denyTagging`)
  if (deny !== undefined) scenario.denyTagging = deny
  const rollbackHooks = flag(raw.rollbackShiftHooks, `${path}.rollbackShiftHooks`)
  if (rollbackHooks !== undefined) scenario.rollbackShiftHooks = rollbackHooks
  const denyLogReads = flag(raw.denyLogReads, `${path}.denyLogReads`)
  if (denyLogReads !== undefined) scenario.denyLogReads = denyLogReads
  const expired = flag(raw.containerLogsExpired, `${path}.containerLogsExpired`)
  if (expired !== undefined) scenario.containerLogsExpired = expired
  if (raw.elbFaults !== undefined) {
    scenario.elbFaults = Object.fromEntries(
      Object.entries(object(raw.elbFaults, `${path}.elbFaults`)).map(([service, fault]) => [
        service,
        parseElbFault(fault, `${path}.elbFaults.${service}`)
      ])
    )
  }
  return scenario
}

const SERVICE_FIELDS = [
  'name',
  'cluster',
  'taskDefinition',
  'desiredCount',
  'deploymentController',
  'deploymentConfiguration',
  'serviceConnectConfiguration',
  'loadBalancers',
  'networkConfiguration',
  'hasRollbackCandidate',
  'triggerAlarm',
  'tags',
  'calls',
  'forwardsTestHeader'
] as const

function parseService(value: unknown, path: string, clusters: string[]): SeedService {
  const raw = object(value, path, SERVICE_FIELDS)
  const cluster = text(raw.cluster, `${path}.cluster`)
  if (!clusters.includes(cluster))
    throw new SeedError(`${path}.cluster`, `names no cluster of the seed: ${cluster}`)
  const controller =
    raw.deploymentController === undefined
      ? 'ECS'
      : choice(
          object(raw.deploymentController, `${path}.deploymentController`, ['type']).type,
          ['ECS', 'CODE_DEPLOY'],
          `${path}.deploymentController.type`
        )
  const optionalObject = (key: string) =>
    raw[key] === undefined ? undefined : object(raw[key], `${path}.${key}`)
  return {
    name: text(raw.name, `${path}.name`),
    cluster,
    taskDefinition: text(raw.taskDefinition, `${path}.taskDefinition`),
    desiredCount: count(raw.desiredCount, `${path}.desiredCount`) ?? 1,
    deploymentController: controller,
    deploymentConfiguration: optionalObject('deploymentConfiguration'),
    serviceConnectConfiguration: optionalObject('serviceConnectConfiguration'),
    loadBalancers:
      raw.loadBalancers === undefined
        ? undefined
        : list(raw.loadBalancers, `${path}.loadBalancers`).map((lb, i) =>
            object(lb, `${path}.loadBalancers[${i}]`)
          ),
    networkConfiguration: optionalObject('networkConfiguration'),
    hasRollbackCandidate: flag(raw.hasRollbackCandidate, `${path}.hasRollbackCandidate`) ?? true,
    triggerAlarm: optionalText(raw.triggerAlarm, `${path}.triggerAlarm`),
    tags:
      raw.tags === undefined
        ? undefined
        : list(raw.tags, `${path}.tags`).map((tag, i) => object(tag, `${path}.tags[${i}]`)),
    calls: list(raw.calls, `${path}.calls`).map((name, i) => text(name, `${path}.calls[${i}]`)),
    forwardsTestHeader: flag(raw.forwardsTestHeader, `${path}.forwardsTestHeader`) ?? true
  }
}

const SEED_FIELDS = [
  'region',
  'accountId',
  'clusters',
  'taskDefinitions',
  'logGroups',
  'services',
  'scenario'
] as const

export function parseSeed(value: unknown): Seed {
  const raw = object(value, 'seed', SEED_FIELDS)
  const clusters = list(raw.clusters, 'clusters').map((name, i) => text(name, `clusters[${i}]`))
  const accountId = optionalText(
    typeof raw.accountId === 'number' ? String(raw.accountId) : raw.accountId,
    'accountId'
  )
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    throw new SeedError('accountId', 'must be 12 digits')
  const services = list(raw.services, 'services').map((service, i) =>
    parseService(service, `services[${i}]`, clusters)
  )
  const duplicate = services.find(
    (s, i) => services.findIndex(o => o.cluster === s.cluster && o.name === s.name) !== i
  )
  if (duplicate)
    throw new SeedError('services', `names ${duplicate.cluster}/${duplicate.name} twice`)
  return {
    region: optionalText(raw.region, 'region'),
    accountId,
    clusters,
    taskDefinitions: list(raw.taskDefinitions, 'taskDefinitions').map((td, i) =>
      object(td, `taskDefinitions[${i}]`)
    ),
    logGroups: list(raw.logGroups, 'logGroups').map((name, i) => text(name, `logGroups[${i}]`)),
    services,
    scenario: parseScenario(raw.scenario)
  }
}

/**
 * A seed file of sim/seeds/ by name ("chain" for sim/seeds/chain.yaml). Next to this module
 * when run from sources; two levels up when this module was compiled to build/sim/ and the
 * YAML was not copied along.
 */
export function seedFilePath(name: string): string {
  const candidates = [`./seeds/${name}.yaml`, `../../sim/seeds/${name}.yaml`].map(relative =>
    fileURLToPath(new URL(relative, import.meta.url))
  )
  return candidates.find(candidate => existsSync(candidate)) ?? (candidates[0] as string)
}

/** The default seed file, sim/seeds/default.yaml. */
export function defaultSeedPath(): string {
  return seedFilePath('default')
}

/** Reads a YAML (or JSON, which is YAML too) seed file. */
export function loadSeedFile(path: string): Seed {
  let content: unknown
  try {
    content = parseYaml(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(
      `Cannot read seed ${path}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    )
  }
  return parseSeed(content)
}

/** A seed from a file path, an object, or the default seed when none is given. */
export function loadSeed(source?: string | object): Seed {
  if (source === undefined) return loadSeedFile(defaultSeedPath())
  return typeof source === 'string' ? loadSeedFile(source) : parseSeed(source)
}
