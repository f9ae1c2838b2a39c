/** Time scale and the scenario knobs that decide how the fake world behaves. */
import type { ElbFault } from './elb-faults.js'

export interface Timing {
  /** How long a stage without hooks lasts, and how long tasks take to start or stop. */
  stageMs: number
  /** Real milliseconds per simulated minute (bake times, hook timeouts). */
  minuteMs: number
  /** How long a new deployment stays PENDING (and a requested rollback ROLLBACK_REQUESTED). */
  pendingMs: number
  /** Default run time of one Lambda hook invocation. */
  hookMs: number
  /** Simulated minutes ECS adds to each traffic shift behind a Network Load Balancer. */
  nlbDelayMinutes: number
}

/** Short enough for tests, long enough that a poller sees each stage. */
const DEFAULT_STAGE_MS = 50
const DEFAULT_MINUTE_MS = 100
/** https://docs.aws.amazon.com/AmazonECS/latest/developerguide/nlb-resources-for-blue-green.html */
const NLB_DELAY_MINUTES = 10

export function resolveTiming(timing: Partial<Timing> = {}): Timing {
  const stageMs = timing.stageMs ?? DEFAULT_STAGE_MS
  return {
    stageMs,
    minuteMs: timing.minuteMs ?? DEFAULT_MINUTE_MS,
    pendingMs: timing.pendingMs ?? stageMs,
    hookMs: timing.hookMs ?? stageMs,
    nlbDelayMinutes: timing.nlbDelayMinutes ?? NLB_DELAY_MINUTES
  }
}

export const LAMBDA_RESULTS = [
  'SUCCEEDED',
  'FAILED',
  'IN_PROGRESS',
  'THROW',
  'INVOKE_ERROR',
  /** ECS cannot assume the hook's role, so the function is never invoked. */
  'ASSUME_ROLE_ERROR'
] as const
export type LambdaResult = (typeof LAMBDA_RESULTS)[number]

/**
 * What a hook function "returns": `rounds` IN_PROGRESS answers, then `result`. Each invocation
 * takes `durationMs` (default timing.hookMs), which doubles as the callBackDelay.
 */
export interface LambdaScript {
  result: LambdaResult
  durationMs?: number
  rounds?: number
  /**
   * The answer when a rollback invokes it again (default SUCCEEDED): it is then sent other
   * weights, so a function that failed green need not fail its undoing.
   */
  rollback?: LambdaResult
}

export const IMAGE_FAILURE_KINDS = ['pull', 'exit', 'oom', 'unhealthy', 'secrets'] as const
export type ImageFailureKind = (typeof IMAGE_FAILURE_KINDS)[number]

/** Tasks whose container image contains `match` fail the way `kind` describes. */
export interface ImageFailure {
  match: string
  kind: ImageFailureKind
  /**
   * What the container writes to its log before it stops, one line each; absent: what an
   * application failing that way typically writes (sim/README.md, "Container logs").
   */
  output?: string[]
}

export interface Scenario {
  lambdas: Record<string, LambdaScript>
  imageFailures: ImageFailure[]
  /** Report PRE_PRODUCTION_TRAFFIC_SHIFT literally instead of PRODUCTION_TRAFFIC_SHIFT. */
  reportPreProductionStage: boolean
  /** How long currentServiceDeployment keeps naming the previous deployment after UpdateService. */
  currentServiceDeploymentLagMs: number
  /** Registering tags (RegisterTaskDefinition tags, TagResource) is denied by IAM. */
  denyTagging: boolean
  /**
   * A rollback invokes the TEST/PRODUCTION_TRAFFIC_SHIFT Lambda hooks again, reversed
   * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/lambda-lifecycle-hooks.html).
   */
  rollbackShiftHooks: boolean
  /** Load balancer failures by service name, which roll its deployments back. */
  elbFaults: Record<string, ElbFault>
  /** Reading container logs (logs:GetLogEvents) is denied by IAM. */
  denyLogReads: boolean
  /** The log groups' retention has deleted every event: streams are there, but empty. */
  containerLogsExpired: boolean
}

export function defaultScenario(): Scenario {
  return {
    lambdas: {},
    imageFailures: [],
    reportPreProductionStage: false,
    currentServiceDeploymentLagMs: 0,
    denyTagging: false,
    rollbackShiftHooks: true,
    elbFaults: {},
    denyLogReads: false,
    containerLogsExpired: false
  }
}

export function lambdaScript(scenario: Scenario, functionArn: string): LambdaScript {
  return scenario.lambdas[functionArn] ?? { result: 'SUCCEEDED' }
}

export function imageFailureFor(scenario: Scenario, image: string): ImageFailure | undefined {
  return scenario.imageFailures.find(failure => image.includes(failure.match))
}
