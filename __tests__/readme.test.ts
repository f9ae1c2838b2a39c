import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

// The README is the action's reference: it must not drift from action.yml.
const root = new URL('../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}

/** The rows of the Markdown table under a heading, as cells. */
function tableUnder(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter(line => line.startsWith('| `'))
    .map(line =>
      line
        .split('|')
        .slice(1, -1)
        .map(cell => cell.trim())
    )
}

describe('README', () => {
  it('documents every input of action.yml, with its default, and no other', () => {
    const rows = tableUnder('Inputs')
    expect(rows.map(([name]) => name)).toEqual(
      Object.keys(action.inputs).map(name => `\`${name}\``)
    )
    for (const [name, defaultCell] of rows) {
      const declared = action.inputs[name!.slice(1, -1)]?.default
      expect([name, defaultCell]).toEqual([name, declared === undefined ? '' : `\`${declared}\``])
    }
  })

  it('documents every output of action.yml, and no other', () => {
    expect(tableUnder('Outputs').map(([name]) => name)).toEqual(
      Object.keys(action.outputs).map(name => `\`${name}\``)
    )
  })

  it('shows the IAM policy of docs/iam-policy.json, and what each command calls', () => {
    const block = /```json\n(\{\n {2}"Version"[\s\S]*?)\n```/.exec(readme)?.[1]
    expect(JSON.parse(block ?? '{}')).toEqual(
      JSON.parse(readFileSync(new URL('docs/iam-policy.json', root), 'utf8'))
    )
    const { commands } = JSON.parse(
      readFileSync(new URL('docs/iam-actions.json', root), 'utf8')
    ) as { commands: Record<string, { always: string[]; when: Record<string, string> }> }
    const listed = (cell = ''): string[] => cell.match(/[a-z]+:[A-Za-z]+/g) ?? []
    expect(
      Object.fromEntries(
        tableUnder('AWS credentials and IAM').map(([command, always, when]) => [
          command!.slice(1, -1),
          { always: listed(always), when: listed(when) }
        ])
      )
    ).toEqual(
      Object.fromEntries(
        Object.entries(commands).map(([command, { always, when }]) => [
          command,
          { always, when: Object.keys(when) }
        ])
      )
    )
  })

  it('gives a new clone its two commands', () => {
    expect(readme).toContain('npm ci && npm test')
    expect(readme).toContain('npm ci && npm run demo')
  })
})
