import { describe, expect, it } from '@jest/globals'
import { changedOnly, type OutputName, setDeploymentOutputs } from '../../src/model/outputs.js'
import { type HookRecord, newRelease, type Release } from '../../src/model/release.js'

const ARN = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/abc'
const now = new Date('2025-06-01T12:00:00Z')

function recorder() {
  const writes: [OutputName, string][] = []
  return { writes, outputs: changedOnly((name, value) => writes.push([name, value])) }
}

const release = (fields: Partial<Release> = {}): Release =>
  newRelease(
    {
      command: 'deploy',
      cluster: 'prod',
      service: 'web',
      github: {
        serverUrl: 'https://github.com',
        repository: 'o/r',
        runId: '1',
        eventName: 'push',
        sha: 'abc'
      },
      ...fields
    },
    now
  )
const hook = (hookId: string, status: string): HookRecord => ({
  hookId,
  status,
  targetType: 'PAUSE',
  firstSeenAt: now,
  updatedAt: now
})

describe('changedOnly', () => {
  it('writes a value only when it differs from the last one written for that output', () => {
    const { writes, outputs } = recorder()
    outputs.set('status', 'PENDING')
    outputs.set('status', 'PENDING')
    outputs.set('lifecycle-stage', 'PENDING')
    outputs.set('status', 'IN_PROGRESS')
    outputs.set('status', 'PENDING')
    outputs.set('hook-id', '')
    outputs.set('hook-id', '')
    expect(writes).toEqual([
      ['status', 'PENDING'],
      ['lifecycle-stage', 'PENDING'],
      ['status', 'IN_PROGRESS'],
      ['status', 'PENDING'],
      ['hook-id', '']
    ])
  })
})

describe('setDeploymentOutputs', () => {
  it('sets the deployment ARN, status, stage and the hook awaiting action', () => {
    const { writes, outputs } = recorder()
    setDeploymentOutputs(
      outputs,
      release({
        deploymentArn: ARN,
        status: 'IN_PROGRESS',
        stage: 'POST_TEST_TRAFFIC_SHIFT',
        hooks: [hook('h-done', 'SUCCEEDED'), hook('h-wait', 'AWAITING_ACTION')]
      })
    )
    expect(writes).toEqual([
      ['service-deployment-arn', ARN],
      ['status', 'IN_PROGRESS'],
      ['lifecycle-stage', 'POST_TEST_TRAFFIC_SHIFT'],
      ['hook-id', 'h-wait']
    ])
  })

  it('clears hook-id once no hook awaits action, and writes nothing unknown', () => {
    const { writes, outputs } = recorder()
    const paused = release({
      deploymentArn: ARN,
      status: 'IN_PROGRESS',
      hooks: [hook('h1', 'AWAITING_ACTION')]
    })
    setDeploymentOutputs(outputs, paused)
    setDeploymentOutputs(outputs, { ...paused, hooks: [hook('h1', 'SUCCEEDED')] })
    setDeploymentOutputs(outputs, { ...paused, hooks: [hook('h1', 'SUCCEEDED')] })
    expect(writes).toEqual([
      ['service-deployment-arn', ARN],
      ['status', 'IN_PROGRESS'],
      ['hook-id', 'h1'],
      ['hook-id', '']
    ])
  })

  it('sets only hook-id, empty, before the deployment is known', () => {
    const { writes, outputs } = recorder()
    setDeploymentOutputs(outputs, release())
    expect(writes).toEqual([['hook-id', '']])
  })
})
