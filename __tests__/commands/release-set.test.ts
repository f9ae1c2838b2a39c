import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  ContinueServiceDeploymentCommand,
  type ContinueServiceDeploymentCommandInput,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type ServiceDeployment,
  StopServiceDeploymentCommand,
  type StopServiceDeploymentCommandInput,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { newReleaseSet, runReleaseSet } from '../../src/commands/release-set.js'
import { cancelRelease } from '../../src/commands/cancel.js'
import { loadStructuredTextParser } from '../../src/inputs/structured-text.js'
import { failsSetStep } from '../../src/verdict/release-set.js'
import { deploymentAt, pausedAt } from '../support/deployments.js'
import { commandContext } from '../support/command-context.js'
import {
  currentTaskDefinition,
  NEW_TD,
  serviceConnectService,
  updatedService
} from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)
/** a calls b calls c: one release, entry first. */
const NAMES = ['a', 'b', 'c']
const SERVICES = NAMES.map(name => `- service: ${name}`).join('\n')
const arnOf = (name: string): string =>
  `arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/${name}/deployment-of-${name}`
const nameOf = (arn: string | undefined): string => arn?.split('/')[2] ?? '?'

/** What each deployment answers, poll after poll (the last answer repeats), by service. */
let scripts: Record<string, ServiceDeployment[]>
/** Which actions reached ECS, in order: `CONTINUE b`, `ROLLBACK a`, `STOP c`. */
let actions: string[]
/** What ECS does once a pause is continued, by hook id. */
let onContinue: Record<string, () => void>

function script(name: string, ...answers: ServiceDeployment[]): void {
  scripts[name] = answers.map(answer => ({ ...answer, serviceDeploymentArn: arnOf(name) }))
}

/** After a rollback request, ECS rolls the deployment back. */
function rollsBack(name: string): void {
  const stage = scripts[name]?.[0]?.lifecycleStage
  script(
    name,
    deploymentAt(stage, 'ROLLBACK_IN_PROGRESS'),
    deploymentAt(stage, 'ROLLBACK_SUCCESSFUL')
  )
}

function context(inputs: Record<string, string>) {
  const ctx = commandContext({
    cluster: 'demo',
    services: SERVICES,
    'poll-interval': '5',
    ...((inputs.command ?? 'deploy') === 'deploy'
      ? { 'test-traffic-header': 'x-canary: green' }
      : {}),
    ...inputs
  })
  return { ctx, ...newReleaseSet(ctx) }
}

beforeAll(async () => {
  await loadStructuredTextParser()
})

beforeEach(() => {
  scripts = {}
  actions = []
  onContinue = {}
  ecs.reset()
  ecs.on(DescribeServicesCommand).callsFake(input => ({
    services: (input.services as string[]).map(name =>
      serviceConnectService({
        serviceName: name,
        serviceArn: `arn:aws:ecs:us-east-1:123456789012:service/demo/${name}`,
        currentServiceDeployment: scripts[name] ? arnOf(name) : undefined,
        deployments: serviceConnectService().deployments?.map(deployment => ({
          ...deployment,
          serviceConnectConfiguration: {
            enabled: true,
            namespace: 'demo',
            services: [{ portName: 'http', clientAliases: [{ port: 80, dnsName: name }] }]
          }
        }))
      })
    )
  }))
  ecs
    .on(DescribeTaskDefinitionCommand)
    .resolves({ taskDefinition: currentTaskDefinition(), tags: [] })
  ecs.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: NEW_TD } })
  ecs.on(UpdateServiceCommand).callsFake(input => ({
    service: { ...updatedService(), currentServiceDeployment: arnOf(input.service as string) }
  }))
  const polls: Record<string, number> = {}
  ecs.on(DescribeServiceDeploymentsCommand).callsFake(input => ({
    serviceDeployments: (input.serviceDeploymentArns as string[]).map(arn => {
      const answers = scripts[nameOf(arn)] ?? []
      const index = polls[arn] ?? 0
      polls[arn] = index + 1
      return answers[Math.min(index, answers.length - 1)]
    })
  }))
  ecs.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [] })
  ecs
    .on(ContinueServiceDeploymentCommand)
    .callsFake((input: ContinueServiceDeploymentCommandInput) => {
      const name = nameOf(input.serviceDeploymentArn)
      actions.push(`${input.action} ${name}`)
      if (input.action === 'ROLLBACK') rollsBack(name)
      else onContinue[input.hookId ?? '']?.()
      return {}
    })
  ecs.on(StopServiceDeploymentCommand).callsFake((input: StopServiceDeploymentCommandInput) => {
    const name = nameOf(input.serviceDeploymentArn)
    actions.push(`STOP ${name}`)
    rollsBack(name)
    return {}
  })
})

