import { readFileSync } from 'node:fs'
import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  ClusterNotFoundException,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  type ServiceDeployment,
  StopServiceDeploymentCommand,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { deploy } from '../../src/commands/deploy.js'
import { failsStep } from '../../src/verdict/verdict.js'
import { InputError } from '../../src/inputs/values.js'
import { DEPLOYMENT_ARN, deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import { commandContext } from '../support/command-context.js'
import {
  albService,
  currentTaskDefinition,
  NEW_TD,
  serviceConnectService,
  updatedService
} from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2.0.0'
const BASE = {
  service: 'web',
  cluster: 'demo',
  'container-name': 'app',
  image: IMAGE,
  'poll-interval': '5'
}

function answerDeployments(...script: ServiceDeployment[]): void {
  let call = 0
  ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
    serviceDeployments: [script[Math.min(call++, script.length - 1)]]
  }))
}

const fullRelease = [
  deploymentAt(undefined, 'PENDING'),
  deploymentAt('PRE_SCALE_UP'),
  deploymentAt('SCALE_UP'),
  deploymentAt('TEST_TRAFFIC_SHIFT'),
  deploymentAt('PRODUCTION_TRAFFIC_SHIFT'),
  deploymentAt('BAKE_TIME'),
  deploymentAt('CLEAN_UP'),
  deploymentAt('CLEAN_UP', 'SUCCESSFUL')
]

function mutatingCalls(): number {
  return (
    ecs.commandCalls(RegisterTaskDefinitionCommand).length +
    ecs.commandCalls(UpdateServiceCommand).length +
    ecs.commandCalls(StopServiceDeploymentCommand).length
  )
}

beforeEach(() => {
  ecs.reset()
  ecs.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
  ecs
    .on(DescribeTaskDefinitionCommand)
    .resolves({ taskDefinition: currentTaskDefinition(), tags: [] })
  ecs.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: NEW_TD } })
  ecs.on(UpdateServiceCommand).resolves({ service: updatedService() })
  answerDeployments(...fullRelease)
})

