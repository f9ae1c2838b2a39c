import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { ServiceEventStream } from '../diagnose/service-events.js'
import { BATCH_WINDOW_MS, withBatchedReads } from '../ecs/batched-reads.js'
import type { EcsPort } from '../ecs/port.js'
import { describeDeployment } from '../ecs/deployments.js'
import { describeRollbackRequest, requestRollback } from '../ecs/rollback.js'
import type { ServiceTarget } from '../inputs/services.js'
import { InputError } from '../inputs/values.js'
import { errorMessage } from '../model/format.js'
import type { Log } from '../model/log.js'
import { changedOnly } from '../model/outputs.js'
import {
  awaitingHook,
  newRelease,
  outcomeOf,
  type Release,
  releaseSubject,
  shortName
} from '../model/release.js'
import { defaultReleaseName, type ReleaseSet, servicesOutput } from '../model/release-set.js'
import { TIMEOUT_MARGIN_MINUTES } from '../plan/least-time.js'
import { routeOfSeveral } from '../report/promotion-route.js'
import type { Reporter } from '../report/reporter.js'
import { concludeWatch, ROLLBACK_WAIT_MS } from '../verdict/conclude.js'
import { concludeRelease } from '../verdict/verdict.js'
import { concludeReleaseSet } from '../verdict/release-set.js'
import { followDeployment } from '../watch/follow.js'
import { recordDeployment } from '../watch/timeline.js'
import { awaitingPauseHook, type WatchResult } from '../watch/watch.js'
import { STATE } from './cancel.js'
import { type CommandContext, inGroup } from './context.js'
import { followStartedDeploy, startPlannedDeploy, type StartedDeploy } from './deploy.js'
import { planRelease, type ReleasePlan } from './release-plan.js'
import { plan } from './plan.js'
import { checkChainRoutes } from './chain-routes.js'
import { continueAtPause, promotionTimeout } from './promote.js'
import { post } from './post.js'
import { status } from './status.js'
import {
  checkStillUnderWay,
  identifyDeployedRelease,
  loadTargetDeployment
} from './target-deployment.js'

/**
 * A release of several services as one (the `services` input; README, "Full-chain gray
 * release"). Each service runs the phases of a release of one, with its own Release and
 * a context whose inputs are its item's; this module orders the phases across services:
 * check all before any changes, start all, wait for all, and roll every service back
 * when one fails.
 */

/** One service of the release, with the context its phases run in. */
export interface Member {
  target: ServiceTarget
  ctx: CommandContext
  /** Its log, also ctx.log. */
  log: MemberLog
  release: Release
  /** How its last wait ended. */
  result?: WatchResult
  /** Its wait under way, if any. */
  following?: Promise<WatchResult>
  /** Its deployment, once a deploy started it. */
  started?: StartedDeploy
  /** Rolled back because another service of the release failed. */
  rolledBackWithRelease?: boolean
  events?: ServiceEventStream
  timeoutMinutes?: number
}

/** The release and its services' contexts, for a step whose inputs have `services`. */
export function newReleaseSet(ctx: CommandContext): { set: ReleaseSet; members: Member[] } {
  const targets = ctx.inputs.services ?? []
  const pauseAt = holdsAfterProduction(ctx, targets.length)
    ? [...ctx.inputs.pauseAt.filter(stage => stage !== HOLD_STAGE), HOLD_STAGE]
    : ctx.inputs.pauseAt
  const now = ctx.clock.now()
  const set: ReleaseSet = {
    name: ctx.inputs.releaseName ?? defaultReleaseName(targets),
    command: ctx.inputs.command,
    members: [],
    github: ctx.github,
    startedAt: now
  }
  // One port for all: its reads of deployments and services are batched across services.
  let ecs: Promise<EcsPort> | undefined
  const connectEcs = (): Promise<EcsPort> =>
    (ecs ??= ctx
      .connectEcs()
      .then(port => withBatchedReads(port, () => ctx.clock.sleep(BATCH_WINDOW_MS))))
  // Each service keeps its values for the post step under its own key (STATE.members).
  const saved = JSON.parse(ctx.readState(STATE.members) || '{}') as Record<
    string,
    Record<string, string>
  >
  // The step's outputs are the release's: a change of any service rewrites `services`, once
  // for the changes made together (one poll answers every service).
  let servicesDue = false
  const writeServices = (): void => {
    if (servicesDue) return
    servicesDue = true
    queueMicrotask(() => {
      servicesDue = false
      ctx.outputs.set('services', servicesOutput(set))
    })
  }
  // What promote and rollback of this release take: every service with its cluster.
  const promoteWith = JSON.stringify(targets.map(({ service, cluster }) => ({ service, cluster })))
  const members = targets.map(target => {
    const key = `${shortName(target.cluster)}/${shortName(target.service)}`
    const release = newRelease(
      {
        command: ctx.inputs.command,
        cluster: target.cluster,
        service: target.service,
        github: ctx.github
      },
      now
    )
    set.members.push(release)
    const log = memberLog(ctx.log, shortName(target.service))
    const member: Member = {
      target,
      log,
      release,
      ctx: {
        ...ctx,
        inputs: {
          ...ctx.inputs,
          ...target,
          pauseAt,
          services: undefined,
          deploymentArn: undefined
        },
        connectEcs,
        log,
        // Only a change: a poll sets every output of every service.
        outputs: changedOnly(writeServices),
        reporter: memberReporter(ctx.reporter, set, promoteWith),
        saveState: (name, value) => {
          saved[key] = { ...saved[key], [name]: value }
          ctx.saveState(STATE.members, JSON.stringify(saved))
        },
        readState: name => saved[key]?.[name] ?? ''
      }
    }
    return member
  })
  return { set, members }
}

