import type {
  ContinueServiceDeploymentCommandInput,
  RegisterTaskDefinitionCommandInput,
  RegisterTaskDefinitionCommandOutput,
  StopServiceDeploymentCommandInput,
  UpdateServiceCommandInput,
  UpdateServiceCommandOutput
} from '@aws-sdk/client-ecs'
import { type Clock, CLOCK_SKEW_MS } from '../model/clock.js'
import { STOPPING_STATUSES } from '../model/stages.js'
import { primaryDeployment } from './service.js'
import { errorName, isTransientError } from './errors.js'
import type { EcsPort } from './port.js'
import { errorMessage } from '../model/format.js'

/** Attempts of a state-changing call; each retry follows a check that the last one did not take effect. */
export const MUTATION_ATTEMPTS = 4

/**
 * Errors after which ECS certainly did not act: it refused for the rate (throttling) or
 * the connection never opened. Every other transient error (5xx, reset, timeout) leaves
 * the call's effect unknown.
 */
function certainlyNotApplied(error: unknown): boolean {
  const { code } = error as { code?: string }
  return (
    ['ThrottlingException', 'Throttling', 'TooManyRequestsException'].includes(errorName(error)) ||
    code === 'ECONNREFUSED'
  )
}

export interface Mutation<T> {
  send: () => Promise<T>
  /** After an ambiguous failure: the call's result if it took effect after all, else undefined. */
  check: () => Promise<T | undefined>
  clock: Clock
  onRetry?: (message: string) => void
}

/**
 * Sends a state-changing call without ever applying it twice: throttling is retried
 * with backoff; after a failure that leaves the effect unknown (a 5xx, a dropped
 * connection) ECS is asked whether the call took effect before anything is re-sent.
 * Errors about the request itself are thrown at once.
 */
export async function mutateOnce<T>(mutation: Mutation<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mutation.send()
    } catch (error) {
      if (attempt >= MUTATION_ATTEMPTS || !isTransientError(error)) throw error
      if (!certainlyNotApplied(error)) {
        const applied = await mutation.check().catch(() => undefined)
        if (applied !== undefined) return applied
      }
      const delay = Math.min(1000 * 2 ** (attempt - 1), 8000) * (0.5 + Math.random() / 2)
      mutation.onRetry?.(
        `${errorName(error)}: ${errorMessage(error)}; retrying in ${Math.round(delay)} ms.`
      )
      await mutation.clock.sleep(delay)
    }
  }
}

/** The reads the checks need: the port checks its own writes. */
export type MutationReads = Pick<
  EcsPort,
  'describeServices' | 'describeTaskDefinition' | 'describeServiceDeployments'
>

/** UpdateService took effect when the service's primary deployment runs the task definition sent. */
export function updateServiceApplied(reads: MutationReads, input: UpdateServiceCommandInput) {
  return async (): Promise<UpdateServiceCommandOutput | undefined> => {
    if (!input.taskDefinition) return undefined
    const { services } = await reads.describeServices({
      cluster: input.cluster,
      services: [input.service ?? '']
    })
    const service = services?.[0]
    const primary = service && primaryDeployment(service)
    const applied =
      service?.taskDefinition === input.taskDefinition &&
      primary?.taskDefinition === input.taskDefinition
    return applied ? { service, $metadata: {} } : undefined
  }
}

/**
 * RegisterTaskDefinition took effect when the family's newest revision was registered
 * after the call was sent and carries what was sent: the same provenance tags, or else
 * the same image in every container.
 */
export function registrationApplied(
  reads: MutationReads,
  input: RegisterTaskDefinitionCommandInput,
  sentAt: Date
) {
  return async (): Promise<RegisterTaskDefinitionCommandOutput | undefined> => {
    const latest = await reads.describeTaskDefinition({
      taskDefinition: input.family ?? '',
      include: ['TAGS']
    })
    const registered = latest.taskDefinition
    if (
      !registered?.registeredAt ||
      registered.registeredAt.getTime() < sentAt.getTime() - CLOCK_SKEW_MS
    )
      return undefined
    const tagsMatch =
      (input.tags?.length ?? 0) > 0 &&
      (input.tags ?? []).every(tag =>
        latest.tags?.some(other => other.key === tag.key && other.value === tag.value)
      )
    const imagesMatch = (input.containerDefinitions ?? []).every(container =>
      registered.containerDefinitions?.some(
        other => other.name === container.name && other.image === container.image
      )
    )
    return tagsMatch || (!input.tags?.length && imagesMatch)
      ? { ...latest, $metadata: {} }
      : undefined
  }
}

/** ContinueServiceDeployment took effect when the hook no longer awaits action. */
export function continueApplied(
  reads: MutationReads,
  input: ContinueServiceDeploymentCommandInput
) {
  return async (): Promise<{ serviceDeploymentArn?: string; $metadata: object } | undefined> => {
    const { serviceDeployments } = await reads.describeServiceDeployments({
      serviceDeploymentArns: [input.serviceDeploymentArn ?? '']
    })
    const hook = serviceDeployments?.[0]?.lifecycleHookDetails?.find(
      detail => detail.hookId === input.hookId
    )
    return hook && hook.status !== 'AWAITING_ACTION'
      ? { serviceDeploymentArn: input.serviceDeploymentArn, $metadata: {} }
      : undefined
  }
}

/** StopServiceDeployment took effect when the deployment is stopping or rolling back. */
export function stopApplied(reads: MutationReads, input: StopServiceDeploymentCommandInput) {
  return async (): Promise<{ serviceDeploymentArn?: string; $metadata: object } | undefined> => {
    const { serviceDeployments } = await reads.describeServiceDeployments({
      serviceDeploymentArns: [input.serviceDeploymentArn ?? '']
    })
    return (STOPPING_STATUSES as readonly string[]).includes(serviceDeployments?.[0]?.status ?? '')
      ? { serviceDeploymentArn: input.serviceDeploymentArn, $metadata: {} }
      : undefined
  }
}
