import { describe, expect, test } from '@jest/globals'
import {
  ClientException,
  ClusterNotFoundException,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ECSServiceException,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  ServiceNotFoundException,
  UpdateServiceCommand,
  type UpdateServiceCommandInput
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../../sim/index.js'
import { ecsClient, rawCall, registerRevision, useSimulator, waitForTerminal } from '../helpers.js'

const ELB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012'
const RULE = `${ELB}:listener-rule/app/demo-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`
const advanced = (overrides: Record<string, string> = {}) => ({
  alternateTargetGroupArn: `${ELB}:targetgroup/api-green/2`,
  productionListenerRule: `${RULE}/1`,
  testListenerRule: `${RULE}/2`,
  roleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLB',
  ...overrides
})
const lb = (targetGroup: string, advancedConfiguration?: ReturnType<typeof advanced>) => ({
  targetGroupArn: `${ELB}:targetgroup/${targetGroup}`,
  containerName: 'api',
  containerPort: 80,
  advancedConfiguration
})

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

async function deploymentsOf(service: string): Promise<number> {
  const listed = await client.send(
    new ListServiceDeploymentsCommand({ cluster: 'demo', service, maxResults: 100 })
  )
  return listed.serviceDeployments?.length ?? 0
}

describe('DescribeServices', () => {
  test('unknown services are MISSING failures, unknown clusters an error', async () => {
    const described = await client.send(
      new DescribeServicesCommand({ cluster: 'demo', services: ['web', 'nope'] })
    )
    expect(described.services?.map(s => s.serviceName)).toEqual(['web'])
    expect(described.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/nope', reason: 'MISSING' }
    ])
    await expect(
      client.send(new DescribeServicesCommand({ cluster: 'nope', services: ['web'] }))
    ).rejects.toBeInstanceOf(ClusterNotFoundException)
    const many = Array.from({ length: 11 }, (_, i) => `s${i}`)
    await expect(
      client.send(new DescribeServicesCommand({ cluster: 'demo', services: many }))
    ).rejects.toBeInstanceOf(InvalidParameterException)
  })

  test('Service Connect appears under deployments[] only, never at the top of the service', async () => {
    const { json } = await rawCall(
      sim,
      'DescribeServices',
      JSON.stringify({ cluster: 'demo', services: ['web'] })
    )
    const [service] = json.services as Record<string, unknown>[]
    expect(service).not.toHaveProperty('serviceConnectConfiguration')
    const [primary] = (service?.deployments ?? []) as Record<string, unknown>[]
    expect(primary?.serviceConnectConfiguration).toMatchObject({
      enabled: true,
      services: [{ portName: 'http' }]
    })
  })
})

