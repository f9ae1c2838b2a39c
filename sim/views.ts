/**
 * Records rendered as the SDK's output shapes. Operations send these (Dates become epoch
 * seconds on the wire) and the control API hands them to tests as they are.
 */
import { createHash } from 'node:crypto'
import type {
  Deployment,
  Service,
  ServiceDeployment,
  ServiceDeploymentBrief,
  ServiceDeploymentLifecycleStage,
  ServiceRevision,
  ServiceRevisionSummary,
  Task,
  TaskDefinition
} from '@aws-sdk/client-ecs'
import type {
  DeploymentRecord,
  RevisionRecord,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord
} from './model.js'
import { reportedStage } from './phases.js'
import { taskCounts } from './tasks.js'
import { type RevisionWeights, revisionWeights } from './traffic.js'
import type { World } from './world.js'

const date = (ms: number | undefined): Date | undefined =>
  ms === undefined ? undefined : new Date(ms)
const PLATFORM = {
  launchType: 'FARGATE',
  platformVersion: '1.4.0',
  platformFamily: 'Linux'
} as const

function imageDigest(image: string): string {
  return `sha256:${createHash('sha256').update(image).digest('hex')}`
}

/** Active revisions, PRIMARY first, then newest first: Service.deployments[] order. */
function activeRevisions(service: ServiceRecord): RevisionRecord[] {
  const others = service.revisions.filter(r => r.active && r !== service.primary).reverse()
  return service.primary.active ? [service.primary, ...others] : others
}

function renderServiceDeploymentEntry(
  service: ServiceRecord,
  revision: RevisionRecord
): Deployment {
  const counts = taskCounts(revision)
  return {
    id: revision.id,
    status: revision === service.primary ? 'PRIMARY' : 'ACTIVE',
    taskDefinition: revision.taskDefinition.arn,
    desiredCount: revision.requested,
    pendingCount: counts.pending,
    runningCount: counts.running,
    failedTasks: revision.failedTasks,
    createdAt: date(revision.createdAt),
    updatedAt: date(revision.updatedAt),
    ...PLATFORM,
    networkConfiguration: revision.networkConfiguration,
    rolloutState: revision.rolloutState,
    rolloutStateReason: revision.rolloutStateReason,
    // Service Connect shows here only, never at the top of Service (the SDK's Service has no such member).
    serviceConnectConfiguration: revision.serviceConnectConfiguration
  }
}

/** currentServiceDeployment, which may lag behind UpdateService by the scenario's knob (sim/README.md). */
function visibleCurrentDeployment(world: World, service: ServiceRecord): string | undefined {
  const current = service.current
  if (!current) return undefined
  const lagging = Date.now() - current.changedAt < world.scenario.currentServiceDeploymentLagMs
  return lagging ? current.previousArn : current.arn
}

export function renderService(world: World, service: ServiceRecord, includeTags = false): Service {
  const revisions = activeRevisions(service)
  const counts = revisions.map(taskCounts)
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.cluster.arn,
    status: 'ACTIVE',
    desiredCount: service.desiredCount,
    runningCount: counts.reduce((sum, c) => sum + c.running, 0),
    pendingCount: counts.reduce((sum, c) => sum + c.pending, 0),
    launchType: PLATFORM.launchType,
    platformVersion: 'LATEST',
    platformFamily: PLATFORM.platformFamily,
    taskDefinition: service.primary.taskDefinition.arn,
    deploymentConfiguration: service.deploymentConfiguration,
    deploymentController: { type: service.controllerType },
    loadBalancers: service.primary.loadBalancers ?? [],
    serviceRegistries: [],
    networkConfiguration: service.primary.networkConfiguration,
    deployments: revisions.map(revision => renderServiceDeploymentEntry(service, revision)),
    currentServiceDeployment: visibleCurrentDeployment(world, service),
    currentServiceRevisions: revisions.map((revision, i) => ({
      arn: revision.arn,
      requestedTaskCount: revision.requested,
      runningTaskCount: counts[i]?.running,
      pendingTaskCount: counts[i]?.pending
    })),
    events: service.events.map(event => ({ ...event, createdAt: date(event.createdAt) })),
    createdAt: date(service.createdAt),
    createdBy: world.arns.caller(),
    schedulingStrategy: 'REPLICA',
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    tags: includeTags ? (world.state.tags.get(service.arn) ?? []) : undefined
  }
}

function revisionSummary({ revision, test, production }: RevisionWeights): ServiceRevisionSummary {
  const counts = taskCounts(revision)
  return {
    arn: revision.arn,
    requestedTaskCount: revision.requested,
    runningTaskCount: counts.running,
    pendingTaskCount: counts.pending,
    requestedTestTrafficWeight: test,
    requestedProductionTrafficWeight: production
  }
}

