import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient
} from '@aws-sdk/client-ecs'
import { render } from '../../src/commands/render.js'
import { commandContext } from '../support/command-context.js'
import { currentTaskDefinition, serviceConnectService } from '../support/ecs-fixtures.js'

const ecs = mockClient(ECSClient)

beforeEach(() => {
  ecs.reset()
  ecs.on(DescribeServicesCommand).resolves({ services: [serviceConnectService()] })
  ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: currentTaskDefinition() })
})

describe('render', () => {
  it('renders a YAML file without any AWS call', async () => {
    const ctx = commandContext({
      command: 'render',
      'task-definition': 'td.yaml',
      images: 'app=web:3\nsidecar=envoy:2',
      'container-name': 'app',
      'environment-variables': 'MODE=blue'
    })
    writeFileSync(
      join(ctx.workspace, 'td.yaml'),
      'family: web\nrevision: 3\ncontainerDefinitions:\n  - name: app\n    image: web:PLACEHOLDER\n  - name: sidecar\n    image: envoy:1\n'
    )
    await render(ctx, ctx.release)
    expect(ctx.ecsConnections).toBe(0)
    const rendered = JSON.parse(
      readFileSync(ctx.outputs.values['rendered-task-definition']!, 'utf8')
    )
    expect(rendered).toEqual({
      family: 'web',
      containerDefinitions: [
        { name: 'app', image: 'web:3', environment: [{ name: 'MODE', value: 'blue' }] },
        { name: 'sidecar', image: 'envoy:2' }
      ]
    })
    expect(ctx.release.taskDefinition?.containers.map(c => [c.name, c.changedEnvironment])).toEqual(
      [
        ['app', ['MODE']],
        ['sidecar', []]
      ]
    )
    expect(ctx.log.text()).not.toContain('blue')
  })

  it("starts from the service's current task definition, reading only", async () => {
    const ctx = commandContext({
      command: 'render',
      service: 'web',
      cluster: 'demo',
      'container-name': 'app',
      image: 'web:3'
    })
    await render(ctx, ctx.release)
    expect(ecs.calls().map(call => call.args[0].constructor.name)).toEqual([
      'DescribeServicesCommand',
      'DescribeTaskDefinitionCommand'
    ])
    const rendered = JSON.parse(
      readFileSync(ctx.outputs.values['rendered-task-definition']!, 'utf8')
    )
    expect(rendered.containerDefinitions[0].image).toBe('web:3')
    expect(rendered).not.toHaveProperty('taskDefinitionArn')
    expect(rendered).not.toHaveProperty('compatibilities')
    expect(ctx.log.text()).toContain(
      'container app: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0 → web:3'
    )
  })

  it('renders a registered revision, reading only that one', async () => {
    const ctx = commandContext({ command: 'render', service: '', 'task-definition': 'web:7' })
    await render(ctx, ctx.release)
    expect(ecs.calls().map(call => call.args[0].constructor.name)).toEqual([
      'DescribeTaskDefinitionCommand'
    ])
    const rendered = JSON.parse(
      readFileSync(ctx.outputs.values['rendered-task-definition']!, 'utf8')
    )
    expect(rendered.family).toBe('web')
    expect(rendered).not.toHaveProperty('revision')
  })
})