/**
 * Where promote holds each service of a release of several once its production traffic
 * moved, before its bake starts: ECS starts a service's bake right after its own production
 * shift, so without this pause the deepest callee could finish (its old revision gone)
 * while the entry still shifts, and a failure in the entry could no longer take it back.
 * PAUSE is allowed at this stage
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-lifecycle-hooks.html).
 */
export const HOLD_STAGE = 'POST_PRODUCTION_TRAFFIC_SHIFT'
/** The pause that holds each service for its chain test (README, "Full-chain gray release"). */
const GATE_STAGE = 'POST_TEST_TRAFFIC_SHIFT'

/** A deploy of several services (and its plan) adds the hold to every service's pauses. */
function holdsAfterProduction(ctx: CommandContext, services: number): boolean {
  return (ctx.inputs.command === 'deploy' || ctx.inputs.command === 'plan') && services > 1
}

/** A service's log, which can hold its lines back while all services work at once. */
interface MemberLog extends Log {
  /** Holds the lines back until `release`. */
  hold(): void
  release(): void
}

/** A service's lines in the step's log, each opened by its name; groups belong to the release. */
function memberLog(log: Log, name: string): MemberLog {
  const tag = (message: string): string => `[${name}] ${message}`
  let held: (() => void)[] | undefined
  const write = (line: () => void): void => {
    if (held) held.push(line)
    else line()
  }
  return {
    info: message => write(() => log.info(tag(message))),
    warning: message => write(() => log.warning(tag(message))),
    error: message => write(() => log.error(tag(message))),
    debug: message => write(() => log.debug(tag(message))),
    startGroup: title => write(() => log.info(tag(title))),
    endGroup: () => undefined,
    untrusted: lines => write(() => log.untrusted(lines)),
    hold: () => {
      held ??= []
    },
    release: () => {
      const lines = held ?? []
      held = undefined
      for (const line of lines) line()
    }
  }
}

/**
 * Runs `work` for every service at once, so the batched port joins their reads, and
 * settles each. With logs `in call order` (for short work) the log reads as if they had
 * run one after another: each service's lines are held back and written in call order
 * when all are done.
 */
async function settleAtOnce<T>(
  members: Member[],
  logs: 'in call order' | 'as they come',
  work: (member: Member, index: number) => Promise<T>
): Promise<PromiseSettledResult<T>[]> {
  const held = logs === 'in call order'
  if (held) for (const member of members) member.log.hold()
  const outcomes = await Promise.allSettled(members.map((member, index) => work(member, index)))
  if (held) for (const member of members) member.log.release()
  return outcomes
}

/** Like settleAtOnce; fails with the first failure in call order, the service named. */
async function atOnce<T>(
  members: Member[],
  logs: 'in call order' | 'as they come',
  work: (member: Member) => Promise<T>
): Promise<T[]> {
  const outcomes = await settleAtOnce(members, logs, member => named(member, () => work(member)))
  return outcomes.map(outcome => {
    if (outcome.status === 'rejected') throw outcome.reason
    return outcome.value
  })
}

