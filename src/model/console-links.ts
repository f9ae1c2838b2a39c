/**
 * Links into the AWS console of a region's partition: the ECS console for deployments and
 * tasks, CloudWatch for log groups and streams, EC2 for target groups. Each region has its
 * console endpoint (https://docs.aws.amazon.com/general/latest/gr/mgmt-console.html); China
 * regions' are under console.amazonaws.cn, AWS GovCloud (US)'s under console.amazonaws-us-gov.com
 * (https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/accessing-govcloud.html). The
 * isolated partitions' consoles are out of the internet's reach, so they get no links.
 */

/** `https://eu-west-1.console.aws.amazon.com`, or undefined for a region without a public console. */
export function consoleOrigin(region: string): string | undefined {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) || /-iso[a-z]?-/.test(region)) return undefined
  const host = region.startsWith('cn-')
    ? 'console.amazonaws.cn'
    : region.startsWith('us-gov-')
      ? 'console.amazonaws-us-gov.com'
      : 'console.aws.amazon.com'
  return `https://${region}.${host}`
}

/** The DNS suffix of the region's partition, for service endpoints. */
export function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
}

const segment = encodeURIComponent

/** A page of the ECS console (v2), whose paths take names, not ARNs. */
function ecsPage(region: string, path: string): string | undefined {
  const origin = consoleOrigin(region)
  return origin && `${origin}/ecs/v2/${path}?region=${segment(region)}`
}

/** The service deployment's page in the ECS console. */
export function deploymentConsoleUrl(
  region: string,
  cluster: string,
  service: string,
  deploymentArn: string
): string | undefined {
  const id = deploymentArn.split('/').pop() ?? ''
  return ecsPage(
    region,
    `clusters/${segment(cluster)}/services/${segment(service)}/deployments/${segment(id)}`
  )
}

/** A task's page in the ECS console; ECS keeps a stopped task visible for about an hour. */
export function taskConsoleUrl(
  region: string,
  cluster: string,
  taskArn: string
): string | undefined {
  const id = taskArn.split('/').pop() ?? ''
  return ecsPage(region, `clusters/${segment(cluster)}/tasks/${segment(id)}/configuration`)
}

/**
 * CloudWatch's console takes log group and stream names in its URL fragment, percent-encoded
 * twice with `$` for the outer `%` (`/ecs/web` → `$252Fecs$252Fweb`).
 */
function logsFragment(name: string): string {
  return segment(name).replace(/%/g, '$25')
}

/** A log stream in the CloudWatch console, or its group when the stream is not known. */
export function logConsoleUrl(region: string, group: string, stream?: string): string | undefined {
  const origin = consoleOrigin(region)
  if (!origin) return undefined
  const events = stream === undefined ? '' : `/log-events/${logsFragment(stream)}`
  return `${origin}/cloudwatch/home?region=${segment(region)}#logsV2:log-groups/log-group/${logsFragment(group)}${events}`
}

/** A target group in the EC2 console. */
export function targetGroupConsoleUrl(region: string, targetGroupArn: string): string | undefined {
  const origin = consoleOrigin(region)
  return (
    origin &&
    `${origin}/ec2/home?region=${segment(region)}#TargetGroup:targetGroupArn=${segment(targetGroupArn)}`
  )
}

/**
 * ECS action logs: when a cluster has them turned on, ECS delivers its decisions about service
 * deployments (state changes, rollbacks, lifecycle hook executions) to the CloudWatch Logs, S3
 * or Firehose destination chosen on the cluster.
 */
export const ACTION_LOGS_DOCS =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/action-logs.html'
