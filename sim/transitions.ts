/** The wall-clock log of deployment transitions, and listeners on every deployment change. */
import type { DeploymentRecord, DeploymentStatus, PhaseName } from './model.js'

export interface TransitionRecord {
  deploymentArn: string
  cluster: string
  service: string
  status: DeploymentStatus
  /** The lifecycleStage DescribeServiceDeployments reports at that moment. */
  stage?: string
  /** The simulator's own phase, which tells PRE_PRODUCTION_TRAFFIC_SHIFT and step bakes apart. */
  phase?: PhaseName
  /** Date.now() when it happened, comparable with RecordedCall.at. */
  atMs: number
}

type Listener<T> = (value: T) => void

function subscribe<T>(listeners: Set<Listener<T>>, listener: Listener<T>): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export class TransitionLog {
  readonly records: TransitionRecord[] = []
  private readonly transitionListeners = new Set<Listener<TransitionRecord>>()
  private readonly changeListeners = new Set<Listener<DeploymentRecord>>()

  add(record: TransitionRecord): void {
    this.records.push(record)
    for (const listener of [...this.transitionListeners]) listener(record)
  }

  /** Anything about a deployment changed: a transition, a hook, a count. */
  changed(deployment: DeploymentRecord): void {
    for (const listener of [...this.changeListeners]) listener(deployment)
  }

  onTransition(listener: Listener<TransitionRecord>): () => void {
    return subscribe(this.transitionListeners, listener)
  }

  onChange(listener: Listener<DeploymentRecord>): () => void {
    return subscribe(this.changeListeners, listener)
  }
}
