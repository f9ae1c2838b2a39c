import { describe, expect, test } from '@jest/globals'
import { type Simulator, seedFilePath } from '../../sim/index.js'
import { useSimulator } from './helpers.js'

let sim: Simulator
useSimulator(s => ({ sim } = s), {
  seed: seedFilePath('chain')
})

async function get(path: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}${path}`)
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

describe('GET /_sim/route', () => {
  test('answers the hops of a request as routeRequest does, header given as name:value', async () => {
    const { status, json } = await get(
      '/_sim/route?service=frontend&cluster=shop&header=x-canary%3A%20green'
    )
    expect(status).toBe(200)
    expect(json).toEqual({
      hops: sim.routeRequest({
        service: 'frontend',
        cluster: 'shop',
        header: { name: 'x-canary', value: 'green' }
      })
    })
    expect(json.hops).toHaveLength(4)
  })

  test('needs no AWS signature and is no AWS call', async () => {
    const before = sim.calls.length
    expect((await get('/_sim/route?service=ledger')).status).toBe(200)
    expect(sim.calls).toHaveLength(before)
  })

  test.each([
    ['/_sim/route', 400, 'service is required'],
    [
      '/_sim/route?service=frontend&header=x-canary',
      400,
      'header must be name:value, got x-canary'
    ],
    ['/_sim/route?service=nowhere&cluster=shop', 400, 'Service not found.'],
    ['/_sim/routes', 404, 'No control endpoint /_sim/routes; there is /_sim/route']
  ])('%s answers %i', async (path, status, message) => {
    expect(await get(path)).toEqual({ status, json: { message } })
  })
})
