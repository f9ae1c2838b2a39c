import { describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs'
import { ServiceEventStream } from '../../src/diagnose/service-events.js'
import { createEcsPort } from '../../src/ecs/client.js'
import { serviceConnectService } from '../support/ecs-fixtures.js'
import { serviceEvents } from '../fixtures/failures.js'

describe('ServiceEventStream', () => {
  it('hands out events since the release started, each once, oldest first, reading every 30 s at most', async () => {
    const mock = mockClient(ECSClient)
    const ecs = createEcsPort(
      new ECSClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' }
      }),
      'us-east-1'
    )
    const first = serviceEvents(
      ['2026-11-25T11:00:00Z', '(service web) has reached a steady state.'],
      ['2026-11-25T12:00:10Z', '(service web) has started 2 tasks: (task a1) (task a2).']
    )
    const later = serviceEvents(
      ['2026-11-25T11:00:00Z', '(service web) has reached a steady state.'],
      ['2026-11-25T12:00:10Z', '(service web) has started 2 tasks: (task a1) (task a2).'],
      ['2026-11-25T12:00:40Z', '(service web) registered 2 targets in (target-group green)'],
      ['2026-11-25T12:00:41Z', '(service web) has reached a steady state.']
    ).map((event, index) => ({ ...event, id: `later-${index}` }))
    mock
      .on(DescribeServicesCommand)
      .resolvesOnce({ services: [serviceConnectService({ events: first })] })
      .resolves({
        services: [serviceConnectService({ events: [...later.slice(0, 2), ...first] })]
      })
    const stream = new ServiceEventStream(ecs, 'demo', 'web', new Date('2026-11-25T12:00:00Z'))
    const at = (seconds: number) => new Date(Date.parse('2026-11-25T12:00:00Z') + seconds * 1000)

    expect((await stream.poll(at(15))).map(event => event.message)).toEqual([
      '(service web) has started 2 tasks: (task a1) (task a2).'
    ])
    expect(await stream.poll(at(30))).toEqual([])
    expect(mock.commandCalls(DescribeServicesCommand)).toHaveLength(1)
    expect((await stream.poll(at(31), true)).map(event => event.message)).toEqual([
      '(service web) registered 2 targets in (target-group green)',
      '(service web) has reached a steady state.'
    ])
    expect(stream.history).toHaveLength(3)
    mock.restore()
  })

  it('keeps events of the same instant in the order ECS logged them', async () => {
    const mock = mockClient(ECSClient)
    const ecs = createEcsPort(
      new ECSClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' }
      }),
      'us-east-1'
    )
    const events = serviceEvents(
      [
        '2026-11-25T12:02:00Z',
        '(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.'
      ],
      ['2026-11-25T12:02:00Z', '(service web) rolling back to deployment ecs-svc/1.']
    )
    mock.on(DescribeServicesCommand).resolves({ services: [serviceConnectService({ events })] })
    const stream = new ServiceEventStream(ecs, 'demo', 'web', new Date('2026-11-25T12:00:00Z'))
    expect(
      (await stream.poll(new Date('2026-11-25T12:03:00Z'))).map(event => event.message)
    ).toEqual([
      '(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.',
      '(service web) rolling back to deployment ecs-svc/1.'
    ])
    mock.restore()
  })
})
