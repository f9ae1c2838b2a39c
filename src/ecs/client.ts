import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import packageJson from '../../package.json' with { type: 'json' }
import type { EcsPort } from './port.js'

export const USER_AGENT = `ecs-bluegreen-action/${packageJson.version}`

export function createEcsPort(client: ECSClient, region: string): EcsPort {
  return {
    region,
    describeServices: input => client.send(new DescribeServicesCommand(input)),
    describeTaskDefinition: input => client.send(new DescribeTaskDefinitionCommand(input)),
    registerTaskDefinition: input => client.send(new RegisterTaskDefinitionCommand(input)),
    updateService: input => client.send(new UpdateServiceCommand(input)),
    listServiceDeployments: input => client.send(new ListServiceDeploymentsCommand(input)),
    describeServiceDeployments: input => client.send(new DescribeServiceDeploymentsCommand(input)),
    describeServiceRevisions: input => client.send(new DescribeServiceRevisionsCommand(input)),
    continueServiceDeployment: input => client.send(new ContinueServiceDeploymentCommand(input)),
    stopServiceDeployment: input => client.send(new StopServiceDeploymentCommand(input)),
    listTasks: input => client.send(new ListTasksCommand(input)),
    describeTasks: input => client.send(new DescribeTasksCommand(input))
  }
}

/**
 * The production port, configured as aws-actions/configure-aws-credentials leaves the
 * environment: region from AWS_REGION (or AWS_DEFAULT_REGION, which the SDK alone
 * ignores), credentials from the default chain, endpoint overridable by
 * AWS_ENDPOINT_URL_ECS. Adaptive retries slow down under throttling instead of spending
 * every attempt at once. Callers import this module lazily, so runs that fail
 * validation never load the SDK.
 */
export function connectEcs(env: NodeJS.ProcessEnv = process.env): EcsPort {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION
  if (!region) {
    throw new Error(
      'No AWS region: set AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input).'
    )
  }
  const client = new ECSClient({
    region,
    customUserAgent: USER_AGENT,
    retryMode: 'adaptive',
    maxAttempts: 5,
    // A hung connection must not stall the release: fail the attempt and let it retry.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 }
  })
  return createEcsPort(client, region)
}
