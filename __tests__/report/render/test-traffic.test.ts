import { describe, expect, it } from '@jest/globals'
import { curlCommands, testTrafficBlock } from '../../../src/report/render/test-traffic.js'
import { decodeEntities, html, pausedRelease, succeededRelease } from '../fixtures.js'

const ROUTE = { header: 'x-canary', value: 'green', endpoints: ['http://web.demo.local:80/'] }

describe('testTrafficBlock', () => {
  it('names the test header with a curl -H example while the release is paused', () => {
    const rendered = decodeEntities(
      html(testTrafficBlock(pausedRelease({ testTraffic: ROUTE })) ?? '')
    )

    expect(rendered).toContain('<code>x-canary: green</code>')
    expect(rendered).toContain("curl -H 'x-canary: green' http://web.demo.local:80/")
  })

  it('says nothing once the release moved on, or without a header route', () => {
    expect(testTrafficBlock(succeededRelease({ testTraffic: ROUTE }))).toBeUndefined()
    expect(testTrafficBlock(pausedRelease())).toBeUndefined()
  })

  it('quotes what a shell would read', () => {
    expect(
      curlCommands({ header: 'x-user', value: "o'brien $(id)", endpoints: ['http://a:80/'] })
    ).toEqual([`curl -H 'x-user: o'\\''brien $(id)' http://a:80/`])
  })

  it('leaves the value of ECS’s default header to the reader: ECS does not document it', () => {
    expect(
      curlCommands({ header: 'x-amzn-ecs-blue-green-test', endpoints: ['http://orders:80/'] })
    ).toEqual([`curl -H 'x-amzn-ecs-blue-green-test: <value>' http://orders:80/`])
  })
})