/** A service's reports go into the release's one report; the release publishes the final one. */
function memberReporter(reporter: Reporter, set: ReleaseSet, services: string): Reporter {
  return {
    recall: () => Promise.resolve(undefined),
    publish: (_release, final) => (final ? Promise.resolve() : reporter.publishSet(set, false)),
    publishSet: () => Promise.resolve(),
    continueSet: () => Promise.resolve(),
    promotionRoute: () => reporter.promotionRoute().then(route => routeOfSeveral(route, services))
  }
}

/** Runs the step's command for every service of the release, then concludes and reports it. */
export async function runReleaseSet(
  ctx: CommandContext,
  set: ReleaseSet,
  members: Member[]
): Promise<void> {
  switch (set.command) {
    case 'deploy':
      await deploySet(ctx, set, members)
      break
    case 'promote':
      await promoteSet(ctx, set, members)
      break
    case 'rollback':
      await rollbackSet(ctx, set, members)
      break
    case 'plan':
      await planSet(ctx, members)
      break
    default:
      for (const member of members) await status(member.ctx, member.release)
  }
  concludeReleaseSet(set, { kind: 'members' })
  logSetOutcome(ctx, set)
  ctx.outputs.set('services', servicesOutput(set))
  await ctx.reporter.publishSet(set, true)
}

/**
 * Checks every service (files, containers, strategies, test routes) before the first
 * change to any, registers and starts all deployments, then waits for all.
 */
async function deploySet(ctx: CommandContext, set: ReleaseSet, members: Member[]): Promise<void> {
  const plans = await inGroup(
    ctx.log,
    `Check ${members.length} services: nothing changes until all pass`,
    async () => {
      const plans = await atOnce(members, 'in call order', member =>
        planRelease(member.ctx, member.release)
      )
      checkReleaseAsWhole(ctx, members, plans)
      return plans
    }
  )
  const started = await inGroup(ctx.log, `Start ${members.length} deployments`, () =>
    settleAtOnce(members, 'in call order', (member, index) =>
      startPlannedDeploy(member.ctx, plans[index] as ReleasePlan, member.release)
    )
  )
  let failed: { member: Member; reason: string } | undefined
  for (const [index, outcome] of started.entries()) {
    const member = members[index] as Member
    if (outcome.status === 'rejected') {
      failed ??= { member, reason: errorMessage(outcome.reason) }
    } else {
      member.started = outcome.value
      member.events = outcome.value.events
      member.timeoutMinutes = outcome.value.timeoutMs / 60_000
    }
  }
  if (failed) {
    // One service could not start: the ones that did are rolled back before anyone tests them.
    concludeRelease(
      failed.member.release,
      { kind: 'error', message: failed.reason, cancelled: ctx.signal.aborted },
      ctx.clock.now()
    )
    set.failedMember = failed.member.release
    const others = members.filter(member => member.started)
    await rollBackAll(ctx, others)
    await concludeAll(others)
    return
  }
  await followAll(ctx, set, members, member =>
    followStartedDeploy(member.ctx, member.started as StartedDeploy, member.release)
  )
  await concludeAll(members)
}

/**
 * `command: plan` for a release of several services: each service planned as a release of
 * one (plan.ts), all at once, then the checks of the release as a whole; read-only calls
 * only. A service deploy would refuse refuses the release, as it would refuse the deploy.
 */
async function planSet(ctx: CommandContext, members: Member[]): Promise<void> {
  const outcomes = await inGroup(ctx.log, `Plan ${members.length} services: nothing changes`, () =>
    settleAtOnce(members, 'in call order', member => plan(member.ctx, member.release))
  )
  const plans: ReleasePlan[] = []
  for (const [index, outcome] of outcomes.entries()) {
    const member = members[index] as Member
    if (outcome.status === 'fulfilled') {
      plans.push(outcome.value)
    } else {
      concludeRelease(
        member.release,
        { kind: 'error', message: errorMessage(outcome.reason), cancelled: ctx.signal.aborted },
        ctx.clock.now()
      )
    }
  }
  if (plans.length === members.length) checkReleaseAsWhole(ctx, members, plans)
}

/**
 * The checks of a release of several services as a whole, once each service passed its
 * own (`plans` in call order): every service stops at the test traffic gate, and the
 * Service Connect services share one test header.
 */
function checkReleaseAsWhole(ctx: CommandContext, members: Member[], plans: ReleasePlan[]): void {
  if (holdsAfterProduction(ctx, members.length)) {
    for (const [index, member] of members.entries()) {
      checkGate(member, plans[index] as ReleasePlan)
    }
  }
  checkChainRoutes(
    members.map((member, index) => ({
      release: member.release,
      service: (plans[index] as ReleasePlan).service
    }))
  )
}

