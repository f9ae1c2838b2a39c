/**
 * The job summary's Markdown made readable in a terminal: the HTML the summary uses for
 * safe text (code tags, character references, the hidden snapshot, the Mermaid picture)
 * is resolved, the Markdown itself kept.
 */
export function summaryForTerminal(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/```mermaid[\s\S]*?```\n?/g, '(timeline picture: rendered by GitHub)\n')
    .replace(/<\/?(code|sub|strong|b|br)\s*\/?>/g, '')
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(
      /&(lt|gt|quot|amp);/g,
      (_match, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name] ?? ''
    )
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
