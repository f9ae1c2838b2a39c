import type { Log } from '../../src/model/log.js'

/** A Log that keeps every line, prefixed with its kind (`info`, `warning`, `group`…). */
export class MemoryLog implements Log {
  readonly lines: string[] = []

  info(message: string): void {
    this.lines.push(`info: ${message}`)
  }
  warning(message: string): void {
    this.lines.push(`warning: ${message}`)
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`)
  }
  debug(message: string): void {
    this.lines.push(`debug: ${message}`)
  }
  startGroup(title: string): void {
    this.lines.push(`group: ${title}`)
  }
  endGroup(): void {
    this.lines.push('endgroup')
  }
  untrusted(lines: readonly string[]): void {
    for (const line of lines) this.lines.push(`untrusted: ${line}`)
  }

  /** The lines of one kind, without the prefix. */
  of(kind: string): string[] {
    return this.lines
      .filter(line => line.startsWith(`${kind}: `))
      .map(line => line.slice(kind.length + 2))
  }

  text(): string {
    return this.lines.join('\n')
  }
}
