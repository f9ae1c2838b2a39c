import { afterEach, expect, test } from '@jest/globals'
import { UpdateServiceCommand } from '@aws-sdk/client-ecs'
import { SeedError, type Simulator } from '../../sim/index.js'
import { deploy, ecsClient, useSimulator, waitForTerminal } from './helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))
afterEach(() => sim.setScenario({ elbFaults: {} }))

const ELB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012'
const ALB = `${ELB}:listener-rule/app/demo-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`
const INVALID = 'Service deployment rolled back because of invalid networking configuration'

test.each([
  [
    'modify-listener-denied',
    'TEST_TRAFFIC_SHIFT',
    `Service deployment rolled back because TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. User: arn:aws:sts::123456789012:assumed-role/ecsInfrastructureRoleForLB/ECSNetworkingWithELB is not authorized to perform: elasticloadbalancing:ModifyListener on resource: ${ELB}:listener/app/demo-alb/50dc6c495c0c9188/f2f7dc8efc522ab2 because no identity-based policy allows the elasticloadbalancing:ModifyListener action`
  ],
  [
    'infrastructure-role-untrusted',
    'TEST_TRAFFIC_SHIFT',
    `${INVALID}. ECS was unable to manage the ELB resources due to missing permissions on ECS Infrastructure Role 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLB'.`
  ],
  [
    'target-group-not-associated',
    'TEST_TRAFFIC_SHIFT',
    `${INVALID}: Target group ${ELB}:targetgroup/api-green/0a1b2c3d4e5f6072 is not associated with either productionListenerRule or testListenerRule.`
  ],
  [
    'several-target-groups-serving',
    'TEST_TRAFFIC_SHIFT',
    `${INVALID}. productionListenerRule ${ALB}/9683b2d02a6cabee should have exactly one target group serving traffic but found 2 target groups which are serving traffic`
  ],
  [
    'unexpected-target-group',
    'PRODUCTION_TRAFFIC_SHIFT',
    `${INVALID}. Production listener rule is forwarding traffic to unexpected target group ${ELB}:targetgroup/api-unexpected/0123456789abcdef. Expected traffic to be forwarded to either targetGroupArn: ${ELB}:targetgroup/api-blue/0a1b2c3d4e5f6071 or alternateTargetGroupArn: ${ELB}:targetgroup/api-green/0a1b2c3d4e5f6072`
  ]
])('%s rolls back at %s with the documented text', async (kind, stage, reason) => {
  sim.setScenario({ elbFaults: { api: kind } })
  const done = await waitForTerminal(sim, await deploy(client, 'api'))
  expect(done).toMatchObject({
    status: 'ROLLBACK_SUCCESSFUL',
    statusReason: reason,
    lifecycleStage: stage,
    rollback: { reason }
  })
  // The shift failed before traffic moved.
  const failedAt = sim.transitions.find(
    t => t.deploymentArn === done.serviceDeploymentArn && t.phase === stage
  )
  expect(failedAt?.status).toBe('IN_PROGRESS')
  expect(sim.describeService('api').events?.map(event => event.message)).toContainEqual(
    expect.stringContaining(`deployment failed: ${reason}`)
  )
})

test('a fault can name the production shift; only the shifts that happened are undone', async () => {
  const hook = 'arn:aws:lambda:us-east-1:123456789012:function:shift-check'
  await client.send(
    new UpdateServiceCommand({
      cluster: 'demo',
      service: 'api',
      deploymentConfiguration: {
        lifecycleHooks: [
          {
            hookTargetArn: hook,
            roleArn: 'arn:aws:iam::123456789012:role/ecsLambdaHookRole',
            lifecycleStages: ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']
          }
        ]
      }
    })
  )
  try {
    sim.setScenario({
      elbFaults: { api: { kind: 'modify-listener-denied', stage: 'PRODUCTION_TRAFFIC_SHIFT' } }
    })
    const done = await waitForTerminal(sim, await deploy(client, 'api'))
    expect(done.statusReason).toMatch(
      /^Service deployment rolled back because PRODUCTION_TRAFFIC_SHIFT lifecycle hook\(s\) failed\. .* on resource: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener\/app\/demo-alb\/50dc6c495c0c9188\/f2f7dc8efc522ab2 because /
    )
    const invocations = sim.lambdaInvocations
      .filter(i => i.deploymentArn === done.serviceDeploymentArn)
      .map(i => [i.payload.lifecycleStage, i.rollback])
    expect(invocations).toEqual([
      ['TEST_TRAFFIC_SHIFT', false],
      ['TEST_TRAFFIC_SHIFT', true]
    ])
  } finally {
    await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'api',
        deploymentConfiguration: { lifecycleHooks: [] }
      })
    )
  }
})

test('a fault must name a load-balanced service and a known kind and stage', () => {
  expect(() => sim.setScenario({ elbFaults: { web: 'modify-listener-denied' } })).toThrow(
    new SeedError(
      'scenario.elbFaults.web',
      'names no service with a load balancer and advancedConfiguration'
    )
  )
  expect(() => sim.setScenario({ elbFaults: { api: 'boom' } })).toThrow(
    /scenario\.elbFaults\.api must be one of modify-listener-denied, /
  )
  expect(() =>
    sim.setScenario({ elbFaults: { api: { kind: 'unexpected-target-group', stage: 'BAKE_TIME' } } })
  ).toThrow(
    'scenario.elbFaults.api.stage must be one of TEST_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT'
  )
})
