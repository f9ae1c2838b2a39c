import {
  awaitingHook,
  outcomeOf,
  runUrl,
  type DispatchTarget,
  type Release
} from '../../model/release.js'
import { code, fencedBlock, link, shellWord, text } from './escape.js'
import { dateTime } from '../../model/format.js'

export type Decision = 'promote' | 'rollback'

/**
 * `gh workflow run release-control.yml --repo o/r -f command=promote -f service=… …`: the
 * inputs `target` declares, filled in from the release.
 */
export function dispatchCommand(
  release: Release,
  target: DispatchTarget,
  decision: Decision
): string {
  const values = inputValues(release)
  const words = [
    'gh workflow run',
    shellWord(target.file),
    ...(release.github.repository ? ['--repo', shellWord(release.github.repository)] : []),
    ...(target.ref ? ['--ref', shellWord(target.ref)] : []),
    `-f command=${decision}`,
    ...target.inputs.flatMap(name => {
      const value = values[name]
      return value ? [`-f ${name}=${shellWord(value)}`] : []
    })
  ]
  return words.join(' ')
}

/** The values of the release-control inputs for this release: for one of several, its services. */
function inputValues(release: Release): Record<string, string | undefined> {
  const services = release.promotion?.services
  if (services) return { services }
  return {
    service: release.service,
    cluster: release.cluster,
    'deployment-arn': release.deploymentArn
  }
}

/** `run #42`, linked to the workflow run where the approval waits. */
function runLink(release: Release): string {
  const { runNumber, runId } = release.github
  return link(`run #${runNumber ?? runId}`, runUrl(release.github))
}

/**
 * How to promote or roll back a paused release, by the ways its workflows offer
 * (release.promotion): approving the promote job of this run, or the exact `gh`
 * commands and the way through the GitHub UI. Undefined unless the release is paused.
 */
export function promotionBlock(release: Release, level: number): string | undefined {
  if (outcomeOf(release) !== 'paused') return undefined
  const hook = awaitingHook(release)
  const where = hook?.stage ?? release.stage
  const expiry = hook?.expiresAt
    ? ` until ${dateTime(hook.expiresAt)}; then ECS will ${timeoutAction(hook.timeoutAction)}`
    : ''
  return [
    `${'#'.repeat(level)} ⏸️ Awaiting promotion`,
    `The deployment is paused${where ? ` at ${code(where, 100)}` : ''}${expiry}.` +
      (hook?.hookId ? ` Pause hook: ${code(hook.hookId)}.` : ''),
    ...promotionWays(release, expiry)
  ].join('\n\n')
}

/**
 * The ways to promote or roll back a paused release (release.promotion), as Markdown
 * paragraphs; for a release of several services they act on all by the `services` input.
 * `expiry` says when the pause ends, if known.
 */
export function promotionWays(release: Release, expiry = ''): string[] {
  const { approval, dispatch, services } = release.promotion ?? {}
  const parts: string[] = []
  if (approval) {
    const environment = approval.environment ? ` to ${code(approval.environment)}` : ''
    parts.push(
      `**Promote:** approve the pending deployment${environment} in ${runLink(release)} ` +
        '(**Review deployments** → **Approve and deploy**); its next job promotes the release.'
    )
  }
  if (dispatch) {
    parts.push(...dispatchParts(release, dispatch, Boolean(approval)))
  } else if (approval) {
    parts.push(
      `Rejecting it leaves the deployment paused${expiry || ' until the pause times out'}.`
    )
  } else {
    const target = services
      ? ` and the same ${code('services')}`
      : release.deploymentArn
        ? ` and ${code('deployment-arn')} ${code(release.deploymentArn)}`
        : ''
    parts.push(
      `Run this action with ${code('command: promote')} (or ${code('rollback')})${target}` +
        ` from a workflow with a ${code('workflow_dispatch')} trigger${services ? ` and a ${code('services')} input` : ''}, and name that workflow in the ` +
        `${code('control-workflow')} input to see its command here.`
    )
  }
  return parts
}

/**
 * The `gh` commands for the decisions `target` offers, and the same through the GitHub
 * UI. With an approval pending, only the rollback: promoting by hand as well would leave
 * the approved job nothing to promote.
 */
function dispatchParts(release: Release, target: DispatchTarget, approval: boolean): string[] {
  const decisions = target.commands.filter(decision => !approval || decision === 'rollback')
  if (decisions.length === 0) return []
  const parts = decisions.flatMap(decision => [
    decision === 'promote'
      ? '**Promote** (continue the deployment):'
      : `**Roll back**${approval ? ' (then reject the pending deployment)' : ''}:`,
    fencedBlock(dispatchCommand(release, target, decision), 'sh')
  ])
  const { serverUrl, repository } = release.github
  const workflow = link(target.file, `${serverUrl}/${repository}/actions/workflows/${target.file}`)
  const values = inputValues(release)
  const inputs = [
    `command ${decisions.map(decision => code(decision)).join(' or ')}`,
    ...target.inputs.flatMap(name => {
      const value = values[name]
      return value ? [`${name} ${code(value)}`] : []
    })
  ]
  const branch = target.ref ? ` (branch ${code(target.ref)})` : ''
  parts.push(
    `Or on GitHub: **Actions** → ${workflow} → **Run workflow**${branch}, with ${inputs.join(', ')}.`
  )
  return parts
}

/** What the log says to do about a paused release: the same ways, as plain lines. */
export function promotionLines(release: Release): string[] {
  const { approval, dispatch } = release.promotion ?? {}
  const { runNumber, runId } = release.github
  const lines: string[] = []
  if (approval) {
    const environment = approval.environment ? ` to ${approval.environment}` : ''
    lines.push(
      `Promote: approve the pending deployment${environment} in run #${runNumber ?? runId} (${runUrl(release.github)}).`
    )
  }
  if (dispatch) {
    for (const decision of dispatch.commands) {
      if (approval && decision === 'promote') continue
      const label = decision === 'promote' ? 'Promote' : 'Roll back'
      lines.push(`${label}: ${dispatchCommand(release, dispatch, decision)}`)
    }
  }
  if (lines.length === 0) {
    const target = release.promotion?.services
      ? `the same services: ${release.promotion.services}`
      : `deployment-arn: ${release.deploymentArn ?? ''}`
    lines.push(
      `Run this action with command: promote (or rollback) and ${target} ` +
        'from a workflow with a workflow_dispatch trigger; name it in control-workflow to see its command here.'
    )
  }
  return lines
}

function timeoutAction(action: string | undefined): string {
  if (action === 'CONTINUE') return '**continue** the deployment'
  if (action === 'ROLLBACK' || action === undefined) return '**roll back**'
  return `do ${text(action, 40)}`
}
