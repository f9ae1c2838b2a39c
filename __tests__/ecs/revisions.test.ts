import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { DescribeServiceRevisionsCommand, ECSClient } from '@aws-sdk/client-ecs'
import { createEcsPort } from '../../src/ecs/client.js'
import { readServedBy } from '../../src/ecs/revisions.js'

const mock = mockClient(ECSClient)
const ecs = createEcsPort(
  new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
  'us-east-1'
)
const REVISION = 'arn:aws:ecs:us-east-1:123456789012:service-revision/demo/api/'
const GREEN = `${REVISION}7148877857241560837`
const BLUE = `${REVISION}9972143365064846916`
const TARGET_GROUP = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/'
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee'
const deployment = {
  targetServiceRevision: { arn: GREEN },
  sourceServiceRevisions: [{ arn: BLUE }]
}

/** DescribeServiceRevisions as ECS answers it for a blue/green ALB service after a swap. */
const recorded = {
  serviceRevisions: [
    {
      serviceRevisionArn: BLUE,
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:1',
      loadBalancers: [{ targetGroupArn: `${TARGET_GROUP}api-blue/0a1b2c3d4e5f6071` }],
      resolvedConfiguration: {
        loadBalancers: [
          {
            targetGroupArn: `${TARGET_GROUP}api-blue/0a1b2c3d4e5f6071`,
            productionListenerRule: RULE
          }
        ]
      }
    },
    {
      serviceRevisionArn: GREEN,
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:2',
      resolvedConfiguration: {
        loadBalancers: [
          {
            targetGroupArn: `${TARGET_GROUP}api-green/0a1b2c3d4e5f6072`,
            productionListenerRule: RULE
          }
        ]
      }
    }
  ],
  failures: []
}

beforeEach(() => {
  mock.reset()
})

describe('readServedBy', () => {
  it('says which target group serves each revision, the new one first', async () => {
    mock.on(DescribeServiceRevisionsCommand).resolves(recorded)
    expect(await readServedBy(ecs, deployment)).toEqual([
      {
        role: 'new',
        revisionArn: GREEN,
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:2',
        loadBalancers: [
          {
            targetGroupArn: `${TARGET_GROUP}api-green/0a1b2c3d4e5f6072`,
            productionListenerRule: RULE
          }
        ]
      },
      {
        role: 'old',
        revisionArn: BLUE,
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:1',
        loadBalancers: [
          {
            targetGroupArn: `${TARGET_GROUP}api-blue/0a1b2c3d4e5f6071`,
            productionListenerRule: RULE
          }
        ]
      }
    ])
    expect(mock.commandCalls(DescribeServiceRevisionsCommand)[0]?.args[0].input).toEqual({
      serviceRevisionArns: [GREEN, BLUE]
    })
  })

  it('is undefined for revisions without a load balancer, a deployment without revisions, or an error', async () => {
    mock.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [
        { serviceRevisionArn: GREEN, serviceConnectConfiguration: { enabled: true } }
      ]
    })
    expect(await readServedBy(ecs, deployment)).toBeUndefined()
    expect(await readServedBy(ecs, {})).toBeUndefined()
    mock
      .on(DescribeServiceRevisionsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }))
    expect(await readServedBy(ecs, deployment)).toBeUndefined()
  })
})
