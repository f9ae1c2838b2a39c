import { expect, test } from '@jest/globals'
import { DescribeServiceRevisionsCommand, StopServiceDeploymentCommand } from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { deploy, ecsClient, useSimulator, waitForStage, waitForTerminal } from './helpers.js'

let sim: Simulator
let client: ReturnType<typeof ecsClient>
useSimulator(started => ({ sim, client } = started))

const TARGET_GROUPS = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup'
const BLUE = `${TARGET_GROUPS}/api-blue/0a1b2c3d4e5f6071`
const GREEN = `${TARGET_GROUPS}/api-green/0a1b2c3d4e5f6072`

/** The target group DescribeServiceRevisions resolves for a revision. */
async function servingGroup(revisionArn: string | undefined): Promise<string | undefined> {
  const { serviceRevisions } = await client.send(
    new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn ?? ''] })
  )
  const [resolved] = serviceRevisions?.[0]?.resolvedConfiguration?.loadBalancers ?? []
  expect(resolved?.productionListenerRule).toMatch(/:listener-rule\/app\/demo-alb\//)
  return resolved?.targetGroupArn
}

test('the two target groups swap roles with every deployment, not with a rollback', async () => {
  const seeded = sim.describeService('api').currentServiceRevisions?.[0]?.arn
  expect(await servingGroup(seeded)).toBe(BLUE)

  const groups: (string | undefined)[] = []
  for (const rolledBack of [false, false, true, false]) {
    const arn = await deploy(client, 'api')
    if (rolledBack) {
      await waitForStage(sim, arn, 'POST_SCALE_UP')
      await client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn }))
    }
    const done = await waitForTerminal(sim, arn)
    expect(done.status).toBe(rolledBack ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL')
    groups.push(await servingGroup(done.targetServiceRevision?.arn))
  }
  // The rolled-back third left the second serving from BLUE, so the fourth goes to GREEN too.
  expect(groups).toEqual([GREEN, BLUE, GREEN, GREEN])
  // DescribeServices keeps the load balancers as configured.
  expect(sim.describeService('api').loadBalancers?.[0]?.targetGroupArn).toBe(BLUE)
})
