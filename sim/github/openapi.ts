import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import formats from 'ajv-formats'

/**
 * GitHub's own description of its REST API (github/rest-api-description, as @octokit/openapi
 * ships it, the release @octokit/core's types are generated from): what the fake accepts and
 * what it may answer. Its api.github.com description is API version 2022-11-28, the one GitHub
 * serves when a request names none (https://docs.github.com/rest/about-the-rest-api/api-versions);
 * what later versions change is marked `x-github-breaking-changes`.
 *
 * Reading the description (13 MB of JSON) and compiling a schema take long, so both happen
 * once, on first use, and only for the operations, components and API versions a test reaches.
 */

export const DEFAULT_API_VERSION = '2022-11-28'

type Json = Record<string, unknown>

interface Parameter {
  name: string
  in: string
  required?: boolean
  schema: Json
}

interface Operation {
  parameters?: Json[]
  requestBody?: { content: Record<string, { schema: Json }> }
  responses: Record<string, Json>
  externalDocs?: { url: string }
}

interface Description {
  paths: Record<string, Record<string, Operation>>
  components: Record<string, Record<string, Json>>
}

interface BreakingChange {
  version: string
  patch: Json
}

/** A refusal worded as GitHub words it. */
export interface Refusal {
  status: 404 | 422
  message: string
}

let description: Description | undefined
let versions: string[] | undefined
/** Components and operations as an API version has them, by `<version> <pointer>`. */
const versioned = new Map<string, Json>()
const compilers = new Map<string, { ajv: Ajv; added: Set<string> }>()
const validators = new Map<string, ValidateFunction>()

function load(): Description {
  if (!description) {
    const file = createRequire(import.meta.url).resolve(
      '@octokit/openapi/generated/api.github.com.json'
    )
    description = JSON.parse(readFileSync(file, 'utf8')) as Description
  }
  return description
}

/** The API versions GitHub accepts in X-GitHub-Api-Version, newest first. */
export function supportedApiVersions(): string[] {
  if (!versions) {
    const found = new Set([DEFAULT_API_VERSION])
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(collect)
      } else if (isObject(node)) {
        for (const change of breakingChanges(node)) found.add(change.version)
        Object.values(node).forEach(collect)
      }
    }
    collect(load())
    versions = [...found].sort().reverse()
  }
  return versions
}

/** A component (`schemas/check-run`) or operation (`paths/<path>/<method>`) in `version`. */
function described(version: string, pointer: string[]): Json {
  const key = `${version} ${pointer.join(' ')}`
  let node = versioned.get(key)
  if (!node) {
    let base: unknown = load()
    for (const step of pointer) base = isObject(base) ? base[step] : undefined
    if (!isObject(base)) throw new Error(`GitHub's description has no ${pointer.join('/')}`)
    node = forValidation(withChanges(base, version) as Json)
    versioned.set(key, node)
  }
  return node
}

function component(version: string, ref: string): Json {
  return described(version, ['components', ...ref.replace('#/components/', '').split('/')])
}

function operation(version: string, method: string, path: string): Operation {
  return described(version, ['paths', path, method.toLowerCase()]) as unknown as Operation
}

/** A copy of `node` with the `x-github-breaking-changes` of versions up to `version` applied. */
function withChanges(node: unknown, version: string): unknown {
  if (Array.isArray(node)) return node.map(item => withChanges(item, version))
  if (!isObject(node)) return node
  let copy: Json = {}
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'x-github-breaking-changes') copy[key] = withChanges(value, version)
  }
  for (const change of breakingChanges(node)) {
    if (change.version <= version) copy = mergePatch(copy, change.patch)
  }
  return copy
}

/** JSON merge patch (RFC 7396), the form of each `x-github-breaking-changes` patch. */
function mergePatch(target: Json, patch: Json): Json {
  const merged: Json = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(merged, key)
    else if (isObject(value) && isObject(merged[key])) merged[key] = mergePatch(merged[key], value)
    else merged[key] = value
  }
  return merged
}

