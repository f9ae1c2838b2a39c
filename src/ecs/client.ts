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
import { type Clock, systemClock } from '../model/clock.js'
import { proxyAgentFor } from '../net/proxy.js'
import { USER_AGENT } from '../net/user-agent.js'
import {
  continueApplied,
  mutateOnce,
  registrationApplied,
  stopApplied,
  updateServiceApplied
} from './mutations.js'
import type { EcsPort } from './port.js'

export interface EcsPortOptions {
  /** Paces retries of state-changing calls. */
  clock?: Clock
  /** Told about each retry of a state-changing call. */
  onRetry?: (message: string) => void
}

/**
 * The port over SDK clients. Reads go through `clients.read`, whose SDK retries cover
 * throttling and faults; state-changing calls go through `clients.write` (no SDK
 * retries) and mutateOnce, which never re-sends a call that may have taken effect.
 */
export function createEcsPort(
  clients: ECSClient | { read: ECSClient; write: ECSClient },
  region: string,
  options: EcsPortOptions = {}
): EcsPort {
  const { read, write } = clients instanceof ECSClient ? { read: clients, write: clients } : clients
  const clock = options.clock ?? systemClock
  const mutate = <T>(send: () => Promise<T>, check: () => Promise<T | undefined>): Promise<T> =>
    mutateOnce({ send, check, clock, onRetry: options.onRetry })
  const port: EcsPort = {
    region,
    describeServices: input => read.send(new DescribeServicesCommand(input)),
    describeTaskDefinition: input => read.send(new DescribeTaskDefinitionCommand(input)),
    listServiceDeployments: input => read.send(new ListServiceDeploymentsCommand(input)),
    describeServiceDeployments: input => read.send(new DescribeServiceDeploymentsCommand(input)),
    describeServiceRevisions: input => read.send(new DescribeServiceRevisionsCommand(input)),
    listTasks: input => read.send(new ListTasksCommand(input)),
    describeTasks: input => read.send(new DescribeTasksCommand(input)),
    registerTaskDefinition: input =>
      mutate(
        () => write.send(new RegisterTaskDefinitionCommand(input)),
        registrationApplied(port, input, clock.now())
      ),
    updateService: input =>
      mutate(() => write.send(new UpdateServiceCommand(input)), updateServiceApplied(port, input)),
    continueServiceDeployment: input =>
      mutate(
        () => write.send(new ContinueServiceDeploymentCommand(input)),
        continueApplied(port, input)
      ),
    stopServiceDeployment: input =>
      mutate(() => write.send(new StopServiceDeploymentCommand(input)), stopApplied(port, input))
  }
  return port
}

/**
 * The production port, configured as aws-actions/configure-aws-credentials leaves the
 * environment: region from AWS_REGION (or AWS_DEFAULT_REGION, which the SDK alone
 * ignores), credentials from the default chain, endpoint overridable by
 * AWS_ENDPOINT_URL_ECS. Adaptive retries slow down under throttling instead of spending
 * every attempt at once. The SDK reads no proxy variables, so the agent for the runner's
 * proxy is given here, if one applies to the endpoint. Callers import this module lazily,
 * so runs that fail validation never load the SDK.
 */
export async function connectEcs(
  env: NodeJS.ProcessEnv = process.env,
  options: EcsPortOptions = {}
): Promise<EcsPort> {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION
  if (!region) {
    throw new Error(
      'No AWS region: set AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input).'
    )
  }
  const agent = await proxyAgentFor(ecsEndpoint(region))
  const client = (maxAttempts: number): ECSClient =>
    new ECSClient({
      region,
      customUserAgent: USER_AGENT,
      retryMode: 'adaptive',
      maxAttempts,
      // Nothing here changes a command's middleware: resolve each command's stack once,
      // not on every call (SmithyConfiguration.cacheMiddleware, @smithy/core).
      cacheMiddleware: true,
      requestHandler: {
        // A hung connection must not stall the release: fail the attempt and let it retry.
        connectionTimeout: 5_000,
        requestTimeout: 30_000,
        httpAgent: agent,
        httpsAgent: agent
      }
    })
  return createEcsPort({ read: client(5), write: client(1) }, region, options)
}

/**
 * Where the SDK sends ECS calls: AWS_ENDPOINT_URL_ECS, else AWS_ENDPOINT_URL
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), else the
 * regional endpoint (https://docs.aws.amazon.com/general/latest/gr/ecs-service.html). The SDK
 * reads them from process.env, so this does too.
 */
function ecsEndpoint(region: string): URL {
  const { AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL } = process.env
  return new URL(AWS_ENDPOINT_URL_ECS || AWS_ENDPOINT_URL || `https://ecs.${region}.amazonaws.com`)
}
