import type * as Yaml from 'yaml'
import { errorMessage } from '../model/format.js'

/** Deeper than any task definition or hook needs; deep enough to refuse nesting bombs early. */
export const MAX_DEPTH = 32

let yaml: typeof Yaml | undefined

/**
 * Loads the YAML parser that parseStructuredText needs. It is imported on first use, not
 * at start-up: the bundled parser is more than half of the entry chunk's code, and most
 * runs (no lifecycle-hooks input, a JSON task definition file or none, a validation
 * error) never parse YAML.
 */
export async function loadStructuredTextParser(): Promise<void> {
  yaml ??= await import('yaml')
}

/**
 * Parses JSON or YAML text (YAML is a superset of JSON) into plain data; call
 * loadStructuredTextParser() first. Aliases are capped so a "billion laughs" document
 * cannot expand, and nesting beyond MAX_DEPTH is refused so nothing downstream recurses
 * without bound. What yaml only warns about (an unknown tag such as `!!js/function`, an
 * ambiguous alias) is refused too: the tag would be dropped silently and the value read
 * as something else.
 */
export function parseStructuredText(text: string): unknown {
  if (!yaml) throw new Error('parseStructuredText: the YAML parser is not loaded yet.')
  let value: unknown
  try {
    const document = yaml.parseDocument(text, { uniqueKeys: true })
    const problem = document.errors[0] ?? document.warnings[0]
    if (problem) throw problem
    value = document.toJS({ maxAliasCount: 50 })
  } catch (error) {
    // yaml reports its own stack overflow as a YAMLParseError with code RESOURCE_EXHAUSTION.
    if (error instanceof RangeError || (error as { code?: unknown }).code === 'RESOURCE_EXHAUSTION')
      throw new Error('it is nested too deeply.', { cause: error })
    throw new Error(
      `it is neither valid JSON nor valid YAML: ${(errorMessage(error).split('\n')[0] ?? '').replace(/:\s*$/, '.')}`,
      {
        cause: error
      }
    )
  }
  checkDepth(value)
  return value
}

/** Throws when `value` nests objects or lists more than `max` levels deep. */
export function checkDepth(value: unknown, max = MAX_DEPTH): void {
  const pending: [unknown, number][] = [[value, 0]]
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, depth] = item
    if (typeof node !== 'object' || node === null) continue
    if (depth >= max) throw new Error(`it is nested more than ${max} levels deep.`)
    for (const child of Object.values(node)) pending.push([child, depth + 1])
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
