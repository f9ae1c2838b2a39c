import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from './runner.js'

/** A workflow a document of the repository shows: its YAML text, and the text parsed. */
export interface DocumentedWorkflow {
  text: string
  workflow: Record<string, unknown>
}

/**
 * The complete workflows (with `name:` and `jobs:`) that a Markdown document of the
 * repository shows, in order: README.md's Quick start, "Deploy on merge, pause, promote"
 * and release-control; docs/reporting.md's Deploy. The tests check them; the demo's fake
 * repository holds README.md's release-control, so a paused release offers its commands.
 */
export function documentedWorkflows(
  document: 'README.md' | 'docs/reporting.md'
): DocumentedWorkflow[] {
  const markdown = readFileSync(join(ROOT, document), 'utf8')
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map(([, text = '']) => ({ text, workflow: parse(text) as Record<string, unknown> | null }))
    .filter((shown): shown is DocumentedWorkflow =>
      Boolean(shown.workflow?.name && shown.workflow.jobs)
    )
}
