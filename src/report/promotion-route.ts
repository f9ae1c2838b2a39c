import type { DispatchTarget, GitHubRun, PromotionRoute } from '../model/release.js'
import { isPlainObject } from '../inputs/structured-text.js'

/**
 * Which ways to promote or roll back a paused release the repository's workflows really
 * offer (README.md, "Recommended workflows"), so the reports never print a command that
 * cannot work: `gh workflow run` only for a workflow with a `workflow_dispatch` trigger and a
 * `command` input, an approval only when a job of this run waits for one and then promotes.
 */

/** The workflow file and ref a run's GITHUB_WORKFLOW_REF names. */
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

export interface RouteFacts {
  github: GitHubRun
  /** The `control-workflow` input. */
  controlWorkflow?: string
  /** The deploying workflow's definition, parsed; undefined when it could not be read. */
  deploying?: unknown
  /** The control workflow's definition (on its default branch), parsed; undefined when unread. */
  control?: unknown
}

/** The inputs of a release-control workflow this action fills in, besides `command`. */
export const RELEASE_INPUTS = ['service', 'cluster', 'deployment-arn', 'services'] as const

/**
 * The route of a service released with others: promote and rollback act on all of them by
 * the `services` input, so a workflow that cannot take it is not offered.
 */
export function routeOfSeveral(route: PromotionRoute, services: string): PromotionRoute {
  const { dispatch, ...rest } = route
  return { ...rest, ...(dispatch?.inputs.includes('services') && { dispatch }), services }
}

const COMMANDS = ['promote', 'rollback'] as const

/**
 * The ways to promote or roll back that `facts` show. A workflow that could not be read is
 * taken at its word: the `control-workflow` input, or the inputs of the workflow_dispatch
 * event that started this run.
 */
export function findPromotionRoute(facts: RouteFacts): PromotionRoute {
  const route: PromotionRoute = {}
  const approval = approvalAfter(facts.deploying, facts.github.job)
  if (approval) route.approval = approval
  const dispatch = controlDispatch(facts) ?? deployingDispatch(facts)
  if (dispatch) route.dispatch = dispatch
  return route
}

function controlDispatch({ controlWorkflow, control }: RouteFacts): DispatchTarget | undefined {
  if (!controlWorkflow) return undefined
  if (control === undefined) {
    return { file: controlWorkflow, inputs: [...RELEASE_INPUTS], commands: [...COMMANDS] }
  }
  // workflow_dispatch runs the workflow as the default branch has it.
  return dispatchTarget(controlWorkflow, undefined, control)
}

function deployingDispatch({ github, deploying }: RouteFacts): DispatchTarget | undefined {
  const target = workflowTarget(github.workflowRef)
  if (!target) return undefined
  if (deploying !== undefined) return dispatchTarget(target.file, target.ref, deploying)
  const given = github.dispatchInputs
  if (!given?.includes('command')) return undefined
  return {
    file: target.file,
    ref: target.ref,
    inputs: RELEASE_INPUTS.filter(name => given.includes(name)),
    commands: [...COMMANDS]
  }
}

/**
 * How `gh workflow run` can start `workflow` with a `command`: the inputs of ours it
 * declares and the commands its `command` input offers. Undefined when it has no
 * workflow_dispatch trigger or `command` input, or requires an input this action cannot
 * fill in (GitHub would refuse the dispatch).
 */
function dispatchTarget(
  file: string,
  ref: string | undefined,
  workflow: unknown
): DispatchTarget | undefined {
  const inputs = dispatchInputs(workflow)
  const command = inputs?.command
  if (!inputs || !isPlainObject(command)) return undefined
  const options = command.type === 'choice' && Array.isArray(command.options) ? command.options : []
  const commands = COMMANDS.filter(name => options.length === 0 || options.includes(name))
  const ours: readonly string[] = ['command', ...RELEASE_INPUTS]
  const unfillable = Object.entries(inputs).some(
    ([name, input]) =>
      !ours.includes(name) &&
      isPlainObject(input) &&
      input.required === true &&
      input.default === undefined
  )
  if (commands.length === 0 || unfillable) return undefined
  return { file, ref, inputs: RELEASE_INPUTS.filter(name => name in inputs), commands }
}

/** The inputs of a workflow's workflow_dispatch trigger; undefined without that trigger. */
function dispatchInputs(workflow: unknown): Record<string, unknown> | undefined {
  const on = isPlainObject(workflow) ? workflow.on : undefined
  if (on === 'workflow_dispatch' || (Array.isArray(on) && on.includes('workflow_dispatch'))) {
    return {}
  }
  if (!isPlainObject(on) || !('workflow_dispatch' in on)) return undefined
  const trigger = on.workflow_dispatch
  return isPlainObject(trigger) && isPlainObject(trigger.inputs) ? trigger.inputs : {}
}

/**
 * A job of `workflow` that runs after `job` (directly or not), waits for an environment
 * (where required reviewers approve) and promotes: the README's "Deploy on merge, pause,
 * promote after an approval". Its environment's name, unless an expression gives it.
 */
function approvalAfter(
  workflow: unknown,
  job: string | undefined
): PromotionRoute['approval'] | undefined {
  const jobs = isPlainObject(workflow) && isPlainObject(workflow.jobs) ? workflow.jobs : {}
  if (!job || !(job in jobs)) return undefined
  const needs = (name: string): string[] => {
    const spec = jobs[name]
    const listed = isPlainObject(spec) ? spec.needs : undefined
    const all = Array.isArray(listed) ? listed : [listed]
    return all.filter((need): need is string => typeof need === 'string')
  }
  const runsAfter = (name: string): boolean => {
    const seen = new Set<string>()
    const pending = needs(name)
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (next === job) return true
      if (!seen.has(next)) pending.push(...needs(next))
      seen.add(next)
    }
    return false
  }
  for (const [name, spec] of Object.entries(jobs)) {
    if (!isPlainObject(spec) || spec.environment === undefined || !promotes(spec)) continue
    if (!runsAfter(name)) continue
    const environment = isPlainObject(spec.environment) ? spec.environment.name : spec.environment
    return typeof environment === 'string' && !environment.includes('${{') ? { environment } : {}
  }
  return undefined
}

/** Whether a job has a step that runs an action with `command: promote`. */
function promotes(job: Record<string, unknown>): boolean {
  const steps = Array.isArray(job.steps) ? job.steps : []
  return steps.some(
    step =>
      isPlainObject(step) &&
      typeof step.uses === 'string' &&
      isPlainObject(step.with) &&
      step.with.command === 'promote'
  )
}
