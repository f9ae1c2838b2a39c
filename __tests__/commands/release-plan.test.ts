import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient
} from '@aws-sdk/client-ecs'
import { planRelease } from '../../src/commands/release-plan.js'
import { commandContext } from '../support/command-context.js'
import {
  CURRENT_TD,
  currentTaskDefinition,
  serviceConnectService
} from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)
const BASE = { service: 'web', cluster: 'demo' }
const OLDER_TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:6'
const SHA = 'c'.repeat(40)

beforeEach(() => {
  ecs.reset()
  ecs.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
  ecs
    .on(DescribeTaskDefinitionCommand)
    .resolves({ taskDefinition: currentTaskDefinition(), tags: [] })
  ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'web:6' }).resolves({
    taskDefinition: {
      ...currentTaskDefinition(),
      taskDefinitionArn: OLDER_TD,
      revision: 6,
      memory: '1024'
    },
    tags: [{ key: 'github:sha', value: SHA }]
  })
})

describe('planRelease', () => {
  it('renders the task definition deploy registers, with what else it changes', async () => {
    const ctx = commandContext({
      ...BASE,
      'container-name': 'app',
      image: 'web:2.0.0',
      'environment-variables': 'LOG_LEVEL=debug'
    })
    const planned = await planRelease(ctx, ctx.release)
    expect(planned.taskDefinition.kind).toBe('register')
    const input =
      planned.taskDefinition.kind === 'register' ? planned.taskDefinition.input : undefined
    expect(input?.containerDefinitions?.[0]).toMatchObject({
      name: 'app',
      image: 'web:2.0.0',
      environment: [{ name: 'LOG_LEVEL', value: 'debug' }]
    })
    expect(ctx.release.taskDefinition).toEqual({
      previousArn: CURRENT_TD,
      containers: [
        {
          name: 'app',
          previousImage: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0',
          image: 'web:2.0.0',
          changedEnvironment: ['LOG_LEVEL']
        },
        {
          name: 'sidecar',
          previousImage: 'public.ecr.aws/envoy:1.30',
          image: 'public.ecr.aws/envoy:1.30',
          changedEnvironment: []
        }
      ],
      otherChanges: []
    })
  })

  it('takes an existing revision as it is, with the commit it records', async () => {
    const ctx = commandContext({ ...BASE, 'task-definition': 'web:6' })
    const planned = await planRelease(ctx, ctx.release)
    expect(planned.taskDefinition).toEqual({ kind: 'existing', arn: OLDER_TD })
    expect(ctx.release.commit).toBe(SHA)
    expect(ctx.release.taskDefinition?.otherChanges).toEqual([
      { field: 'memory', before: '512', after: '1024' }
    ])
  })

  it('refuses the revision the service already runs', async () => {
    const ctx = commandContext({ ...BASE, 'task-definition': CURRENT_TD })
    await expect(planRelease(ctx, ctx.release)).rejects.toThrow(
      `Service 'web' already runs ${CURRENT_TD}: releasing it again would start no deployment.`
    )
  })

  it('warns, and records, a deployment it would supersede', async () => {
    const ongoing = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/ongoing1'
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        serviceConnectService({
          currentServiceDeployment: ongoing,
          deployments: [
            ...(serviceConnectService().deployments ?? []),
            { id: 'ecs-svc/2', status: 'ACTIVE', rolloutState: 'IN_PROGRESS' }
          ]
        })
      ]
    })
    const ctx = commandContext({ ...BASE, 'container-name': 'app', image: 'web:2' })
    const planned = await planRelease(ctx, ctx.release)
    expect(planned.warnings).toEqual([expect.stringContaining(`under way (${ongoing})`)])
    expect(ctx.release.supersededDeploymentArn).toBe(ongoing)
  })
})
