import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { annotations } from '../../scripts/runner.js'
import { BAD_INPUTS, removeBadInputFiles } from '../support/bad-inputs.js'
import { runAction, startE2eSimulator } from '../support/e2e.js'

/**
 * Bad input through the bundle, as the runner runs it: one case of each kind (the table
 * runs whole, in-process, in __tests__/commands/bad-input.test.ts). The job fails with an
 * ::error:: that names the input, and the simulator records no state-changing call.
 */
const SUBSET = new Set([
  'an unknown command',
  'a cluster name of 2000 characters',
  'a task definition file of 5 MiB',
  'a YAML billion-laughs task definition',
  'a JSON task definition nested 100 000 levels deep',
  'a container name with odd characters in the file',
  'a word for a container port in YAML',
  'a rendered task definition over 64 KiB',
  'a container-name the task definition lacks',
  'a 100 KiB variable value',
  'a bake-time of 1e309',
  'a canary-percent on a BLUE_GREEN service',
  'a switch to BLUE_GREEN without a bake time',
  'a timeout shorter than the linear steps need',
  'a test header on an ALB service',
  'a billion-laughs lifecycle-hooks list',
  'an unknown field in a hook',
  'a hook stage in the wrong case',
  'a pause at a traffic shift',
  "another service's deployment-arn",
  'a github-token with a space'
])
const cases = BAD_INPUTS.filter(([why]) => SUBSET.has(why))

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(async () => {
  await sim.close()
  removeBadInputFiles()
})
beforeEach(() => sim.clearCalls())

describe('the bundle refuses bad input and changes nothing in ECS', () => {
  it('runs every case it names', () => {
    expect(cases).toHaveLength(SUBSET.size)
  })

  it.each(cases)('rejects %s', async (_why, inputs, input, fragment) => {
    const run = await runAction({ ecsUrl: sim.url, inputs })
    expect(run.exitCode).toBe(1)
    const [headline] = annotations(run, 'error')
    expect(headline).toMatch(new RegExp(`^Input '${input}': `))
    expect(headline).toContain(fragment)
    expect(sim.mutatingCalls()).toEqual([])
  })
})
