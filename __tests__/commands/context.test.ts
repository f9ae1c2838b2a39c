import { describe, expect, it } from '@jest/globals'
import { changeService, inGroup } from '../../src/commands/context.js'
import { commandContext } from '../support/command-context.js'

const BASE = { command: 'promote', service: 'web', cluster: 'demo' }

/** An error shaped like the ones the AWS SDK throws. */
function awsError(name: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(name), { name, ...fields })
}

describe('changeService', () => {
  it('records on the release that the service was changed', async () => {
    const ctx = commandContext(BASE)
    expect(
      await changeService(ctx, ctx.release, 'ContinueServiceDeployment', async () => 'ok')
    ).toBe('ok')
    expect(ctx.release.changedService).toBe(true)
  })

  it('records no change when ECS refused the request', async () => {
    const ctx = commandContext(BASE)
    const refusal = awsError('InvalidParameterException', {
      $fault: 'client',
      $metadata: { httpStatusCode: 400 }
    })
    await expect(
      changeService(ctx, ctx.release, 'ContinueServiceDeployment', () => Promise.reject(refusal))
    ).rejects.toBe(refusal)
    expect(ctx.release.changedService).toBe(false)
  })

  it('keeps a change made earlier in the run when a later request is refused', async () => {
    const ctx = commandContext(BASE)
    ctx.release.changedService = true
    const refusal = awsError('ConflictException', { $fault: 'client' })
    await expect(
      changeService(ctx, ctx.release, 'StopServiceDeployment', () => Promise.reject(refusal))
    ).rejects.toBe(refusal)
    expect(ctx.release.changedService).toBe(true)
  })

  it('counts a request whose answer was lost as a change: ECS may have carried it out', async () => {
    const ctx = commandContext(BASE)
    const lost = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    await expect(
      changeService(ctx, ctx.release, 'UpdateService', () => Promise.reject(lost))
    ).rejects.toBe(lost)
    expect(ctx.release.changedService).toBe(true)
  })

  it('sends nothing once the job is being cancelled', async () => {
    const abort = new AbortController()
    abort.abort()
    const ctx = commandContext(BASE, { signal: abort.signal })
    let sent = false
    await expect(
      changeService(ctx, ctx.release, 'UpdateService', async () => {
        sent = true
      })
    ).rejects.toThrow(
      'The job was cancelled before UpdateService was sent: the service was left as it was.'
    )
    expect(sent).toBe(false)
    expect(ctx.release.changedService).toBe(false)
  })
})

describe('inGroup', () => {
  it('closes the group when the work throws', async () => {
    const ctx = commandContext(BASE)
    await expect(
      inGroup(ctx.log, 'Start deployment', () => Promise.reject(new Error('boom')))
    ).rejects.toThrow('boom')
    expect(ctx.log.lines).toEqual(['group: Start deployment', 'endgroup'])
  })
})
