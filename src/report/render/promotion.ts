import { awaitingHook, outcomeOf, type Release } from '../../model/release.js'
import { code, fencedBlock, link, shellWord, text } from './escape.js'
import { dateTime } from '../../model/format.js'

/** The workflow file and ref a `workflow_dispatch` can target, from GITHUB_WORKFLOW_REF. */
export interface WorkflowTarget {
  /** `.github/workflows/deploy.yml` */
  path: string
  /** `deploy.yml`, what `gh workflow run` takes. */
  file: string
  /** Branch or tag to dispatch on; absent for pull request refs, which cannot be dispatched. */
  ref?: string
}

/** `owner/repo/.github/workflows/deploy.yml@refs/heads/main` → deploy.yml on main. */
export function workflowTarget(workflowRef: string | undefined): WorkflowTarget | undefined {
  const match = /^[^/]+\/[^/]+\/(\.github\/workflows\/[^@]+)@(.*)$/.exec(workflowRef ?? '')
  if (!match?.[1]) return undefined
  const path = match[1]
  const ref = /^refs\/(?:heads|tags)\/(.+)$/.exec(match[2] ?? '')?.[1]
  return { path, file: path.split('/').pop() ?? path, ref }
}

export type Decision = 'promote' | 'rollback'

/** `gh workflow run deploy.yml --repo o/r --ref main -f command=promote -f service=… …`. */
export function dispatchCommand(release: Release, decision: Decision): string {
  const target = workflowTarget(release.github.workflowRef)
  const words = [
    'gh workflow run',
    shellWord(target?.file ?? 'WORKFLOW_FILE'),
    ...(release.github.repository ? ['--repo', shellWord(release.github.repository)] : []),
    ...(target?.ref ? ['--ref', shellWord(target.ref)] : []),
    `-f command=${decision}`,
    `-f service=${shellWord(release.service)}`,
    `-f cluster=${shellWord(release.cluster)}`,
    ...(release.deploymentArn ? [`-f deployment-arn=${shellWord(release.deploymentArn)}`] : [])
  ]
  return words.join(' ')
}

/**
 * How to promote or roll back a paused release: the exact `gh` commands and the way
 * through the GitHub UI. Undefined unless the release is paused.
 */
export function promotionBlock(release: Release, level: number): string | undefined {
  if (outcomeOf(release) !== 'paused') return undefined
  const hook = awaitingHook(release)
  const where = hook?.stage ?? release.stage
  const expiry = hook?.expiresAt
    ? ` until ${dateTime(hook.expiresAt)}; then ECS will ${timeoutAction(hook.timeoutAction)}`
    : ''
  const target = workflowTarget(release.github.workflowRef)
  const { serverUrl, repository } = release.github
  const workflow = target
    ? link(target.file, `${serverUrl}/${repository}/actions/workflows/${target.file}`)
    : 'the workflow that deployed'
  const inputs = [
    `command ${code('promote')} (or ${code('rollback')})`,
    `service ${code(release.service)}`,
    `cluster ${code(release.cluster)}`,
    ...(release.deploymentArn ? [`deployment-arn ${code(release.deploymentArn)}`] : [])
  ]
  return [
    `${'#'.repeat(level)} ⏸️ Awaiting promotion`,
    `The deployment is paused${where ? ` at ${code(where, 100)}` : ''}${expiry}.` +
      (hook?.hookId ? ` Pause hook: ${code(hook.hookId)}.` : ''),
    '**Promote** (continue the deployment):',
    fencedBlock(dispatchCommand(release, 'promote'), 'sh'),
    '**Roll back:**',
    fencedBlock(dispatchCommand(release, 'rollback'), 'sh'),
    `Or on GitHub: **Actions** → ${workflow} → **Run workflow**${target?.ref ? ` (branch ${code(target.ref)})` : ''}, with ${inputs.join(', ')}.`
  ].join('\n\n')
}

function timeoutAction(action: string | undefined): string {
  if (action === 'CONTINUE') return '**continue** the deployment'
  if (action === 'ROLLBACK' || action === undefined) return '**roll back**'
  return `do ${text(action, 40)}`
}
