/**
 * Rollback monitors of a deployment: the circuit breaker and CloudWatch alarms
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-failure-detection.html).
 */
import type { DeploymentCircuitBreaker, DeploymentConfiguration } from '@aws-sdk/client-ecs'
import type { DeploymentRecord, MonitorStatus } from './model.js'

/** ECS's failure threshold (ThresholdType docs): by default 50 % of desired, clamped to 3–200. */
export function circuitBreakerThreshold(
  breaker: DeploymentCircuitBreaker | undefined,
  desiredCount: number
): number {
  const type = breaker?.thresholdConfiguration?.type ?? 'BOUNDED_PERCENT'
  const value = breaker?.thresholdConfiguration?.value ?? 50
  if (type === 'COUNT') return value
  const threshold = Math.ceil((desiredCount * value) / 100)
  return type === 'UNBOUNDED_PERCENT'
    ? Math.max(1, threshold)
    : Math.min(200, Math.max(3, threshold))
}

export function initialMonitors(
  configuration: DeploymentConfiguration,
  desiredCount: number
): Pick<DeploymentRecord, 'circuitBreaker' | 'alarms'> {
  const breaker = configuration.deploymentCircuitBreaker
  const alarmNames = configuration.alarms?.alarmNames ?? []
  const alarmsOn = configuration.alarms?.enable === true && alarmNames.length > 0
  return {
    circuitBreaker: {
      status: breaker?.enable ? 'MONITORING' : 'DISABLED',
      failureCount: 0,
      threshold: circuitBreakerThreshold(breaker, desiredCount)
    },
    alarms: { status: alarmsOn ? 'MONITORING' : 'DISABLED', alarmNames, triggered: [] }
  }
}

/** A successful deployment ends the watch of every monitor still watching. */
export function completeMonitors(deployment: DeploymentRecord): void {
  const done = (status: MonitorStatus): MonitorStatus =>
    status === 'MONITORING' ? 'MONITORING_COMPLETE' : status
  deployment.circuitBreaker.status = done(deployment.circuitBreaker.status)
  deployment.alarms.status = done(deployment.alarms.status)
}
