/** Shared setup for the simulator tests: a fast simulator and a real SDK client pointed at it. */
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  type ECSClientConfig,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type ServiceDeployment,
  UpdateServiceCommand
} from '@aws-sdk/client-ecs'
import { afterAll, beforeAll } from '@jest/globals'
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
  TERMINAL_STATUSES
} from '../../sim/index.js'

export const FAST_TIMING = { stageMs: 15, minuteMs: 30, pendingMs: 10, hookMs: 15 }

export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({
    randomSeed: 7,
    ...options,
    timing: { ...FAST_TIMING, ...options.timing }
  })
}

/**
 * One simulator and client for a test file: started before its tests, stopped after.
 * `started` hands them to the file's own variables, e.g. `useSimulator(s => ({ sim, client } = s))`.
 */
export function useSimulator(
  started: (running: { sim: Simulator; client: ECSClient }) => void,
  options: SimulatorOptions = {}
): void {
  let running: { sim: Simulator; client: ECSClient } | undefined
  beforeAll(async () => {
    const sim = await startTestSimulator(options)
    running = { sim, client: ecsClient(sim) }
    started(running)
  })
  afterAll(async () => {
    running?.client.destroy()
    await running?.sim.close()
  })
}

export function ecsClient(sim: Simulator, config: ECSClientConfig = {}): ECSClient {
  return new ECSClient({
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
    ...config
  })
}

let build = 0
/** The same repository with a fresh tag, so a failing tag of an earlier test is not inherited. */
const nextImage = (image: string) => `${image.replace(/:[^:/]*$/, '')}:build-${++build}`

/** A new revision of `family` whose first container runs `image` (the way the action renders one). */
export async function registerRevision(
  client: ECSClient,
  family: string,
  image?: string
): Promise<string> {
  const { taskDefinition } = await client.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: family })
  )
  if (!taskDefinition) throw new Error(`no task definition ${family}`)
  const [first, ...rest] = taskDefinition.containerDefinitions ?? []
  const input: RegisterTaskDefinitionCommandInput = {
    family,
    networkMode: taskDefinition.networkMode,
    requiresCompatibilities: taskDefinition.requiresCompatibilities,
    cpu: taskDefinition.cpu,
    memory: taskDefinition.memory,
    containerDefinitions: [{ ...first, image: image ?? nextImage(first?.image ?? 'app') }, ...rest]
  }
  const registered = await client.send(new RegisterTaskDefinitionCommand(input))
  return registered.taskDefinition?.taskDefinitionArn ?? ''
}

/** UpdateService to a new revision; returns the new deployment's ARN. */
export async function deploy(
  client: ECSClient,
  service: string,
  options: { image?: string; family?: string; cluster?: string } = {}
): Promise<string> {
  const taskDefinition = await registerRevision(client, options.family ?? service, options.image)
  const response = await client.send(
    new UpdateServiceCommand({ cluster: options.cluster ?? 'demo', service, taskDefinition })
  )
  return response.service?.currentServiceDeployment ?? ''
}

export function waitForTerminal(
  sim: Simulator,
  arn: string,
  timeoutMs = 3000
): Promise<ServiceDeployment> {
  return sim.waitForDeployment(
    d =>
      d.serviceDeploymentArn === arn &&
      (TERMINAL_STATUSES as readonly string[]).includes(d.status ?? ''),
    timeoutMs
  )
}

export function waitForStage(
  sim: Simulator,
  arn: string,
  phase: string,
  timeoutMs = 3000
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const seen = () => sim.transitions.some(t => t.deploymentArn === arn && t.phase === phase)
    if (seen()) {
      resolve(undefined)
      return
    }
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`${arn} did not reach ${phase}`))
    }, timeoutMs)
    const stop = sim.onTransition(() => {
      if (!seen()) return
      clearTimeout(timer)
      stop()
      resolve(undefined)
    })
  })
}

/** The internal phases a deployment went through, in order, without repeats. */
export function phasesOf(sim: Simulator, arn: string): string[] {
  const phases: string[] = []
  for (const t of sim.transitions) {
    if (t.deploymentArn !== arn || t.phase === undefined) continue
    if (phases[phases.length - 1] !== t.phase) phases.push(t.phase)
  }
  return phases
}

/** A request as the SDK would send it, without the SDK: for what the SDK would hide. */
export async function rawCall(
  sim: Simulator,
  operation: string | undefined,
  body: string,
  headers: Record<string, string> = {
    authorization: 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/ecs/aws4_request'
  },
  path = '/'
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(operation ? { 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}` } : {}),
      ...headers
    },
    body
  })
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>
  }
}
