/**
 * Names for the production traffic shifts of a release. CANARY and LINEAR shift production
 * traffic in steps, and ECS reports every step as PRODUCTION_TRAFFIC_SHIFT, so the timeline
 * shows that stage several times; the weight on the new revision tells the steps apart
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/canary-deployment.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-linear.html).
 */

export interface StepContext {
  strategy?: string
  /** LINEAR's stepPercent. */
  linearStepPercent?: number
}

/**
 * `canary 10 %`, `step 3 of 10`, `→ 100 %`, or `starting` while the new revision has no
 * production traffic yet; undefined for other stages or an unknown weight.
 */
export function productionStepLabel(
  stage: string,
  productionWeight: number | undefined,
  context: StepContext
): string | undefined {
  if (stage !== 'PRODUCTION_TRAFFIC_SHIFT' || productionWeight === undefined) return undefined
  if (!Number.isFinite(productionWeight)) return undefined
  if (productionWeight <= 0) return 'starting'
  if (productionWeight >= 100) return '→ 100 %'
  const weight = `${Math.round(productionWeight * 10) / 10} %`
  if (context.strategy === 'CANARY') return `canary ${weight}`
  const step = context.linearStepPercent
  if (context.strategy === 'LINEAR' && step !== undefined && step > 0) {
    const steps = Math.ceil(100 / step)
    return `step ${Math.min(steps, Math.max(1, Math.round(productionWeight / step)))} of ${steps}`
  }
  return `→ ${weight}`
}
