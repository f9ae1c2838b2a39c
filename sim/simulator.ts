/** startSimulator: a world, an HTTP endpoint for the SDK, and the control API tests use. */
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs'
import { applySeed, checkElbFaults } from './bootstrap.js'
import { answerControl } from './control-endpoint.js'
import { dispatch } from './dispatch.js'
import { FaultInjector, type FaultOptions } from './faults.js'
import type { LambdaInvocation } from './hook-payload.js'
import { LOGS_OPERATIONS } from './logs/operations.js'
import type { ServiceRecord } from './model.js'
import { MUTATING_OPERATIONS, OPERATIONS } from './operations/index.js'
import { SERVICES } from './protocol.js'
import { createRandom, freshSeed } from './random.js'
import { type Hop, routeRequest, type RouteRequest } from './request-routing.js'
import { type LambdaResult, type LambdaScript, resolveTiming, type Timing } from './scenario.js'
import { loadSeed, parseLambdaScript, parseScenario } from './seed.js'
import { type HttpServer, type RecordedCall, startHttpServer } from './server.js'
import type { TransitionRecord } from './transitions.js'
import { renderDeployment, renderService } from './views.js'
import { World } from './world.js'

export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number
  /** A seed file (YAML or JSON) or a seed object; sim/seeds/default.yaml when omitted. */
  seed?: string | object
  /** Override the seed's region (default us-east-1) and account (default 123456789012). */
  region?: string
  accountId?: string
  timing?: Partial<Timing>
  faults?: FaultOptions
  /** Seeds fault dice and generated ids, for reproducible runs. */
  randomSeed?: number
  /** Reject requests without an authorization header, as AWS does (default true). */
  requireAuth?: boolean
  /** Unexpected internal errors; console.error by default. */
  onError?: (error: unknown) => void
}

export interface Simulator {
  /**
   * http://127.0.0.1:<port>, for the SDK's `endpoint`, AWS_ENDPOINT_URL_ECS and
   * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS (both services answer there).
   */
  readonly url: string
  readonly port: number
  readonly region: string
  readonly accountId: string
  readonly timing: Timing
  /** Every request, faulted ones included, in the order they were answered. */
  readonly calls: readonly RecordedCall[]
  /** Every status or lifecycleStage change of every deployment, with wall-clock times. */
  readonly transitions: readonly TransitionRecord[]
  /** Every answer of a Lambda hook, with the payload ECS would have sent it. */
  readonly lambdaInvocations: readonly LambdaInvocation[]
  /** Calls of operations that change state (RegisterTaskDefinition, UpdateService, …). */
  mutatingCalls(): RecordedCall[]
  clearCalls(): void
  onCall(listener: (call: RecordedCall) => void): () => void
  onTransition(listener: (transition: TransitionRecord) => void): () => void
  /** The service as DescribeServices shows it; `cluster` may be omitted when the name is unique. */
  describeService(service: string, cluster?: string): Service
  describeDeployment(arn: string): ServiceDeployment
  /** The service's deployments, newest first. */
  listDeployments(service: string, cluster?: string): ServiceDeployment[]
  /** Resolves with the first deployment (as DescribeServiceDeployments shows it) that matches. */
  waitForDeployment(
    predicate: (deployment: ServiceDeployment) => boolean,
    timeoutMs?: number
  ): Promise<ServiceDeployment>
  /** Replaces the given scenario knobs (same fields as the seed's `scenario`). */
  setScenario(patch: object): void
  setLambdaResult(functionArn: string, script: LambdaResult | LambdaScript): void
  /** Fires an alarm of the service's IN_PROGRESS deployment; throws if none watches it. */
  triggerAlarm(service: string, alarmName: string, cluster?: string): void
  setFaults(faults: FaultOptions): void
  /**
   * Which revision serves a request at each hop: the entry service, then every service it
   * calls (the seed's `calls`), depth first, each routed by its current test and production
   * routes. Throws when a hop has no Service Connect.
   */
  routeRequest(request: RouteRequest): Hop[]
  /** Whether the service's application passes the test header on to the services it calls. */
  setForwardsTestHeader(service: string, forwards: boolean, cluster?: string): void
  /**
   * Freezes every deployment where it is (requests are still answered, except those given
   * fault latency) until releaseTimers(), which runs what came due meanwhile, in order.
   */
  holdTimers(): void
  releaseTimers(): void
  /** Stops the server and every timer; pending waitForDeployment calls reject. */
  close(): Promise<void>
}

const DEFAULT_WAIT_MS = 5000

class CallLog {
  readonly calls: RecordedCall[] = []
  private readonly listeners = new Set<(call: RecordedCall) => void>()

  record(call: RecordedCall): void {
    this.calls.push(call)
    for (const listener of [...this.listeners]) listener(call)
  }

  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** A service by name, and by cluster unless the name is unique. */
function findService(world: World, name: string, cluster?: string): ServiceRecord {
  if (cluster !== undefined) return world.state.service(cluster, name)
  const matches = world.state.allServices().filter(service => service.name === name)
  if (matches.length === 1 && matches[0]) return matches[0]
  throw new Error(
    matches.length === 0
      ? `No service named ${name}`
      : `Service ${name} is in several clusters; name the cluster`
  )
}

/** Which revision serves the request at each hop (request-routing.ts). */
function route(world: World, request: RouteRequest): Hop[] {
  return routeRequest(world, findService(world, request.service, request.cluster), request.header)
}

class RunningSimulator implements Simulator {
  readonly url: string
  private readonly waiters = new Set<(error: Error) => void>()

  constructor(
    private readonly world: World,
    private readonly faults: FaultInjector,
    private readonly server: HttpServer,
    private readonly callLog: CallLog
  ) {
    this.url = `http://127.0.0.1:${server.port}`
  }