describe('deploy', () => {
  it('releases a Service Connect service with a test header and follows it to SUCCESSFUL', async () => {
    const ctx = commandContext({
      ...BASE,
      'test-traffic-header': 'x-canary: green',
      'bake-time': '10'
    })
    await deploy(ctx, ctx.release)

    expect(ctx.release.verdict?.outcome).toBe('succeeded')
    expect(ctx.outputs.values).toMatchObject({
      'task-definition-arn': NEW_TD,
      'service-deployment-arn': DEPLOYMENT_ARN,
      status: 'SUCCESSFUL',
      'lifecycle-stage': 'CLEAN_UP',
      'hook-id': ''
    })
    const rendered = JSON.parse(
      readFileSync(ctx.outputs.values['rendered-task-definition']!, 'utf8')
    )
    expect(rendered.containerDefinitions[0].image).toBe(IMAGE)
    expect(rendered).not.toHaveProperty('revision')

    const update = ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input
    expect(update.taskDefinition).toBe(NEW_TD)
    expect(update.loadBalancers).toBeUndefined()
    expect(update.deploymentConfiguration).toMatchObject({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 10,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true }
    })
    expect(update.serviceConnectConfiguration?.services?.[0]?.clientAliases?.[0]).toEqual({
      port: 80,
      dnsName: 'web',
      testTrafficRules: { header: { name: 'x-canary', value: { exact: 'green' } } }
    })
    // The polls saw six stages; the others passed between two polls.
    expect(ctx.release.stages.map(stage => [stage.stage, stage.unobserved ?? false])).toEqual([
      ['PRE_SCALE_UP', false],
      ['SCALE_UP', false],
      ['POST_SCALE_UP', true],
      ['TEST_TRAFFIC_SHIFT', false],
      ['POST_TEST_TRAFFIC_SHIFT', true],
      ['PRODUCTION_TRAFFIC_SHIFT', false],
      ['POST_PRODUCTION_TRAFFIC_SHIFT', true],
      ['BAKE_TIME', false],
      ['CLEAN_UP', false]
    ])
    expect(ctx.log.of('group').some(title => title.includes('TEST_TRAFFIC_SHIFT'))).toBe(true)
    expect(ctx.published.at(-1)).toMatchObject({ outcome: 'succeeded', final: true })
    expect(ctx.state['deployment-arn']).toBe(DEPLOYMENT_ARN)
  })

  it('sends only the task definition when no input changes the deployment configuration', async () => {
    const ctx = commandContext(BASE)
    await deploy(ctx, ctx.release)
    const update = ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input
    expect(update).toEqual({ cluster: 'demo', service: 'web', taskDefinition: NEW_TD })
  })

  it('tags the revision with the repository, commit and run', async () => {
    const ctx = commandContext(BASE)
    await deploy(ctx, ctx.release)
    expect(ecs.commandCalls(RegisterTaskDefinitionCommand)[0]!.args[0].input.tags).toEqual([
      { key: 'github:repository', value: 'octo/shop' },
      { key: 'github:sha', value: 'c0ffee0000000000000000000000000000000000' },
      { key: 'github:run-url', value: 'https://github.com/octo/shop/actions/runs/4242' }
    ])
  })

  it.each([
    [
      'a container the task definition lacks',
      { 'container-name': 'worker' },
      /Input 'container-name': container 'worker' is not in the task definition; its containers are app, sidecar/
    ],
    [
      'a test header on an ALB service',
      { 'test-traffic-header': 'x: y' },
      /Input 'test-traffic-header'.*load balancer/,
      albService()
    ],
    [
      'a pause wait without a pause',
      { 'wait-until': 'paused' },
      /Input 'wait-until': 'paused' needs a pause/
    ],
    [
      'canary settings on a BLUE_GREEN release',
      { 'canary-percent': '10' },
      /Input 'canary-percent': applies only to strategy CANARY/
    ],
    [
      'a ROLLING service without a strategy',
      {},
      /uses ROLLING deployments\. Set the strategy input/,
      serviceConnectService({ deploymentConfiguration: { strategy: 'ROLLING' } })
    ],
    [
      'a CodeDeploy service',
      {},
      /CODE_DEPLOY deployment controller/,
      serviceConnectService({ deploymentController: { type: 'CODE_DEPLOY' } })
    ],
    [
      'a service being deleted',
      {},
      "Service 'web' is DRAINING; only an ACTIVE service can be released.",
      serviceConnectService({ status: 'DRAINING' })
    ]
  ])(
    'rejects %s before changing anything',
    async (_case, inputs, message, service = serviceConnectService()) => {
      ecs.on(DescribeServicesCommand).resolves({ services: [service] })
      const ctx = commandContext({ ...BASE, ...inputs })
      await expect(deploy(ctx, ctx.release)).rejects.toThrow(message)
      expect(mutatingCalls()).toBe(0)
    }
  )

  it('names a missing service and changes nothing', async () => {
    ecs
      .on(DescribeServicesCommand)
      .resolves({ services: [], failures: [{ arn: 'web', reason: 'MISSING' }] })
    const ctx = commandContext(BASE)
    await expect(deploy(ctx, ctx.release)).rejects.toThrow(
      "Service 'web' was not found in cluster 'demo' (us-east-1)"
    )
    expect(mutatingCalls()).toBe(0)
  })

  it('names a missing cluster and changes nothing', async () => {
    ecs
      .on(DescribeServicesCommand)
      .rejects(new ClusterNotFoundException({ message: 'Cluster not found.', $metadata: {} }))
    const ctx = commandContext(BASE)
    await expect(deploy(ctx, ctx.release)).rejects.toThrow(
      "Cluster 'demo' was not found in us-east-1. Check the cluster input and the AWS region."
    )
    expect(mutatingCalls()).toBe(0)
  })

  it('rejects a bad task definition file before reaching ECS', async () => {
    const ctx = commandContext({ ...BASE, 'task-definition': 'missing.json' })
    await expect(deploy(ctx, ctx.release)).rejects.toBeInstanceOf(InputError)
    expect(ctx.ecsConnections).toBe(0)
  })

  it('adds a pause and stops there when waiting until paused', async () => {
    answerDeployments(deploymentAt('PRE_SCALE_UP'), pausedAt('POST_TEST_TRAFFIC_SHIFT'))
    const ctx = commandContext({
      ...BASE,
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
      'wait-until': 'paused',
      'pause-timeout': '120'
    })
    await deploy(ctx, ctx.release)
    expect(
      ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input.deploymentConfiguration
        ?.lifecycleHooks
    ).toEqual([
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 120, action: 'ROLLBACK' }
      }
    ])
    expect(ctx.release.verdict?.outcome).toBe('paused')
    expect(ctx.outputs.values).toMatchObject({
      'hook-id': PAUSE_HOOK,
      status: 'IN_PROGRESS',
      'lifecycle-stage': 'POST_TEST_TRAFFIC_SHIFT'
    })
    expect(ctx.log.of('info').join('\n')).toContain(
      `Paused at POST_TEST_TRAFFIC_SHIFT: hook ${PAUSE_HOOK} awaits promote or rollback`
    )
  })

  it('stops waiting at a stage and reports the status it saw', async () => {
    const ctx = commandContext({ ...BASE, 'wait-until': 'BAKE_TIME' })
    await deploy(ctx, ctx.release)
    expect(ctx.release.verdict?.outcome).toBe('handed-off')
    expect(ctx.outputs.values).toMatchObject({
      status: 'IN_PROGRESS',
      'lifecycle-stage': 'BAKE_TIME'
    })
  })

  it('fails with the reason when ECS rolls back', async () => {
    answerDeployments(
      deploymentAt('SCALE_UP'),
      deploymentAt('SCALE_UP', 'ROLLBACK_SUCCESSFUL', {
        rollback: {
          reason:
            'Service deployment rolled back because the circuit breaker threshold was exceeded.'
        },
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 }
      })
    )
    const ctx = commandContext(BASE)
    await deploy(ctx, ctx.release)
    expect(ctx.release.verdict?.outcome).toBe('rolled-back')
    expect(ctx.release.verdict?.reason).toBe(
      'web (demo) rolled back: circuit breaker tripped (3 of threshold 3 tasks failed)'
    )
    expect(ctx.outputs.values.status).toBe('ROLLBACK_SUCCESSFUL')
  })

  it('says so when a newer deployment superseded this one', async () => {
    answerDeployments(deploymentAt('SCALE_UP'), deploymentAt('SCALE_UP', 'STOPPED'))
    const newer =
      'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/newerDeployment000001'
    const ctx = commandContext(BASE)
    ecs
      .on(DescribeServicesCommand)
      .resolvesOnce({ services: [serviceConnectService()] })
      .resolves({
        services: [serviceConnectService({ currentServiceDeployment: newer })]
      })
    await deploy(ctx, ctx.release)
    expect(ctx.release.verdict?.outcome).toBe('failed')
    expect(ctx.release.verdict?.reason).toContain(
      `Superseded: a newer deployment of service 'web' started (${newer})`
    )
  })

  it('warns when it supersedes a deployment still under way', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [updatedService()] })
    const ctx = commandContext(BASE)
    await deploy(ctx, ctx.release)
    expect(ctx.log.of('warning').join('\n')).toContain('Another deployment of web is under way')
    expect(ctx.release.supersededDeploymentArn).toBe(DEPLOYMENT_ARN)
  })

  it('times out with the last stage, and rolls back first when asked to', async () => {
    answerDeployments(deploymentAt('BAKE_TIME'))
    const plain = commandContext({ ...BASE, timeout: '6' })
    await deploy(plain, plain.release)
    expect(plain.release.verdict?.outcome).toBe('timed-out')
    expect(plain.release.verdict?.reason).toContain('stage BAKE_TIME with status IN_PROGRESS')
    expect(failsStep(plain.release)).toBe(true)
    // It waited the timeout input, six minutes, no more and no less.
    expect(plain.clock.slept.reduce((sum, ms) => sum + ms, 0)).toBe(360_000)
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0)

    let stopped = false
    ecs.on(StopServiceDeploymentCommand).callsFake(() => {
      stopped = true
      return { serviceDeploymentArn: DEPLOYMENT_ARN }
    })
    ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
      serviceDeployments: [
        stopped
          ? deploymentAt('BAKE_TIME', 'ROLLBACK_SUCCESSFUL', {
              rollback: {
                reason: 'Service deployment rolled back because it was stopped by the user.'
              }
            })
          : deploymentAt('BAKE_TIME')
      ]
    }))
    const ctx = commandContext({ ...BASE, timeout: '6', 'rollback-on-timeout': 'true' })
    await deploy(ctx, ctx.release)
    expect(ecs.commandCalls(StopServiceDeploymentCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArn: DEPLOYMENT_ARN,
      stopType: 'ROLLBACK'
    })
    expect(ctx.release.verdict?.outcome).toBe('rolled-back')
    expect(ctx.release.verdict?.reason).toMatch(
      /^Timed out after 6 minutes \(stage BAKE_TIME, status IN_PROGRESS\) and asked ECS to roll back\. ECS rolled the deployment back: /
    )
  })

  it('finds the deployment by listing when UpdateService does not name it yet', async () => {
    ecs
      .on(UpdateServiceCommand)
      .resolves({ service: { ...updatedService(), currentServiceDeployment: undefined } })
    ecs.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        {
          serviceDeploymentArn: DEPLOYMENT_ARN,
          createdAt: new Date('2026-11-25T12:00:00Z'),
          status: 'PENDING'
        }
      ]
    })
    const ctx = commandContext(BASE)
    await deploy(ctx, ctx.release)
    expect(ctx.release.deploymentArn).toBe(DEPLOYMENT_ARN)
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)[0]!.args[0].input).toMatchObject({
      cluster: 'demo',
      service: 'web'
    })
    expect(ctx.release.verdict?.outcome).toBe('succeeded')
  })

  it('registers without tags when tagging is denied, with a warning', async () => {
    ecs
      .on(RegisterTaskDefinitionCommand)
      .rejectsOnce(
        Object.assign(new Error('User is not authorized to perform: ecs:TagResource'), {
          name: 'AccessDeniedException'
        })
      )
      .resolves({ taskDefinition: { taskDefinitionArn: NEW_TD } })
    const ctx = commandContext(BASE)
    await deploy(ctx, ctx.release)
    const calls = ecs.commandCalls(RegisterTaskDefinitionCommand)
    expect(calls).toHaveLength(2)
    expect(calls[1]!.args[0].input.tags).toBeUndefined()
    expect(ctx.log.of('warning').join('\n')).toContain('Allow ecs:TagResource')
    expect(ctx.release.verdict?.outcome).toBe('succeeded')
  })
})
