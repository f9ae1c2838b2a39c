import { describe, expect, it } from '@jest/globals'
import { RegisterTaskDefinitionRequest$ } from '@aws-sdk/client-ecs'
import { readSchema, registerTaskDefinitionShape, type Shape } from '../../src/ecs/api-schema.js'

const member = (shape: Shape, ...path: string[]): Shape | undefined =>
  path.reduce<Shape | undefined>(
    (at, name) => (name === '[]' || name === '{}' ? at?.member : at?.members?.[name]),
    shape
  )

describe('the ECS API schema the SDK serializes with', () => {
  it('gives RegisterTaskDefinition its members, with the JSON type of each', async () => {
    const shape = await registerTaskDefinitionShape()
    expect(shape.type).toBe('structure')
    expect(Object.keys(shape.members ?? {})).toEqual(RegisterTaskDefinitionRequest$[4])
    expect(shape.required).toEqual(['family', 'containerDefinitions'])
    // cpu and memory are strings on the task, integers on a container.
    expect(member(shape, 'cpu')).toEqual({ type: 'string' })
    expect(member(shape, 'containerDefinitions', '[]', 'cpu')).toEqual({ type: 'number' })
    expect(member(shape, 'containerDefinitions', '[]', 'essential')).toEqual({ type: 'boolean' })
    expect(member(shape, 'containerDefinitions', '[]', 'environment', '[]')?.members).toEqual({
      name: { type: 'string' },
      value: { type: 'string' }
    })
    expect(
      member(shape, 'containerDefinitions', '[]', 'logConfiguration', 'options', '{}')
    ).toEqual({ type: 'string' })
    expect(member(shape, 'containerDefinitions', '[]', 'dockerLabels')?.type).toBe('map')
  })

  it('lets the reader refine each simple member by its path', () => {
    const seen: string[] = []
    readSchema(RegisterTaskDefinitionRequest$, (shape, path) => {
      seen.push(path)
      return shape
    })
    expect(seen).toContain('containerDefinitions[].portMappings[].containerPort')
    expect(seen).toContain('containerDefinitions[].dockerLabels{}')
    expect(seen).toContain('requiresCompatibilities[]')
  })
})