function breakingChanges(node: Json): BreakingChange[] {
  const changes = node['x-github-breaking-changes']
  return Array.isArray(changes) ? (changes as BreakingChange[]) : []
}

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable` admits null, which an `enum` must then list
 * (Ajv's docs on `nullable`); references point at the components as Ajv knows them (REF).
 */
function forValidation(node: Json): Json {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk)
    if (!isObject(value)) return value
    const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]))
    if (typeof copy.$ref === 'string') copy.$ref = copy.$ref.replace('#/components/', REF)
    if (copy.nullable === true && Array.isArray(copy.enum) && !copy.enum.includes(null)) {
      copy.enum = [...(copy.enum as unknown[]), null]
    }
    return copy
  }
  return walk(node) as Json
}

const REF = 'github:'

/** GitHub's documentation page of an operation, which its error answers link to. */
export function documentationUrl(method: string, path: string): string {
  return (
    operation(DEFAULT_API_VERSION, method, path).externalDocs?.url ?? 'https://docs.github.com/rest'
  )
}

/** Parameters arrive as strings, read as their schemas' types; bodies are JSON as sent. */
type Reading = 'parameters' | 'json'

function validator(
  version: string,
  reading: Reading,
  key: string,
  schema: () => Json
): ValidateFunction {
  const cacheKey = `${version} ${reading} ${key}`
  let validate = validators.get(cacheKey)
  if (!validate) {
    const compiler = compilerFor(version, reading)
    const root = schema()
    addReferenced(compiler, version, root)
    validate = compiler.ajv.compile(root)
    validators.set(cacheKey, validate)
  }
  return validate
}

function compilerFor(version: string, reading: Reading): { ajv: Ajv; added: Set<string> } {
  const key = `${version} ${reading}`
  let compiler = compilers.get(key)
  if (!compiler) {
    // Not strict: the description uses OpenAPI's own keywords (example, discriminator, x-…).
    // Verbose: GitHub's messages quote the offending value.
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      verbose: true,
      coerceTypes: reading === 'parameters'
    })
    formats.default(ajv)
    compiler = { ajv, added: new Set() }
    compilers.set(key, compiler)
  }
  return compiler
}

/** Gives Ajv the components `schema` refers to, and theirs, once each. */
function addReferenced(
  compiler: { ajv: Ajv; added: Set<string> },
  version: string,
  schema: Json
): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit)
    } else if (isObject(node)) {
      const ref = node.$ref
      if (typeof ref === 'string' && ref.startsWith(REF) && !compiler.added.has(ref)) {
        compiler.added.add(ref)
        const target = component(version, `#/components/${ref.slice(REF.length)}`)
        compiler.ajv.addSchema(target, ref)
        visit(target)
      }
      Object.values(node).forEach(visit)
    }
  }
  visit(schema)
}

function resolved(node: Json, version: string): Json {
  return typeof node.$ref === 'string'
    ? component(version, node.$ref.replace(REF, '#/components/'))
    : node
}

function parameterSchema(
  method: string,
  path: string,
  where: 'path' | 'query',
  version: string
): Json {
  const parameters = (operation(version, method, path).parameters ?? [])
    .map(parameter => resolved(parameter, version) as unknown as Parameter)
    .filter(parameter => parameter.in === where)
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map(p => [p.name, p.schema])),
    required: parameters.filter(p => p.required).map(p => p.name)
  }
}

/**
 * What GitHub refuses in a request: path parameters that are not of their type match no
 * route (404); query parameters and bodies that break their schema get 422 "Invalid request."
 * with json_schema's wording, as GitHub words it (e.g. "Only 65535 characters are allowed;
 * 65536 were supplied.", "For 'properties/body', nil is not a string.").
 */
export function requestRefusal(
  method: string,
  path: string,
  request: { params: Record<string, string>; query: Record<string, string>; body: unknown },
  version: string
): Refusal | undefined {
  const key = `${method} ${path}`
  const pathValid = validator(version, 'parameters', `${key} path`, () =>
    parameterSchema(method, path, 'path', version)
  )
  if (!pathValid({ ...request.params })) return { status: 404, message: 'Not Found' }
  const queryValid = validator(version, 'parameters', `${key} query`, () =>
    parameterSchema(method, path, 'query', version)
  )
  const lines: string[] = []
  if (!queryValid({ ...request.query })) lines.push(...schemaMessages(queryValid.errors))
  const bodySchema = operation(version, method, path).requestBody?.content['application/json']
    ?.schema
  if (bodySchema) {
    const bodyValid = validator(version, 'json', `${key} body`, () => bodySchema)
    // GitHub reads an absent body as an empty object, so what it requires is reported missing.
    if (!bodyValid(request.body ?? {})) lines.push(...schemaMessages(bodyValid.errors))
  }
  return lines.length > 0
    ? { status: 422, message: `Invalid request.\n\n${lines.join('\n')}` }
    : undefined
}

/**
 * Why `data` is not an answer GitHub could give to this request with this status, if it is
 * not: the schema of a documented status, else (an error status the description leaves out,
 * such as 422 on check runs) GitHub's basic error.
 */
