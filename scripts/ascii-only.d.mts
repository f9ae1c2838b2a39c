/** scripts/ascii-only.mjs: a module's source with every non-ASCII character escaped. */
export function asciiOnly(source: string, name?: string): string
