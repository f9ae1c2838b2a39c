import { beforeAll, describe, expect, it } from '@jest/globals'
import { getInputs } from '../../src/inputs/inputs.js'
import { MAX_SERVICES, parseServices } from '../../src/inputs/services.js'
import { loadStructuredTextParser } from '../../src/inputs/structured-text.js'
import { inputReader } from '../support/command-context.js'

beforeAll(async () => {
  await loadStructuredTextParser()
})

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:2.0.0'

describe('the services input', () => {
  it('reads the services in call order, each item with the single-service inputs by their names', () => {
    const targets = parseServices(
      `
- service: gateway
  task-definition: deploy/gateway.json
- service: orders
  cluster: shop
  container-name: app
  image: ${IMAGE}
  environment-variables: |
    FEATURE=on
- service: payments
  task-definition: payments:7
`,
      'deploy',
      'prod'
    )
    expect(targets).toEqual([
      {
        service: 'gateway',
        cluster: 'prod',
        taskDefinition: 'deploy/gateway.json',
        taskDefinitionRevision: undefined,
        containerName: undefined,
        images: [],
        environmentVariables: []
      },
      {
        service: 'orders',
        cluster: 'shop',
        taskDefinition: undefined,
        taskDefinitionRevision: undefined,
        containerName: 'app',
        images: [{ container: 'app', image: IMAGE, input: 'container-name' }],
        environmentVariables: [{ name: 'FEATURE', value: 'on' }]
      },
      {
        service: 'payments',
        cluster: 'prod',
        taskDefinition: undefined,
        taskDefinitionRevision: 'payments:7',
        containerName: undefined,
        images: [],
        environmentVariables: []
      }
    ])
  })

  it.each([
    ['- service: web\n- cluster: prod', "Input 'services': item 2: needs 'service'"],
    [
      '- service: web\n- service: orders\n  image: nginx',
      "Input 'services': item 2 (orders): key 'image' needs container-name"
    ],
    [
      '- service: web\n  container-name: bad name',
      "Input 'services': item 1 (web): key 'container-name' 'bad name' is not a container name"
    ],
    ['- service: web\n  strategy: CANARY', "item 1 (web): 'strategy' is not a key of an item"],
    [
      '- service: web\n- service: web',
      "item 2 (web) lists service 'web' of cluster 'prod' a second time"
    ],
    ['service: web', 'must be a YAML list of services'],
    ['- web', 'item 1 is not a mapping'],
    [
      '- service: web\n  task-definition: web:3\n  images: app=nginx',
      "item 1 (web): key 'images' cannot change web:3, an existing revision"
    ]
  ])('names the item and key of a bad value: %j', (raw, message) => {
    expect(() => parseServices(raw, 'deploy', 'prod')).toThrow(message)
  })

  it('reads images given as a mapping', () => {
    expect(parseServices(`- service: web\n  images:\n    app: ${IMAGE}`, 'deploy', 'prod')).toEqual(
      [expect.objectContaining({ images: [{ container: 'app', image: IMAGE, input: 'images' }] })]
    )
  })

  it('takes only service and cluster for promote, rollback and status', () => {
    expect(() => parseServices('- service: web\n  image: nginx', 'promote', 'prod')).toThrow(
      "item 1 (web): key 'image' is only used by commands 'deploy' and 'plan'"
    )
    expect(parseServices('- service: web\n  cluster: shop', 'status', 'prod')).toEqual([
      expect.objectContaining({ service: 'web', cluster: 'shop' })
    ])
  })

  it(`takes at most ${MAX_SERVICES} services, as one DescribeServiceDeployments reads`, () => {
    const many = Array.from({ length: MAX_SERVICES + 1 }, (_, i) => `- service: s${i}`).join('\n')
    expect(() => parseServices(many, 'deploy', 'prod')).toThrow(
      `lists ${MAX_SERVICES + 1} services; one release takes at most ${MAX_SERVICES}`
    )
  })

  it('replaces the single-service inputs, which are refused beside it', () => {
    expect(() => getInputs(inputReader({ services: '- service: web', service: 'web' }))).toThrow(
      "Input 'service': is given with services"
    )
    expect(() => getInputs(inputReader({ services: '- service: web', image: IMAGE }))).toThrow(
      "Input 'image': is given with services"
    )
    expect(() => getInputs(inputReader({ service: 'web', 'release-name': 'shop' }))).toThrow(
      "Input 'release-name': names a release of several services"
    )
    expect(() => getInputs(inputReader({ command: 'render', services: '- service: web' }))).toThrow(
      "Input 'services': is not used by command 'render'"
    )
  })

  it('leaves a release of one service as it was', () => {
    const inputs = getInputs(inputReader({ service: 'web' }))
    expect(inputs.services).toBeUndefined()
    expect(inputs.releaseName).toBeUndefined()
  })
})
