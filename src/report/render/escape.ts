import { clip, INVISIBLE, MAX_INLINE } from '../../model/format.js'

/**
 * Every way untrusted text (image names, ECS reasons, hook ARNs, names from users) enters
 * a report goes through this module, so there is one place to get escaping right.
 */

/**
 * What untrusted text must not do in GitHub Markdown: open code, emphasis, a link or image,
 * strikethrough, math, an HTML tag, an entity or a backslash escape. Only the characters
 * that can do that are escaped, with a backslash (`<` as `&lt;`, `&` before an entity name
 * as `&amp;`), so the raw Markdown still reads as the text it shows (e-mail notifications,
 * `gh pr view --comments`). `_` between letters or digits cannot open or close emphasis
 * (https://github.github.com/gfm/#left-flanking-delimiter-run), so `POST_TEST_TRAFFIC_SHIFT`
 * stays as it is, and so does a run of `*` with spaces on both sides (a masked `***`). A bare `https://…` in untrusted text may still be autolinked by GitHub;
 * such a link shows its own target, so it is left alone.
 */
const INLINE_SPECIAL = /(?<!\S)(\*+)(?!\S)|[\\`*[\]~$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu

/**
 * What could start a block (heading, quote, list, setext underline) when the text begins a
 * line or a list item: escaped at the start only.
 */
const BLOCK_START = /^(?:>|([#*+=-])(?=\1|\s|$)|\d{1,9}(?=[.)](?:\s|$)))/

/** `@name` at the start of a word notifies that user or team; a word joiner prevents it. */
const MENTION = /(^|[^\w@])@(?=[\w-])/g

/** Markdown/HTML-safe inline text: one line, clipped, every Markdown meaning neutralised. */
export function text(value: string, max = MAX_INLINE): string {
  return escapeLine(clip(value.replace(/\s+/g, ' ').trim(), max))
}

/** Like `text`, keeping line breaks as `<br>` (for reasons and details that span lines). */
export function multiline(value: string, max: number): string {
  return clip(value.trim(), max)
    .split(/\r\n|\r|\n/)
    .map(line => escapeLine(line.replace(/\s+/g, ' ')))
    .join('<br>')
}

function escapeLine(line: string): string {
  return line
    .replace(INVISIBLE, '')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(INLINE_SPECIAL, (char, inert?: string) => inert ?? `\\${char}`)
    .replace(BLOCK_START, start => (/\d/.test(start) ? `${start}\\` : `\\${start}`))
    .replace(MENTION, '$1@\u2060')
}

/**
 * A value for a double-quoted HTML attribute (a `title`): one line, clipped, with the four
 * characters that could end the attribute or the tag as character references. Markdown
 * does not apply inside raw HTML, so nothing else needs escaping.
 */
export function attribute(value: string, max = MAX_INLINE): string {
  return clip(value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim(), max).replace(
    /[&"<>]/g,
    char => `&#${char.charCodeAt(0)};`
  )
}

/** Inline code: `<code>` rather than backticks, so backticks and pipes inside need no fences. */
export function code(value: string, max = MAX_INLINE): string {
  return `<code>${text(value, max)}</code>`
}

/**
 * A URL that is safe as a Markdown link destination or an HTML attribute: http(s) only,
 * with characters that end a destination or a table cell percent-encoded.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
  return parsed.href.replace(
    /[()<>"'`|\\ ]/g,
    char => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}

/** `[label](url)` with the label escaped, or the bare label when the URL is not safe. */
export function link(label: string, url: string | undefined): string {
  const href = safeUrl(url)
  return href === undefined ? text(label) : `[${text(label)}](${href})`
}

/**
 * A fenced code block whose fence is longer than any backtick run inside, so no
 * content line can close it. Content is shown literally (no escaping applies in code).
 */
export function fencedBlock(content: string, language = ''): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(Math.max(3, longestRun + 1))
  return `${fence}${language}\n${content}\n${fence}`
}

/** A POSIX shell word: unquoted when plain, else single-quoted. */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/**
 * A value inside an HTML comment marker: only `[A-Za-z0-9_.:/]` survive, the rest is
 * percent-encoded (UTF-8), so a value cannot contain a space, `=`, `-->` or `--`.
 */
export function markerValue(value: string): string {
  if (MARKER_SAFE.test(value)) return value
  let encoded = ''
  for (const byte of utf8.encode(value)) encoded += MARKER_BYTES[byte] as string
  return encoded
}

const MARKER_SAFE = /^[A-Za-z0-9_.:/]*$/
const utf8 = new TextEncoder()
/** Each byte as a marker writes it (markers are written for every service on every report). */
const MARKER_BYTES = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte)
  return MARKER_SAFE.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
})

/**
 * Text for a Mermaid gantt task or section: letters, digits, `_`, `-`, `.`, `/`, `(`, `)`
 * and spaces only. Mermaid's lexer treats `:` `#` `;` `%` and newlines as syntax.
 */
export function mermaidText(value: string, max = 60): string {
  const cleaned = value
    .replace(/[^A-Za-z0-9_\-./() ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return cleaned.slice(0, max).trim()
}
