import { ACTION_LOGS_DOCS, logConsoleUrl } from './console-links.js'
import { consoleUrl, shortName, type Release } from './release.js'

/** A place to look next at a failure: what it is, a link to it when there is one, and more words. */
export interface Pointer {
  /** Plain text, the link's text; names in it come from ECS and the inputs. */
  label: string
  url?: string
  /** Plain text after the label: when and why to look there. */
  detail?: string
}

/**
 * Where to look beyond the report when a release failed: the deployment in the ECS console,
 * the logs of each failed Lambda hook, and the cluster's ECS action logs, which hold ECS's
 * own account of a rollback and of the hooks it ran. The stopped tasks and their log streams
 * are linked where the report shows them.
 */
export function whereToLook(release: Release): Pointer[] {
  const pointers: Pointer[] = []
  const deployment = consoleUrl(release)
  if (release.deploymentArn) {
    pointers.push({ label: 'The deployment in the ECS console', url: deployment })
  }
  const failedHooks = release.hooks.filter(
    hook => hook.targetArn && (hook.status === 'FAILED' || hook.status === 'TIMED_OUT')
  )
  for (const hook of failedHooks) {
    // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
    const [, , , region = '', , , name = ''] = (hook.targetArn ?? '').split(':')
    if (!name) continue
    const group = `/aws/lambda/${name}`
    pointers.push({
      label: `Logs of hook function ${name}`,
      url: logConsoleUrl(region, group),
      detail: `log group ${group}, unless the function logs elsewhere`
    })
  }
  if (release.status?.startsWith('ROLLBACK') || failedHooks.length > 0) {
    pointers.push({
      label: 'ECS action logs',
      url: ACTION_LOGS_DOCS,
      detail:
        `if cluster ${shortName(release.cluster)} has them turned on, the destination set on the cluster ` +
        "(CloudWatch Logs, S3 or Firehose) holds ECS's record of this deployment: its state changes, " +
        'the rollback and each lifecycle hook execution'
    })
  }
  return pointers
}