const PAUSED = { 'pause-at': 'POST_TEST_TRAFFIC_SHIFT', 'wait-until': 'paused' }
const toGate = (name: string): void =>
  script(
    name,
    deploymentAt(undefined, 'PENDING'),
    deploymentAt('SCALE_UP'),
    pausedAt('POST_TEST_TRAFFIC_SHIFT', `ecs-pause-${name}`)
  )

describe('a release of several services', () => {
  it('holds every service at its gate, reading all deployments with one call per poll', async () => {
    NAMES.forEach(toGate)
    const { ctx, set, members } = context(PAUSED)
    await runReleaseSet(ctx, set, members)

    expect(set.verdict?.outcome).toBe('paused')
    expect(failsSetStep(set)).toBe(false)
    expect(JSON.parse(ctx.outputs.values.services ?? '[]')).toEqual(
      NAMES.map(name => ({
        service: name,
        cluster: 'demo',
        deploymentArn: arnOf(name),
        hookId: `ecs-pause-${name}`,
        stage: 'POST_TEST_TRAFFIC_SHIFT',
        status: 'IN_PROGRESS'
      }))
    )
    const reads = ecs.commandCalls(DescribeServiceDeploymentsCommand)
    expect(reads.map(call => call.args[0].input.serviceDeploymentArns?.map(nameOf))).toEqual(
      reads.map(() => NAMES)
    )
    const pauses = ecs
      .commandCalls(UpdateServiceCommand)
      .map(call =>
        call.args[0].input.deploymentConfiguration?.lifecycleHooks
          ?.filter(hook => hook.targetType === 'PAUSE')
          .flatMap(hook => hook.lifecycleStages)
      )
    expect(pauses).toEqual(
      NAMES.map(() => ['POST_TEST_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'])
    )
  })

  it('checks all services at once, one DescribeServices call for all, and logs them in call order', async () => {
    NAMES.forEach(toGate)
    // Answers in reverse order: c's checks end first, a's last.
    let answered = 0
    ecs
      .on(DescribeTaskDefinitionCommand)
      .callsFake(
        () =>
          new Promise(resolve =>
            setTimeout(
              () => resolve({ taskDefinition: currentTaskDefinition(), tags: [] }),
              30 - 10 * answered++
            )
          )
      )
    const { ctx, set, members } = context(PAUSED)
    await runReleaseSet(ctx, set, members)

    const read = ecs.commandCalls(DescribeServicesCommand)[0]?.args[0].input.services
    expect(read).toEqual(NAMES)
    const checked = ctx.log
      .of('info')
      .flatMap(line => line.match(/^\[(\w)\] Check service/)?.slice(1) ?? [])
    expect(checked).toEqual(NAMES)
    // In each group, a service's lines stay together: its check and what it found, then
    // its registration and start.
    const start = ctx.log.lines.indexOf('group: Start 3 deployments')
    const tagsIn = (lines: string[]): string[] =>
      lines.flatMap(line => line.match(/^info: \[(\w)\]/)?.slice(1) ?? [])
    const checks = tagsIn(ctx.log.lines.slice(0, start))
    const starts = tagsIn(ctx.log.lines.slice(start, ctx.log.lines.indexOf('endgroup', start)))
    expect(checks).toEqual([...checks].sort())
    expect(starts).toEqual([...starts].sort())
    expect(new Set(starts)).toEqual(new Set(NAMES))
  })

  it('plans every service at once, changing nothing, and finds deploy would go ahead', async () => {
    const { ctx, set, members } = context({
      command: 'plan',
      'test-traffic-header': 'x-canary: green',
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT'
    })
    await runReleaseSet(ctx, set, members)

    expect(set.verdict?.outcome).toBe('succeeded')
    expect(failsSetStep(set)).toBe(false)
    expect(set.members.map(member => member.settingChanges?.map(change => change.setting))).toEqual(
      NAMES.map(() => expect.arrayContaining(['Pauses']))
    )
    expect(ecs.commandCalls(DescribeServicesCommand)[0]?.args[0].input.services).toEqual(NAMES)
    expect(ecs.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0)
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0)
  })

  it('fails a plan when deploy would refuse one service, naming it, and still plans the others', async () => {
    ecs.on(DescribeServicesCommand).callsFake(input => ({
      services: (input.services as string[])
        .filter(name => name !== 'b')
        .map(name => serviceConnectService({ serviceName: name })),
      failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/b', reason: 'MISSING' }]
    }))
    const { ctx, set, members } = context({
      command: 'plan',
      'test-traffic-header': 'x-canary: green',
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT'
    })
    await runReleaseSet(ctx, set, members)

    expect(set.members.map(member => member.verdict?.outcome)).toEqual([
      'succeeded',
      'failed',
      'succeeded'
    ])
    expect(set.verdict?.reason).toMatch(/^b \(demo\): /)
    expect(failsSetStep(set)).toBe(true)
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0)
  })

  it('fails a plan of a release that would not hold every service at its gate', async () => {
    const { ctx, set, members } = context({
      command: 'plan',
      'test-traffic-header': 'x-canary: green',
      'pause-at': 'POST_SCALE_UP'
    })
    await expect(runReleaseSet(ctx, set, members)).rejects.toThrow(
      "Input 'pause-at': must include POST_TEST_TRAFFIC_SHIFT in a release of several services"
    )
  })

  it('refuses a release that would not hold every service at its gate, changing nothing', async () => {
    NAMES.forEach(toGate)
    const { ctx, set, members } = context({ 'pause-at': 'POST_SCALE_UP', 'wait-until': 'paused' })
    await expect(runReleaseSet(ctx, set, members)).rejects.toThrow(
      "Input 'pause-at': must include POST_TEST_TRAFFIC_SHIFT in a release of several services: a (demo) would otherwise"
    )
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0)
  })

  it('shows the pause after the production shift as a setting change, which task-definition-only refuses', async () => {
    NAMES.forEach(toGate)
    const { ctx, set, members } = context({ ...PAUSED, 'task-definition-only': 'true' })
    await expect(runReleaseSet(ctx, set, members)).rejects.toThrow(
      /task-definition-only.*POST_PRODUCTION_TRAFFIC_SHIFT/
    )
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0)
  })

  it('rolls the others back when one fails at SCALE_UP, and names it', async () => {
    toGate('a')
    script(
      'b',
      deploymentAt(undefined, 'PENDING'),
      deploymentAt('SCALE_UP'),
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        rollback: { reason: 'Circuit breaker: 2 tasks failed to start' }
      })
    )
    toGate('c')
    const { ctx, set, members } = context(PAUSED)
    await runReleaseSet(ctx, set, members)

    expect(actions).toEqual(['ROLLBACK a', 'ROLLBACK c'])
    expect(set.verdict?.outcome).toBe('rolled-back')
    expect(set.verdict?.reason).toMatch(
      /^b \(demo\): .*Circuit breaker: 2 tasks failed to start.* Every other service of the release was rolled back \(a \(demo\), c \(demo\)\)\.$/
    )
    expect(failsSetStep(set)).toBe(true)
  })

  it('rolls back the services it started when ECS refuses to start one', async () => {
    NAMES.forEach(toGate)
    ecs.on(UpdateServiceCommand).callsFake((input: { service?: string }) => {
      if (input.service === 'b') {
        throw Object.assign(new Error('The service is draining.'), {
          name: 'InvalidParameterException',
          $fault: 'client'
        })
      }
      return {
        service: { ...updatedService(), currentServiceDeployment: arnOf(input.service ?? '') }
      }
    })
    const { ctx, set, members } = context(PAUSED)
    await runReleaseSet(ctx, set, members)

    expect(actions.sort()).toEqual(['STOP a', 'STOP c'])
    expect(set.verdict?.reason).toMatch(/^b \(demo\): .*The service is draining\./)
    expect(set.members.map(member => member.status)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      undefined,
      'ROLLBACK_SUCCESSFUL'
    ])
  })

  it('changes nothing in any service when one fails its checks', async () => {
    NAMES.forEach(toGate)
    const { ctx, set, members } = context({ ...PAUSED, 'test-traffic-header': 'x_canary: green' })
    await expect(runReleaseSet(ctx, set, members)).rejects.toThrow(
      "the test header 'x_canary' of a (demo) has an underscore"
    )
    expect(ecs.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0)
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0)
  })

  /**
   * Each service, once continued at its gate, shifts production traffic and is held at
   * POST_PRODUCTION_TRAFFIC_SHIFT until continued there too; `bakes` says what follows.
   */
  function promotable(name: string, bakes: ServiceDeployment[]): void {
    script(name, pausedAt('POST_TEST_TRAFFIC_SHIFT', `gate-${name}`))
    onContinue[`gate-${name}`] = () =>
      script(
        name,
        deploymentAt('PRODUCTION_TRAFFIC_SHIFT'),
        pausedAt('POST_PRODUCTION_TRAFFIC_SHIFT', `hold-${name}`)
      )
    onContinue[`hold-${name}`] = () => script(name, ...bakes)
  }
  const stagesOf = (): (string | undefined)[] =>
    NAMES.map(name => scripts[name]?.at(-1)?.lifecycleStage)

  it('promotes the deepest callee first, holds each after its production shift, then all bake together', async () => {
    const seen: string[] = []
    for (const name of NAMES) {
      promotable(name, [deploymentAt('BAKE_TIME'), deploymentAt('CLEAN_UP', 'SUCCESSFUL')])
      const gate = onContinue[`gate-${name}`] as () => void
      // What every service's deployment is at when ECS is asked to move this one on.
      onContinue[`gate-${name}`] = () => {
        seen.push(`${name}: ${stagesOf().join(' ')}`)
        gate()
      }
    }
    const { ctx, set, members } = context({ command: 'promote', timeout: '30' })
    await runReleaseSet(ctx, set, members)

    expect(actions).toEqual([
      'CONTINUE c',
      'CONTINUE b',
      'CONTINUE a',
      'CONTINUE a',
      'CONTINUE b',
      'CONTINUE c'
    ])
    // Nothing bakes while a caller is still to shift: each callee waits at its hold.
    expect(seen).toEqual([
      'c: POST_TEST_TRAFFIC_SHIFT POST_TEST_TRAFFIC_SHIFT POST_TEST_TRAFFIC_SHIFT',
      'b: POST_TEST_TRAFFIC_SHIFT POST_TEST_TRAFFIC_SHIFT POST_PRODUCTION_TRAFFIC_SHIFT',
      'a: POST_TEST_TRAFFIC_SHIFT POST_PRODUCTION_TRAFFIC_SHIFT POST_PRODUCTION_TRAFFIC_SHIFT'
    ])
    expect(set.verdict?.outcome).toBe('succeeded')
    // The deployments to promote are read together, and so are their revisions.
    const first = ecs.commandCalls(DescribeServiceDeploymentsCommand)[0]?.args[0].input
    expect(first?.serviceDeploymentArns?.map(nameOf)).toEqual(NAMES)
    const revisions = ecs.commandCalls(DescribeServiceRevisionsCommand)
    expect(revisions.length).toBeLessThan(NAMES.length)
  })

  it('rolls back the callees already held when the entry fails its production shift', async () => {
    promotable('b', [deploymentAt('CLEAN_UP', 'SUCCESSFUL')])
    promotable('c', [deploymentAt('CLEAN_UP', 'SUCCESSFUL')])
    script('a', pausedAt('POST_TEST_TRAFFIC_SHIFT', 'gate-a'))
    onContinue['gate-a'] = () =>
      script(
        'a',
        deploymentAt('PRODUCTION_TRAFFIC_SHIFT'),
        deploymentAt('PRODUCTION_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
          rollback: { reason: 'Lambda hook failed at PRODUCTION_TRAFFIC_SHIFT' }
        })
      )
    const { ctx, set, members } = context({ command: 'promote', timeout: '30' })
    await runReleaseSet(ctx, set, members)

    expect(actions).toEqual(['CONTINUE c', 'CONTINUE b', 'CONTINUE a', 'ROLLBACK b', 'ROLLBACK c'])
    expect(set.verdict?.reason).toMatch(/^a \(demo\): /)
    expect(set.members.map(member => member.status)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL'
    ])
    expect(failsSetStep(set)).toBe(true)
  })

  it('rolls the others back when a held callee is rolled back by ECS while its callers shift', async () => {
    promotable('a', [deploymentAt('CLEAN_UP', 'SUCCESSFUL')])
    promotable('b', [deploymentAt('CLEAN_UP', 'SUCCESSFUL')])
    promotable('c', [deploymentAt('CLEAN_UP', 'SUCCESSFUL')])
    // c's hold times out while a shifts: ECS rolls c back on its own.
    const shiftA = onContinue['gate-a'] as () => void
    onContinue['gate-a'] = () => {
      shiftA()
      script(
        'c',
        deploymentAt('POST_PRODUCTION_TRAFFIC_SHIFT', 'ROLLBACK_SUCCESSFUL', {
          rollback: { reason: 'POST_PRODUCTION_TRAFFIC_SHIFT pause hook timed out' }
        })
      )
    }
    const { ctx, set, members } = context({ command: 'promote', timeout: '30' })
    await runReleaseSet(ctx, set, members)

    expect(actions).toEqual(['CONTINUE c', 'CONTINUE b', 'CONTINUE a', 'ROLLBACK a', 'ROLLBACK b'])
    expect(set.verdict?.reason).toMatch(/^c \(demo\): /)
    expect(set.members.map(member => member.status)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL'
    ])
    expect(failsSetStep(set)).toBe(true)
  })

  it('rolls every service back when an alarm rolls one back during the bake', async () => {
    promotable('a', [deploymentAt('BAKE_TIME')])
    promotable('c', [deploymentAt('BAKE_TIME')])
    // b's alarm fires once all three bake.
    promotable('b', [
      deploymentAt('BAKE_TIME'),
      deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', {
        alarms: { triggeredAlarmNames: ['b-5xx'] }
      })
    ])
    const { ctx, set, members } = context({ command: 'promote', timeout: '30' })
    await runReleaseSet(ctx, set, members)

    expect(actions.slice(0, 6)).toEqual([
      'CONTINUE c',
      'CONTINUE b',
      'CONTINUE a',
      'CONTINUE a',
      'CONTINUE b',
      'CONTINUE c'
    ])
    expect(actions.slice(6).sort()).toEqual(['STOP a', 'STOP c'])
    expect(set.verdict?.reason).toMatch(/^b \(demo\): /)
    expect(set.members.map(member => member.status)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL'
    ])
  })

  it('shows where each service is held: status of a promote that stopped part way, which a promote takes on', async () => {
    promotable('a', [deploymentAt('CLEAN_UP', 'SUCCESSFUL')])
    for (const name of ['b', 'c']) {
      promotable(name, [deploymentAt('CLEAN_UP', 'SUCCESSFUL')])
      ;(onContinue[`gate-${name}`] as () => void)()
      scripts[name] = scripts[name]?.slice(-1) ?? []
    }
    const status = context({ command: 'status' })
    await runReleaseSet(status.ctx, status.set, status.members)
    expect(
      (
        JSON.parse(status.ctx.outputs.values.services ?? '[]') as {
          stage: string
          hookId: string
        }[]
      ).map(({ stage, hookId }) => `${stage} ${hookId}`)
    ).toEqual([
      'POST_TEST_TRAFFIC_SHIFT gate-a',
      'POST_PRODUCTION_TRAFFIC_SHIFT hold-b',
      'POST_PRODUCTION_TRAFFIC_SHIFT hold-c'
    ])

    actions = []
    const { ctx, set, members } = context({ command: 'promote', timeout: '30' })
    await runReleaseSet(ctx, set, members)
    expect(actions).toEqual(['CONTINUE a', 'CONTINUE a', 'CONTINUE b', 'CONTINUE c'])
    expect(set.verdict?.outcome).toBe('succeeded')
  })

  it('rolls every service back, the entry first', async () => {
    NAMES.forEach(name => script(name, pausedAt('POST_TEST_TRAFFIC_SHIFT', `ecs-pause-${name}`)))
    const { ctx, set, members } = context({ command: 'rollback' })
    await runReleaseSet(ctx, set, members)

    expect(actions).toEqual(['ROLLBACK a', 'ROLLBACK b', 'ROLLBACK c'])
    expect(set.verdict?.outcome).toBe('rolled-back')
    expect(failsSetStep(set)).toBe(false)
  })

  it('rolls back every service it started when the job is cancelled (rollback-on-cancel)', async () => {
    NAMES.forEach(toGate)
    const { ctx, set, members } = context({ ...PAUSED, 'rollback-on-cancel': 'true' })
    await runReleaseSet(ctx, set, members)
    await cancelRelease(ctx, members, new AbortController(), 'SIGINT')

    expect(actions).toEqual(['ROLLBACK a', 'ROLLBACK b', 'ROLLBACK c'])
    expect(ctx.state.cancelled).toBe('true')
  })
})
