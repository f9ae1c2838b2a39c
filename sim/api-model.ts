/**
 * The ECS API model the simulator checks requests against, read at run time from the installed
 * `@aws-sdk/client-ecs`, so an SDK update brings its new members along (sim/README.md, "Request
 * checks"). Two parts of the package hold it:
 *
 * - the schema the SDK serializes with (the `<Operation>$` exports of its CommonJS build): member
 *   names, nesting, required members and JSON types, read by src/ecs/api-schema.ts, which the
 *   action uses too;
 * - the SDK's generated command documentation (`dist-types/commands/<Operation>Command.d.ts`),
 *   for what that schema leaves out: integer versus double, the enum values, and the errors each
 *   operation declares (`@throws`).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import { joinPath, readSchema, type Shape } from '../src/ecs/api-schema.js'

export type { Shape, ShapeType } from '../src/ecs/api-schema.js'

export interface OperationModel {
  input: Shape
  /** The error types the API model declares for the operation. */
  errors: ReadonlySet<string>
}

const require = createRequire(import.meta.url)
const SDK_PACKAGE = '@aws-sdk/client-ecs'

/** What the generated documentation says about one member path (a.b[].c, map values as a{}). */
interface DocumentedMember {
  numeric?: 'integer' | 'long' | 'double'
  enum?: string[]
}

const NUMERIC_WIDTHS: Record<string, DocumentedMember['numeric']> = {
  int: 'integer',
  long: 'long',
  double: 'double',
  float: 'double'
}

function documentedValue(text: string): DocumentedMember | undefined {
  const width = /^Number\("(\w+)"\)$/.exec(text)?.[1]
  if (width) return { numeric: NUMERIC_WIDTHS[width] }
  const literals = text.split(' || ')
  if (literals.every(literal => /^"[^"]*"$/.test(literal))) {
    const values = literals.map(literal => literal.slice(1, -1))
    if (values[0] === 'STRING_VALUE' || values[0] === 'DOCUMENT_VALUE') return undefined
    return { enum: values }
  }
  return undefined
}

/**
 * Reads the example input of a command's documentation: one member per line, nested by
 * `key: {` / `key: [` and closed by `},` / `],`, leaves such as `Number("int")` or `"A" || "B"`.
 */
export function parseDocumentedInput(source: string): Map<string, DocumentedMember> {
  const lines = source.split('\n').map(line => line.replace(/^\s*\*\s?/, ''))
  const start = lines.findIndex(line => /^const input = \{ \/\/ \w+/.test(line))
  const members = new Map<string, DocumentedMember>()
  if (start < 0) return members
  const stack: string[] = []
  const path = () => stack.reduce(joinPath, '')
  for (const raw of lines.slice(start + 1)) {
    const line = raw.replace(/\s*\/\/.*$/, '').trim()
    if (line === '};') break
    if (line === '},' || line === '],') {
      stack.pop()
      continue
    }
    const keyed = /^(?:"<keys>"|(\w+)): (.*?),?$/.exec(line)
    const key = keyed ? (keyed[1] ?? '{}') : '[]'
    const value = keyed ? (keyed[2] ?? '') : line.replace(/,$/, '')
    if (value === '{' || value === '[') {
      stack.push(key)
      continue
    }
    const documented = documentedValue(value)
    if (documented) members.set(joinPath(path(), key), documented)
  }
  return members
}

/** The error names a command's documentation lists under `@throws`, without the base class. */
export function parseDeclaredErrors(source: string): Set<string> {
  const names = [...source.matchAll(/@throws \{@link (\w+)\}/g)].map(match => match[1] ?? '')
  return new Set(names.filter(name => name !== 'ECSServiceException'))
}

/** Numbers get their documented width, strings their documented enum values. */
function documentedRefinement(documented: Map<string, DocumentedMember>) {
  return (shape: Shape, path: string): Shape => {
    const member = documented.get(path)
    if (shape.type === 'number') return { type: member?.numeric ?? 'number' }
    if (shape.type === 'string' && member?.enum) return { type: 'string', enum: member.enum }
    return shape
  }
}

/** The installed SDK's version, which decides the members and enum values known. */
export function sdkVersion(): string {
  return (require(`${SDK_PACKAGE}/package.json`) as { version: string }).version
}

const models = new Map<string, OperationModel | undefined>()

/** The model of one operation, or undefined when the installed SDK has no such operation. */
export function operationModel(operation: string): OperationModel | undefined {
  if (models.has(operation)) return models.get(operation)
  const sdk = require(SDK_PACKAGE) as Record<string, unknown>
  const schema = sdk[`${operation}$`]
  let model: OperationModel | undefined
  if (Array.isArray(schema) && schema[0] === 9) {
    const docs = readFileSync(
      join(
        dirname(require.resolve(SDK_PACKAGE)),
        '..',
        'dist-types',
        'commands',
        `${operation}Command.d.ts`
      ),
      'utf8'
    )
    model = {
      input: readSchema(schema[4], documentedRefinement(parseDocumentedInput(docs))),
      errors: parseDeclaredErrors(docs)
    }
  }
  models.set(operation, model)
  return model
}
