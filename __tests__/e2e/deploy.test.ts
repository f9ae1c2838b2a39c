import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { NODE_24, annotations, displayLog } from '../../scripts/runner.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())
beforeEach(() => sim.clearCalls())

describe('the bundled action, run as the runner runs it', () => {
  it('runs under Node 24, the runtime of runs.using: node24', () => {
    expect(execFileSync(NODE_24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
  })

  it('releases a Service Connect BLUE_GREEN service with a test header, stage by stage', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        'container-name': 'app',
        image: `${ECR}/web:2.0.0`,
        'test-traffic-header': 'x-canary: green'
      })
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      status: 'SUCCESSFUL',
      'lifecycle-stage': 'CLEAN_UP',
      'task-definition-arn': expect.stringMatching(/task-definition\/web:\d+$/),
      'service-deployment-arn': expect.stringContaining(':service-deployment/demo/web/')
    })
    const service = sim.describeService('web', 'demo')
    expect(service.taskDefinition).toBe(run.outputs['task-definition-arn'])
    const update = sim.calls.find(call => call.operation === 'UpdateService')?.input as {
      serviceConnectConfiguration?: {
        services: { clientAliases: { testTrafficRules?: object }[] }[]
      }
    }
    expect(
      update.serviceConnectConfiguration?.services[0]?.clientAliases[0]?.testTrafficRules
    ).toEqual({
      header: { name: 'x-canary', value: { exact: 'green' } }
    })
    const log = displayLog(run)
    expect(log).toMatch(/▸ \d\d:\d\d:\d\d \+\d+s {2}CLEAN_UP/)
    expect(log).toContain('status IN_PROGRESS → SUCCESSFUL')
    expect(log).toContain('Released web (demo): deployment SUCCESSFUL')
    expect(run.summary).toContain('web on demo: succeeded')
    const rendered = JSON.parse(readFileSync(run.outputs['rendered-task-definition']!, 'utf8'))
    expect(rendered.containerDefinitions[0].image).toBe(`${ECR}/web:2.0.0`)
  })

  it('stops following at a stage when asked, with the stage and status it saw', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        'container-name': 'app',
        image: `${ECR}/web:2.1.0`,
        'wait-until': 'BAKE_TIME'
      })
    })
    expect(run.exitCode).toBe(0)
    expect(['BAKE_TIME', 'CLEAN_UP']).toContain(run.outputs['lifecycle-stage'])
    expect(['IN_PROGRESS', 'SUCCESSFUL']).toContain(run.outputs.status)
    await sim.waitForDeployment(
      d =>
        d.serviceDeploymentArn === run.outputs['service-deployment-arn'] &&
        d.status === 'SUCCESSFUL'
    )
  })

  it("gives inputs passed empty action.yml's defaults, read beside the bundle", async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      workspaceFiles: {
        'task-definition.json': readFileSync(
          new URL('../fixtures/task-definition.json', import.meta.url),
          'utf8'
        )
      },
      inputs: {
        command: 'render',
        'task-definition': 'task-definition.json',
        cluster: '',
        timeout: '',
        'poll-interval': '',
        'wait-until': '',
        'pr-comment': ''
      }
    })
    expect(annotations(run, 'error')).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs['rendered-task-definition']).toMatch(/\.json$/)
    expect(sim.calls).toEqual([])
  })

  it('renders a task definition file of the workspace without any AWS call', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      // What `aws ecs describe-task-definition` writes, read-only fields included.
      workspaceFiles: {
        'deploy/task-definition.json': readFileSync(
          new URL('../fixtures/describe-task-definition.json', import.meta.url),
          'utf8'
        )
      },
      inputs: {
        command: 'render',
        'task-definition': 'deploy/task-definition.json',
        'container-name': 'web',
        image: `${ECR}/web:3.0.0`
      }
    })
    expect(run.exitCode).toBe(0)
    const path = run.outputs['rendered-task-definition'] ?? ''
    expect(path.startsWith(run.runnerTemp)).toBe(true)
    expect(path.endsWith('.json')).toBe(true)
    const rendered = JSON.parse(readFileSync(path, 'utf8'))
    expect(rendered).toMatchObject({
      family: 'web',
      containerDefinitions: [
        {
          name: 'web',
          image: `${ECR}/web:3.0.0`,
          environment: [{ name: 'LOG_LEVEL', value: 'info' }]
        }
      ]
    })
    for (const field of [
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
      'taskDefinition',
      'tags'
    ]) {
      expect(rendered).not.toHaveProperty(field)
    }
    expect(sim.calls).toEqual([])
  })

  it('renders a YAML task definition file, loading the YAML parser on demand', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: {
        command: 'render',
        'task-definition': fileURLToPath(
          new URL('../fixtures/task-definition.yaml', import.meta.url)
        ),
        'container-name': 'web',
        image: `${ECR}/web:3.0.0`
      }
    })
    expect(run.exitCode).toBe(0)
    const rendered = JSON.parse(readFileSync(run.outputs['rendered-task-definition']!, 'utf8'))
    expect(rendered.family).toBe('web')
    expect(rendered.containerDefinitions[0].image).toBe(`${ECR}/web:3.0.0`)
    expect(sim.calls).toHaveLength(0)
  })

  it('fails a render whose task definition file is missing, without any AWS call', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: {
        command: 'render',
        'task-definition': 'missing.json',
        'container-name': 'app',
        image: 'web:3'
      }
    })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain(
      "Input 'task-definition': 'missing.json' does not exist"
    )
    expect(run.outputs['rendered-task-definition']).toBeUndefined()
    expect(sim.calls).toHaveLength(0)
  })
})

describe('bad input changes nothing', () => {
  it.each([
    [
      'a container the task definition lacks',
      deployInputs('web', { 'container-name': 'worker', image: 'web:3' }),
      "Input 'container-name': container 'worker' is not in the task definition; its containers are app, sidecar"
    ],
    [
      'a test header on an ALB service',
      deployInputs('api', {
        'container-name': 'api',
        image: 'api:3',
        'test-traffic-header': 'x-test=1'
      }),
      "Input 'test-traffic-header'"
    ],
    [
      'a ROLLING service',
      deployInputs('worker', { 'container-name': 'worker', image: 'worker:3' }),
      'uses ROLLING deployments'
    ],
    [
      'a CodeDeploy service',
      deployInputs('legacy', { 'container-name': 'legacy', image: 'legacy:3' }),
      'CODE_DEPLOY deployment controller'
    ],
    [
      'a service that does not exist',
      deployInputs('nope', { 'container-name': 'app', image: 'web:3' }),
      "Service 'nope' was not found in cluster 'demo'"
    ],
    [
      'a pause at a traffic shift',
      deployInputs('web', { 'pause-at': 'TEST_TRAFFIC_SHIFT' }),
      "Input 'pause-at': cannot pause at TEST_TRAFFIC_SHIFT"
    ],
    [
      'a poll interval below 1',
      deployInputs('web', { 'poll-interval': '0.5' }),
      "Input 'poll-interval'"
    ],
    [
      // The bundle loads its YAML parser on demand: this shows it does, and reports with it.
      'lifecycle-hooks that are not valid YAML',
      deployInputs('web', {
        'lifecycle-hooks': '- targetType: PAUSE\n  lifecycleStages: [POST_SCALE_UP'
      }),
      "Input 'lifecycle-hooks': it is neither valid JSON nor valid YAML"
    ]
  ])('rejects %s', async (_case, inputs, message) => {
    const run = await runAction({ ecsUrl: sim.url, inputs })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error').join('\n')).toContain(message)
    expect(sim.mutatingCalls()).toEqual([])
  })
})
