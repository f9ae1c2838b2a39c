import { operationModel, type Shape } from '../../sim/api-model.js'

/**
 * A value with every member of `shape` set, each string different (named after its path)
 * unless the SDK documents enum values for it: for round trips that must lose nothing,
 * including members added by an SDK update. A union gets its first member.
 */
export function sampleOf(shape: Shape, path = 'sample'): unknown {
  switch (shape.type) {
    case 'structure':
      return Object.fromEntries(
        Object.entries(shape.members ?? {}).map(([name, member]) => [
          name,
          sampleOf(member, `${path}.${name}`)
        ])
      )
    case 'union': {
      const [name, member] = Object.entries(shape.members ?? {})[0] ?? []
      return name && member ? { [name]: sampleOf(member, `${path}.${name}`) } : {}
    }
    case 'list':
      return [sampleOf(shape.member ?? { type: 'string' }, `${path}[0]`)]
    case 'map':
      return { key: sampleOf(shape.member ?? { type: 'string' }, `${path}.key`) }
    case 'string':
      return shape.enum?.[0] ?? path
    case 'boolean':
      return true
    case 'double':
      return 7.5
    case 'timestamp':
      return new Date('2026-12-01T00:00:00Z')
    case 'document':
      return { sample: path }
    default:
      return 7
  }
}

/** The shape of one member of an operation's input, e.g. UpdateService's serviceConnectConfiguration. */
export function inputMemberShape(operation: string, member: string): Shape {
  const shape = operationModel(operation)?.input.members?.[member]
  if (!shape) throw new Error(`${operation} has no input member ${member}`)
  return shape
}
