import { describe, expect, it } from '@jest/globals'
import { productionStepLabel } from '../../src/model/production-steps.js'

const SHIFT = 'PRODUCTION_TRAFFIC_SHIFT'

describe('productionStepLabel', () => {
  it('names canary, linear and blue/green steps by the weight on the new revision', () => {
    const canary = { strategy: 'CANARY' }
    const linear = { strategy: 'LINEAR', linearStepPercent: 10 }
    expect(productionStepLabel(SHIFT, 0, canary)).toBe('starting')
    expect(productionStepLabel(SHIFT, 10, canary)).toBe('canary 10 %')
    expect(productionStepLabel(SHIFT, 100, canary)).toBe('→ 100 %')
    expect(productionStepLabel(SHIFT, 30, linear)).toBe('step 3 of 10')
    expect(productionStepLabel(SHIFT, 100, linear)).toBe('→ 100 %')
    expect(productionStepLabel(SHIFT, 100, { strategy: 'BLUE_GREEN' })).toBe('→ 100 %')
  })

  it('counts a last linear step that does not divide 100 as a step of its own', () => {
    const linear = { strategy: 'LINEAR', linearStepPercent: 30 }
    expect(productionStepLabel(SHIFT, 90, linear)).toBe('step 3 of 4')
  })

  it('falls back to the weight, and names no other stage', () => {
    expect(productionStepLabel(SHIFT, 12.34, { strategy: 'LINEAR' })).toBe('→ 12.3 %')
    expect(productionStepLabel('BAKE_TIME', 100, { strategy: 'CANARY' })).toBeUndefined()
    expect(productionStepLabel(SHIFT, undefined, { strategy: 'CANARY' })).toBeUndefined()
  })
})
