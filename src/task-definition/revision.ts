import { errorName } from '../ecs/errors.js'
import type { EcsPort } from '../ecs/port.js'
import { InputError } from '../inputs/values.js'
import { type CurrentTaskDefinition, describeTaskDefinition } from './load.js'

const INPUT = 'task-definition'

/**
 * The registered revision `task-definition` names (`family:revision` or its ARN), to be
 * released as it is. ECS cannot update a service to an INACTIVE revision ("you can't update
 * an existing service to reference an INACTIVE task definition",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeregisterTaskDefinition.html),
 * so only an ACTIVE one is taken, and `container-name`, when given, must name one of its
 * containers: both are refused before anything changes.
 */
export async function loadRevision(
  ecs: EcsPort,
  revision: string,
  containerName: string | undefined
): Promise<CurrentTaskDefinition & { arn: string }> {
  let found: CurrentTaskDefinition
  try {
    found = await describeTaskDefinition(ecs, revision)
  } catch (error) {
    // ECS answers ClientException "Unable to describe task definition." for one it does not have.
    if (errorName(error) !== 'ClientException') throw error
    throw new InputError(
      INPUT,
      `revision ${revision} was not found in ${ecs.region}. Check the family, the revision number and the AWS region.`
    )
  }
  const { document } = found
  const arn = typeof document.taskDefinitionArn === 'string' ? document.taskDefinitionArn : revision
  const status = typeof document.status === 'string' ? document.status : 'ACTIVE'
  if (status !== 'ACTIVE') {
    throw new InputError(
      INPUT,
      `revision ${revision} is ${status}: ECS releases only ACTIVE revisions. Register it again (give task-definition a file) or name an ACTIVE revision.`
    )
  }
  const names = document.containerDefinitions.map(container => String(container.name))
  if (containerName !== undefined && !names.includes(containerName)) {
    throw new InputError(
      'container-name',
      `container '${containerName}' is not in the task definition; its containers are ${names.join(', ')}.`
    )
  }
  return { ...found, arn }
}
