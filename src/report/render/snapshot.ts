import type {
  ContainerChange,
  HookRecord,
  Release,
  StageRecord,
  TaskDefinitionChange,
  TestTrafficRoute,
  TrafficSnapshot
} from '../../model/release.js'
import { isPlainObject } from '../../inputs/structured-text.js'
import { clip } from '../../model/format.js'
import { markerValue } from './escape.js'
import { isValidDate } from '../../model/format.js'
import { releaseKey } from './release-view.js'

/**
 * What a later run (promote, rollback, status) needs to continue a release's report:
 * the timeline, the hooks and the task definition change. It travels as base64 JSON in a
 * hidden HTML comment of the PR comment and the check run, so it is bounded in size when
 * written and, being readable by anyone who can edit those, fully validated when read.
 */

/** Fields a later run takes over from the earlier run's report. */
export type RecalledRelease = Pick<Release, 'startedAt' | 'stages' | 'hooks'> &
  Partial<
    Pick<
      Release,
      'strategy' | 'region' | 'commit' | 'deploymentArn' | 'taskDefinition' | 'testTraffic'
    >
  >

/** Longest snapshot comment written or read (a quarter of a PR comment). */
export const MAX_SNAPSHOT_LENGTH = 16000

const VERSION = 'v1'
const FINISHED_HOOK = ['SUCCEEDED', 'FAILED', 'TIMED_OUT']
const MAX_ITEMS = 500
/** The most containers, variables, stages or hooks a snapshot keeps (see snapshotComment). */
const MAX_KEEP = 200
const SHORT = 256
const LONG = 2048

function prefix(release: Release): string {
  const { cluster, service } = releaseKey(release)
  return `<!-- ecs-bluegreen-action:snapshot cluster=${markerValue(cluster)} service=${markerValue(service)} ${VERSION} `
}

/**
 * The hidden comment carrying `release`, shortened until it fits in `max` characters; ''
 * if nothing fits. A release of several services carries one per service, each in its share.
 */
export function snapshotComment(release: Release, max = MAX_SNAPSHOT_LENGTH): string {
  const start = prefix(release)
  const limit = Math.min(max, MAX_SNAPSHOT_LENGTH)
  const whole = serialise(release)
  // A 16 000-character snapshot cannot hold more than about 200 stages or hooks.
  for (const keep of [200, 50, 12, 0]) {
    const json = JSON.stringify(shortened(whole, keep))
    // Base64 writes 4 characters for every 3 bytes: a snapshot too long is never encoded.
    const length = start.length + 4 * Math.ceil(Buffer.byteLength(json, 'utf8') / 3) + 4
    if (length <= limit) return `${start}${Buffer.from(json, 'utf8').toString('base64')} -->`
  }
  return ''
}

type Fields = Record<string, unknown>
interface Serialised extends Fields {
  taskDefinition?: Fields & { containers: (Fields & { changedEnvironment: unknown[] })[] }
  stages: unknown[]
  hooks: unknown[]
}

