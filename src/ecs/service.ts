import type { Service } from '@aws-sdk/client-ecs'
import { errorName } from './errors.js'
import type { EcsPort } from './port.js'

/** Reads the service, turning ECS's "not found" answers into errors that say what to check. */
export async function describeService(
  ecs: EcsPort,
  cluster: string,
  serviceName: string
): Promise<Service> {
  let services: Service[] | undefined
  try {
    ;({ services } = await ecs.describeServices({ cluster, services: [serviceName] }))
  } catch (error) {
    if (errorName(error) === 'ClusterNotFoundException') {
      throw new Error(
        `Cluster '${cluster}' was not found in ${ecs.region}. Check the cluster input and the AWS region.`,
        { cause: error }
      )
    }
    throw error
  }
  const service = services?.[0]
  if (!service) {
    throw new Error(
      `Service '${serviceName}' was not found in cluster '${cluster}' (${ecs.region}). ` +
        'Check the service and cluster inputs and the AWS region.'
    )
  }
  if (service.status !== 'ACTIVE') {
    throw new Error(
      `Service '${serviceName}' is ${service.status ?? 'not active'}; only an ACTIVE service can be released.`
    )
  }
  return service
}

/** The deployment whose settings are the service's now (its Service Connect configuration lives there). */
export function primaryDeployment(
  service: Service
): NonNullable<Service['deployments']>[number] | undefined {
  return service.deployments?.find(deployment => deployment.status === 'PRIMARY')
}

/**
 * The deployment under way when the service has more than one: ECS keeps the old revision
 * as ACTIVE until the PRIMARY one finishes. A new deployment supersedes it.
 */
export function ongoingDeploymentId(service: Service): string | undefined {
  const deployments = service.deployments ?? []
  return deployments.length > 1 ? (primaryDeployment(service)?.id ?? deployments[0]?.id) : undefined
}
