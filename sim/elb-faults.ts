/**
 * Load balancer failures ECS finds while it moves traffic, which roll the deployment back with
 * the statusReason texts of
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html.
 * The simulator has no ELB model, so a scenario knob names the service and the failure.
 */
import type { DeploymentRecord } from './model.js'
import type { World } from './world.js'

export const ELB_FAULT_KINDS = [
  /** The infrastructure role may not call elasticloadbalancing:ModifyListener. */
  'modify-listener-denied',
  /** The infrastructure role does not trust ecs.amazonaws.com. */
  'infrastructure-role-untrusted',
  /** Green's target group is on neither listener rule. */
  'target-group-not-associated',
  /** The production rule already sends traffic to both target groups. */
  'several-target-groups-serving',
  /** The production rule forwards to a target group the service does not name. */
  'unexpected-target-group'
] as const
export type ElbFaultKind = (typeof ELB_FAULT_KINDS)[number]

export const ELB_FAULT_STAGES = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'] as const
export type ElbFaultStage = (typeof ELB_FAULT_STAGES)[number]

export interface ElbFault {
  kind: ElbFaultKind
  /** The traffic shift that fails. */
  stage: ElbFaultStage
}

/**
 * Where each failure shows when the scenario names no stage: the first traffic shift, where
 * ECS first changes a listener, except a production rule gone astray, found when production
 * traffic is to move (sim/README.md, "Choices where ECS is uncertain").
 */
export const DEFAULT_ELB_FAULT_STAGES: Record<ElbFaultKind, ElbFaultStage> = {
  'modify-listener-denied': 'TEST_TRAFFIC_SHIFT',
  'infrastructure-role-untrusted': 'TEST_TRAFFIC_SHIFT',
  'target-group-not-associated': 'TEST_TRAFFIC_SHIFT',
  'several-target-groups-serving': 'TEST_TRAFFIC_SHIFT',
  'unexpected-target-group': 'PRODUCTION_TRAFFIC_SHIFT'
}

const INVALID_NETWORKING =
  'Service deployment rolled back because of invalid networking configuration'

/** The listener a listener rule belongs to (an NLB's "rule" already is a listener). */
function listenerOf(rule: string): string {
  return rule.replace(/:listener-rule\/(.*)\/[^/]+$/, ':listener/$1')
}

/**
 * The statusReason of the scenario's ELB fault for `deployment` at `stage`, or undefined when
 * none applies (no fault for the service, another stage, or no blue/green load balancer).
 */
export function elbFaultReason(
  world: World,
  deployment: DeploymentRecord,
  stage: string
): string | undefined {
  const fault = world.scenario.elbFaults[deployment.service.name]
  const index = deployment.target.loadBalancers?.findIndex(lb => lb.advancedConfiguration) ?? -1
  const loadBalancer = deployment.target.loadBalancers?.[index]
  const advanced = loadBalancer?.advancedConfiguration
  if (!fault || fault.stage !== stage || !advanced) return undefined
  const production = advanced.productionListenerRule ?? ''
  const green = deployment.target.targetGroups[index] ?? ''
  switch (fault.kind) {
    case 'modify-listener-denied': {
      const rule =
        stage === 'TEST_TRAFFIC_SHIFT' ? (advanced.testListenerRule ?? production) : production
      const role = (advanced.roleArn ?? '').split('/').pop()
      const listener = listenerOf(rule)
      return `Service deployment rolled back because ${stage} lifecycle hook(s) failed. User: arn:aws:sts::${world.arns.accountId}:assumed-role/${role}/ECSNetworkingWithELB is not authorized to perform: elasticloadbalancing:ModifyListener on resource: ${listener} because no identity-based policy allows the elasticloadbalancing:ModifyListener action`
    }
    case 'infrastructure-role-untrusted':
      return `${INVALID_NETWORKING}. ECS was unable to manage the ELB resources due to missing permissions on ECS Infrastructure Role '${advanced.roleArn}'.`
    case 'target-group-not-associated':
      return `${INVALID_NETWORKING}: Target group ${green} is not associated with either productionListenerRule or testListenerRule.`
    case 'several-target-groups-serving':
      return `${INVALID_NETWORKING}. productionListenerRule ${production} should have exactly one target group serving traffic but found 2 target groups which are serving traffic`
    case 'unexpected-target-group': {
      const stray = `arn:aws:elasticloadbalancing:${world.arns.region}:${world.arns.accountId}:targetgroup/${deployment.service.name}-unexpected/0123456789abcdef`
      return `${INVALID_NETWORKING}. Production listener rule is forwarding traffic to unexpected target group ${stray}. Expected traffic to be forwarded to either targetGroupArn: ${loadBalancer.targetGroupArn ?? 'none'} or alternateTargetGroupArn: ${advanced.alternateTargetGroupArn}`
    }
  }
}
