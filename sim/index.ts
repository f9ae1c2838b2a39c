/** The embedded ECS blue/green simulator: public API. */
export { startSimulator, type Simulator, type SimulatorOptions } from './simulator.js'
export type { RecordedCall } from './server.js'
export type { TransitionRecord } from './transitions.js'
export type { HookPayload, LambdaInvocation, TrafficWeights } from './hook-payload.js'
export type { FaultOptions, FaultKind } from './faults.js'
export {
  DEFAULT_TEST_HEADER,
  type Hop,
  type HopRevision,
  type RequestHeader,
  type RouteRequest
} from './request-routing.js'
export type { ElbFault, ElbFaultKind, ElbFaultStage } from './elb-faults.js'
export type {
  ImageFailure,
  ImageFailureKind,
  LambdaResult,
  LambdaScript,
  Scenario,
  Timing
} from './scenario.js'
export {
  defaultSeedPath,
  seedFilePath,
  loadSeed,
  loadSeedFile,
  parseSeed,
  SeedError,
  type Seed,
  type SeedService
} from './seed.js'
export { MUTATING_OPERATIONS } from './operations/index.js'
export { TERMINAL_STATUSES } from './model.js'
