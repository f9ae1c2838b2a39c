import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import {
  LOGS_SDK,
  operationModel,
  parseDeclaredErrors,
  parseDocumentedInput,
  type Shape
} from '../../sim/api-model.js'
import { OPERATIONS } from '../../sim/operations/index.js'

const require = createRequire(import.meta.url)
const commandDocs = (operation: string): string =>
  readFileSync(
    join(
      dirname(require.resolve('@aws-sdk/client-ecs')),
      '..',
      'dist-types',
      'commands',
      `${operation}Command.d.ts`
    ),
    'utf8'
  )

/** Every member path of a shape, as the documentation parser names them. */
function paths(shape: Shape, path = ''): Map<string, Shape> {
  const found = new Map<string, Shape>()
  const add = (child: Shape, childPath: string) => {
    found.set(childPath, child)
    for (const [key, value] of paths(child, childPath)) found.set(key, value)
  }
  if (shape.type === 'list' && shape.member) add(shape.member, `${path}[]`)
  if (shape.type === 'map' && shape.member) add(shape.member, `${path}{}`)
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    add(member, path === '' ? name : `${path}.${name}`)
  }
  return found
}

const member = (operation: string, path: string): Shape | undefined =>
  paths(operationModel(operation)?.input as Shape).get(path)

describe('the model read from the installed SDK', () => {
  test('has the members, widths, enum values and required members of UpdateService', () => {
    expect(
      member('UpdateService', 'deploymentConfiguration.canaryConfiguration.canaryPercent')
    ).toEqual({ type: 'double' })
    expect(member('UpdateService', 'deploymentConfiguration.bakeTimeInMinutes')).toEqual({
      type: 'integer'
    })
    expect(member('UpdateService', 'deploymentConfiguration.strategy')?.enum).toEqual(
      expect.arrayContaining(['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'])
    )
    expect(
      member('UpdateService', 'deploymentConfiguration.lifecycleHooks[].lifecycleStages[]')?.enum
    ).toContain('PRE_PRODUCTION_TRAFFIC_SHIFT')
    expect(
      member('UpdateService', 'deploymentConfiguration.deploymentCircuitBreaker')?.required
    ).toEqual(['enable', 'rollback'])
    expect(member('UpdateService', 'deploymentConfiguration.lifecycleHooks[].hookDetails')).toEqual(
      {
        type: 'document'
      }
    )
    expect(member('UpdateService', 'deploymentConfiguration.earlySuccessCriteria')?.type).toBe(
      'structure'
    )
    expect(operationModel('UpdateService')?.input.required).toEqual(['service'])
    expect(member('ListServiceDeployments', 'createdAt.after')).toEqual({ type: 'timestamp' })
    expect(member('RegisterTaskDefinition', 'containerDefinitions[].dockerLabels{}')).toEqual({
      type: 'string'
    })
    expect(
      member('UpdateService', 'serviceConnectConfiguration.containerConfigurations[]')?.type
    ).toBe('union')
  })

  test.each(Object.keys(OPERATIONS))(
    '%s: the schema and the generated documentation agree on every member',
    operation => {
      const model = operationModel(operation)
      expect(model).toBeDefined()
      const schemaPaths = paths(model?.input as Shape)
      const documented = parseDocumentedInput(commandDocs(operation))
      expect([...documented.keys()].filter(path => !schemaPaths.has(path))).toEqual([])
      // Every number got its width from the documentation.
      expect([...schemaPaths].filter(([, shape]) => shape.type === 'number')).toEqual([])
    }
  )

  test('declared errors come from the documentation of each command', () => {
    expect(operationModel('StopServiceDeployment')?.errors).toContain('ConflictException')
    expect(operationModel('ContinueServiceDeployment')?.errors).not.toContain('ConflictException')
    expect(operationModel('ContinueServiceDeployment')?.errors).toContain(
      'ServiceDeploymentNotFoundException'
    )
    expect(operationModel('UpdateService')?.errors).not.toContain('ECSServiceException')
  })

  test('an operation the SDK does not have has no model', () => {
    expect(operationModel('LaunchRockets')).toBeUndefined()
  })

  test('CloudWatch Logs comes from its own SDK: GetLogEvents, its widths and errors', () => {
    const model = operationModel('GetLogEvents', LOGS_SDK)
    expect(Object.keys(model?.input.members ?? {})).toEqual(
      expect.arrayContaining(['logGroupName', 'logGroupIdentifier', 'logStreamName', 'limit'])
    )
    expect(model?.input.members?.limit).toEqual({ type: 'integer' })
    expect(model?.input.members?.startTime).toEqual({ type: 'long' })
    expect(model?.input.required).toEqual(['logStreamName'])
    expect([...(model?.errors ?? [])].sort()).toEqual([
      'InvalidParameterException',
      'ResourceNotFoundException',
      'ServiceUnavailableException'
    ])
    expect(operationModel('GetLogEvents')).toBeUndefined()
  })
})

describe('reading the documentation', () => {
  const docs = [
    ' * const input = { // ExampleRequest',
    ' *   name: "STRING_VALUE", // required',
    ' *   count: Number("long"),',
    ' *   kinds: [ // KindList',
    ' *     "A" || "B",',
    ' *   ],',
    ' *   items: [ // ItemList',
    ' *     { // Item',
    ' *       only: "s3", // required',
    ' *       labels: { // LabelMap',
    ' *         "<keys>": Number("double"),',
    ' *       },',
    ' *     },',
    ' *   ],',
    ' * };',
    ' * const input = {',
    ' *   name: "an example, not the shape",',
    ' * };',
    ' * @throws {@link ClientException} (client fault)',
    ' * @throws {@link ECSServiceException}'
  ].join('\n')

  test('names each documented member by its path', () => {
    expect(Object.fromEntries(parseDocumentedInput(docs))).toEqual({
      count: { numeric: 'long' },
      'kinds[]': { enum: ['A', 'B'] },
      'items[].only': { enum: ['s3'] },
      'items[].labels{}': { numeric: 'double' }
    })
  })

  test('lists the declared errors without the base class', () => {
    expect([...parseDeclaredErrors(docs)]).toEqual(['ClientException'])
  })
})
