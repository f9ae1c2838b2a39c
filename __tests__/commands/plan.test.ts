import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient
} from '@aws-sdk/client-ecs'
import { plan } from '../../src/commands/plan.js'
import { commandContext } from '../support/command-context.js'
import { currentTaskDefinition, serviceConnectService } from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)
const BASE = { command: 'plan', service: 'web', cluster: 'demo' }

beforeEach(() => {
  ecs.reset()
  ecs.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
  ecs
    .on(DescribeTaskDefinitionCommand)
    .resolves({ taskDefinition: currentTaskDefinition(), tags: [] })
})

/** The commands sent to ECS, by name. */
const sent = (): string[] => ecs.calls().map(call => call.args[0].constructor.name)

describe('plan', () => {
  it('records what deploy would do and publishes it once, reading only', async () => {
    const ctx = commandContext({
      ...BASE,
      'container-name': 'app',
      image: 'web:2.0.0',
      'bake-time': '15'
    })
    await plan(ctx, ctx.release)
    expect(new Set(sent())).toEqual(
      new Set(['DescribeServicesCommand', 'DescribeTaskDefinitionCommand'])
    )
    expect(ctx.release.verdict?.outcome).toBe('succeeded')
    expect(ctx.release.plan).toEqual({
      source: { kind: 'service' },
      leastTime: '15 minutes (bake time 15 min)',
      timeoutMinutes: 75,
      warnings: []
    })
    expect(ctx.release.settingChanges).toEqual([
      { setting: 'Bake time', before: '5 min', after: '15 min', input: 'bake-time' }
    ])
    expect(ctx.release.taskDefinition?.containers[0]).toMatchObject({
      name: 'app',
      image: 'web:2.0.0'
    })
    expect(ctx.published).toEqual([{ outcome: 'succeeded', stage: undefined, final: true }])
    expect(ctx.log.text()).toContain(
      'Plan: deploy would register a new revision and start a BLUE_GREEN deployment of web; nothing was changed.'
    )
  })

  it('plans an existing revision as it is', async () => {
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'web:6' }).resolves({
      taskDefinition: {
        ...currentTaskDefinition(),
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:6',
        revision: 6
      },
      tags: []
    })
    const ctx = commandContext({ ...BASE, 'task-definition': 'web:6' })
    await plan(ctx, ctx.release)
    expect(ctx.release.plan?.source).toEqual({ kind: 'revision' })
    expect(ctx.release.taskDefinition?.arn).toBe(
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:6'
    )
    expect(ctx.log.text()).toContain('Plan: deploy would start a BLUE_GREEN deployment of web')
  })

  it('throws what deploy would be refused for, as deploy would', async () => {
    const ctx = commandContext({ ...BASE, 'container-name': 'worker', image: 'web:2' })
    await expect(plan(ctx, ctx.release)).rejects.toThrow(
      "Input 'container-name': container 'worker' is not in the task definition"
    )
  })
})
