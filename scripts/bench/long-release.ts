/**
 * Section 5: a 24-hour release of 20 services, in simulated time. The coordinator runs in
 * this process (as the bundle would) over an ECS port that answers from a script of the
 * day: every deployment bakes for 24 hours, polled every 10 s. A virtual clock moves time
 * to the next sleeper's wake-up whenever every loop is asleep, so the day passes in
 * seconds. What is measured: the resident set after the first simulated hour and at its
 * highest later, and how many log lines each hour adds (only changes should add any).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { getHeapSpaceStatistics } from 'node:v8'
import { join } from 'node:path'
import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import type { CommandContext } from '../../src/commands/context.js'
import { newReleaseSet, runReleaseSet } from '../../src/commands/release-set.js'
import type { EcsPort } from '../../src/ecs/port.js'
import { readActionDefaults, readInputs } from '../../src/inputs/inputs.js'
import type { Clock } from '../../src/model/clock.js'
import type { Log } from '../../src/model/log.js'
import { changedOnly } from '../../src/model/outputs.js'
import { Secrets } from '../../src/model/secrets.js'
import { silentReporter } from '../../src/report/reporter.js'
import { atMost, mib, type Section } from './report.js'

const HOUR_MS = 3_600_000
const START = Date.parse('2026-12-01T00:00:00Z')
const SERVICES = 20
const CLUSTER = 'long'
const ARN = 'arn:aws:ecs:us-east-1:123456789012'

/** Virtual time: when every loop sleeps, the earliest sleeper wakes and time jumps there. */
class VirtualClock implements Clock {
  private time = START
  private sleepers: { at: number; wake: () => void }[] = []
  private scheduled = false
  /** Called at each jump with the new time. */
  onAdvance: (now: number) => void = () => undefined

