/**
 * One release run by the bundle against the simulator, with the moments the bench needs:
 * process start, UpdateService's arrival, the deployment's terminal transition and the
 * process's exit, all on Date.now() of this process (the simulator runs in it too, so
 * its `at` and `atMs` stamps are on the same clock), plus the run's ECS calls and its
 * peak RSS and CPU time.
 */
import type { ChildProcess } from 'node:child_process'
import {
  type RecordedCall,
  type Simulator,
  TERMINAL_STATUSES,
  type TransitionRecord
} from '../../sim/index.js'
import { type ActionRun, runAction } from '../runner.js'
import { type CallSplit, serviceOfCall, splitCalls } from './calls.js'
import type { UsageProbe } from './usage-probe.js'

export interface ReleaseRequest {
  sim: Simulator
  githubUrl?: string
  event?: { name: string; payload: object }
  inputs: Record<string, string> & { cluster: string; service: string }
  probe: UsageProbe
  timeoutMs?: number
}

export interface TimedRelease {
  service: string
  run: ActionRun
  /** Date.now() when the child's 'exit' event fired. */
  exitedAt: number
  /** From process start (runAction's startedAt, just before spawn) to UpdateService arriving. */
  updateServiceMs: number
  /** The status the deployment ended in, as the simulator recorded it. */
  terminalStatus?: string
  /** From the simulator's terminal transition to the process's exit. */
  reactionMs: number
  calls: CallSplit
  /** The arrival times of the DescribeServiceDeployments calls, for pacing. */
  pollTimes: number[]
  peakRssKiB: number
  /** User + system CPU time of the whole run. */
  cpuMs: number
}

export async function timedRelease(request: ReleaseRequest): Promise<TimedRelease> {
  const { sim, inputs } = request
  const service = inputs.service
  const calls: RecordedCall[] = []
  const transitions: TransitionRecord[] = []
  // Subscribed for the run only; other runs' calls and transitions are filtered out by service.
  const stopCalls = sim.onCall(call => {
    if (serviceOfCall(call) === service) calls.push(call)
  })
  const stopTransitions = sim.onTransition(transition => {
    if (transition.service === service && transition.cluster === inputs.cluster)
      transitions.push(transition)
  })
  const measured = request.probe.next()
  let exitedAt = Number.NaN
  let run: ActionRun
  try {
    run = await runAction({
      ecsUrl: sim.url,
      githubUrl: request.githubUrl,
      event: request.event,
      inputs,
      nodeArgs: measured.nodeArgs,
      env: measured.env,
      onStart: (child: ChildProcess) => child.once('exit', () => (exitedAt = Date.now())),
      timeoutMs: request.timeoutMs ?? 60_000
    })
  } finally {
    stopCalls()
    stopTransitions()
  }
  // Calls are recorded when answered; a run's own calls are ordered by arrival.
  calls.sort((a, b) => a.at - b.at)
  const arn = run.outputs['service-deployment-arn']
  const terminal = transitions.find(
    transition => transition.deploymentArn === arn && TERMINAL_STATUSES.includes(transition.status)
  )
  const update = calls.find(call => call.operation === 'UpdateService')
  return {
    service,
    run,
    exitedAt,
    updateServiceMs: update ? update.at - run.startedAt : Number.NaN,
    terminalStatus: terminal?.status,
    reactionMs: terminal ? exitedAt - terminal.atMs : Number.NaN,
    calls: splitCalls(calls),
    pollTimes: calls
      .filter(call => call.operation === 'DescribeServiceDeployments')
      .map(call => call.at),
    ...measured.read()
  }
}

/**
 * Groups poll arrivals into poll rounds: a call more than half a poll interval after the
 * previous one starts a new round, so a loop that sent two describes per wake-up would
 * show rounds of two.
 */
export function pollRounds(times: readonly number[], pollIntervalMs: number): number[] {
  const rounds: number[] = []
  let previous = Number.NEGATIVE_INFINITY
  for (const at of times) {
    if (at - previous > pollIntervalMs / 2 || rounds.length === 0) rounds.push(1)
    else rounds[rounds.length - 1] = (rounds.at(-1) ?? 0) + 1
    previous = at
  }
  return rounds
}