describe('UpdateService rejects what ECS rejects, and changes nothing then', () => {
  const pauseAt = (stage: string) => ({
    targetType: 'PAUSE' as const,
    lifecycleStages: [stage as 'PRE_SCALE_UP']
  })
  type ErrorClass = new (...args: never[]) => ECSServiceException
  const cases: [string, Partial<UpdateServiceCommandInput>, ErrorClass, string][] = [
    ['unknown service', { service: 'nope' }, ServiceNotFoundException, 'Service not found.'],
    ['unknown cluster', { cluster: 'nope' }, ClusterNotFoundException, 'Cluster not found.'],
    [
      'unknown task definition',
      { taskDefinition: 'web:999' },
      ClientException,
      'TaskDefinition not found.'
    ],
    [
      "a revision without the load balancer's container",
      { service: 'api', taskDefinition: 'web:1' },
      InvalidParameterException,
      'The container api does not exist in the task definition.'
    ],
    [
      'task definition on a CODE_DEPLOY service',
      { service: 'legacy', taskDefinition: 'legacy' },
      InvalidParameterException,
      'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.'
    ],
    [
      'unknown strategy',
      { deploymentConfiguration: { strategy: 'PURPLE' as 'ROLLING' } },
      InvalidParameterException,
      'Invalid strategy: PURPLE. Valid values are: ROLLING, BLUE_GREEN, LINEAR, CANARY'
    ],
    [
      'bake time over a day',
      { deploymentConfiguration: { bakeTimeInMinutes: 1441 } },
      InvalidParameterException,
      'bakeTimeInMinutes must be an integer between 0 and 1440.'
    ],
    [
      'canary percent below 0.1',
      {
        service: 'checkout',
        deploymentConfiguration: { canaryConfiguration: { canaryPercent: 0.05 } }
      },
      InvalidParameterException,
      'canaryPercent must be between 0.1 and 100.0, in increments of 0.1.'
    ],
    [
      'canary percent off the 0.1 grid',
      {
        service: 'checkout',
        deploymentConfiguration: { canaryConfiguration: { canaryPercent: 12.34 } }
      },
      InvalidParameterException,
      'canaryPercent must be between 0.1 and 100.0, in increments of 0.1.'
    ],
    [
      'linear step off the 0.1 grid',
      {
        service: 'catalog',
        deploymentConfiguration: { linearConfiguration: { stepPercent: 3.05 } }
      },
      InvalidParameterException,
      'stepPercent must be between 3.0 and 100.0, in increments of 0.1.'
    ],
    [
      'linear step below 3 %',
      { service: 'catalog', deploymentConfiguration: { linearConfiguration: { stepPercent: 2 } } },
      InvalidParameterException,
      'stepPercent must be between 3.0 and 100.0, in increments of 0.1.'
    ],
    [
      'a linear configuration with BLUE_GREEN',
      { deploymentConfiguration: { linearConfiguration: { stepPercent: 10 } } },
      InvalidParameterException,
      'linearConfiguration is only valid with the LINEAR deployment strategy; the strategy is BLUE_GREEN.'
    ],
    [
      "a switch to LINEAR that keeps CANARY's configuration",
      {
        service: 'checkout',
        deploymentConfiguration: {
          strategy: 'LINEAR',
          linearConfiguration: { stepPercent: 10 },
          canaryConfiguration: { canaryPercent: 20 }
        }
      },
      InvalidParameterException,
      'canaryConfiguration is only valid with the CANARY deployment strategy; the strategy is LINEAR.'
    ],
    [
      'early success criteria with BLUE_GREEN',
      { deploymentConfiguration: { earlySuccessCriteria: { enable: true } } },
      InvalidParameterException,
      'earlySuccessCriteria is only valid with the ROLLING deployment strategy; the strategy is BLUE_GREEN.'
    ],
    [
      'a switch to BLUE_GREEN without a bake time',
      { service: 'worker', deploymentConfiguration: { strategy: 'BLUE_GREEN' } },
      InvalidParameterException,
      'bakeTimeInMinutes is required with the BLUE_GREEN deployment strategy.'
    ],
    [
      'pause hook at TEST_TRAFFIC_SHIFT',
      { deploymentConfiguration: { lifecycleHooks: [pauseAt('TEST_TRAFFIC_SHIFT')] } },
      InvalidParameterException,
      'Invalid lifecycle stage provided for Pause Hook'
    ],
    [
      'pause hook at PRODUCTION_TRAFFIC_SHIFT',
      { deploymentConfiguration: { lifecycleHooks: [pauseAt('PRODUCTION_TRAFFIC_SHIFT')] } },
      InvalidParameterException,
      'Invalid lifecycle stage provided for Pause Hook'
    ],
    [
      'unknown hook target type',
      {
        deploymentConfiguration: {
          lifecycleHooks: [{ targetType: 'SNS' as 'PAUSE', lifecycleStages: ['PRE_SCALE_UP'] }]
        }
      },
      InvalidParameterException,
      'Invalid targetType. Valid values are: AWS_LAMBDA, PAUSE'
    ],
    [
      'Lambda hook without a target',
      {
        deploymentConfiguration: {
          lifecycleHooks: [{ targetType: 'AWS_LAMBDA', lifecycleStages: ['PRE_SCALE_UP'] }]
        }
      },
      InvalidParameterException,
      'hookTargetArn is required for lifecycle hooks with targetType AWS_LAMBDA.'
    ],
    [
      'eleven pause hooks',
      { deploymentConfiguration: { lifecycleHooks: Array(11).fill(pauseAt('POST_SCALE_UP')) } },
      InvalidParameterException,
      'A service can have at most 10 lifecycle hooks with targetType PAUSE.'
    ],
    [
      'pause timeout over 14 days',
      {
        deploymentConfiguration: {
          lifecycleHooks: [
            { ...pauseAt('POST_SCALE_UP'), timeoutConfiguration: { timeoutInMinutes: 20161 } }
          ]
        }
      },
      InvalidParameterException,
      'timeoutInMinutes must be an integer between 1 and 20160.'
    ],
    [
      'test traffic header without a name',
      {
        serviceConnectConfiguration: {
          enabled: true,
          services: [
            {
              portName: 'http',
              clientAliases: [{ port: 80, testTrafficRules: { header: {} as { name: string } } }]
            }
          ]
        }
      },
      InvalidParameterException,
      'serviceConnectConfiguration.services[0].clientAliases[0].testTrafficRules.header.name can not be blank.'
    ],
    [
      'test traffic header value without exact',
      {
        serviceConnectConfiguration: {
          enabled: true,
          services: [
            {
              portName: 'http',
              clientAliases: [
                {
                  port: 80,
                  testTrafficRules: { header: { name: 'x-test', value: {} as { exact: string } } }
                }
              ]
            }
          ]
        }
      },
      InvalidParameterException,
      'serviceConnectConfiguration.services[0].clientAliases[0].testTrafficRules.header.value.exact can not be blank.'
    ],
    [
      'ELBv1 and ELBv2 mixed',
      {
        service: 'api',
        loadBalancers: [
          lb('a/1', advanced()),
          { loadBalancerName: 'classic', containerName: 'api', containerPort: 80 }
        ]
      },
      InvalidParameterException,
      'All loadBalancers must be strictly either ELBv1 (defining loadBalancerName) or ELBv2 (defining targetGroupArn)'
    ],
    [
      'advancedConfiguration on some load balancers only',
      { service: 'api', loadBalancers: [lb('a/1', advanced()), lb('b/1')] },
      InvalidParameterException,
      'Either all or none of the provided loadBalancers must have advancedConfiguration defined'
    ],
    [
      'no advancedConfiguration with BLUE_GREEN',
      { service: 'api', loadBalancers: [lb('a/1')] },
      InvalidParameterException,
      'advancedConfiguration field is required for all loadBalancers when using a non-ROLLING deployment strategy'
    ],
    [
      'a listener ARN that is no rule',
      {
        service: 'api',
        loadBalancers: [lb('a/1', advanced({ productionListenerRule: 'my-rule' }))]
      },
      InvalidParameterException,
      'productionListenerRule has an invalid ARN format. Must be RuleArn for ALB or ListenerArn for NLB. Got: my-rule'
    ],
    [
      "an Application Load Balancer's listener instead of a rule",
      {
        service: 'api',
        loadBalancers: [
          lb('a/1', advanced({ productionListenerRule: `${ELB}:listener/app/demo-alb/5/f` }))
        ]
      },
      InvalidParameterException,
      `productionListenerRule has an invalid ARN format. Must be RuleArn for ALB or ListenerArn for NLB. Got: ${ELB}:listener/app/demo-alb/5/f`
    ],
    [
      'a rule of a Network Load Balancer, which has listeners only',
      {
        service: 'api',
        loadBalancers: [
          lb('a/1', advanced({ testListenerRule: `${ELB}:listener-rule/net/demo-nlb/5/f/1` }))
        ]
      },
      InvalidParameterException,
      `testListenerRule has an invalid ARN format. Must be RuleArn for ALB or ListenerArn for NLB. Got: ${ELB}:listener-rule/net/demo-nlb/5/f/1`
    ],
    [
      'one rule for production and test',
      { service: 'api', loadBalancers: [lb('a/1', advanced({ testListenerRule: `${RULE}/1` }))] },
      InvalidParameterException,
      `The following rules cannot be used as both production and test listener rules: ${RULE}/1`
    ],
    [
      'a target group used twice',
      {
        service: 'api',
        loadBalancers: [lb('a/1', advanced({ alternateTargetGroupArn: `${ELB}:targetgroup/a/1` }))]
      },
      InvalidParameterException,
      `Duplicate targetGroupArn found: ${ELB}:targetgroup/a/1`
    ]
  ]

  test.each(cases)('%s', async (_name, overrides, exception, message) => {
    const service = overrides.service ?? 'web'
    const before = service === 'nope' ? undefined : JSON.stringify(sim.describeService(service))
    const deployments = service === 'nope' ? 0 : await deploymentsOf(service)
    const taskDefinition = await registerRevision(client, 'web')
    const error = await client
      .send(new UpdateServiceCommand({ cluster: 'demo', service, taskDefinition, ...overrides }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(exception)
    expect((error as Error).message).toBe(message)
    if (before === undefined) return
    expect(JSON.stringify(sim.describeService(service))).toBe(before)
    expect(await deploymentsOf(service)).toBe(deployments)
    expect(sim.mutatingCalls().at(-1)).toMatchObject({
      operation: 'UpdateService',
      outcome: exception.name
    })
  })
})

describe('UpdateService that is accepted', () => {
  test('deploymentConfiguration replaces the fields sent, keeps the others, and starts no deployment', async () => {
    const deployments = await deploymentsOf('web')
    const { service } = await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'web',
        deploymentConfiguration: { bakeTimeInMinutes: 3 }
      })
    )
    expect(service?.deploymentConfiguration).toMatchObject({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 3,
      maximumPercent: 200
    })
    expect(await deploymentsOf('web')).toBe(deployments)
    await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'web',
        deploymentConfiguration: { bakeTimeInMinutes: 1 }
      })
    )
  })

  test("a strategy switch leaves the previous strategy's own settings behind", async () => {
    const switched = async (
      deploymentConfiguration: UpdateServiceCommandInput['deploymentConfiguration']
    ) =>
      (
        await client.send(
          new UpdateServiceCommand({
            cluster: 'demo',
            service: 'checkout',
            deploymentConfiguration
          })
        )
      ).service?.deploymentConfiguration
    const canary = sim.describeService('checkout').deploymentConfiguration
    expect(
      await switched({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 50 } })
    ).toEqual({
      strategy: 'LINEAR',
      bakeTimeInMinutes: 1,
      linearConfiguration: { stepPercent: 50 }
    })
    expect(await switched(canary)).toEqual(canary)
  })

  test('Network Load Balancer listeners stand for rules', async () => {
    const listener = `${ELB}:listener/net/demo-nlb/50dc6c495c0c9188/f2f7dc8efc522ab2`
    const { service } = await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'api',
        loadBalancers: [
          lb(
            'api-blue/0a1b2c3d4e5f6071',
            advanced({
              alternateTargetGroupArn: `${ELB}:targetgroup/api-green/0a1b2c3d4e5f6072`,
              productionListenerRule: listener,
              testListenerRule: `${ELB}:listener/net/demo-nlb/50dc6c495c0c9188/0000000000000001`
            })
          )
        ]
      })
    )
    expect(service?.loadBalancers?.[0]?.advancedConfiguration?.productionListenerRule).toBe(
      listener
    )
    await waitForTerminal(sim, service?.currentServiceDeployment ?? '', 10_000)
  })

  test('desiredCount scales the running revision when no deployment is under way', async () => {
    await client.send(
      new UpdateServiceCommand({ cluster: 'demo', service: 'worker', desiredCount: 3 })
    )
    await new Promise(resolve => setTimeout(resolve, 3 * sim.timing.stageMs))
    const tasks = await client.send(
      new ListTasksCommand({ cluster: 'demo', serviceName: 'worker' })
    )
    expect(tasks.taskArns).toHaveLength(3)
    expect(sim.describeService('worker')).toMatchObject({ desiredCount: 3, runningCount: 3 })
  })

  test('the same task definition starts nothing; forceNewDeployment starts a new revision of it', async () => {
    const current = sim.describeService('api')
    const deployments = await deploymentsOf('api')
    await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'api',
        taskDefinition: current.taskDefinition
      })
    )
    expect(await deploymentsOf('api')).toBe(deployments)

    const { service } = await client.send(
      new UpdateServiceCommand({ cluster: 'demo', service: 'api', forceNewDeployment: true })
    )
    expect(service?.deployments?.map(d => [d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['PRIMARY', current.taskDefinition, 'IN_PROGRESS'],
      ['ACTIVE', current.taskDefinition, 'COMPLETED']
    ])
    expect(service?.currentServiceDeployment).not.toBe(current.currentServiceDeployment)
    expect((await waitForTerminal(sim, service?.currentServiceDeployment ?? '')).status).toBe(
      'SUCCESSFUL'
    )
  })

  test('a new Service Connect configuration starts a deployment whose revision carries it', async () => {
    const testTrafficRules = { header: { name: 'x-canary', value: { exact: 'yes' } } }
    const { service } = await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'web',
        serviceConnectConfiguration: {
          enabled: true,
          namespace: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-demo0example001',
          services: [
            {
              portName: 'http',
              clientAliases: [{ port: 80, dnsName: 'web.demo.local', testTrafficRules }]
            }
          ]
        }
      })
    )
    const arn = service?.currentServiceDeployment ?? ''
    expect(
      service?.deployments?.[0]?.serviceConnectConfiguration?.services?.[0]?.clientAliases?.[0]
        ?.testTrafficRules
    ).toEqual(testTrafficRules)
    const done = await waitForTerminal(sim, arn)
    const { serviceRevisions } = await client.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [done.targetServiceRevision?.arn ?? '']
      })
    )
    expect(
      serviceRevisions?.[0]?.serviceConnectConfiguration?.services?.[0]?.clientAliases?.[0]
        ?.testTrafficRules
    ).toEqual(testTrafficRules)
  })
})
