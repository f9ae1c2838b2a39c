import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { writeRenderedTaskDefinition } from '../../src/task-definition/output-file.js'

let directory: string
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'output-file-test-'))
})
afterEach(() => rmSync(directory, { recursive: true, force: true }))

const input: RegisterTaskDefinitionCommandInput = {
  family: 'web',
  containerDefinitions: [
    { name: 'web', image: 'web:2', environment: [{ name: 'TOKEN', value: 't' }] }
  ]
}

describe('writeRenderedTaskDefinition', () => {
  it('writes pretty JSON into the directory and returns its path', async () => {
    const path = await writeRenderedTaskDefinition(input, directory)
    expect(dirname(path)).toBe(directory)
    expect(basename(path)).toMatch(/^task-definition-web-[0-9a-f-]{36}\.json$/)
    const text = readFileSync(path, 'utf8')
    expect(text).toBe(`${JSON.stringify(input, null, 2)}\n`)
    expect(JSON.parse(text)).toEqual(input)
  })

  it('makes the file readable by its owner only (environment values are in it)', async () => {
    const path = await writeRenderedTaskDefinition(input, directory)
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('never overwrites an earlier file and keeps odd family characters out of the name', async () => {
    const first = await writeRenderedTaskDefinition(input, directory)
    const second = await writeRenderedTaskDefinition({ ...input, family: '../x y' }, directory)
    expect(second).not.toBe(first)
    expect(basename(second)).toMatch(/^task-definition-___x_y-/)
    expect(readdirSync(directory).sort()).toEqual([basename(first), basename(second)].sort())
  })

  it('fails when the directory does not exist', async () => {
    await expect(writeRenderedTaskDefinition(input, join(directory, 'missing'))).rejects.toThrow(
      'ENOENT'
    )
  })
})
