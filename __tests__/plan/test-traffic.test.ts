import { describe, expect, it } from '@jest/globals'
import {
  defaultTestTrafficRoute,
  describeTestTraffic,
  testTrafficRoute
} from '../../src/plan/test-traffic.js'

const header = (name: string, exact: string) => ({ header: { name, value: { exact } } })

describe('testTrafficRoute', () => {
  it('reads the header rule and the client aliases that apply it', () => {
    const route = testTrafficRoute({
      enabled: true,
      services: [
        {
          portName: 'http',
          discoveryName: 'web',
          clientAliases: [
            { port: 80, dnsName: 'web.demo.local', testTrafficRules: header('x-canary', 'green') },
            { port: 8080, testTrafficRules: header('x-canary', 'green') }
          ]
        }
      ]
    })
    expect(route).toEqual({
      header: 'x-canary',
      value: 'green',
      endpoints: ['http://web.demo.local:80/', 'http://web:8080/']
    })
    expect(describeTestTraffic(route!)).toBe(
      'requests with header x-canary: green on http://web.demo.local:80/, http://web:8080/ reach the new revision'
    )
  })

  it('has nothing to say without Service Connect or a header rule', () => {
    expect(testTrafficRoute(undefined)).toBeUndefined()
    expect(
      testTrafficRoute({
        enabled: true,
        services: [{ portName: 'http', clientAliases: [{ port: 80 }] }]
      })
    ).toBeUndefined()
  })
})

describe('defaultTestTrafficRoute', () => {
  it('is ECS’s default header on every client alias of a service without rules, with no documented value', () => {
    const route = defaultTestTrafficRoute({
      enabled: true,
      services: [{ portName: 'http', discoveryName: 'orders', clientAliases: [{ port: 80 }] }]
    })
    expect(route).toEqual({
      header: 'x-amzn-ecs-blue-green-test',
      endpoints: ['http://orders:80/']
    })
    expect(describeTestTraffic(route!)).toBe(
      "requests with header x-amzn-ecs-blue-green-test (ECS's default; its match value is not documented) on http://orders:80/ reach the new revision"
    )
  })

  it('is nothing for a service with a rule of its own, or without Service Connect aliases', () => {
    expect(
      defaultTestTrafficRoute({
        enabled: true,
        services: [
          {
            portName: 'http',
            clientAliases: [{ port: 80, testTrafficRules: header('x-canary', 'green') }]
          }
        ]
      })
    ).toBeUndefined()
    expect(
      defaultTestTrafficRoute({ enabled: true, services: [{ portName: 'http' }] })
    ).toBeUndefined()
    expect(defaultTestTrafficRoute({ enabled: false })).toBeUndefined()
  })
})