/** The whole snapshot, every container, stage and hook; `shortened` keeps what fits. */
function serialise(release: Release): Serialised {
  const s = (value: string | undefined, max = LONG): string | undefined =>
    value === undefined ? undefined : clip(value, max)
  const ms = (date: Date | undefined): number | undefined =>
    isValidDate(date) ? date.getTime() : undefined
  const change = release.taskDefinition
  return {
    strategy: s(release.strategy, SHORT),
    region: s(release.region, SHORT),
    commit: s(release.commit, SHORT),
    deploymentArn: s(release.deploymentArn),
    startedAt: ms(release.startedAt),
    testTraffic: release.testTraffic && {
      header: s(release.testTraffic.header, SHORT),
      value: s(release.testTraffic.value, SHORT),
      endpoints: release.testTraffic.endpoints.slice(0, 20).map(endpoint => s(endpoint))
    },
    taskDefinition: change && {
      arn: s(change.arn),
      previousArn: s(change.previousArn),
      containers: change.containers.slice(0, MAX_KEEP).map(container => ({
        name: s(container.name, SHORT),
        previousImage: s(container.previousImage),
        image: s(container.image),
        changedEnvironment: container.changedEnvironment.slice(0, MAX_KEEP).map(n => s(n, SHORT))
      }))
    },
    stages: release.stages
      .filter(record => isValidDate(record.startedAt))
      .slice(-MAX_KEEP)
      .map(record => ({
        stage: s(record.stage, SHORT),
        startedAt: ms(record.startedAt),
        endedAt: ms(record.endedAt),
        traffic: record.traffic && validTraffic(record.traffic),
        unobserved: record.unobserved === true ? true : undefined
      })),
    hooks: release.hooks
      .filter(hook => isValidDate(hook.firstSeenAt))
      .slice(-MAX_KEEP)
      .map(hook => ({
        hookId: s(hook.hookId, SHORT),
        targetType: s(hook.targetType, SHORT),
        targetArn: s(hook.targetArn),
        stage: s(hook.stage, SHORT),
        status: s(hook.status, SHORT),
        expiresAt: ms(hook.expiresAt),
        timeoutAction: s(hook.timeoutAction, SHORT),
        firstSeenAt: ms(hook.firstSeenAt),
        // When a finished hook finished (the end of a wait for approval); it changes no more.
        finishedAt: FINISHED_HOOK.includes(hook.status ?? '') ? ms(hook.updatedAt) : undefined
      }))
  }
}

/** The first `keep` containers and changed variables, the last `keep` stages and hooks. */
function shortened(whole: Serialised, keep: number): Serialised {
  const last = <T>(items: T[]): T[] => (keep === 0 ? [] : items.slice(-keep))
  const change = whole.taskDefinition
  return {
    ...whole,
    taskDefinition: change && {
      ...change,
      containers: change.containers.slice(0, keep).map(container => ({
        ...container,
        changedEnvironment: container.changedEnvironment.slice(0, keep)
      }))
    },
    stages: last(whole.stages),
    hooks: last(whole.hooks)
  }
}

/**
 * Reads the snapshot for `release`'s cluster and service out of a comment body or check
 * run text. Undefined when there is none, when anything in it is malformed, or when it
 * belongs to another deployment than `release`'s.
 */
export function readSnapshot(
  text: string | null | undefined,
  release: Release
): RecalledRelease | undefined {
  const start = text?.indexOf(prefix(release)) ?? -1
  if (!text || start === -1) return undefined
  const rest = text.slice(start + prefix(release).length, start + MAX_SNAPSHOT_LENGTH)
  const encoded = /^([A-Za-z0-9+/]+={0,2}) -->/.exec(rest)?.[1]
  if (!encoded) return undefined
  let recalled: RecalledRelease
  try {
    recalled = parseSnapshot(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')))
  } catch {
    return undefined
  }
  const arn = release.deploymentArn
  if (arn && recalled.deploymentArn && recalled.deploymentArn !== arn) return undefined
  return recalled
}

class Malformed extends Error {}

function malformed(): never {
  throw new Malformed('malformed snapshot')
}

type Check<T> = (value: unknown) => T

const string =
  (max: number): Check<string> =>
  value =>
    typeof value === 'string' && value.length <= max ? value : malformed()

const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  value =>
    value === undefined || value === null ? undefined : check(value)

const date: Check<Date> = value => {
  const parsed = typeof value === 'number' ? new Date(value) : undefined
  return isValidDate(parsed) ? parsed : malformed()
}

const boolean: Check<boolean> = value => (typeof value === 'boolean' ? value : malformed())

const number =
  (min: number, max: number): Check<number> =>
  value =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
      ? value
      : malformed()

const list =
  <T>(check: Check<T>): Check<T[]> =>
  value =>
    Array.isArray(value) && value.length <= MAX_ITEMS ? value.map(check) : malformed()

const object = (value: unknown): Record<string, unknown> =>
  isPlainObject(value) ? value : malformed()

/** Keeps only the fields that are present, so optional properties stay absent. */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T
}

