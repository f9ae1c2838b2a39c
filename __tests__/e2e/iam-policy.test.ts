import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { UpdateServiceCommand } from '@aws-sdk/client-ecs'
import type { RecordedCall, Simulator } from '../../sim/index.js'
import { ecsClient } from '../sim/helpers.js'
import { type ActionRun } from '../../scripts/runner.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'
import {
  ACTIONS_PATH,
  isAllowed,
  loadPolicy,
  policyActions,
  requiredPermissions,
  type PermissionRequest
} from '../support/iam.js'

/**
 * The least-privilege policy in docs/iam-policy.json against what the action really
 * calls: each command runs against the simulator, every call it makes is turned into
 * the permissions IAM checks for it, and those must be allowed by the policy filled in
 * for the service, match docs/iam-actions.json, and together need every action the
 * policy grants (nothing missing, nothing extra).
 */

const ACCOUNT = { region: 'us-east-1', accountId: '123456789012' }
const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`
const actionsMap = JSON.parse(readFileSync(ACTIONS_PATH, 'utf8')) as {
  commands: Record<string, { always: string[]; when: Record<string, string> }>
}

interface Scenario {
  name: string
  command: string
  service: string
  calls: RecordedCall[]
  run?: ActionRun
}

let sim: Simulator
const files = mkdtempSync(join(tmpdir(), 'iam-'))
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(async () => {
  await sim.close()
  rmSync(files, { recursive: true, force: true })
})

/** web's task definition with a task role and an execution role, as a file. */
function webTaskDefinition(): string {
  const path = join(files, 'web.json')
  const container = (name: string, image: string) => ({ name, image, essential: name === 'app' })
  writeFileSync(
    path,
    JSON.stringify({
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '512',
      memory: '1024',
      taskRoleArn: ROLE('webTaskRole'),
      executionRoleArn: ROLE('ecsTaskExecutionRole'),
      containerDefinitions: [
        {
          ...container('app', `${ECR}/web:30.0.0`),
          portMappings: [
            { name: 'http', containerPort: 8080, protocol: 'tcp', appProtocol: 'http' }
          ]
        },
        container('sidecar', 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0')
      ]
    })
  )
  return path
}

/**
 * Gives checkout's Service Connect service TLS, with its infrastructure role, as the
 * service's owner would (a deployment ECS runs to the end before the scenarios start).
 */
async function addServiceConnectTls(): Promise<void> {
  const client = ecsClient(sim)
  try {
    const current = sim.describeService('checkout', 'demo').deployments?.[0]
    const configuration = current?.serviceConnectConfiguration
    const { service } = await client.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: 'checkout',
        serviceConnectConfiguration: {
          ...configuration,
          enabled: true,
          services: configuration?.services?.map(entry => ({
            ...entry,
            tls: {
              issuerCertificateAuthority: {
                awsPcaAuthorityArn:
                  'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0a1b2c3d'
              },
              roleArn: ROLE('ecsServiceConnectTlsRole')
            }
          }))
        }
      })
    )
    await sim.waitForDeployment(
      d =>
        d.serviceDeploymentArn === service?.currentServiceDeployment && d.status === 'SUCCESSFUL',
      30_000
    )
  } finally {
    client.destroy()
  }
}

/** Cancels the job the way the runner does once the action follows the deployment. */
function cancelWhenFollowing(child: ChildProcess): void {
  const stop = sim.onCall(call => {
    if (call.operation !== 'DescribeServiceDeployments') return
    stop()
    child.kill('SIGINT')
  })
}

const scenarios: Scenario[] = []
async function record(
  name: string,
  command: string,
  service: string,
  start: () => Promise<ActionRun>
): Promise<ActionRun> {
  sim.clearCalls()
  const run = await start()
  scenarios.push({ name, command, service, calls: [...sim.calls], run })
  return run
}
const step = (service: string, inputs: Record<string, string>) =>
  runAction({ ecsUrl: sim.url, inputs: deployInputs(service, inputs) })
const image = (service: string, tag: string) => ({
  'container-name': service,
  image: `${ECR}/${service}:${tag}`
})

beforeAll(async () => {
  await record('deploy, tagged, with task and execution roles', 'deploy', 'web', () =>
    step('web', { 'task-definition': webTaskDefinition() })
  )
  sim.setScenario({ denyTagging: true })
  await record('deploy where tagging is denied', 'deploy', 'api', () =>
    step('api', image('api', '30.0.0'))
  )
  sim.setScenario({ denyTagging: false, currentServiceDeploymentLagMs: 3000 })
  await record('deploy whose new deployment ECS does not name yet', 'deploy', 'fresh', () =>
    step('fresh', image('fresh', '30.0.0'))
  )
  sim.setScenario({ currentServiceDeploymentLagMs: 0 })
  await record('deploy that fails and is diagnosed', 'deploy', 'guarded', () =>
    step('guarded', image('guarded', 'pull-error'))
  )
  await record('deploy whose containers crash, their logs read', 'deploy', 'orders', () =>
    step('orders', image('orders', 'crash'))
  )
  const paused = await record(
    'deploy that re-sends a Lambda hook, to a pause',
    'deploy',
    'gated',
    () => step('gated', { ...image('gated', '30.0.0'), 'bake-time': '0', 'wait-until': 'paused' })
  )
  await addServiceConnectTls()
  await record(
    'deploy that re-sends a Service Connect configuration with TLS',
    'deploy',
    'checkout',
    () => step('checkout', { ...image('checkout', '29.0.0'), 'test-traffic-header': 'x-canary: 1' })
  )
  await record('promote', 'promote', 'gated', () =>
    step('gated', {
      command: 'promote',
      'deployment-arn': paused.outputs['service-deployment-arn']!
    })
  )
  await record('deploy to bake time', 'deploy', 'api', () =>
    step('api', { ...image('api', '31.0.0'), 'bake-time': '60', 'wait-until': 'BAKE_TIME' })
  )
  await record('rollback', 'rollback', 'api', () => step('api', { command: 'rollback' }))
  await record('status', 'status', 'api', () => step('api', { command: 'status' }))
  await record('plan', 'plan', 'api', () =>
    step('api', { command: 'plan', ...image('api', '32.0.0'), 'bake-time': '5' })
  )
  await record('deploy of an existing revision', 'deploy', 'api', () =>
    step('api', { 'task-definition': 'api:1' })
  )
  await record('render from a file', 'render', 'web', () =>
    step('web', { command: 'render', 'task-definition': webTaskDefinition(), service: '' })
  )
  await record('render from the service', 'render', 'web', () =>
    step('web', { command: 'render', 'container-name': 'app', image: `${ECR}/web:32.0.0` })
  )
  const inputs = deployInputs('checkout', {
    ...image('checkout', '30.0.0'),
    'rollback-on-cancel': 'true'
  })
  const cancelled = await record(
    'deploy cancelled with rollback-on-cancel',
    'deploy',
    'checkout',
    () => runAction({ ecsUrl: sim.url, inputs, onStart: cancelWhenFollowing })
  )
  await record('post step of the cancelled deploy', 'deploy', 'checkout', () =>
    runAction({ ecsUrl: sim.url, inputs, state: cancelled.state })
  )
}, 180_000)

function permissionsOf(scenario: Scenario): PermissionRequest[] {
  return scenario.calls.flatMap(call => requiredPermissions(call, ACCOUNT))
}
function policyFor(service: string) {
  return loadPolicy({
    // The seed's orders logs to a group of its own, the other services to one they share.
    LOG_GROUP: service === 'orders' ? '/ecs/orders' : '/ecs/demo',
    REGION: ACCOUNT.region,
    ACCOUNT_ID: ACCOUNT.accountId,
    CLUSTER: 'demo',
    SERVICE: service,
    FAMILY: service,
    TASK_ROLE: 'webTaskRole',
    EXECUTION_ROLE: 'ecsTaskExecutionRole',
    HOOK_ROLE: 'ecsLambdaHookRole',
    TLS_ROLE: 'ecsServiceConnectTlsRole'
  })
}

describe('the IAM policy in docs/iam-policy.json', () => {
  it('ran every command through the paths that need distinct permissions', () => {
    expect(scenarios.map(scenario => [scenario.name, scenario.run?.exitCode])).toEqual([
      ['deploy, tagged, with task and execution roles', 0],
      ['deploy where tagging is denied', 0],
      ['deploy whose new deployment ECS does not name yet', 0],
      ['deploy that fails and is diagnosed', 1],
      ['deploy whose containers crash, their logs read', 1],
      ['deploy that re-sends a Lambda hook, to a pause', 0],
      ['deploy that re-sends a Service Connect configuration with TLS', 0],
      ['promote', 0],
      ['deploy to bake time', 0],
      ['rollback', 0],
      ['status', 0],
      ['plan', 0],
      ['deploy of an existing revision', 0],
      ['render from a file', 0],
      ['render from the service', 0],
      ['deploy cancelled with rollback-on-cancel', 1],
      ['post step of the cancelled deploy', 0]
    ])
    expect(scenarios.find(s => s.name === 'render from a file')?.calls).toEqual([])
    const crashed = scenarios.find(s => s.name.startsWith('deploy whose containers crash'))
    expect(crashed?.calls.filter(call => call.service === 'logs').length).toBeGreaterThan(0)
  })

  it('grants exactly the actions the commands need, nothing missing and nothing extra', () => {
    const needed = new Set(scenarios.flatMap(permissionsOf).map(request => request.action))
    expect([...needed].sort()).toEqual([...policyActions(policyFor('web'))].sort())
  })

  it('needs every statement: each one alone allows some call', () => {
    const unused = policyFor('web').Statement.filter(
      (_statement, index) =>
        !scenarios.some(scenario => {
          const policy = policyFor(scenario.service)
          const alone = { ...policy, Statement: [policy.Statement[index]!] }
          return permissionsOf(scenario).some(request => isAllowed(alone, request))
        })
    )
    expect(unused.map(statement => statement.Sid)).toEqual([])
  })

  it.each(['deploy', 'plan', 'promote', 'rollback', 'status', 'render'])(
    'allows every call %s makes, on the resources it makes it on',
    command => {
      const denied = scenarios
        .filter(scenario => scenario.command === command)
        .flatMap(scenario =>
          permissionsOf(scenario)
            .filter(request => !isAllowed(policyFor(scenario.service), request))
            .map(request => `${scenario.name}: ${request.action} on ${request.resource}`)
        )
      expect(denied).toEqual([])
    }
  )

  it('allows nothing on another service, cluster or role', () => {
    const web = policyFor('web')
    const deploy = scenarios.find(scenario => scenario.name === 'deploy where tagging is denied')!
    const elsewhere = permissionsOf(deploy).filter(request => request.resource !== '*')
    expect(elsewhere.length).toBeGreaterThan(0)
    for (const request of elsewhere) expect(isAllowed(web, request)).toBe(false)
    const passToLambda = { action: 'iam:PassRole', resource: ROLE('webTaskRole') }
    expect(
      isAllowed(web, {
        ...passToLambda,
        context: { 'iam:PassedToService': 'lambda.amazonaws.com' }
      })
    ).toBe(false)
    expect(
      isAllowed(web, {
        action: 'ecs:ListTasks',
        resource: '*',
        context: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }
      })
    ).toBe(false)
    expect(
      isAllowed(web, {
        action: 'logs:GetLogEvents',
        resource:
          'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/orders:log-stream:orders/orders/1',
        context: {}
      })
    ).toBe(false)
  })
})

describe('docs/iam-actions.json', () => {
  it.each(Object.keys(actionsMap.commands))('lists what %s needs: always, and when', command => {
    const { always, when } = actionsMap.commands[command]!
    const allowed = new Set([...always, ...Object.keys(when)])
    for (const scenario of scenarios.filter(candidate => candidate.command === command)) {
      const used = new Set(permissionsOf(scenario).map(request => request.action))
      expect({
        scenario: scenario.name,
        extra: [...used].filter(action => !allowed.has(action))
      }).toEqual({ scenario: scenario.name, extra: [] })
      if (scenario.name !== 'render from a file' && !scenario.name.startsWith('post step'))
        expect({
          scenario: scenario.name,
          missing: always.filter(action => !used.has(action))
        }).toEqual({ scenario: scenario.name, missing: [] })
    }
  })

  it('adds up to the policy', () => {
    const listed = Object.values(actionsMap.commands).flatMap(({ always, when }) => [
      ...always,
      ...Object.keys(when)
    ])
    expect([...new Set(listed)].sort()).toEqual([...policyActions(policyFor('web'))].sort())
  })
})
