import { expect, test } from '@jest/globals'
import { dispatch, mayAnswer } from '../../sim/dispatch.js'
import { EcsError } from '../../sim/errors.js'
import { resolveTiming } from '../../sim/scenario.js'
import { World } from '../../sim/world.js'

const world = new World({
  region: 'us-east-1',
  accountId: '123456789012',
  timing: resolveTiming(),
  randomSeed: 1,
  onError: () => undefined
})
const failing = (type: string) => () => {
  throw new EcsError(type, 'refused')
}

test('an operation answers only the errors its API model declares, and the common ones', () => {
  expect(mayAnswer('StopServiceDeployment', 'ConflictException')).toBe(true)
  expect(mayAnswer('ContinueServiceDeployment', 'ConflictException')).toBe(false)
  expect(mayAnswer('ListTagsForResource', 'ThrottlingException')).toBe(true)
  expect(mayAnswer('DescribeServices', 'SerializationException')).toBe(true)

  const input = { serviceDeploymentArn: 'arn', hookId: 'ecs-pause-x' }
  expect(() =>
    dispatch(
      world,
      { ContinueServiceDeployment: failing('ConflictException') },
      'ContinueServiceDeployment',
      input,
      []
    )
  ).toThrow(
    'ContinueServiceDeployment answered ConflictException, which the @aws-sdk/client-ecs API model does not declare for it: refused'
  )
  expect(() =>
    dispatch(
      world,
      { StopServiceDeployment: failing('ConflictException') },
      'StopServiceDeployment',
      input,
      []
    )
  ).toThrow(EcsError)
})

test('the request is checked before the operation runs, and its warnings are handed back', () => {
  const warnings: string[] = []
  let ran = false
  const operations = {
    UpdateService: () => {
      ran = true
      return {}
    }
  }
  expect(() =>
    dispatch(world, operations, 'UpdateService', { service: 'web', desiredCount: 'two' }, warnings)
  ).toThrow(expect.objectContaining({ type: 'SerializationException' }))
  expect(ran).toBe(false)
  dispatch(world, operations, 'UpdateService', { service: 'web', propagateTags: 'ALL' }, warnings)
  expect(ran).toBe(true)
  expect(warnings).toEqual([expect.stringMatching(/^propagateTags: ALL is not a value/)])
})

test('an operation the simulator does not implement is an UnknownOperationException', () => {
  expect(() => dispatch(world, {}, 'CreateService', {}, [])).toThrow(
    expect.objectContaining({ type: 'UnknownOperationException' })
  )
})
