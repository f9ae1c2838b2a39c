import { expect, test } from '@jest/globals'
import { environmentLines, formatCall, formatTransition, parseCliArgs } from '../../sim/cli-args.js'

test('parses the flags, with defaults for a watchable demo', () => {
  expect(parseCliArgs([])).toEqual({ port: 4599, stageMs: 2000, minuteMs: 5000, help: false })
  expect(
    parseCliArgs(['--seed', 's.yaml', '--port', '0', '--stage-ms', '3000', '--minute-ms', '10000'])
  ).toEqual({
    seed: 's.yaml',
    port: 0,
    stageMs: 3000,
    minuteMs: 10000,
    help: false
  })
  expect(parseCliArgs(['--help']).help).toBe(true)
})

test('rejects unknown flags, missing values and bad numbers', () => {
  expect(() => parseCliArgs(['--colour', 'red'])).toThrow('Unknown option --colour')
  expect(() => parseCliArgs(['--port'])).toThrow('--port needs a value')
  expect(() => parseCliArgs(['--stage-ms', 'fast'])).toThrow(
    '--stage-ms must be a non-negative integer, got fast'
  )
})

test('prints the environment the SDK needs and one line per call and transition', () => {
  expect(environmentLines('http://127.0.0.1:4599', 'us-east-1')).toEqual([
    'export AWS_ENDPOINT_URL_ECS=http://127.0.0.1:4599',
    'export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://127.0.0.1:4599',
    'export AWS_REGION=us-east-1',
    'export AWS_ACCESS_KEY_ID=simulator',
    'export AWS_SECRET_ACCESS_KEY=simulator',
    'unset AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'
  ])
  const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678)
  expect(
    formatCall({
      operation: 'UpdateService',
      input: { cluster: 'demo', service: 'web' },
      at,
      outcome: 'ok',
      requestId: 'r'
    })
  ).toBe('03:04:05.678 call UpdateService web ok')
  expect(
    formatCall({
      operation: 'UpdateService',
      input: { service: 'web', propagateTags: 'ALL' },
      at,
      outcome: 'ok',
      requestId: 'r',
      warnings: ['propagateTags: ALL is not a value the SDK documents']
    })
  ).toBe(
    '03:04:05.678 call UpdateService web ok (warning: propagateTags: ALL is not a value the SDK documents)'
  )
  expect(
    formatTransition({
      deploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/abc',
      cluster: 'demo',
      service: 'web',
      status: 'IN_PROGRESS',
      stage: 'PRODUCTION_TRAFFIC_SHIFT',
      phase: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
      atMs: at
    })
  ).toBe(
    '03:04:05.678 deployment demo/web abc IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT (PRE_PRODUCTION_TRAFFIC_SHIFT)'
  )
})
