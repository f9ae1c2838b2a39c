import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { displayLog } from '../../scripts/runner.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'

let sim: Simulator
// Each production step holds its weight longer than a 1 s poll, so every step shows in the log.
beforeAll(async () => {
  sim = await startE2eSimulator({ timing: { stageMs: 300, minuteMs: 1100 } })
})
afterAll(() => sim.close())

describe('canary and linear releases', () => {
  it.each([
    ['CANARY', 'checkout', [20]],
    ['LINEAR', 'catalog', [25, 50, 75]]
  ])('takes a %s service through each production step', async (_strategy, service, steps) => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs(service, {
        'container-name': service,
        image: `${ECR}/${service}:2.0.0`
      })
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('SUCCESSFUL')
    const log = displayLog(run)
    for (const percent of steps) {
      expect(log).toContain(
        `new: test 100% · prod ${percent}% · tasks 2/2 | old: test 0% · prod ${100 - percent}% · tasks 2/2`
      )
    }
    // Each production step is named (the last one, with no step bake after it, can pass
    // between two polls).
    const [first = 0] = steps
    expect(run.summary).toContain(
      first === 20
        ? '<code>PRODUCTION_TRAFFIC_SHIFT</code> canary 20 %'
        : '<code>PRODUCTION_TRAFFIC_SHIFT</code> step 1 of 4'
    )
  })

  it('switches a service to CANARY with the settings given', async () => {
    const run = await runAction({
      ecsUrl: sim.url,
      inputs: deployInputs('api', {
        'container-name': 'api',
        image: `${ECR}/api:2.0.0`,
        strategy: 'CANARY',
        'canary-percent': '10',
        'canary-bake-time': '1',
        'bake-time': '0'
      })
    })
    expect(run.exitCode).toBe(0)
    expect(sim.describeService('api', 'demo').deploymentConfiguration).toMatchObject({
      strategy: 'CANARY',
      bakeTimeInMinutes: 0,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 }
    })
    expect(displayLog(run)).toContain(
      'new: test 100% · prod 10% · tasks 2/2 | old: test 0% · prod 90%'
    )
  })
})
