import type { Command } from '../inputs/inputs.js'
import { deploymentConsoleUrl } from './console-links.js'
import type { FailureEvidence, RevisionServing } from './evidence.js'

/**
 * What one run of the action knows about the release it drives. The commands fill it in
 * as facts arrive; the log, the job summary, the pull request comment and the check run
 * are all renderings of it. Values that came from ECS or from users are untrusted text:
 * renderers escape them.
 */
export interface Release {
  command: Command
  cluster: string
  service: string
  region?: string
  /** The deployment strategy in force for this release (BLUE_GREEN, CANARY, LINEAR, or what ECS reports). */
  strategy?: string
  taskDefinition?: TaskDefinitionChange
  /** The commit this release deploys: recorded on the task definition, else the run's commit. */
  commit?: string
  deploymentArn?: string
  /** ECS ServiceDeployment status, as reported (open set). */
  status?: string
  /** Current lifecycle stage, as reported (open set). */
  stage?: string
  statusReason?: string
  stages: StageRecord[]
  hooks: HookRecord[]
  /**
   * The hooks the deployment is configured to run: its `deploymentConfiguration.lifecycleHooks`,
   * else those this run sent. ECS reports a hook without its stage; this says where it runs.
   */
  configuredHooks?: ConfiguredHook[]
  /** The header that sends Service Connect test traffic to the new revision, and where. */
  testTraffic?: TestTrafficRoute
  /** LINEAR's step (percent of production traffic per step), for naming the steps. */
  linearStepPercent?: number
  /** How the step ended; set once, by concludeRelease (verdict/verdict.ts), and by nothing else. */
  verdict?: Verdict
  /** Another deployment of the service that was still under way when this one started; ECS stops it. */
  supersededDeploymentArn?: string
  /** The newer deployment that replaced this one. */
  supersededBy?: string
  /** Which target group and listener rule serve each revision of the deployment (load balancers only). */
  servedBy?: RevisionServing[]
  /** The service settings this release changes (they persist after it); empty: only the task definition. */
  settingChanges?: SettingChange[]
  /** What `command: plan` found deploy would do. */
  plan?: PlanFacts
  /**
   * Set once a run asked ECS to change the service for this release (UpdateService, or a
   * continue or stop of its deployment). The PR comment and check run belong to the
   * release, so a run that changed nothing (a refused promote) writes only its job summary.
   */
  changedService: boolean
  startedAt: Date
  updatedAt: Date
  finishedAt?: Date
  /** When ECS began rolling the deployment back (its `rollback.startedAt`). */
  rollbackStartedAt?: Date
  github: GitHubRun
  /** How people can promote or roll back the release while it is paused; found when it pauses. */
  promotion?: PromotionRoute
}

/**
 * The ways from GitHub to promote or roll back a paused release, as the run's workflows
 * allow them (report/promotion-route.ts). Neither: nothing known can, and the reports say
 * what is needed.
 */
export interface PromotionRoute {
  /** A job of this workflow run that waits for approval of its environment, then promotes. */
  approval?: { environment?: string }
  /** A workflow with a `workflow_dispatch` trigger whose `command` input runs this action. */
  dispatch?: DispatchTarget
  /**
   * The release is one of several services (the `services` input): promote and rollback
   * take these services (as JSON, which the YAML input reads), not one deployment.
   */
  services?: string
}

export interface DispatchTarget {
  /** The workflow file's name, e.g. `release-control.yml`, as `gh workflow run` takes it. */
  file: string
  /** Branch or tag to run it on; absent: the default branch's copy. */
  ref?: string
  /** Which of `service`, `cluster`, `deployment-arn` and `services` the workflow declares as inputs. */
  inputs: string[]
  /** What its `command` input offers: promote, rollback or both. */
  commands: ('promote' | 'rollback')[]
}

/**
 * running: the step is following the deployment (or, for `status`, found it under way).
 * paused: a PAUSE hook awaits promote or rollback.
 * handed-off: the step stopped following on purpose at its wait target (wait-until none or
 *   a stage) while ECS carries the deployment on; it gives no verdict on the release.
 * succeeded / rolled-back / failed: ECS finished the deployment (failed: ROLLBACK_FAILED or STOPPED).
 * timed-out: the step gave up waiting; the deployment may still be running.
 * cancelled: the job was cancelled.
 */
export type Outcome =
  | 'running'
  | 'paused'
  | 'handed-off'
  | 'succeeded'
  | 'rolled-back'
  | 'failed'
  | 'timed-out'
  | 'cancelled'

/** How a run of the action ended: the outcome, and the words that explain it. */
export interface Verdict {
  outcome: Outcome
  /** One line saying why the release failed, was stopped or timed out. */
  reason?: string
  /** What made ECS roll back or stop, as the diagnosis found it; `reason` names it too. */
  cause?: string
  /** Further facts behind `reason` (rollback reason, circuit breaker counts, alarms, stopped tasks). */
  details: string[]
  /** What to check first, chosen from the failure's cause. */
  hint?: string
  /** The stopped tasks' last log lines and where their logs went, when the diagnosis read them. */
  evidence?: FailureEvidence
}

export interface TaskDefinitionChange {
  /** The registered task definition (absent for `render`, and for a plan that would register one). */
  arn?: string
  /** The service's task definition before this release. */
  previousArn?: string
  containers: ContainerChange[]
  /** Other fields that differ from the service's task definition, by name. */
  otherChanges?: FieldChange[]
}

/** A field of the task definition other than images and environment that a release changes. */
export interface FieldChange {
  /** `cpu`, or `containerDefinitions[app].portMappings`. */
  field: string
  /** The values, for the few fields whose values are shown (sizes, roles, modes); absent for the rest. */
  before?: string
  after?: string
}

