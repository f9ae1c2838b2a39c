/**
 * A JavaScript module's source with every character outside ASCII written as an escape.
 *
 * Why: V8 keeps each module's source text for the life of the process (functions compile
 * when first called), one byte per character when all of them fit Latin-1 and two bytes
 * otherwise, so one "→" in a comment doubles what a 400 KB chunk of dist/ holds on the heap
 * (https://v8.dev/blog/string: one-byte and two-byte strings).
 *
 * What the code sees does not change: in strings, template literals and regular
 * expressions each UTF-16 code unit becomes `\uXXXX` (a pair of them is one code point,
 * also under the `u` flag); an identifier gets `\u{…}`; a comment either. Text the escape
 * would change is refused instead: the raw text of a tagged template, and any character
 * outside a token (non-ASCII white space).
 */
import { parse, tokenizer } from 'acorn'

const NON_ASCII = /[\u0080-\uffff]/
const OPTIONS = { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true }

/** The source unchanged when it is ASCII already; throws, naming `name`, when it cannot be escaped. */
export function asciiOnly(source, name = 'source') {
  if (!NON_ASCII.test(source)) return source
  const units = (text, start) =>
    text.replace(/(\\*)([\u0080-\uffff])/g, (match, slashes, unit, at) => {
      // `\→` is an identity escape, the same as `→`: the backslash goes with it. Before a
      // line separator it is a line continuation, which the escape would turn into text.
      const escaped = slashes.length % 2 === 1
      if (escaped && (unit === '\u2028' || unit === '\u2029')) {
        throw new Error(`${name}: a line continuation at offset ${start + at} cannot be escaped`)
      }
      const hex = unit.charCodeAt(0).toString(16).padStart(4, '0')
      return `${escaped ? slashes.slice(1) : slashes}\\u${hex}`
    })
  const codePoints = text =>
    text.replace(/[\u{80}-\u{10ffff}]/gu, char => `\\u{${char.codePointAt(0).toString(16)}}`)

  /** The spans to escape, from the tokens and the comments. */
  const spans = []
  const comments = []
  const stack = []
  let previous
  for (const token of tokenizer(source, { ...OPTIONS, onComment: comments })) {
    const label = token.type.label
    const top = stack.at(-1)
    if (label === '`') {
      if (top?.kind === 'template') stack.pop()
      else stack.push({ kind: 'template', tagged: isTag(previous) })
    } else if (label === '${') {
      stack.push({ kind: 'substitution', braces: 0 })
    } else if (top?.kind === 'substitution' && label === '{') {
      top.braces++
    } else if (top?.kind === 'substitution' && label === '}') {
      if (top.braces === 0) stack.pop()
      else top.braces--
    } else if (label === 'template' || label === 'invalidTemplate') {
      if (top?.tagged && NON_ASCII.test(source.slice(token.start, token.end))) {
        throw new Error(
          `${name}: the tagged template at offset ${token.start} has non-ASCII text, which its tag may read raw`
        )
      }
      spans.push({ start: token.start, end: token.end, escape: units })
    } else if (label === 'string' || label === 'regexp') {
      spans.push({ start: token.start, end: token.end, escape: units })
    } else if (label === 'name' || label === 'privateId') {
      spans.push({ start: token.start, end: token.end, escape: codePoints })
    }
    previous = token
  }
  for (const { start, end } of comments) spans.push({ start, end, escape: units })
  spans.sort((a, b) => a.start - b.start)

  let result = ''
  let copied = 0
  for (const { start, end, escape } of spans) {
    const text = source.slice(start, end)
    if (!NON_ASCII.test(text)) continue
    result += source.slice(copied, start) + escape(text, start)
    copied = end
  }
  result += source.slice(copied)
  const left = result.search(NON_ASCII)
  if (left !== -1) {
    throw new Error(`${name}: a non-ASCII character outside any token, near offset ${left}`)
  }
  parse(result, OPTIONS)
  return result
}

/** Whether a template after this token is tagged: a tag ends with a name, `)`, `]` or a template. */
function isTag(token) {
  if (!token) return false
  const label = token.type.label
  return (
    label === 'name' || label === 'privateId' || label === ')' || label === ']' || label === '`'
  )
}
