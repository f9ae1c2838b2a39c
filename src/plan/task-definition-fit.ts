import type { Service } from '@aws-sdk/client-ecs'
import { primaryDeployment } from '../ecs/service.js'
import { InputError } from '../inputs/values.js'
import type { TaskDefinitionDocument } from '../task-definition/load.js'

/**
 * Whether the service can run a task definition: what UpdateService would refuse is
 * refused before anything changes, for a rendered task definition and an existing
 * revision alike. Returns what is worth a warning.
 *
 * - A load balancer names a container and port that "must remain in the task definition"
 *   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html);
 *   ECS refuses one without them ("The container app does not exist in the task definition.").
 * - A Service Connect service's `portName` "must match the name of one of the portMappings
 *   from all the containers in the task definition"
 *   (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html).
 * - Another family is allowed, and said: the service runs that family from then on.
 */
export function checkTaskDefinitionFits(
  service: Service,
  document: TaskDefinitionDocument,
  label: string
): string[] {
  const containers = document.containerDefinitions
  const names = containers.map(container => String(container.name))
  const ports = (container: Record<string, unknown>): Record<string, unknown>[] =>
    Array.isArray(container.portMappings)
      ? (container.portMappings as Record<string, unknown>[])
      : []
  for (const loadBalancer of service.loadBalancers ?? []) {
    const { containerName, containerPort, targetGroupArn } = loadBalancer
    if (!containerName) continue
    const target = targetGroupArn ? ` (target group ${targetGroupArn})` : ''
    const container = containers.find(candidate => candidate.name === containerName)
    if (!container) {
      throw new InputError(
        'task-definition',
        `${label} has no container '${containerName}', which the service's load balancer${target} sends traffic to; ` +
          `its containers are ${names.join(', ')}. ECS refuses the update: "The container ${containerName} does not exist in the task definition."`
      )
    }
    if (
      containerPort !== undefined &&
      !ports(container).some(mapping => mapping.containerPort === containerPort)
    ) {
      throw new InputError(
        'task-definition',
        `${label}: container '${containerName}' has no port mapping for port ${containerPort}, which the service's load balancer${target} sends traffic to.`
      )
    }
  }
  const portNames = new Set(
    containers.flatMap(container => ports(container).map(mapping => mapping.name))
  )
  const serviceConnect = primaryDeployment(service)?.serviceConnectConfiguration
  for (const entry of serviceConnect?.enabled ? (serviceConnect.services ?? []) : []) {
    if (entry.portName && !portNames.has(entry.portName)) {
      throw new InputError(
        'task-definition',
        `${label} has no port mapping named '${entry.portName}', the port the service's Service Connect configuration serves; name one of its portMappings so.`
      )
    }
  }
  const family = /:task-definition\/([^:]+):/.exec(service.taskDefinition ?? '')?.[1]
  return family && document.family !== family
    ? [
        `${label} is of family ${String(document.family)}, and service '${service.serviceName ?? ''}' runs family ${family}: ` +
          `the service runs ${String(document.family)} from this release on.`
      ]
    : []
}