/**
 * Promote moves production traffic callee first from the pause at the test traffic gate,
 * so a deploy of several services must stop there for every service; one that went on
 * would shift production traffic before the chain is tested.
 */
function checkGate(member: Member, deploy: ReleasePlan): void {
  const name = releaseSubject(member.release)
  const gated = deploy.serviceUpdate.hooks.some(
    hook =>
      hook.targetType === 'PAUSE' &&
      (hook.lifecycleStages ?? []).some(stage => stage === GATE_STAGE)
  )
  if (!gated) {
    throw new InputError(
      'pause-at',
      `must include ${GATE_STAGE} in a release of several services: ${name} would otherwise shift production traffic before the chain is tested.`
    )
  }
}

/**
 * Follows every service at once; when one fails (ECS ends its deployment other than
 * SUCCESSFUL) while the others go on, every other service is rolled back.
 */
async function followAll(
  ctx: CommandContext,
  set: ReleaseSet,
  members: Member[],
  follow: (member: Member) => Promise<WatchResult>
): Promise<void> {
  let rollingBack: Promise<void> | undefined
  await Promise.all(
    members.map(async member => {
      member.following = follow(member)
      const result = await member.following
      member.result = result
      member.following = undefined
      if (!rollingBack && failedInEcs(result)) {
        set.failedMember = member.release
        ctx.log.warning(
          `${releaseSubject(member.release)} ended ${result.deployment.status ?? ''}: rolling back every other service of the release.`
        )
        rollingBack = rollBackAll(
          ctx,
          members.filter(other => other !== member)
        )
      }
    })
  )
  await rollingBack
}

function failedInEcs(result: WatchResult): result is Extract<WatchResult, { kind: 'finished' }> {
  return result.kind === 'finished' && result.deployment.status !== 'SUCCESSFUL'
}

/**
 * Asks ECS to roll back each service still under way, in call order (entry first:
 * nothing new reaches a callee that is already back), then follows each to its end.
 * At a pause the answer is ROLLBACK; otherwise the deployment is stopped with ROLLBACK.
 */
async function rollBackAll(ctx: CommandContext, members: Member[]): Promise<void> {
  const asked: Member[] = []
  for (const member of members) {
    if (member.result?.kind === 'finished') continue
    const { release } = member
    try {
      const how = await requestRollback(await member.ctx.connectEcs(), {
        serviceDeploymentArn: release.deploymentArn ?? '',
        status: release.status,
        pausedHookId: awaitingHook(release)?.hookId
      })
      release.changedService = true
      member.rolledBackWithRelease = true
      member.ctx.log.info(describeRollbackRequest(how, release.stage))
      asked.push(member)
    } catch (error) {
      ctx.log.warning(`Could not roll back ${releaseSubject(release)}: ${errorMessage(error)}`)
    }
  }
  await Promise.all(
    asked.map(async member => {
      // A wait still under way sees the rollback itself; one that ended at its target follows it anew.
      if (member.following) member.result = await member.following
      if (member.result?.kind === 'finished') return
      member.events ??= await events(member)
      member.timeoutMinutes = ROLLBACK_WAIT_MS / 60_000
      member.result = await followDeployment(
        member.ctx,
        await member.ctx.connectEcs(),
        member.release,
        { until: { kind: 'complete' }, events: member.events, timeoutMs: ROLLBACK_WAIT_MS }
      )
    })
  )
}

/** Each service's verdict, from how its wait ended (concludeWatch, as for a release of one). */
async function concludeAll(members: Member[]): Promise<void> {
  // A conclusion may wait for a rollback (rollback-on-timeout): its lines come as they happen.
  await atOnce(
    members.filter(member => !member.release.verdict && member.result),
    'as they come',
    async member =>
      concludeWatch(
        member.ctx,
        await member.ctx.connectEcs(),
        member.release,
        member.result as WatchResult,
        member.events ?? (await events(member)),
        member.timeoutMinutes ?? TIMEOUT_MARGIN_MINUTES,
        member.release.command === 'rollback' || !member.rolledBackWithRelease
      )
  )
}

/** The service's events from now on, read through the release's port. */
async function events(member: Member): Promise<ServiceEventStream> {
  return new ServiceEventStream(
    await member.ctx.connectEcs(),
    member.release.cluster,
    member.release.service,
    member.ctx.clock.now()
  )
}

