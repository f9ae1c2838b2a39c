import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RecordedCall } from '../../sim/index.js'
import { ROOT } from '../../scripts/runner.js'

/**
 * Just enough of IAM to ask whether docs/iam-policy.json allows a call the action made:
 * Allow statements, wildcard actions and resources, and the String/Arn Equals/Like
 * conditions the policy uses. Any other construct in the policy fails the test.
 */

type OneOrMore = string | string[]

export interface PolicyStatement {
  Sid: string
  Effect: 'Allow' | 'Deny'
  Action: OneOrMore
  Resource: OneOrMore
  Condition?: Record<string, Record<string, OneOrMore>>
}

export interface Policy {
  Version: string
  Statement: PolicyStatement[]
}

/** One authorization ECS or IAM performs for a call: action, resource and request context. */
export interface PermissionRequest {
  action: string
  resource: string
  context: Record<string, string>
}

export const POLICY_PATH = join(ROOT, 'docs/iam-policy.json')
export const ACTIONS_PATH = join(ROOT, 'docs/iam-actions.json')

/** docs/iam-policy.json with its placeholders (REGION, CLUSTER, …) filled in. */
export function loadPolicy(values: Record<string, string>): Policy {
  let text = readFileSync(POLICY_PATH, 'utf8')
  for (const [name, value] of Object.entries(values))
    text = text.replace(new RegExp(`\\b${name}\\b`, 'g'), value)
  const left = text.match(/\b[A-Z][A-Z_]{3,}\b/g)?.filter(word => word !== 'ARN')
  if (left?.length) throw new Error(`Placeholders left in the policy: ${left.join(', ')}`)
  return JSON.parse(text) as Policy
}

const list = (value: OneOrMore): string[] => (Array.isArray(value) ? value : [value])

export function policyActions(policy: Policy): Set<string> {
  return new Set(policy.Statement.flatMap(statement => list(statement.Action)))
}

/** IAM's wildcards: `*` any run of characters, `?` any one. */
function matches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map(char =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/]/g, '\\$&')
    )
    .join('')
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value)
}

function conditionsHold(
  condition: PolicyStatement['Condition'],
  context: Record<string, string>
): boolean {
  return Object.entries(condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = context[key]
      if (actual === undefined) return false
      if (operator === 'StringEquals') return list(expected).includes(actual)
      if (['StringLike', 'ArnEquals', 'ArnLike'].includes(operator))
        return list(expected).some(pattern => matches(pattern, actual))
      throw new Error(
        `The policy uses condition operator ${operator}, which this check does not know`
      )
    })
  )
}

export function isAllowed(policy: Policy, request: PermissionRequest): boolean {
  return policy.Statement.some(
    statement =>
      statement.Effect === 'Allow' &&
      list(statement.Action).some(action => matches(action, request.action, true)) &&
      list(statement.Resource).some(resource => matches(resource, request.resource)) &&
      conditionsHold(statement.Condition, request.context)
  )
}

interface Input {
  cluster?: string
  service?: string
  services?: string[]
  family?: string
  tags?: unknown[]
  taskRoleArn?: string
  executionRoleArn?: string
  serviceDeploymentArn?: string
  serviceDeploymentArns?: string[]
  serviceRevisionArns?: string[]
  tasks?: string[]
  deploymentConfiguration?: { lifecycleHooks?: { roleArn?: string }[] }
  loadBalancers?: { advancedConfiguration?: { roleArn?: string } }[]
  serviceConnectConfiguration?: { services?: { tls?: { roleArn?: string } }[] }
}

/**
 * What IAM checks for one call the simulator recorded: the call's own action on its
 * resource, tagging at creation, and passing every role the request names.
 */
export function requiredPermissions(
  call: RecordedCall,
  account: { region: string; accountId: string }
): PermissionRequest[] {
  const input = (call.input ?? {}) as Input
  const arn = (resource: string) => `arn:aws:ecs:${account.region}:${account.accountId}:${resource}`
  const clusterName = (input.cluster ?? 'default').split('/').pop() ?? ''
  const serviceArn = (name: string) =>
    name.startsWith('arn:') ? name : arn(`service/${clusterName}/${name}`)
  const own = (...resources: string[]): PermissionRequest[] =>
    resources.map(resource => ({ action: `ecs:${call.operation}`, resource, context: {} }))
  const passRole = (role: string | undefined, service: string): PermissionRequest[] =>
    role
      ? [{ action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': service } }]
      : []
  const inCluster = { 'ecs:cluster': arn(`cluster/${clusterName}`) }

  switch (call.operation) {
    case 'RegisterTaskDefinition':
      return [
        ...own('*'),
        ...(input.tags?.length
          ? [
              {
                action: 'ecs:TagResource',
                resource: arn(`task-definition/${input.family}:1`),
                context: { 'ecs:CreateAction': 'RegisterTaskDefinition' }
              }
            ]
          : []),
        ...passRole(input.taskRoleArn, 'ecs-tasks.amazonaws.com'),
        ...passRole(input.executionRoleArn, 'ecs-tasks.amazonaws.com')
      ]
    case 'DescribeTaskDefinition':
      return own('*')
    case 'DescribeServices':
      return own(...(input.services ?? []).map(serviceArn))
    case 'ListServiceDeployments':
      return own(serviceArn(input.service ?? ''))
    case 'UpdateService':
      return [
        ...own(serviceArn(input.service ?? '')),
        ...(input.deploymentConfiguration?.lifecycleHooks ?? []).flatMap(hook =>
          passRole(hook.roleArn, 'ecs.amazonaws.com')
        ),
        ...(input.loadBalancers ?? []).flatMap(lb =>
          passRole(lb.advancedConfiguration?.roleArn, 'ecs.amazonaws.com')
        ),
        // The infrastructure role of Service Connect TLS: to use one, "you must grant your
        // user permission to pass the role" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html).
        ...(input.serviceConnectConfiguration?.services ?? []).flatMap(entry =>
          passRole(entry.tls?.roleArn, 'ecs.amazonaws.com')
        )
      ]
    case 'DescribeServiceDeployments':
      return own(...(input.serviceDeploymentArns ?? []))
    case 'ContinueServiceDeployment':
    case 'StopServiceDeployment':
      return own(input.serviceDeploymentArn ?? '')
    case 'DescribeServiceRevisions':
      return own(...(input.serviceRevisionArns ?? []))
    case 'ListTasks':
      return [{ action: 'ecs:ListTasks', resource: '*', context: inCluster }]
    case 'DescribeTasks':
      return (input.tasks ?? []).map(task => ({
        action: 'ecs:DescribeTasks',
        resource: task,
        context: inCluster
      }))
    default:
      throw new Error(
        `No IAM mapping for ${call.operation}: add it here and to docs/iam-policy.json`
      )
  }
}