export function responseProblems(
  method: string,
  path: string,
  status: number,
  data: unknown,
  version: string
): string[] {
  const documented = operation(version, method, path).responses[String(status)]
  let schema: Json | undefined
  if (documented) {
    const content = resolved(documented, version).content as
      Record<string, { schema: Json }> | undefined
    schema = content?.['application/json']?.schema
  } else if (status >= 400) {
    schema = { $ref: `${REF}schemas/basic-error` }
  } else {
    return [`${status} is not a status GitHub answers ${method} ${path} with`]
  }
  if (!schema) return data === undefined ? [] : [`GitHub answers ${status} with no body`]
  const body = schema
  const valid = validator(version, 'json', `${method} ${path} ${status}`, () => body)
  if (valid(data)) return []
  return (valid.errors ?? []).map(error => `${error.instancePath || '/'} ${error.message ?? ''}`)
}

/**
 * `data` as GitHub sends it in `version`: for a later version than 2022-11-28, a copy without
 * the fields that version removed (for 2026-03-10, e.g. a pull request's `merge_commit_sha`).
 */
export function inApiVersion(
  method: string,
  path: string,
  status: number,
  data: unknown,
  version: string
): unknown {
  if (version === DEFAULT_API_VERSION) return data
  const base = load().paths[path]?.[method.toLowerCase()]?.responses[String(status)]
  const content =
    base && (baseResolved(base).content as Record<string, { schema: Json }> | undefined)
  const schema = content?.['application/json']?.schema
  const copy = structuredClone(data)
  if (schema) prune(copy, schema, version)
  return copy
}

function baseResolved(node: Json): Json {
  if (typeof node.$ref !== 'string') return node
  const [kind = '', name = ''] = node.$ref.replace('#/components/', '').split('/')
  return load().components[kind]?.[name] ?? {}
}

/** Deletes the properties `version` removed, walking `data` along its schema as described. */
function prune(data: unknown, schema: Json, version: string): void {
  const node = baseResolved(schema)
  if (Array.isArray(data)) {
    if (isObject(node.items)) for (const item of data) prune(item, node.items, version)
    return
  }
  if (!isObject(data)) return
  for (const change of breakingChanges(node)) {
    if (change.version > version || !isObject(change.patch.properties)) continue
    for (const [key, value] of Object.entries(change.patch.properties)) {
      if (value === null) Reflect.deleteProperty(data, key)
    }
  }
  const properties = isObject(node.properties) ? node.properties : {}
  for (const [key, value] of Object.entries(data)) {
    const property = properties[key]
    if (isObject(property)) prune(value, property, version)
  }
}

/** Ajv's findings in the words of json_schema (the validator GitHub's messages come from). */
function schemaMessages(errors: ErrorObject[] | null | undefined): string[] {
  const lines: string[] = []
  const missing = new Map<string, string[]>()
  for (const error of errors ?? []) {
    const params = error.params as Record<string, unknown>
    const field = `For 'properties/${error.instancePath.split('/').pop() ?? ''}', `
    switch (error.keyword) {
      case 'required': {
        const names = missing.get(error.instancePath) ?? []
        names.push(String(params.missingProperty))
        missing.set(error.instancePath, names)
        break
      }
      case 'type':
        lines.push(`${field}${inspect(error.data)} is not ${article(String(params.type))}.`)
        break
      case 'enum':
        lines.push(
          `${field}${String(error.data)} is not a member of ${inspect(params.allowedValues)}.`
        )
        break
      case 'maxLength':
        lines.push(
          `Only ${String(params.limit)} characters are allowed; ${String((error.data as string).length)} were supplied.`
        )
        break
      case 'maxItems':
        lines.push(
          `No more than ${String(params.limit)} items are allowed; ${String((error.data as unknown[]).length)} were supplied.`
        )
        break
      case 'anyOf':
      case 'oneOf':
        lines.push(`No subschema in "${error.keyword}" matched.`)
        break
      case 'format':
        lines.push(`${String(error.data)} is not a valid ${String(params.format)}.`)
        break
      default:
        lines.push(`${field}${error.message ?? 'is not valid'}.`)
    }
  }
  for (const names of missing.values()) {
    const unique = [...new Set(names)].sort()
    lines.push(
      `${unique.map(name => `"${name}"`).join(', ')} ${unique.length === 1 ? "wasn't" : "weren't"} supplied.`
    )
  }
  return lines
}

/** A value as Ruby's `inspect` shows it, as GitHub's messages do. */
function inspect(value: unknown): string {
  if (value === null || value === undefined) return 'nil'
  if (Array.isArray(value)) return `[${value.map(inspect).join(', ')}]`
  if (isObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => `"${key}" => ${inspect(item)}`)
    return `{${entries.join(', ')}}`
  }
  return JSON.stringify(value)
}

function article(types: string): string {
  const names = types.split(',')
  return `${/^[aeiou]/.test(names[0] ?? '') ? 'an' : 'a'} ${names.join(' or ')}`
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