/**
 * The deployments a promote, rollback or status acts on: every service's, each checked
 * to be still under way (and, for promote, paused) before anything changes.
 */
async function loadAll(
  members: Member[],
  action: 'promote' | 'roll back'
): Promise<Map<Member, ServiceDeployment>> {
  const deployments = await atOnce(members, 'in call order', async member => {
    const { ecs, deployment } = await loadTargetDeployment(member.ctx, member.release)
    await checkStillUnderWay(ecs, member.release, deployment, action)
    if (action === 'promote' && !awaitingPauseHook(deployment)) {
      throw new Error(
        `deployment ${member.release.deploymentArn} is not paused (stage ${deployment.lifecycleStage ?? 'none'}, status ${deployment.status}). ` +
          'Nothing was changed in any service; promote once all report a pause.'
      )
    }
    await identifyDeployedRelease(member.ctx, ecs, member.release, deployment)
    return deployment
  })
  return new Map(members.map((member, index) => [member, deployments[index] as ServiceDeployment]))
}

/**
 * The release's comment and check run, and each service's timeline in them, go on where
 * the deploy left them (as a release of one's do: report/continuity.ts); then the
 * deployments as read now.
 */
async function continueReport(
  ctx: CommandContext,
  set: ReleaseSet,
  deployments: Map<Member, ServiceDeployment>
): Promise<void> {
  await ctx.reporter.continueSet(set)
  for (const [member, deployment] of deployments)
    recordDeployment(member.release, deployment, member.ctx.clock.now())
  set.startedAt = new Date(Math.min(...set.members.map(member => member.startedAt.getTime())))
}

/**
 * Moves production traffic service by service from the deepest callee to the entry, so no
 * new caller ever reaches an old callee in production: each is continued at its gate and
 * followed until ECS holds it at HOLD_STAGE (production shifted, bake not started) before
 * the next. Once all are held, all are continued at once and bake together; until then
 * every service still has its old revision, so a failure anywhere rolls back all.
 */
async function promoteSet(ctx: CommandContext, set: ReleaseSet, members: Member[]): Promise<void> {
  const deployments = await loadAll(members, 'promote')
  await continueReport(ctx, set, deployments)
  const ecs = await (members[0] as Member).ctx.connectEcs()
  const answered = new Map<Member, string[]>()
  const held = new Map<Member, ServiceDeployment>()
  // Every service's timeout reads its settings: at once, so the batched port joins the reads.
  const timeouts = await Promise.all(
    members.map(member =>
      promotionTimeout(member.ctx, ecs, deployments.get(member) as ServiceDeployment)
    )
  )
  for (const [index, member] of members.entries()) member.timeoutMinutes = timeouts[index]
  for (const member of [...members].reverse()) {
    const deployment = deployments.get(member) as ServiceDeployment
    member.events = await events(member)
    if (deployment.lifecycleStage === HOLD_STAGE) {
      // An earlier promote stopped after moving this one: it is held already.
      held.set(member, deployment)
      continue
    }
    const hookId = awaitingPauseHook(deployment) as string
    answered.set(member, [hookId])
    await continueAtPause(member.ctx, ecs, member.release, deployment, hookId)
    member.result = await followDeployment(member.ctx, ecs, member.release, {
      until: { kind: 'paused' },
      ignoreHookIds: [hookId],
      events: member.events,
      timeoutMs: (member.timeoutMinutes as number) * 60_000
    })
    const reached = member.result.kind === 'reached' ? member.result.deployment : undefined
    if (reached?.lifecycleStage !== HOLD_STAGE) {
      await rollBackOthers(
        ctx,
        set,
        members,
        member,
        `was not held after its production traffic shift (${member.result.kind}, stage ${member.release.stage ?? 'none'}, ${member.release.status ?? 'unknown'})`
      )
      return
    }
    member.ctx.log.info(
      `Production traffic moved; held at ${HOLD_STAGE} until every service of the release is.`
    )
    held.set(member, reached)
  }
  // The held services were not watched while the next one shifted: read them again, so one
  // that ECS rolled back meanwhile (its pause timed out, say) still takes the others back.
  // All at once, so the batched port reads them in one call.
  const current = await Promise.all(
    members.map(member => describeDeployment(ecs, member.release.deploymentArn ?? ''))
  )
  for (const [index, member] of members.entries()) {
    const now = current[index]
    if (now) recordDeployment(member.release, now, member.ctx.clock.now())
    if (now && awaitingPauseHook(now, answered.get(member)) && now.lifecycleStage === HOLD_STAGE) {
      held.set(member, now)
      continue
    }
    member.result = await followDeployment(member.ctx, ecs, member.release, {
      until: { kind: 'complete' },
      events: member.events as ServiceEventStream,
      timeoutMs: ROLLBACK_WAIT_MS
    })
    await rollBackOthers(
      ctx,
      set,
      members,
      member,
      `is no longer held at ${HOLD_STAGE} (${member.release.status ?? 'unknown'})`
    )
    return
  }
  ctx.log.info(
    `All ${members.length} services are held at ${HOLD_STAGE}: continuing all to bake together.`
  )
  await Promise.all(
    members.map(async member => {
      const deployment = held.get(member) as ServiceDeployment
      const hookId = awaitingPauseHook(deployment, answered.get(member)) as string
      answered.set(member, [...(answered.get(member) ?? []), hookId])
      await continueAtPause(member.ctx, ecs, member.release, deployment, hookId)
    })
  )
  await followAll(ctx, set, members, member =>
    followDeployment(member.ctx, ecs, member.release, {
      until: member.ctx.inputs.waitUntil,
      ignoreHookIds: answered.get(member) ?? [],
      events: member.events as ServiceEventStream,
      timeoutMs: (member.timeoutMinutes as number) * 60_000
    })
  )
  await concludeAll(members)
}

