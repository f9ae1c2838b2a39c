import { parse } from 'yaml'

/**
 * Parses JSON or YAML text (YAML is a superset of JSON) into plain data.
 * Aliases are capped so a "billion laughs" document cannot expand, and very deep
 * nesting fails cleanly instead of exhausting the stack.
 */
export function parseStructuredText(text: string): unknown {
  try {
    return parse(text, { maxAliasCount: 50, uniqueKeys: true, prettyErrors: true })
  } catch (error) {
    if (error instanceof RangeError) throw new Error('it is nested too deeply.', { cause: error })
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`it is neither valid JSON nor valid YAML: ${message.split('\n')[0]}`, {
      cause: error
    })
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
