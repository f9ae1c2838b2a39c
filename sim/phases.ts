/**
 * The stage plan of a deployment (sim/README.md, "What happens in a deployment"): which phases
 * run, in what order, with which traffic weights for green, and what each reports as
 * lifecycleStage.
 */
import type { DeploymentConfiguration } from '@aws-sdk/client-ecs'
import type { DeploymentRecord, Phase, PhaseName, RevisionRecord } from './model.js'

const LINEAR_DEFAULTS = { stepPercent: 10, stepBakeTimeInMinutes: 6 }
const CANARY_DEFAULTS = { canaryPercent: 5, canaryBakeTimeInMinutes: 10 }
/**
 * BLUE_GREEN must have a bake time (validation.ts); LINEAR and CANARY without one bake for 0 min
 * (sim/README.md, "Choices where ECS is uncertain").
 */
const DEFAULT_BAKE_MINUTES = 0

export const HOOK_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT'
] as const

/**
 * Traffic moves during these, so only Lambda hooks may run there
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/pause-lifecycle-hooks.html).
 */
export const LAMBDA_ONLY_STAGES: readonly string[] = [
  'TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT'
]

export function isBlueGreenFamily(configuration: DeploymentConfiguration): boolean {
  return configuration.strategy !== undefined && configuration.strategy !== 'ROLLING'
}

/** A Network Load Balancer's production "rule" is a listener ARN (listener/net/…). */
export function usesNetworkLoadBalancer(revision: RevisionRecord): boolean {
  return (revision.loadBalancers ?? []).some(loadBalancer =>
    /:listener\/net\//.test(loadBalancer.advancedConfiguration?.productionListenerRule ?? '')
  )
}

/** Production percentages green reaches, one per traffic-shift step. */
function productionSteps(configuration: DeploymentConfiguration): number[] {
  if (configuration.strategy === 'CANARY') {
    const percent =
      configuration.canaryConfiguration?.canaryPercent ?? CANARY_DEFAULTS.canaryPercent
    return percent >= 100 ? [100] : [percent, 100]
  }
  if (configuration.strategy === 'LINEAR') {
    const percent = configuration.linearConfiguration?.stepPercent ?? LINEAR_DEFAULTS.stepPercent
    const steps: number[] = []
    // Whole tenths avoid float drift (stepPercent is a multiple of 0.1).
    const stepTenths = Math.round(percent * 10)
    for (let tenths = stepTenths; tenths < 1000; tenths += stepTenths) steps.push(tenths / 10)
    return [...steps, 100]
  }
  return [100]
}

function stepBakeMinutes(configuration: DeploymentConfiguration): number {
  if (configuration.strategy === 'CANARY') {
    return (
      configuration.canaryConfiguration?.canaryBakeTimeInMinutes ??
      CANARY_DEFAULTS.canaryBakeTimeInMinutes
    )
  }
  return (
    configuration.linearConfiguration?.stepBakeTimeInMinutes ??
    LINEAR_DEFAULTS.stepBakeTimeInMinutes
  )
}

const phase = (name: PhaseName, testWeight: number, productionWeight: number): Phase => ({
  name,
  testWeight,
  productionWeight
})

/**
 * The phases after PENDING. ROLLING has no lifecycle hooks and no traffic shift here.
 * `shiftDelayMinutes` is the wait ECS adds to each traffic shift behind a Network Load
 * Balancer (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/nlb-resources-for-blue-green.html),
 * at every LINEAR or CANARY step.
 */
export function buildPhases(
  configuration: DeploymentConfiguration,
  reconcile: boolean,
  shiftDelayMinutes = 0
): Phase[] {
  if (!isBlueGreenFamily(configuration)) return [phase('SCALE_UP', 0, 0), phase('CLEAN_UP', 0, 100)]
  const shift = (name: PhaseName, testWeight: number, productionWeight: number): Phase => ({
    ...phase(name, testWeight, productionWeight),
    ...(shiftDelayMinutes > 0 && { delayMinutes: shiftDelayMinutes })
  })
  const phases: Phase[] = [
    ...(reconcile ? [phase('RECONCILE_SERVICE', 0, 0)] : []),
    phase('PRE_SCALE_UP', 0, 0),
    phase('SCALE_UP', 0, 0),
    phase('POST_SCALE_UP', 0, 0),
    shift('TEST_TRAFFIC_SHIFT', 100, 0),
    phase('POST_TEST_TRAFFIC_SHIFT', 100, 0)
  ]
  let previous = 0
  for (const step of productionSteps(configuration)) {
    phases.push(phase('PRE_PRODUCTION_TRAFFIC_SHIFT', 100, previous))
    phases.push(shift('PRODUCTION_TRAFFIC_SHIFT', 100, step))
    if (step < 100)
      phases.push({ ...phase('STEP_BAKE', 100, step), minutes: stepBakeMinutes(configuration) })
    previous = step
  }
  phases.push(phase('POST_PRODUCTION_TRAFFIC_SHIFT', 100, 100))
  phases.push({
    ...phase('BAKE_TIME', 100, 100),
    minutes: configuration.bakeTimeInMinutes ?? DEFAULT_BAKE_MINUTES
  })
  phases.push(phase('CLEAN_UP', 100, 100))
  return phases
}

/**
 * The traffic shifts a rollback undoes, the latest first: those the deployment had entered,
 * since a shift stage moves the traffic before its hooks run, unless it failed first
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/lambda-lifecycle-hooks.html).
 */
export function shiftsToUndo(deployment: DeploymentRecord): string[] {
  const reached = deployment.shiftFailed ? deployment.phaseIndex : deployment.phaseIndex + 1
  const entered = deployment.phases.slice(0, reached).map(p => p.name)
  return [...LAMBDA_ONLY_STAGES].reverse().filter(stage => entered.includes(stage as PhaseName))
}

/** The lifecycle-hook stage a phase fires, if any. */
export function hookStageOf(name: PhaseName): string | undefined {
  return (HOOK_STAGES as readonly string[]).includes(name) ? name : undefined
}

/**
 * The lifecycleStage DescribeServiceDeployments reports (sim/README.md, "Choices where ECS is
 * uncertain"): absent while PENDING and for ROLLING; PRE_PRODUCTION_TRAFFIC_SHIFT and step
 * bakes show as PRODUCTION_TRAFFIC_SHIFT unless the scenario asks for the literal stage; a
 * rollback keeps the stage where it began.
 */
export function reportedStage(
  deployment: DeploymentRecord,
  reportPreProductionStage: boolean
): string | undefined {
  const current = deployment.phases[deployment.phaseIndex]
  if (!current || !isBlueGreenFamily(deployment.configuration)) return undefined
  if (current.name === 'STEP_BAKE') return 'PRODUCTION_TRAFFIC_SHIFT'
  if (current.name === 'PRE_PRODUCTION_TRAFFIC_SHIFT' && !reportPreProductionStage) {
    return 'PRODUCTION_TRAFFIC_SHIFT'
  }
  return current.name
}
