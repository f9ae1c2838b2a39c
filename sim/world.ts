/** Everything one simulator instance owns, handed to operations and the deployment machine. */
import { DeploymentMachine } from './deployment-machine.js'
import type { LambdaInvocation } from './hook-payload.js'
import { Arns, IdFactory } from './ids.js'
import { LogStore } from './logs/store.js'
import type { ServiceRecord } from './model.js'
import { createRandom } from './random.js'
import { type Scenario, type Timing, defaultScenario } from './scenario.js'
import { Scheduler } from './scheduler.js'
import { pushEvent } from './service-events.js'
import { SimState } from './state.js'
import { TransitionLog } from './transitions.js'

export interface WorldOptions {
  region: string
  accountId: string
  timing: Timing
  randomSeed: number
  onError: (error: unknown) => void
}

export class World {
  readonly arns: Arns
  readonly ids: IdFactory
  readonly state: SimState
  /** CloudWatch Logs: what containers that log with awslogs wrote. */
  readonly logs: LogStore
  readonly scheduler: Scheduler
  readonly transitions = new TransitionLog()
  readonly lambdaInvocations: LambdaInvocation[] = []
  readonly machine: DeploymentMachine
  readonly timing: Timing
  scenario: Scenario = defaultScenario()

  constructor(options: WorldOptions) {
    this.arns = new Arns(options.region, options.accountId)
    this.ids = new IdFactory(createRandom(options.randomSeed))
    this.state = new SimState(this.arns)
    this.logs = new LogStore(this.arns)
    this.scheduler = new Scheduler(options.onError)
    this.timing = options.timing
    this.machine = new DeploymentMachine(this)
  }

  event(service: ServiceRecord, message: string): void {
    pushEvent(service, this.ids.uuid(), message)
  }
}
