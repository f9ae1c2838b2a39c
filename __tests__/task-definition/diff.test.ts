import { describe, expect, it } from '@jest/globals'
import { otherFieldChanges } from '../../src/task-definition/diff.js'

const base = {
  family: 'web',
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'app',
      image: 'web:1',
      cpu: 0,
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
      environment: [{ name: 'A', value: '1' }],
      command: ['serve', '--secret-flag']
    }
  ],
  volumes: []
}

describe('otherFieldChanges', () => {
  it('finds nothing where only images, environment and ECS defaults differ', () => {
    const file = {
      family: 'web',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: 'web:2',
          portMappings: [{ containerPort: 80 }],
          environment: [{ name: 'A', value: '2' }],
          command: ['serve', '--secret-flag']
        }
      ]
    }
    expect(otherFieldChanges(file, base)).toEqual([])
  })

  it('shows values of sizes and roles, and only the names of other fields', () => {
    const next = {
      ...base,
      memory: '1024',
      containerDefinitions: [{ ...base.containerDefinitions[0], command: ['serve', '--other'] }]
    }
    expect(otherFieldChanges(next, base)).toEqual([
      { field: 'memory', before: '512', after: '1024' },
      { field: 'containerDefinitions[app].command' }
    ])
  })

  it('names containers added and removed', () => {
    const next = { ...base, containerDefinitions: [{ name: 'proxy', image: 'envoy:1' }] }
    expect(otherFieldChanges(next, base)).toEqual([
      { field: 'containerDefinitions[app]', before: 'defined', after: 'none' },
      { field: 'containerDefinitions[proxy]', before: 'none', after: 'defined' }
    ])
  })
})
