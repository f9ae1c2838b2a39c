import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ECSClient,
  type ServiceConnectConfiguration,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import type { Simulator } from '../../sim/index.js'
import { annotations, displayLog } from '../../scripts/runner.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'
import { inputMemberShape, sampleOf } from '../support/api-sample.js'
import { ecsClient } from '../sim/helpers.js'

/**
 * The bundle sends what ECS accepts, against a simulator that checks every request
 * against the ECS API model and the rules the API reference states in words
 * (sim/README.md, "Request checks", "Validation"), and refuses what ECS would refuse
 * before it changes anything.
 */

let sim: Simulator
/** Someone else acting on ECS: the service's owner, another job. */
let someoneElse: ECSClient
beforeAll(async () => {
  sim = await startE2eSimulator()
  someoneElse = ecsClient(sim)
})
afterAll(() => {
  someoneElse.destroy()
  return sim.close()
})
beforeEach(() => sim.clearCalls())

/** The input of the one call of `operation` the action made. */
function sent(operation: string): Record<string, unknown> {
  const calls = sim.calls.filter(call => call.operation === operation && call.outcome === 'ok')
  expect(calls).toHaveLength(1)
  return calls[0]!.input as Record<string, unknown>
}

/** Waits for the deployment `service` started (UpdateService's answer) to succeed. */
async function completed(service: { currentServiceDeployment?: string } | undefined) {
  await sim.waitForDeployment(
    d => d.serviceDeploymentArn === service?.currentServiceDeployment && d.status === 'SUCCESSFUL',
    30_000
  )
}

describe('task definition files', () => {
  it('registers a YAML task definition with numbers and booleans where ECS takes strings', async () => {
    const yaml = [
      'family: web',
      'networkMode: awsvpc',
      'requiresCompatibilities: [FARGATE]',
      'cpu: 512',
      'memory: 1024',
      'containerDefinitions:',
      '  - name: app',
      `    image: ${ECR}/web:40.0.0`,
      '    essential: true',
      '    portMappings: [{ name: http, containerPort: 8080, protocol: tcp, appProtocol: http }]',
      '    environment:',
      '      - { name: PORT, value: 8080 }',
      '      - { name: FEATURE_ON, value: true }',
      '    logConfiguration:',
      '      logDriver: awslogs',
      '      options: { awslogs-group: /ecs/web, awslogs-create-group: true, max-buffer-size: 25 }',
      '  - name: sidecar',
      '    image: public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
      '    essential: false'
    ].join('\n')
    const run = await runAction({
      ecsUrl: sim.url,
      workspaceFiles: { 'deploy/web.yaml': yaml },
      inputs: deployInputs('web', { 'task-definition': 'deploy/web.yaml' })
    })
    expect(run.exitCode).toBe(0)
    const registered = sent('RegisterTaskDefinition')
    expect(registered).toMatchObject({ cpu: '512', memory: '1024' })
    const [app] = registered.containerDefinitions as Record<string, unknown>[]
    expect(app).toMatchObject({
      environment: [
        { name: 'PORT', value: '8080' },
        { name: 'FEATURE_ON', value: 'true' }
      ],
      logConfiguration: {
        options: { 'awslogs-create-group': 'true', 'max-buffer-size': '25' }
      },
      portMappings: [{ containerPort: 8080 }]
    })
  })
})

describe('strategy switches', () => {
  it('switches LINEAR to CANARY without the linear settings, which the API takes only with LINEAR', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('catalog', {
        'container-name': 'catalog',
        image: `${ECR}/catalog:40.0.0`,
        strategy: 'CANARY',
        'canary-percent': '50',
        'canary-bake-time': '0'
      })
    })
    expect(run.exitCode).toBe(0)
    expect(sent('UpdateService').deploymentConfiguration).toEqual({
      strategy: 'CANARY',
      bakeTimeInMinutes: 1,
      canaryConfiguration: { canaryPercent: 50, canaryBakeTimeInMinutes: 0 }
    })
    expect(displayLog(run)).toContain(
      'Least time this deployment takes: 1 minute (bake time 1 min); the step waits up to 61 minutes (the least time plus 60).'
    )
  })

  it('switches ROLLING with early success criteria to BLUE_GREEN, sending neither those nor a missing bake time', async () => {
    await someoneElse.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'worker',
        deploymentConfiguration: {
          strategy: 'ROLLING',
          earlySuccessCriteria: { enable: true, healthyPercent: 100 },
          deploymentCircuitBreaker: { enable: true, rollback: true }
        }
      })
    )
    sim.clearCalls()
    const inputs = deployInputs('worker', {
      'container-name': 'worker',
      image: `${ECR}/worker:40.0.0`,
      strategy: 'BLUE_GREEN'
    })
    const refused = await runAction({ ecsUrl: sim.url, inputs })
    expect(refused.exitCode).toBe(1)
    expect(annotations(refused, 'error')[0]).toMatch(
      /^Input 'bake-time': is needed to switch service 'worker' from ROLLING to BLUE_GREEN/
    )
    expect(sim.mutatingCalls()).toEqual([])

    const run = await runAction({ ecsUrl: sim.url, inputs: { ...inputs, 'bake-time': '0' } })
    expect(run.exitCode).toBe(0)
    expect(sent('UpdateService').deploymentConfiguration).toEqual({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      deploymentCircuitBreaker: { enable: true, rollback: true }
    })
    expect(sim.describeService('worker', 'demo').deploymentConfiguration).not.toHaveProperty(
      'earlySuccessCriteria'
    )
  })

  it('refuses a switch while another deployment is under way, changing nothing', async () => {
    const { service } = await someoneElse.send(
      new UpdateServiceCommand({ cluster: 'demo', service: 'api', forceNewDeployment: true })
    )
    // Still under way however long the action takes to start.
    sim.holdTimers()
    sim.clearCalls()
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', {
        'container-name': 'api',
        image: `${ECR}/api:40.0.0`,
        strategy: 'CANARY'
      })
    })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toMatch(
      /^Input 'strategy': switching service 'api' from BLUE_GREEN to CANARY needs its current deployments to have completed, and deployment ecs-svc\/\d+ is under way\./
    )
    expect(sim.mutatingCalls()).toEqual([])
    sim.releaseTimers()
    await completed(service)
  })
})

describe('Service Connect', () => {
  it('re-sends every member of the configuration DescribeServices returned, adding only the test rule', async () => {
    const sample = sampleOf(
      inputMemberShape('UpdateService', 'serviceConnectConfiguration')
    ) as ServiceConnectConfiguration
    // ECS serves a port the task definition names: web's is `http`.
    const configuration: ServiceConnectConfiguration = {
      ...sample,
      services: sample.services?.map(entry => ({ ...entry, portName: 'http' }))
    }
    const { service } = await someoneElse.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'web',
        serviceConnectConfiguration: configuration
      })
    )
    await completed(service)
    sim.clearCalls()
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('web', {
        'container-name': 'app',
        image: `${ECR}/web:41.0.0`,
        'test-traffic-header': 'x-canary: 1'
      })
    })
    expect(run.exitCode).toBe(0)
    const rules = { header: { name: 'x-canary', value: { exact: '1' } } }
    expect(sent('UpdateService').serviceConnectConfiguration).toEqual({
      ...configuration,
      services: configuration.services?.map(entry => ({
        ...entry,
        clientAliases: entry.clientAliases?.map(alias => ({ ...alias, testTrafficRules: rules }))
      }))
    })
  })
})