  get port(): number {
    return this.server.port
  }
  get region(): string {
    return this.world.arns.region
  }
  get accountId(): string {
    return this.world.arns.accountId
  }
  get timing(): Timing {
    return this.world.timing
  }
  get calls(): readonly RecordedCall[] {
    return this.callLog.calls
  }
  get transitions(): readonly TransitionRecord[] {
    return this.world.transitions.records
  }
  get lambdaInvocations(): readonly LambdaInvocation[] {
    return this.world.lambdaInvocations
  }

  mutatingCalls(): RecordedCall[] {
    return this.calls.filter(call => MUTATING_OPERATIONS.includes(call.operation))
  }

  clearCalls(): void {
    this.callLog.calls.length = 0
  }

  onCall(listener: (call: RecordedCall) => void): () => void {
    return this.callLog.onCall(listener)
  }

  onTransition(listener: (transition: TransitionRecord) => void): () => void {
    return this.world.transitions.onTransition(listener)
  }

  private findService(name: string, cluster?: string): ServiceRecord {
    return findService(this.world, name, cluster)
  }

  describeService(service: string, cluster?: string): Service {
    return renderService(this.world, this.findService(service, cluster))
  }

  describeDeployment(arn: string): ServiceDeployment {
    const deployment = this.world.state.deployments.get(arn)
    if (!deployment) throw new Error(`No service deployment ${arn}`)
    return renderDeployment(this.world, deployment)
  }

  listDeployments(service: string, cluster?: string): ServiceDeployment[] {
    return [...this.findService(service, cluster).deployments]
      .reverse()
      .map(deployment => renderDeployment(this.world, deployment))
  }

  waitForDeployment(
    predicate: (deployment: ServiceDeployment) => boolean,
    timeoutMs = DEFAULT_WAIT_MS
  ): Promise<ServiceDeployment> {
    const world = this.world
    for (const deployment of world.state.deployments.values()) {
      const view = renderDeployment(world, deployment)
      if (predicate(view)) return Promise.resolve(view)
    }
    return new Promise((resolve, reject) => {
      const finish = (error?: Error, view?: ServiceDeployment) => {
        unsubscribe()
        clearTimeout(timer)
        this.waiters.delete(finish)
        if (view) resolve(view)
        else reject(error ?? new Error('the wait ended without a deployment'))
      }
      const unsubscribe = world.transitions.onChange(deployment => {
        const view = renderDeployment(world, deployment)
        if (predicate(view)) finish(undefined, view)
      })
      const timer = setTimeout(() => {
        const recent = [...world.state.deployments.values()]
          .slice(-10)
          .map(d => `${d.service.name} ${d.status} ${d.phases[d.phaseIndex]?.name ?? '-'}`)
        finish(
          new Error(
            `waitForDeployment: nothing matched within ${timeoutMs} ms (latest: ${recent.join('; ')})`
          )
        )
      }, timeoutMs)
      this.waiters.add(finish)
    })
  }

  setScenario(patch: object): void {
    const parsed = parseScenario(patch)
    checkElbFaults(this.world, parsed.elbFaults)
    this.world.scenario = { ...this.world.scenario, ...parsed }
  }

  setLambdaResult(functionArn: string, script: LambdaResult | LambdaScript): void {
    const parsed = parseLambdaScript(script, `lambdas.${functionArn}`)
    this.world.scenario = {
      ...this.world.scenario,
      lambdas: { ...this.world.scenario.lambdas, [functionArn]: parsed }
    }
  }

  triggerAlarm(service: string, alarmName: string, cluster?: string): void {
    if (!this.world.machine.triggerAlarm(this.findService(service, cluster), alarmName)) {
      throw new Error(
        `No IN_PROGRESS deployment of ${service} watches an enabled alarm ${alarmName}`
      )
    }
  }

  setFaults(faults: FaultOptions): void {
    this.faults.set(faults)
  }

  routeRequest(request: RouteRequest): Hop[] {
    return route(this.world, request)
  }

  setForwardsTestHeader(service: string, forwards: boolean, cluster?: string): void {
    this.findService(service, cluster).forwardsTestHeader = forwards
  }

  holdTimers(): void {
    this.world.scheduler.hold()
  }

  releaseTimers(): void {
    this.world.scheduler.release()
  }

  async close(): Promise<void> {
    this.world.scheduler.close()
    for (const finish of [...this.waiters]) finish(new Error('The simulator was closed'))
    await this.server.close()
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = loadSeed(options.seed)
  const randomSeed = options.randomSeed ?? freshSeed()
  const onError = options.onError ?? ((error: unknown) => console.error('[ecs-sim]', error))
  const world = new World({
    region: options.region ?? seed.region ?? 'us-east-1',
    accountId: options.accountId ?? seed.accountId ?? '123456789012',
    timing: resolveTiming(options.timing),
    randomSeed,
    onError
  })
  applySeed(world, seed)
  // Separate generator: turning faults on must not change the ids a run generates.
  const faults = new FaultInjector(createRandom(randomSeed + 1))
  faults.set(options.faults ?? {})
  const callLog = new CallLog()
  const server = await startHttpServer({
    control: url => answerControl(url, request => route(world, request)),
    port: options.port ?? 0,
    requireAuth: options.requireAuth ?? true,
    faults,
    scheduler: world.scheduler,
    dispatch: ({ service, operation }, input, warnings) =>
      dispatch(
        world,
        service === 'logs' ? LOGS_OPERATIONS : OPERATIONS,
        operation,
        input,
        warnings,
        SERVICES[service].sdk
      ),
    onCall: call => callLog.record(call),
    onError
  })
  return new RunningSimulator(world, faults, server, callLog)
}
