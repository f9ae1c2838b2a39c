/**
 * Markdown the action wrote, as a page of GitHub's: GitHub-flavoured Markdown (marked) with
 * GitHub's stylesheet (github-markdown-css), framed as a pull request comment, a job summary
 * or a check run. `npm run screenshots` photographs such pages; `npm run try` writes one for
 * a person to open. GitHub shows neither HTML comments nor the raw HTML it strips; marked keeps
 * the comments, which a browser does not show either. A Mermaid chart stays a code block.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { marked } from 'marked'
import { ROOT } from './runner.js'

export interface Frame {
  kind: 'comment' | 'summary' | 'check'
  /** The job summary's or the check run's heading; a comment is always by github-actions. */
  title: string
  markdown: string
}

/** A pull request's conversation column, avatar included. */
export const COMMENT_WIDTH = 830
/** A job summary on the run page of a laptop screen. */
export const SUMMARY_WIDTH = 1100

/** One frame as GitHub draws it. */
export function frameHtml(frame: Frame): string {
  const body = marked.parse(frame.markdown, { gfm: true, async: false })
  if (frame.kind === 'comment') {
    return `<div class="timeline"><div class="avatar">🤖</div><div class="comment">
           <div class="head"><b>github-actions</b> <span class="bot">bot</span> commented · edited</div>
           <div class="markdown-body body">${body}</div></div></div>`
  }
  return `<div class="summary"><div class="head"><b>${escapeHtml(frame.title)}</b></div>
           <div class="markdown-body body">${body}</div></div>`
}

/** A whole page around `body` (frames and whatever goes between them), with an optional script. */
export function githubPage(body: string, script = ''): string {
  const css = readFileSync(
    join(ROOT, 'node_modules/github-markdown-css/github-markdown-light.css'),
    'utf8'
  )
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; padding: 16px; background: #fff; font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.markdown-body { font-size: 14px; }
.timeline { display: flex; gap: 16px; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; border: 1px solid #d0d7de; display: flex; align-items: center; justify-content: center; font-size: 22px; }
.comment, .summary { flex: 1; min-width: 0; border: 1px solid #d0d7de; border-radius: 6px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; font-size: 14px; color: #57606a; border-radius: 6px 6px 0 0; }
.bot { border: 1px solid #d0d7de; border-radius: 2em; padding: 0 6px; font-size: 12px; }
.body { padding: 16px; }
.section { margin: 32px 0 12px; font-size: 20px; font-weight: 600; }
.section:first-child { margin-top: 0; }
.log { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 12px; white-space: pre-wrap; border-radius: 6px; }
</style></head><body>${body}
${script ? `<script>${script}</script>` : ''}
</body></html>`
}

/** Text (a log, a name from ECS or the user) made safe for HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
