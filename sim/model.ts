/** The simulator's in-memory records. Rendering to wire shapes lives in views.ts. */
import type {
  DeploymentConfiguration,
  LoadBalancer,
  NetworkConfiguration,
  ServiceConnectConfiguration
} from '@aws-sdk/client-ecs'
import type { HookPayload } from './hook-payload.js'
import type { JsonObject } from './protocol.js'

export interface ClusterRecord {
  name: string
  arn: string
  services: Map<string, ServiceRecord>
}

export interface TaskDefinitionRecord {
  arn: string
  family: string
  revision: number
  registeredAt: number
  /** The RegisterTaskDefinition input without tags. */
  body: JsonObject
  containers: { name: string; image: string }[]
}

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'

/** A service revision; its `id` (ecs-svc/<n>) is also the Service.deployments[] id. */
export interface RevisionRecord {
  arn: string
  id: string
  service: ServiceRecord
  taskDefinition: TaskDefinitionRecord
  serviceConnectConfiguration?: ServiceConnectConfiguration
  loadBalancers?: LoadBalancer[]
  /** Per load balancer, the target group the revision's tasks register in. */
  targetGroups: (string | undefined)[]
  networkConfiguration?: NetworkConfiguration
  createdAt: number
  updatedAt: number
  /** ACTIVE while it has, or should have, tasks. */
  active: boolean
  requested: number
  rolloutState: RolloutState
  rolloutStateReason?: string
  failedTasks: number
  tasks: TaskRecord[]
}

export interface ServiceEventRecord {
  id: string
  createdAt: number
  message: string
}

export interface ServiceRecord {
  name: string
  arn: string
  cluster: ClusterRecord
  createdAt: number
  desiredCount: number
  controllerType: 'ECS' | 'CODE_DEPLOY'
  deploymentConfiguration: DeploymentConfiguration
  revisions: RevisionRecord[]
  /**
   * The revision shown as PRIMARY in deployments[]; the service's task definition and
   * traffic configuration are its.
   */
  primary: RevisionRecord
  /** The revision that serves production traffic outside a deployment. */
  serving: RevisionRecord
  /** The last revision a deployment completed on: the rollback candidate. */
  stable?: RevisionRecord
  events: ServiceEventRecord[]
  deployments: DeploymentRecord[]
  current?: { arn: string; previousArn?: string; changedAt: number }
  /** Scenario knob: this alarm fires during every BAKE_TIME. */
  triggerAlarm?: string
  /** The services of its cluster its application calls, in call order (request-routing.ts). */
  calls: string[]
  /** Whether its application passes the test header on to the services it calls. */
  forwardsTestHeader: boolean
}

export type DeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED'

export const TERMINAL_STATUSES: readonly DeploymentStatus[] = [
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED'
]

export type PhaseName =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'STEP_BAKE'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP'

/** One step of the machine, with the weights green gets while it runs. */
export interface Phase {
  name: PhaseName
  testWeight: number
  productionWeight: number
  /** Simulated minutes the phase waits (bake and step bake). */
  minutes?: number
  /** Simulated minutes it waits before anything else, as ECS does for a Network Load Balancer. */
  delayMinutes?: number
}

export type HookStatus = 'IN_PROGRESS' | 'AWAITING_ACTION' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT'

export interface HookRecord {
  hookId: string
  targetType: 'AWS_LAMBDA' | 'PAUSE'
  targetArn?: string
  status: HookStatus
  expiresAt: number
  timeoutAction: 'CONTINUE' | 'ROLLBACK'
  /** The DeploymentLifecycleHookStage it fired at. */
  stage: string
  /** The role ECS assumes to invoke a Lambda hook. */
  roleArn?: string
  phaseIndex: number
  /** It runs again during a rollback, to undo its stage's traffic shift. */
  rollback: boolean
  /** What a Lambda hook is sent. */
  payload?: HookPayload
  invocations: number
}

export type MonitorStatus = 'DISABLED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'TRIGGERED'

export interface DeploymentRecord {
  arn: string
  /** Creation order, for sorting and paging. */
  seq: number
  service: ServiceRecord
  target: RevisionRecord
  sources: RevisionRecord[]
  candidate?: RevisionRecord
  configuration: DeploymentConfiguration
  status: DeploymentStatus
  statusReason?: string
  createdAt: number
  startedAt?: number
  finishedAt?: number
  stoppedAt?: number
  updatedAt: number
  phases: Phase[]
  phaseIndex: number
  hooks: HookRecord[]
  testWeight: number
  productionWeight: number
  /** The traffic shift under way failed before traffic moved, so a rollback has none of it to undo. */
  shiftFailed?: boolean
  rollback?: { reason: string; startedAt: number; serviceRevisionArn?: string }
  circuitBreaker: { status: MonitorStatus; failureCount: number; threshold: number }
  alarms: { status: MonitorStatus; alarmNames: string[]; triggered: string[] }
}

export interface ContainerRecord {
  name: string
  image: string
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED'
  exitCode?: number
  reason?: string
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'
}

export interface TaskRecord {
  arn: string
  id: string
  seq: number
  revision: RevisionRecord
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED'
  desiredStatus: 'RUNNING' | 'STOPPED'
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'
  createdAt: number
  startedAt?: number
  stoppingAt?: number
  stoppedAt?: number
  stoppedReason?: string
  stopCode?: string
  containers: ContainerRecord[]
}
