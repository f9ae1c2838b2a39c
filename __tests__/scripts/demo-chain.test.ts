import { afterEach, beforeEach, expect, jest, test } from '@jest/globals'
import { chainDemo } from '../../scripts/demo-chain.js'

let printed: string[]
beforeEach(() => {
  printed = []
  jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    printed.push(parts.join(' '))
  })
})
afterEach(() => {
  jest.restoreAllMocks()
})

/** The lines printed after the one that starts with `title`, up to the next blank line. */
function block(title: string): string[] {
  const lines = printed.join('\n').split('\n')
  const start = lines.findIndex(line => line.startsWith(title))
  const end = lines.findIndex((line, i) => i > start && line.trim() === '')
  return lines.slice(start + 1, end < 0 ? undefined : end).map(line => line.trim())
}

test('npm run demo -- chain: the bundled action releases the chain, the hops show green and blue, promotion goes callee first and all bake together', async () => {
  expect(await chainDemo(400)).toBe(0)
  expect(block('A request with x-canary: green')).toEqual([
    'frontend  with x-canary  test route        → green frontend:2',
    'orders    with x-canary  test route        → green orders:2',
    'payments  with x-canary  test route        → green payments:2',
    'ledger    with x-canary  production route  → stable ledger:1  (not in this release)'
  ])
  expect(block('The same request without the header')).toEqual([
    'frontend  no header      production route  → blue frontend:1',
    'orders    no header      production route  → blue orders:1',
    'payments  no header      production route  → blue payments:1',
    'ledger    no header      production route  → stable ledger:1  (not in this release)'
  ])
  expect(block('If orders did not pass the header on').slice(2, 3)).toEqual([
    'payments  no header      production route  → blue payments:1'
  ])
  expect(printed.join('\n')).toContain(
    'Production traffic moved callee first: payments, then orders, then frontend.'
  )
  expect(printed.join('\n')).toContain(
    'Each was held after its production shift until all had shifted; then all baked together'
  )
  expect(printed.join('\n')).toContain('The chain scenario played out as expected.')
}, 120_000)