/** A service setting a release changes through UpdateService; it stays after the release. */
export interface SettingChange {
  /** `Strategy`, `Bake time`, `Pauses`, … */
  setting: string
  before: string
  after: string
  /** The input that makes the change. */
  input: string
}

/** What deploy would do with the same inputs, as `command: plan` found it. */
export interface PlanFacts {
  /** Where the task definition comes from: a file, an existing revision, or the service's current one. */
  source: { kind: 'file'; path: string } | { kind: 'revision' } | { kind: 'service' }
  /** The least time the deployment takes, in words (`11 minutes (bake time 10 min + …)`). */
  leastTime: string
  /** Minutes the deploy step would wait. */
  timeoutMinutes: number
  /** What deploy would warn about. */
  warnings: string[]
}

export interface ContainerChange {
  name: string
  previousImage?: string
  image?: string
  /** Names only: values can be secrets and never leave the task definition. */
  changedEnvironment: string[]
}

export interface StageRecord {
  stage: string
  /** When a poll first saw the stage; for a stage that passed unseen, when its passing was noticed. */
  startedAt: Date
  endedAt?: Date
  traffic?: TrafficSnapshot
  /** The deployment passed this stage between two polls: no poll saw it, so it has no times or traffic of its own. */
  unobserved?: boolean
}

/** Requested traffic weights (percent) and task counts of the new (target) and old (source) revisions. */
export interface TrafficSnapshot {
  targetTest?: number
  targetProduction?: number
  sourceTest?: number
  sourceProduction?: number
  targetRunning?: number
  targetRequested?: number
  /** Summed over the old revisions. */
  sourceRunning?: number
  sourceRequested?: number
  /** Tasks of the new revision that failed so far, as the circuit breaker counts them. */
  failedTasks?: number
}

export interface HookRecord {
  hookId?: string
  targetType?: string
  /** The Lambda function ARN; absent for PAUSE hooks. */
  targetArn?: string
  /**
   * The lifecycle stage the hook runs at, from the deployment's configured hooks and ECS's
   * reasons (watch/hook-stages.ts); undefined when that cannot be told.
   */
  stage?: string
  status?: string
  expiresAt?: Date
  timeoutAction?: string
  firstSeenAt: Date
  updatedAt: Date
}

/** A Service Connect test traffic rule: requests with this header go to the new revision. */
export interface TestTrafficRoute {
  header: string
  /**
   * The exact value the rule matches. Absent for ECS's default header, which Service Connect
   * matches when a client alias has no rule; ECS does not document its match value.
   */
  value?: string
  /** `http://web.demo.local:80/`: the client aliases that apply the rule. */
  endpoints: string[]
}

/** A hook of the deployment's configuration: what it runs and at which stages. */
export interface ConfiguredHook {
  targetType: string
  /** The Lambda function; absent for PAUSE hooks. */
  targetArn?: string
  stages: string[]
}

/** The workflow run driving the release, for links and for finding the pull request. */
export interface GitHubRun {
  serverUrl: string
  repository: string
  runId: string
  /** GITHUB_RUN_NUMBER: how GitHub names the run (`release #12`). */
  runNumber?: string
  runAttempt?: string
  workflow?: string
  eventName: string
  sha: string
  ref?: string
  actor?: string
  /** `owner/repo/.github/workflows/file.yml@ref`, for the command that promotes from the CLI. */
  workflowRef?: string
  /** The commit of the workflow file this run runs (GITHUB_WORKFLOW_SHA). */
  workflowSha?: string
  /** The id of the job running the step (GITHUB_JOB). */
  job?: string
  /** The inputs of a workflow_dispatch event, by name. */
  dispatchInputs?: string[]
  /** Set on pull_request events: checks belong on the head commit, not the merge commit. */
  pullRequest?: { number: number; headSha: string }
}

export function runUrl(run: GitHubRun): string {
  const attempt = run.runAttempt && run.runAttempt !== '1' ? `/attempts/${run.runAttempt}` : ''
  return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}${attempt}`
}

export function newRelease(
  fields: Pick<Release, 'command' | 'cluster' | 'service' | 'github'> & Partial<Release>,
  now: Date
): Release {
  return {
    stages: [],
    hooks: [],
    changedService: false,
    startedAt: now,
    updatedAt: now,
    ...fields
  }
}

/** The pause hook a person must act on, if the deployment is waiting for one. */
export function awaitingHook(release: Release): HookRecord | undefined {
  return release.hooks.find(hook => hook.status === 'AWAITING_ACTION')
}

/** The verdict's outcome once the step has ended; `running` until then. */
export function outcomeOf(release: Release): Outcome {
  return release.verdict?.outcome ?? 'running'
}

/**
 * The name inside an ECS ARN (`…:cluster/prod` → `prod`, `…:service/prod/web` → `web`):
 * the cluster and service inputs take either.
 */
export function shortName(nameOrArn: string): string {
  if (!nameOrArn.startsWith('arn:')) return nameOrArn
  return nameOrArn.split('/').pop() || nameOrArn
}

/** `stage BAKE_TIME, status IN_PROGRESS`: where the release's deployment was last seen. */
export function whereItStands(release: Release): string {
  return `stage ${release.stage ?? 'none'}, status ${release.status ?? 'unknown'}`
}

/** How logs and headlines name the release: `web (prod)`, short names even when ARNs were given. */
export function releaseSubject(release: Release): string {
  return `${shortName(release.service)} (${shortName(release.cluster)})`
}

/** Link to the service deployment in the ECS console of the release's region. */
export function consoleUrl(release: Release): string | undefined {
  if (!release.region || !release.deploymentArn) return undefined
  return deploymentConsoleUrl(
    release.region,
    shortName(release.cluster),
    shortName(release.service),
    release.deploymentArn
  )
}