function parseSnapshot(value: unknown): RecalledRelease {
  const data = object(value)
  return defined({
    strategy: optional(string(SHORT))(data.strategy),
    region: optional(string(SHORT))(data.region),
    commit: optional(string(SHORT))(data.commit),
    deploymentArn: optional(string(LONG))(data.deploymentArn),
    startedAt: date(data.startedAt),
    taskDefinition: optional(parseTaskDefinition)(data.taskDefinition),
    testTraffic: optional(parseTestTraffic)(data.testTraffic),
    stages: list(parseStage)(data.stages),
    hooks: list(parseHook)(data.hooks)
  })
}

function parseTaskDefinition(value: unknown): TaskDefinitionChange {
  const data = object(value)
  return defined({
    arn: optional(string(LONG))(data.arn),
    previousArn: optional(string(LONG))(data.previousArn),
    containers: list((item): ContainerChange => {
      const container = object(item)
      return defined({
        name: string(SHORT)(container.name),
        previousImage: optional(string(LONG))(container.previousImage),
        image: optional(string(LONG))(container.image),
        changedEnvironment: list(string(SHORT))(container.changedEnvironment)
      })
    })(data.containers)
  })
}

function parseTestTraffic(value: unknown): TestTrafficRoute {
  const data = object(value)
  return {
    header: string(SHORT)(data.header),
    value: optional(string(SHORT))(data.value),
    endpoints: list(string(LONG))(data.endpoints)
  }
}

function parseStage(value: unknown): StageRecord {
  const data = object(value)
  return defined({
    stage: string(SHORT)(data.stage),
    startedAt: date(data.startedAt),
    endedAt: optional(date)(data.endedAt),
    traffic: optional(parseTraffic)(data.traffic),
    unobserved: optional(boolean)(data.unobserved)
  })
}

const TRAFFIC_RANGES: Record<keyof TrafficSnapshot, [number, number]> = {
  targetTest: [0, 100],
  targetProduction: [0, 100],
  sourceTest: [0, 100],
  sourceProduction: [0, 100],
  targetRunning: [0, 1_000_000],
  targetRequested: [0, 1_000_000],
  sourceRunning: [0, 1_000_000],
  sourceRequested: [0, 1_000_000],
  failedTasks: [0, 1_000_000]
}

const TRAFFIC_KEYS = Object.keys(TRAFFIC_RANGES) as (keyof TrafficSnapshot)[]

/** The weights and counts that are numbers in range; what ECS sent otherwise is not kept. */
function validTraffic(traffic: TrafficSnapshot): TrafficSnapshot {
  // A loop, not entries and fromEntries: every stage of every service passes here on
  // every report of a release of several services.
  const valid: TrafficSnapshot = {}
  for (const key of TRAFFIC_KEYS) {
    const [min, max] = TRAFFIC_RANGES[key]
    const value = traffic[key]
    if (typeof value === 'number' && value >= min && value <= max) valid[key] = value
  }
  return valid
}

function parseTraffic(value: unknown): TrafficSnapshot {
  const data = object(value)
  const field = (key: keyof TrafficSnapshot): number | undefined =>
    optional(number(...TRAFFIC_RANGES[key]))(data[key])
  return defined({
    targetTest: field('targetTest'),
    targetProduction: field('targetProduction'),
    sourceTest: field('sourceTest'),
    sourceProduction: field('sourceProduction'),
    targetRunning: field('targetRunning'),
    targetRequested: field('targetRequested'),
    sourceRunning: field('sourceRunning'),
    sourceRequested: field('sourceRequested'),
    failedTasks: field('failedTasks')
  })
}

function parseHook(value: unknown): HookRecord {
  const data = object(value)
  const firstSeenAt = date(data.firstSeenAt)
  return defined({
    hookId: optional(string(SHORT))(data.hookId),
    targetType: optional(string(SHORT))(data.targetType),
    targetArn: optional(string(LONG))(data.targetArn),
    stage: optional(string(SHORT))(data.stage),
    status: optional(string(SHORT))(data.status),
    expiresAt: optional(date)(data.expiresAt),
    timeoutAction: optional(string(SHORT))(data.timeoutAction),
    firstSeenAt,
    updatedAt: optional(date)(data.finishedAt) ?? firstSeenAt
  })
}
