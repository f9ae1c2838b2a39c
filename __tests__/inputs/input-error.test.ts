import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/inputs/input-error.js'

describe('InputError', () => {
  it('names the input in its message and keeps it for callers', () => {
    const error = new InputError('bake-time', "'x' is not a number.")
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('InputError')
    expect(error.input).toBe('bake-time')
    expect(error.message).toBe("Input 'bake-time': 'x' is not a number.")
  })
})
