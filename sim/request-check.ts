/**
 * Checks a request body against its operation's input shape (api-model.ts) before the
 * operation sees it, the way an awsJson1_1 service deserializes first and validates after: a
 * wrong JSON type or an unknown member is a SerializationException, a missing required member
 * an InvalidParameterException. Enum values stay open, since a service learns values before its
 * SDK does: an undocumented one becomes a warning (sim/README.md, "Request checks").
 */
import { ECS_SDK, operationModel, type SdkPackage, sdkVersion, type Shape } from './api-model.js'
import { EcsError, invalidParameter } from './errors.js'
import type { JsonObject } from './protocol.js'

const INT_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 }

/** The JSON token names the SerializationException texts of AWS JSON services use. */
function token(value: unknown): string {
  if (value === true) return 'TRUE_VALUE'
  if (value === false) return 'FALSE_VALUE'
  if (typeof value === 'number') return 'NUMBER_VALUE'
  if (typeof value === 'string') return 'STRING_VALUE'
  return 'VALUE'
}

const TARGET_NAMES: Partial<Record<Shape['type'], string>> = {
  string: 'a String',
  boolean: 'a Boolean',
  integer: 'an Integer',
  long: 'a Long',
  double: 'a Double',
  number: 'a Number',
  timestamp: 'a Timestamp',
  blob: 'a Blob'
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

class Checker {
  readonly warnings: string[] = []
  /** The first required member found missing; reported once the whole body deserialized. */
  missing?: string

  /** `sdk` names the package and version whose model is checked, for the warnings. */
  constructor(private readonly sdk: string) {}

  private fail(path: string, text: string): never {
    throw new EcsError('SerializationException', `${path}: ${text}`)
  }

  /** A scalar of the wrong JSON type, in the wording of AWS JSON services. */
  private wrongScalar(path: string, value: unknown, shape: Shape): never {
    if (Array.isArray(value)) this.fail(path, 'Start of list found where not expected.')
    if (isObject(value)) this.fail(path, 'Start of structure or map found where not expected.')
    this.fail(path, `${token(value)} can not be converted to ${TARGET_NAMES[shape.type]}`)
  }

  private number(path: string, value: unknown, shape: Shape): void {
    if (typeof value !== 'number') this.wrongScalar(path, value, shape)
    const whole = shape.type === 'integer' || shape.type === 'long'
    const outOfRange =
      shape.type === 'integer'
        ? value < INT_RANGE.min || value > INT_RANGE.max
        : !Number.isSafeInteger(value)
    if (whole && (!Number.isInteger(value) || outOfRange)) {
      this.fail(path, `NUMBER_VALUE ${value} can not be converted to ${TARGET_NAMES[shape.type]}`)
    }
  }

  private string(path: string, value: unknown, shape: Shape): void {
    if (typeof value !== 'string') this.wrongScalar(path, value, shape)
    if (shape.enum && !shape.enum.includes(value)) {
      this.warnings.push(
        `${path}: ${value} is not a value ${this.sdk} documents (${shape.enum.join(', ')})`
      )
    }
  }

  private structure(path: string, value: unknown, shape: Shape, nested: boolean): void {
    if (!isObject(value)) {
      if (Array.isArray(value)) this.fail(path, 'Start of list found where not expected.')
      this.fail(path, 'Expected null')
    }
    const members = shape.members ?? {}
    const at = (key: string) => (path === '' ? key : `${path}.${key}`)
    for (const [key, member] of Object.entries(value)) {
      const memberShape = members[key]
      if (!memberShape) this.fail(at(key), `unknown member of ${shape.name}`)
      this.check(at(key), member, memberShape)
    }
    const present = Object.keys(value).filter(key => value[key] !== null)
    if (shape.type === 'union' && present.length !== 1) {
      this.fail(path, `${shape.name} is a union: exactly one member must be set`)
    }
    // Required top-level members are left to the operations, whose messages are ECS's.
    const missing =
      nested && shape.required?.find(key => value[key] === undefined || value[key] === null)
    if (missing && this.missing === undefined) {
      this.missing = `${at(missing)} can not be ${members[missing]?.type === 'string' ? 'blank' : 'null'}.`
    }
  }

  check(path: string, value: unknown, shape: Shape): void {
    if (value === null || value === undefined) return
    switch (shape.type) {
      case 'document':
        return
      case 'string': {
        this.string(path, value, shape)
        return
      }
      case 'blob':
        if (typeof value !== 'string') this.wrongScalar(path, value, shape)
        return
      case 'boolean':
        if (typeof value !== 'boolean') this.wrongScalar(path, value, shape)
        return
      case 'timestamp':
      case 'integer':
      case 'long':
      case 'double':
      case 'number': {
        this.number(path, value, shape)
        return
      }
      case 'list':
        if (!Array.isArray(value)) this.fail(path, 'Expected list or null')
        value.forEach((item, i) => this.check(`${path}[${i}]`, item, shape.member as Shape))
        return
      case 'map':
        if (!isObject(value)) this.fail(path, 'Expected map or null')
        for (const [key, item] of Object.entries(value)) {
          this.check(`${path}.${key}`, item, shape.member as Shape)
        }
        return
      case 'structure':
      case 'union': {
        this.structure(path, value, shape, path !== '')
        return
      }
    }
  }
}

/**
 * Throws what the service answers for a body that does not fit the operation's input shape;
 * returns warnings about enum values the installed SDK does not document.
 */
export function checkRequest(
  operation: string,
  input: JsonObject,
  sdk: SdkPackage = ECS_SDK
): string[] {
  const model = operationModel(operation, sdk)
  const version = `${sdk} ${sdkVersion(sdk)}`
  if (!model) throw new Error(`${version} has no operation ${operation}`)
  const checker = new Checker(version)
  checker.check('', input, model.input)
  if (checker.missing) throw invalidParameter(checker.missing)
  return checker.warnings
}
