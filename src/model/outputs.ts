import { awaitingHook, type Release } from './release.js'

export type OutputName =
  | 'task-definition-arn'
  | 'service-deployment-arn'
  | 'status'
  | 'lifecycle-stage'
  | 'hook-id'
  | 'rendered-task-definition'
  | 'services'

/** Step outputs. Each is written as soon as it is known, so a failed step still has them. */
export interface Outputs {
  set(name: OutputName, value: string): void
}

/**
 * Writes an output only when its value changes: the runner appends every write to
 * GITHUB_OUTPUT, and polls must not grow that file.
 */
export function changedOnly(write: (name: OutputName, value: string) => void): Outputs {
  const written = new Map<OutputName, string>()
  return {
    set(name, value) {
      if (written.get(name) === value) return
      written.set(name, value)
      write(name, value)
    }
  }
}

/** The outputs that follow the deployment as it moves. */
export function setDeploymentOutputs(outputs: Outputs, release: Release): void {
  if (release.deploymentArn) outputs.set('service-deployment-arn', release.deploymentArn)
  if (release.status) outputs.set('status', release.status)
  if (release.stage) outputs.set('lifecycle-stage', release.stage)
  outputs.set('hook-id', awaitingHook(release)?.hookId ?? '')
}