/**
 * A promote stops when one service leaves (or never reaches) its hold: every other service
 * is rolled back with it, and the release concludes.
 */
async function rollBackOthers(
  ctx: CommandContext,
  set: ReleaseSet,
  members: Member[],
  member: Member,
  why: string
): Promise<void> {
  if (member.result && failedInEcs(member.result)) set.failedMember = member.release
  ctx.log.warning(
    `${releaseSubject(member.release)} ${why}: rolling back every other service of the release.`
  )
  await rollBackAll(
    ctx,
    members.filter(other => other !== member)
  )
  await concludeAll(members)
}

/** Rolls every service back, the entry service first, and follows all to their end. */
async function rollbackSet(ctx: CommandContext, set: ReleaseSet, members: Member[]): Promise<void> {
  await continueReport(ctx, set, await loadAll(members, 'roll back'))
  await rollBackAll(ctx, members)
  await concludeAll(members)
}

/**
 * The post step of a cancelled job: follows, for every service, the rollback that
 * rollback-on-cancel requested (post.ts), all at once within the runner's allowance, and
 * reports the release.
 */
export async function postReleaseSet(
  ctx: CommandContext,
  set: ReleaseSet,
  members: Member[]
): Promise<void> {
  // Interim reports while the rollbacks run keep the check run completed as cancelled (post.ts).
  concludeReleaseSet(set, { kind: 'error', message: 'The job was cancelled.', cancelled: true })
  const changed = members.filter(member => member.ctx.readState(STATE.deploymentArn) !== '')
  for (const member of changed) {
    member.release.deploymentArn = member.ctx.readState(STATE.deploymentArn)
    member.release.changedService = true
  }
  await ctx.reporter.continueSet(set)
  await Promise.all(changed.map(member => post(member.ctx, member.release)))
  concludeReleaseSet(set, { kind: 'members' })
  logSetOutcome(ctx, set)
  await ctx.reporter.publishSet(set, true)
}

/** Runs a phase of one service; an error names the service. */
async function named<T>(member: Member, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw new Error(`${releaseSubject(member.release)}: ${errorMessage(error)}`, { cause: error })
  }
}

const planVerdict = (passes: boolean): string =>
  passes ? 'deploy would go ahead' : 'deploy would be refused'

function logSetOutcome(ctx: CommandContext, set: ReleaseSet): void {
  const verdict = set.verdict
  if (!verdict) return
  if (set.command === 'plan') {
    // A plan has no stage or status: what it found is each service's plan.
    ctx.log.info(`Plan of release ${set.name}: ${planVerdict(verdict.outcome === 'succeeded')}.`)
    for (const member of set.members) {
      ctx.log.info(`  ${releaseSubject(member)}: ${planVerdict(outcomeOf(member) === 'succeeded')}`)
    }
    return
  }
  ctx.log.info(`Release ${set.name}: ${verdict.outcome}.`)
  for (const member of set.members) {
    ctx.log.info(
      `  ${releaseSubject(member)}: ${outcomeOf(member)} (stage ${member.stage ?? 'none'}, status ${member.status ?? 'unknown'})`
    )
  }
}
