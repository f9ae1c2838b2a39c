import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { dnsSuffix } from '../model/console-links.js'
import { proxyAgentFor } from '../net/proxy.js'
import { USER_AGENT } from '../net/user-agent.js'
import type { LogsPort } from './port.js'

export function createLogsPort(client: CloudWatchLogsClient, region: string): LogsPort {
  return { region, getLogEvents: input => client.send(new GetLogEventsCommand(input)) }
}

/**
 * The production port for `region`, set up as ecs/client.ts sets up ECS: credentials from the
 * default chain, the runner's proxy, the action's user agent. Only a failed release with
 * container logs to read imports this module, so no other run loads the client.
 */
export async function connectLogs(region: string): Promise<LogsPort> {
  const agent = await proxyAgentFor(logsEndpoint(region))
  const client = new CloudWatchLogsClient({
    region,
    customUserAgent: USER_AGENT,
    retryMode: 'adaptive',
    // A read for the report: a few attempts, and a hung connection must not hold the step.
    maxAttempts: 3,
    requestHandler: {
      connectionTimeout: 5_000,
      requestTimeout: 15_000,
      httpAgent: agent,
      httpsAgent: agent
    }
  })
  return createLogsPort(client, region)
}

/**
 * Where the SDK sends CloudWatch Logs calls: AWS_ENDPOINT_URL_CLOUDWATCH_LOGS (the service id
 * "CloudWatch Logs" in upper case, words joined by `_`), else AWS_ENDPOINT_URL
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), else the
 * regional endpoint (https://docs.aws.amazon.com/general/latest/gr/cwl_region.html).
 */
function logsEndpoint(region: string): URL {
  const { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, AWS_ENDPOINT_URL } = process.env
  return new URL(
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ||
      AWS_ENDPOINT_URL ||
      `https://logs.${region}.${dnsSuffix(region)}`
  )
}