export function renderDeployment(world: World, deployment: DeploymentRecord): ServiceDeployment {
  const weights = revisionWeights(deployment)
  return {
    serviceDeploymentArn: deployment.arn,
    serviceArn: deployment.service.arn,
    clusterArn: deployment.service.cluster.arn,
    createdAt: date(deployment.createdAt),
    startedAt: date(deployment.startedAt),
    finishedAt: date(deployment.finishedAt),
    stoppedAt: date(deployment.stoppedAt),
    updatedAt: date(deployment.updatedAt),
    sourceServiceRevisions: weights.sources.map(revisionSummary),
    targetServiceRevision: revisionSummary(weights.target),
    status: deployment.status,
    statusReason: deployment.statusReason,
    // An open string: PRE_PRODUCTION_TRAFFIC_SHIFT is not in the SDK's enum (sim/README.md).
    lifecycleStage: reportedStage(deployment, world.scenario.reportPreProductionStage) as
      ServiceDeploymentLifecycleStage | undefined,
    lifecycleHookDetails: deployment.hooks.map(hook => ({
      hookId: hook.hookId,
      targetType: hook.targetType,
      targetArn: hook.targetArn,
      status: hook.status,
      expiresAt: date(hook.expiresAt),
      timeoutAction: hook.timeoutAction
    })),
    deploymentConfiguration: deployment.configuration,
    rollback: deployment.rollback && {
      ...deployment.rollback,
      startedAt: date(deployment.rollback.startedAt)
    },
    deploymentCircuitBreaker: deployment.circuitBreaker,
    alarms: {
      status: deployment.alarms.status,
      alarmNames: deployment.alarms.alarmNames,
      triggeredAlarmNames: deployment.alarms.triggered
    }
  }
}

export function renderDeploymentBrief(deployment: DeploymentRecord): ServiceDeploymentBrief {
  return {
    serviceDeploymentArn: deployment.arn,
    serviceArn: deployment.service.arn,
    clusterArn: deployment.service.cluster.arn,
    createdAt: date(deployment.createdAt),
    startedAt: date(deployment.startedAt),
    finishedAt: date(deployment.finishedAt),
    targetServiceRevisionArn: deployment.target.arn,
    status: deployment.status,
    statusReason: deployment.statusReason
  }
}

export function renderRevision(revision: RevisionRecord): ServiceRevision {
  return {
    serviceRevisionArn: revision.arn,
    serviceArn: revision.service.arn,
    clusterArn: revision.service.cluster.arn,
    taskDefinition: revision.taskDefinition.arn,
    ...PLATFORM,
    loadBalancers: revision.loadBalancers,
    serviceRegistries: [],
    networkConfiguration: revision.networkConfiguration,
    containerImages: revision.taskDefinition.containers.map(container => ({
      containerName: container.name,
      image: container.image,
      imageDigest: imageDigest(container.image)
    })),
    guardDutyEnabled: false,
    serviceConnectConfiguration: revision.serviceConnectConfiguration,
    createdAt: date(revision.createdAt),
    // Which target group serves this revision: the pair swaps roles with every deployment.
    resolvedConfiguration: revision.loadBalancers?.length
      ? {
          loadBalancers: revision.loadBalancers.map((loadBalancer, i) => ({
            targetGroupArn: revision.targetGroups[i],
            productionListenerRule: loadBalancer.advancedConfiguration?.productionListenerRule
          }))
        }
      : undefined
  }
}

export function renderTask(world: World, task: TaskRecord): Task {
  const { revision } = task
  const body = revision.taskDefinition.body
  return {
    taskArn: task.arn,
    clusterArn: revision.service.cluster.arn,
    taskDefinitionArn: revision.taskDefinition.arn,
    group: `service:${revision.service.name}`,
    startedBy: revision.id,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    healthStatus: task.healthStatus,
    createdAt: date(task.createdAt),
    startedAt: date(task.startedAt),
    stoppingAt: date(task.stoppingAt),
    stoppedAt: date(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stopCode: task.stopCode as Task['stopCode'],
    cpu: typeof body.cpu === 'string' ? body.cpu : undefined,
    memory: typeof body.memory === 'string' ? body.memory : undefined,
    availabilityZone: `${world.arns.region}a`,
    ...PLATFORM,
    version: task.lastStatus === 'STOPPED' ? 3 : 2,
    containers: task.containers.map(container => ({
      taskArn: task.arn,
      name: container.name,
      image: container.image,
      imageDigest: imageDigest(container.image),
      lastStatus: container.lastStatus,
      exitCode: container.exitCode,
      reason: container.reason,
      healthStatus: container.healthStatus
    }))
  }
}

function compatibilities(body: TaskDefinitionRecord['body']): string[] {
  const required = Array.isArray(body.requiresCompatibilities) ? body.requiresCompatibilities : []
  return required.includes('FARGATE') || body.networkMode === 'awsvpc'
    ? ['EC2', 'FARGATE']
    : ['EC2']
}

function requiresAttributes(body: TaskDefinitionRecord['body']): { name: string }[] {
  const names = ['com.amazonaws.ecs.capability.docker-remote-api.1.18']
  if (body.networkMode === 'awsvpc') names.push('ecs.capability.task-eni')
  return names.map(name => ({ name }))
}

export function renderTaskDefinition(world: World, td: TaskDefinitionRecord): TaskDefinition {
  return {
    ...(td.body as TaskDefinition),
    taskDefinitionArn: td.arn,
    family: td.family,
    revision: td.revision,
    status: 'ACTIVE',
    registeredAt: date(td.registeredAt),
    registeredBy: world.arns.caller(),
    compatibilities: compatibilities(td.body) as TaskDefinition['compatibilities'],
    requiresAttributes: requiresAttributes(td.body)
  }
}
