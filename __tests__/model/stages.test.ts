import { describe, expect, it } from '@jest/globals'
import { DeploymentLifecycleHookStage, ServiceDeploymentLifecycleStage } from '@aws-sdk/client-ecs'
import {
  HOOK_STAGES,
  hasReachedStage,
  isOngoingStatus,
  isTerminalStatus,
  LIFECYCLE_STAGES,
  stageIndex
} from '../../src/model/stages.js'

describe('stage lists', () => {
  // The order is what the watch and the reports rely on: watch.test.ts and release-view.test.ts.
  it('know every stage ECS reports a deployment at, and the stages it runs hooks at', () => {
    expect(new Set(LIFECYCLE_STAGES)).toEqual(
      new Set([
        ...Object.values(ServiceDeploymentLifecycleStage),
        ...Object.values(DeploymentLifecycleHookStage)
      ])
    )
    expect(new Set(HOOK_STAGES)).toEqual(new Set(Object.values(DeploymentLifecycleHookStage)))
  })
})

describe('stageIndex', () => {
  it('gives the position of a known stage and nothing for others', () => {
    expect(stageIndex('RECONCILE_SERVICE')).toBe(0)
    expect(stageIndex('CLEAN_UP')).toBe(10)
    expect(stageIndex('FUTURE_STAGE')).toBeUndefined()
    expect(stageIndex('bake_time')).toBeUndefined()
    expect(stageIndex('')).toBeUndefined()
    expect(stageIndex(undefined)).toBeUndefined()
  })
})

describe('hasReachedStage', () => {
  it.each([
    ['BAKE_TIME', 'BAKE_TIME', true],
    ['CLEAN_UP', 'BAKE_TIME', true],
    ['POST_TEST_TRAFFIC_SHIFT', 'BAKE_TIME', false],
    ['SCALE_UP', 'PRE_SCALE_UP', true],
    // ECS may never report PRE_PRODUCTION_TRAFFIC_SHIFT: the next stage counts as past it.
    ['PRODUCTION_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', true],
    ['POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', false],
    [undefined, 'RECONCILE_SERVICE', false],
    // Stages this version does not know: reached only when equal, never by position.
    ['NEW_STAGE', 'NEW_STAGE', true],
    ['NEW_STAGE', 'RECONCILE_SERVICE', false],
    ['NEW_STAGE', 'CLEAN_UP', false],
    ['CLEAN_UP', 'NEW_STAGE', false],
    ['', 'RECONCILE_SERVICE', false],
    ['bake_time', 'BAKE_TIME', false],
    [undefined, '', false]
  ])('%j reached %j: %s', (current, target, expected) => {
    expect(hasReachedStage(current, target)).toBe(expected)
  })
})

describe('deployment statuses', () => {
  it.each([
    ['SUCCESSFUL', true, false],
    ['STOPPED', true, false],
    ['ROLLBACK_SUCCESSFUL', true, false],
    ['ROLLBACK_FAILED', true, false],
    ['PENDING', false, true],
    ['IN_PROGRESS', false, true],
    ['ROLLBACK_IN_PROGRESS', false, true],
    ['SOME_NEW_STATUS', false, true],
    [undefined, false, false]
  ])('%j: terminal %s, ongoing %s', (status, terminal, ongoing) => {
    expect(isTerminalStatus(status)).toBe(terminal)
    expect(isOngoingStatus(status)).toBe(ongoing)
  })
})
