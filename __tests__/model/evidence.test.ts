import { expect, test } from '@jest/globals'
import { logLocation } from '../../src/model/evidence.js'

test('logLocation names the group and stream of awslogs, else where the output went', () => {
  expect(
    logLocation({ driver: 'awslogs', region: 'eu-west-1', group: '/ecs/web', stream: 'ecs/app/1' })
  ).toBe('/ecs/web › ecs/app/1')
  expect(logLocation({ driver: 'awslogs', region: 'eu-west-1', group: '/ecs/web' })).toBe(
    '/ecs/web'
  )
  expect(logLocation({ driver: 'splunk', where: 'Splunk at splunk.example.com' })).toBe(
    'Splunk at splunk.example.com (splunk)'
  )
})
