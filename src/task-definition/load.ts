import { readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, resolve } from 'node:path'
import type { TaskDefinition } from '@aws-sdk/client-ecs'
import type { EcsPort } from '../ecs/port.js'
import { InputError } from '../inputs/values.js'
import { ECS_NAME_PATTERN, ECS_NAME_RULE, quote } from '../inputs/values.js'
import { clip, errorMessage } from '../model/format.js'
import {
  checkDepth,
  isPlainObject,
  loadStructuredTextParser,
  parseStructuredText
} from '../inputs/structured-text.js'

/** A task definition file is a few KiB; ECS itself caps a registration at 64 KiB of JSON. */
export const MAX_FILE_BYTES = 1024 * 1024
const INPUT = 'task-definition'

/** A task definition as read from a file or from ECS, before rendering. */
export type TaskDefinitionDocument = Record<string, unknown> & {
  containerDefinitions: Record<string, unknown>[]
}

/**
 * Reads the `task-definition` file (JSON or YAML), relative to the workspace. Accepts
 * the output of `aws ecs describe-task-definition` too, by unwrapping `taskDefinition`.
 */
export async function loadTaskDefinitionFile(
  path: string,
  workspace: string
): Promise<TaskDefinitionDocument> {
  const fullPath = isAbsolute(path) ? path : resolve(workspace, path)
  let text: string
  try {
    const info = await stat(fullPath)
    if (!info.isFile()) throw new InputError(INPUT, `'${path}' is not a file.`)
    if (info.size > MAX_FILE_BYTES) {
      throw new InputError(
        INPUT,
        `'${path}' is ${info.size} bytes; a task definition file may be at most ${MAX_FILE_BYTES} bytes.`
      )
    }
    text = await readFile(fullPath, 'utf8')
  } catch (error) {
    if (error instanceof InputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`
    throw new InputError(INPUT, `'${path}' ${why} (looked in ${fullPath}).`)
  }
  const isJson = extname(fullPath).toLowerCase() === '.json'
  if (!isJson) await loadStructuredTextParser()
  let parsed: unknown
  try {
    parsed = isJson ? parseJson(text) : parseStructuredText(text)
  } catch (error) {
    throw new InputError(INPUT, `'${path}': ${errorMessage(error)}`)
  }
  return checkTaskDefinition(parsed, `'${path}'`)
}

function parseJson(text: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new Error(`it is not valid JSON: ${errorMessage(error)}`, { cause: error })
  }
  checkDepth(value)
  return value
}

/**
 * Checks the parts of a task definition that rendering relies on, and what ECS would
 * refuse at RegisterTaskDefinition in a file, so a bad file changes nothing in ECS.
 */
export function checkTaskDefinition(value: unknown, where: string): TaskDefinitionDocument {
  const document =
    isPlainObject(value) && isPlainObject(value.taskDefinition) ? value.taskDefinition : value
  if (!isPlainObject(document))
    throw new InputError(INPUT, `${where} is not a task definition object.`)
  if (typeof document.family !== 'string' || document.family === '') {
    throw new InputError(INPUT, `${where} has no family.`)
  }
  if (!ECS_NAME_PATTERN.test(document.family)) {
    throw new InputError(
      INPUT,
      `${where}: family ${quote(document.family)} is not a task definition family (${ECS_NAME_RULE}).`
    )
  }
  const containers = document.containerDefinitions
  if (!Array.isArray(containers) || containers.length === 0) {
    throw new InputError(INPUT, `${where} has no containerDefinitions list.`)
  }
  const names = new Set<string>()
  containers.forEach((container, index) => {
    if (!isPlainObject(container) || typeof container.name !== 'string' || container.name === '') {
      throw new InputError(INPUT, `${where}: container definition ${index + 1} has no name.`)
    }
    const { name } = container
    if (!ECS_NAME_PATTERN.test(name)) {
      throw new InputError(
        INPUT,
        `${where}: container definition ${index + 1} is named ${quote(name)}, which is not a container name (${ECS_NAME_RULE}).`
      )
    }
    if (names.has(name))
      throw new InputError(INPUT, `${where}: container '${name}' is defined twice.`)
    names.add(name)
    checkPairs(container.environment, 'value', `${where}: container '${name}' environment`)
    checkPairs(container.secrets, 'valueFrom', `${where}: container '${name}' secrets`)
  })
  return document as TaskDefinitionDocument
}

/**
 * `environment` and `secrets` are lists of `{name, value}` / `{name, valueFrom}`. A number
 * or true/false is sent as its text (rendering converts it), but YAML reads `value:` with
 * nothing after it as null, which would register the variable without a value; values
 * are never quoted here.
 */
function checkPairs(list: unknown, valueKey: string, where: string): void {
  if (list === undefined) return
  if (!Array.isArray(list)) throw new InputError(INPUT, `${where} is not a list.`)
  list.forEach((entry, index) => {
    const name = isPlainObject(entry) ? entry.name : undefined
    if (typeof name !== 'string' || name === '')
      throw new InputError(INPUT, `${where} entry ${index + 1} has no name.`)
    const value = (entry as Record<string, unknown>)[valueKey]
    const label = `${where} entry ${index + 1} (${clip(name, 80)})`
    if (value === undefined || value === null) {
      const yaml = valueKey === 'value' ? " (in YAML, write '' for an empty value)" : ''
      throw new InputError(INPUT, `${label} has no ${valueKey}${yaml}.`)
    }
    if (typeof value === 'object')
      throw new InputError(INPUT, `${label}: ${valueKey} must be a string.`)
  })
}

export interface CurrentTaskDefinition {
  document: TaskDefinitionDocument
  tags: { key?: string; value?: string }[]
}

/** The task definition a service runs now, with its tags (which record the deployed commit). */
export async function describeTaskDefinition(
  ecs: EcsPort,
  arn: string
): Promise<CurrentTaskDefinition> {
  const { taskDefinition, tags } = await ecs.describeTaskDefinition({
    taskDefinition: arn,
    include: ['TAGS']
  })
  if (!taskDefinition) throw new Error(`ECS returned no task definition for ${arn}.`)
  return { document: asDocument(taskDefinition, arn), tags: tags ?? [] }
}

function asDocument(taskDefinition: TaskDefinition, arn: string): TaskDefinitionDocument {
  if (!taskDefinition.containerDefinitions?.length)
    throw new Error(`Task definition ${arn} has no containers.`)
  return taskDefinition as unknown as TaskDefinitionDocument
}
