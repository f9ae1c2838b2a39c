import type {
  GetLogEventsCommandInput,
  GetLogEventsCommandOutput
} from '@aws-sdk/client-cloudwatch-logs'

/**
 * The CloudWatch Logs calls the action makes, and nothing else: the README's IAM policy lists
 * exactly these. One port reads one region's logs (a container's awslogs-region).
 */
export interface LogsPort {
  readonly region: string
  getLogEvents(input: GetLogEventsCommandInput): Promise<GetLogEventsCommandOutput>
}
