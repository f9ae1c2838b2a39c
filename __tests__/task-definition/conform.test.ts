import { beforeAll, describe, expect, it } from '@jest/globals'
import { registerTaskDefinitionShape, type Shape } from '../../src/ecs/api-schema.js'
import { conformToShape, ShapeMismatch } from '../../src/task-definition/conform.js'

let shape: Shape
beforeAll(async () => {
  shape = await registerTaskDefinitionShape()
})

const task = (container: Record<string, unknown>, fields: Record<string, unknown> = {}) => ({
  family: 'web',
  containerDefinitions: [{ name: 'app', image: 'web:1', ...container }],
  ...fields
})

function mismatch(value: unknown): ShapeMismatch {
  try {
    conformToShape(value, shape)
  } catch (error) {
    expect(error).toBeInstanceOf(ShapeMismatch)
    return error as ShapeMismatch
  }
  throw new Error('conformToShape accepted the value')
}

describe('conformToShape converts what YAML and JSON read to the types RegisterTaskDefinition declares', () => {
  it('numbers and booleans where strings belong become their text', () => {
    const { value, unknown } = conformToShape(
      task(
        {
          environment: [
            { name: 'PORT', value: 8080 },
            { name: 'DEBUG', value: false },
            { name: 'RATIO', value: 0.25 }
          ],
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-create-group': true, 'max-buffer-size': 25 }
          },
          dockerLabels: { version: 2 }
        },
        { cpu: 512, memory: 1024 }
      ),
      shape
    )
    expect(value).toEqual(
      task(
        {
          environment: [
            { name: 'PORT', value: '8080' },
            { name: 'DEBUG', value: 'false' },
            { name: 'RATIO', value: '0.25' }
          ],
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-create-group': 'true', 'max-buffer-size': '25' }
          },
          dockerLabels: { version: '2' }
        },
        { cpu: '512', memory: '1024' }
      )
    )
    expect(unknown).toEqual([])
  })

  it('decimal strings where numbers belong become numbers, "true"/"false" booleans', () => {
    const { value } = conformToShape(
      task({ cpu: '256', essential: 'true', portMappings: [{ containerPort: ' 8080 ' }] }),
      shape
    )
    expect(value).toEqual(
      task({ cpu: 256, essential: true, portMappings: [{ containerPort: 8080 }] })
    )
  })

  it('leaves values of the right type alone and null out, as the SDK does', () => {
    const given = task({ memoryReservation: 512, hostname: null }, { networkMode: 'awsvpc' })
    expect(conformToShape(given, shape).value).toEqual(
      task({ memoryReservation: 512 }, { networkMode: 'awsvpc' })
    )
  })

  it('lists members the API does not have, except those it is told to ignore, and leaves them out', () => {
    const { value, unknown } = conformToShape(
      task({ portMapping: [{ containerPort: 80 }] }, { revision: 3, serviceName: 'web' }),
      shape,
      ['revision']
    )
    expect(unknown).toEqual(['containerDefinitions[0].portMapping', 'serviceName'])
    expect(value).toEqual(task({}))
  })

  it.each([
    [
      'a word for a number',
      task({ portMappings: [{ containerPort: 'http' }] }),
      'containerDefinitions[0].portMappings[0].containerPort is a string; the API takes a number.'
    ],
    [
      'hexadecimal in a string for a number',
      task({ memory: '0x200' }),
      'containerDefinitions[0].memory is a string; the API takes a number.'
    ],
    [
      'a number for a list',
      task({ portMappings: 8080 }),
      'containerDefinitions[0].portMappings is a number; the API takes a list.'
    ],
    [
      'a list for a string',
      task({ image: ['web:1'] }),
      'containerDefinitions[0].image is a list; the API takes a string.'
    ],
    [
      'an object for a string',
      task({}, { cpu: { value: 1 } }),
      'cpu is an object; the API takes a string.'
    ],
    [
      'yes for a boolean',
      task({ essential: 'yes' }),
      'containerDefinitions[0].essential is a string; the API takes true or false.'
    ],
    [
      'a list for a map',
      task({ dockerLabels: ['a=b'] }),
      'containerDefinitions[0].dockerLabels is a list; the API takes a map of names to values.'
    ],
    [
      'an empty list element',
      task({ links: ['db', null] }),
      'containerDefinitions[0].links[1] is empty: remove it or give it a value.'
    ],
    [
      'a secret without valueFrom',
      task({ secrets: [{ name: 'DB', valueFrom: null }] }),
      'containerDefinitions[0].secrets[0].valueFrom is required.'
    ],
    [
      'a number too large to read exactly',
      task({ environment: [{ name: 'ID', value: 2 ** 64 }] }),
      'containerDefinitions[0].environment[0].value is a number too large to be read exactly: quote it.'
    ]
  ])('refuses %s, naming the member', (_why, value, message) => {
    expect(mismatch(value).message).toBe(message)
  })

  it('never quotes the value it refuses', () => {
    const error = mismatch(task({ environment: [{ name: 'TOKEN', value: { secret: 'hunter2' } }] }))
    expect(error.message).not.toContain('hunter2')
    expect(error.path).toBe('containerDefinitions[0].environment[0].value')
  })
})
