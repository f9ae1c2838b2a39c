import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { actionInputNames } from '../../scripts/runner.js'
import { InputError } from '../../src/inputs/values.js'
import { MAX_INPUT_LENGTH } from '../../src/inputs/values.js'
import { commands } from '../../src/action/main.js'
import { BAD_INPUTS, removeBadInputFiles, web } from '../support/bad-inputs.js'
import { commandContext } from '../support/command-context.js'

/**
 * Every bad-input case, run the way run() runs a step (inputs parsed, then the command)
 * with the real SDK client talking to the simulator in this process. The bundle runs a
 * subset of them in __tests__/e2e/bad-input.test.ts.
 */

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(async () => {
  await sim.close()
  removeBadInputFiles()
})
beforeEach(() => sim.clearCalls())

/** The error the step would fail with, or undefined when the command went through. */
async function failureOf(given: Record<string, string>): Promise<unknown> {
  try {
    const ctx = commandContext(given, { ecsEndpoint: sim.url })
    await commands[ctx.inputs.command](ctx, ctx.release)
  } catch (error) {
    return error
  }
  return undefined
}

function expectInputError(error: unknown, input: string): InputError {
  expect(error).toBeInstanceOf(InputError)
  expect((error as InputError).input).toBe(input)
  expect((error as InputError).message).toMatch(new RegExp(`^Input '${input}': `))
  return error as InputError
}

describe('bad input is refused before anything in ECS changes', () => {
  it('has at least 40 cases, covering every input action.yml declares', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40)
    expect(new Set(BAD_INPUTS.map(([, , input]) => input))).toEqual(new Set(actionInputNames()))
  })

  it.each(BAD_INPUTS)('rejects %s', async (_why, given, input, fragment) => {
    const error = expectInputError(await failureOf(given), input)
    expect(error.message).toContain(fragment)
    expect(error.message.length).toBeLessThan(1000)
    expect(sim.mutatingCalls()).toEqual([])
  })
})

describe('a 10 MiB value, more than any runner can pass in an environment variable', () => {
  const HUGE = 'x'.repeat(10 * 1024 * 1024)

  it.each(actionInputNames())('is refused for %s, quoted in part at most', async name => {
    const started = Date.now()
    const error = expectInputError(await failureOf(web({ [name]: HUGE })), name)
    expect(error.message).toBe(
      `Input '${name}': is ${HUGE.length} characters long; at most ${MAX_INPUT_LENGTH} are accepted.`
    )
    expect(Date.now() - started).toBeLessThan(2000)
    expect(sim.calls).toEqual([])
  })
})