  now(): Date {
    return new Date(this.time)
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise(resolve => {
      if (signal?.aborted) {
        resolve()
        return
      }
      this.sleepers.push({ at: this.time + Math.max(ms, 0), wake: resolve })
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    // After the microtasks of this turn: every loop that can run has run.
    setImmediate(() => {
      this.scheduled = false
      const next = Math.min(...this.sleepers.map(sleeper => sleeper.at))
      if (!Number.isFinite(next)) return
      this.time = Math.max(this.time, next)
      const due = this.sleepers.filter(sleeper => sleeper.at <= this.time)
      this.sleepers = this.sleepers.filter(sleeper => sleeper.at > this.time)
      this.onAdvance(this.time)
      for (const sleeper of due) sleeper.wake()
      if (this.sleepers.length > 0) this.schedule()
    })
  }
}

/**
 * An ECS port for the promote of a release held at its test traffic gates: each deployment
 * is paused at POST_TEST_TRAFFIC_SHIFT; continued, it shifts production for a minute and
 * pauses at POST_PRODUCTION_TRAFFIC_SHIFT; continued again, it bakes for 24 hours and
 * succeeds.
 */
function dayLongEcs(clock: Clock): EcsPort {
  const name = (arn: string): string => arn.split('/').at(-2) ?? '?'
  const gateLeft = new Map<string, number>()
  const holdLeft = new Map<string, number>()
  const pause = (hookId: string, status: string) => ({
    hookId,
    targetType: 'PAUSE',
    status,
    expiresAt: new Date(START + 30 * HOUR_MS)
  })
  const deployment = (arn: string): ServiceDeployment => {
    const now = clock.now().getTime()
    const service = name(arn)
    const gate = gateLeft.get(service)
    const hold = holdLeft.get(service)
    const baked = hold !== undefined && now - hold >= 24 * HOUR_MS
    const [stage, production, hooks] =
      gate === undefined
        ? ['POST_TEST_TRAFFIC_SHIFT', 0, [pause(`gate-${service}`, 'AWAITING_ACTION')]]
        : hold === undefined
          ? now - gate < 60_000
            ? ['PRODUCTION_TRAFFIC_SHIFT', 0, [pause(`gate-${service}`, 'SUCCEEDED')]]
            : [
                'POST_PRODUCTION_TRAFFIC_SHIFT',
                100,
                [pause(`gate-${service}`, 'SUCCEEDED'), pause(`hold-${service}`, 'AWAITING_ACTION')]
              ]
          : [
              baked ? 'CLEAN_UP' : 'BAKE_TIME',
              100,
              [pause(`gate-${service}`, 'SUCCEEDED'), pause(`hold-${service}`, 'SUCCEEDED')]
            ]
    return {
      serviceDeploymentArn: arn,
      status: baked ? 'SUCCESSFUL' : 'IN_PROGRESS',
      lifecycleStage: stage,
      createdAt: new Date(START),
      lifecycleHookDetails: hooks,
      targetServiceRevision: {
        arn: `${ARN}:service-revision/${CLUSTER}/${service}/2`,
        requestedTaskCount: 2,
        runningTaskCount: 2,
        requestedTestTrafficWeight: 100,
        requestedProductionTrafficWeight: production
      },
      sourceServiceRevisions: []
    } as ServiceDeployment
  }
  const service = (serviceName: string) => ({
    serviceName,
    serviceArn: `${ARN}:service/${CLUSTER}/${serviceName}`,
    status: 'ACTIVE',
    desiredCount: 2,
    taskDefinition: `${ARN}:task-definition/${serviceName}:1`,
    deploymentController: { type: 'ECS' as const },
    deploymentConfiguration: { strategy: 'BLUE_GREEN' as const, bakeTimeInMinutes: 1440 },
    currentServiceDeployment: `${ARN}:service-deployment/${CLUSTER}/${serviceName}/day`,
    deployments: [
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        serviceConnectConfiguration: {
          enabled: true,
          namespace: 'long',
          services: [{ portName: 'http', clientAliases: [{ port: 80, dnsName: serviceName }] }]
        }
      }
    ],
    events: []
  })
  const answer = (value: object): Promise<object> => Promise.resolve({ $metadata: {}, ...value })
  const port = {
    region: 'us-east-1',
    describeServices: (input: { services?: string[] }) =>
      answer({ services: (input.services ?? []).map(service) }),
    describeTaskDefinition: (input: { taskDefinition?: string }) =>
      answer({
        taskDefinition: {
          taskDefinitionArn: input.taskDefinition,
          family: (input.taskDefinition ?? '').split('/').pop()?.split(':')[0],
          containerDefinitions: [
            {
              name: 'app',
              image: 'nginx:1',
              essential: true,
              portMappings: [{ name: 'http', containerPort: 8080, protocol: 'tcp' }]
            }
          ]
        },
        tags: []
      }),
    registerTaskDefinition: (input: { family?: string }) =>
      answer({ taskDefinition: { taskDefinitionArn: `${ARN}:task-definition/${input.family}:2` } }),
    updateService: (input: { service?: string }) =>
      answer({ service: service(input.service ?? '') }),
    describeServiceDeployments: (input: { serviceDeploymentArns?: string[] }) =>
      answer({ serviceDeployments: (input.serviceDeploymentArns ?? []).map(deployment) }),
    listServiceDeployments: () => answer({ serviceDeployments: [] }),
    describeServiceRevisions: () => answer({ serviceRevisions: [] }),
    listTasks: () => answer({ taskArns: [] }),
    describeTasks: () => answer({ tasks: [] }),
    continueServiceDeployment: (input: { serviceDeploymentArn?: string; hookId?: string }) => {
      const service = name(input.serviceDeploymentArn ?? '')
      const left = input.hookId?.startsWith('gate-') ? gateLeft : holdLeft
      left.set(service, clock.now().getTime())
      return answer({})
    },
    stopServiceDeployment: () => answer({})
  }
  return port as unknown as EcsPort
}

export async function measureLongRelease(): Promise<Section> {
  const clock = new VirtualClock()
  const linesByHour: number[] = Array.from({ length: 25 }, () => 0)
  const hourOf = (): number => Math.min(24, Math.floor((clock.now().getTime() - START) / HOUR_MS))
  const count = (): void => {
    linesByHour[hourOf()] = (linesByHour[hourOf()] ?? 0) + 1
  }
  const log: Log = {
    info: count,
    warning: count,
    error: count,
    debug: () => undefined,
    startGroup: count,
    endGroup: () => undefined,
    untrusted: lines => lines.forEach(count)
  }
  let outputWrites = 0
  const names = Array.from({ length: SERVICES }, (_, i) => `svc${String(i + 1).padStart(2, '0')}`)
  const defaults = await readActionDefaults(
    new URL('../../../action.yml', import.meta.url).pathname
  )
  const given: Record<string, string> = {
    cluster: CLUSTER,
    command: 'promote',
    services: names.map(service => `- service: ${service}`).join('\n'),
    'poll-interval': '10',
    timeout: '1560',
    'github-token': ''
  }
  const inputs = await readInputs(
    name => given[name] ?? '',
    () => Promise.resolve(defaults)
  )
  const temp = mkdtempSync(join(tmpdir(), 'bench-long-'))
  const ecs = dayLongEcs(clock)
  const ctx: CommandContext = {
    inputs,
    connectEcs: () => Promise.resolve(ecs),
    connectLogs: () => Promise.reject(new Error('no logs in this bench')),
    log,
    clock,
    outputs: changedOnly(() => void (outputWrites += 1)),
    reporter: silentReporter,
    github: {
      serverUrl: 'https://github.com',
      repository: 'octo/shop',
      runId: '1',
      eventName: 'push',
      sha: 'c0ffee'
    },
    workspace: temp,
    tempDir: temp,
    signal: new AbortController().signal,
    saveState: () => undefined,
    readState: () => '',
    secrets: new Secrets()
  }
  // The day passes in seconds, so the collector sees a day's allocation at thousands of
  // times its real pace. Each simulated hour is measured after a full collection
  // (`node --expose-gc`, as npm run bench starts it), as a real hour's idle polling would
  // leave it. At the real pace (a poll round every 10 s allocates well under V8's "low
  // allocation throughput" of 1 KB/ms) a collection also shrinks the young generation,
  // while at the compressed pace V8 only ever grows it (Heap::ShouldResizeNewSpace,
  // https://chromium.googlesource.com/v8/v8/+/refs/heads/main/src/heap/heap.cc): a plain
  // gc() measured a young generation sized for a pace no runner sees, 16 MiB of resident
  // memory that the action never held. So the hour's figures are taken after a collection
  // that reduces memory, young generation included, as V8 does for an idle process; the
  // young generation after a plain collection is shown beside them.
  const gc = (globalThis as { gc?: (options?: { flavor: 'regular' | 'last-resort' }) => void }).gc
  const hourly: { rss: number; heap: number; young: number }[] = []
  let rawPeak = 0
  let polls = 0
  const youngKiB = (): number =>
    (getHeapSpaceStatistics().find(space => space.space_name === 'new_space')?.space_size ??
      Number.NaN) / 1024
  clock.onAdvance = now => {
    polls += 1
    rawPeak = Math.max(rawPeak, process.memoryUsage().rss / 1024)
    if (now - START >= (hourly.length + 1) * HOUR_MS) {
      gc?.({ flavor: 'regular' })
      const young = youngKiB()
      gc?.({ flavor: 'last-resort' })
      const usage = process.memoryUsage()
      hourly.push({ rss: usage.rss / 1024, heap: usage.heapUsed / 1024, young })
    }
  }
  const started = Date.now()
  const { set, members } = newReleaseSet(ctx)
  try {
    await runReleaseSet(ctx, set, members)
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
  const wallMs = Date.now() - started
  const later = linesByHour.slice(1, 24).reduce((sum, lines) => sum + lines, 0)
  return {
    title: `5 · A 24-hour release of ${SERVICES} services in simulated time (10 s polls)`,
    rows: [
      {
        metric: 'outcome',
        value: `${set.verdict?.outcome ?? 'none'} (${set.members.filter(m => m.status === 'SUCCESSFUL').length} / ${SERVICES} SUCCESSFUL)`,
        target: 'succeeded',
        pass: set.verdict?.outcome === 'succeeded'
      },
      atMost(
        'RSS growth after the first hour: hourly peak − hour 1 (after a collection that reduces memory)',
        Math.max(...hourly.slice(1).map(hour => hour.rss)) - (hourly[0]?.rss ?? Number.NaN),
        5 * 1024,
        mib
      ),
      {
        metric: 'RSS after hour 1 / hourly peak after it; heap used hour 1 / hour 24',
        value: `${mib(hourly[0]?.rss ?? Number.NaN)} / ${mib(Math.max(...hourly.slice(1).map(hour => hour.rss)))}; ${mib(hourly[0]?.heap ?? Number.NaN)} / ${mib(hourly.at(-1)?.heap ?? Number.NaN)}`
      },
      {
        metric: 'young generation after a plain collection: hour 1 / largest later',
        value: `${mib(hourly[0]?.young ?? Number.NaN)} / ${mib(Math.max(...hourly.slice(1).map(hour => hour.young)))}`
      },
      { metric: 'RSS peak between collections', value: mib(rawPeak) },
      {
        metric: 'collections forced (node --expose-gc)',
        value: gc ? String(hourly.length) : 'none: gc not exposed, hourly figures are raw'
      },
      atMost('log lines added in hours 2–24 (nothing changes while baking)', later, 0, n =>
        String(n)
      ),
      {
        metric: 'log lines in hour 1 / hour 24 (start, end)',
        value: `${linesByHour[0]} / ${linesByHour[24]}`
      },
      { metric: 'clock advances (polls and waits)', value: String(polls) },
      { metric: 'step outputs written', value: String(outputWrites) },
      { metric: 'wall time', value: `${(wallMs / 1000).toFixed(1)} s` }
    ],
    notes: [
      'In one process of its own: the coordinator (src/commands/release-set.ts) over a scripted ECS port and a virtual clock; RSS is that process’s, sampled at each clock advance.',
      'The promote of 20 services held at their test traffic gates: each shifts production in a minute, callee first, and waits at its hold; then all bake for 24 hours together. After the first hour nothing changes, so the log should not grow.'
    ]
  }
}
