import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import * as actionsCore from '@actions/core'
import * as ours from '../../src/action/workflow-commands.js'

/**
 * src/action/workflow-commands.ts stands in for @actions/core (whose entry module loads undici);
 * these tests hold the two side by side: the same calls must write the same bytes.
 */

/** Text that the runner's escapes must handle: %, CR, LF, the property separators. */
const AWKWARD = [
  'plain',
  '',
  '100% done',
  'two\nlines\r\nand a CR\r',
  'already escaped %0A stays literal',
  'colons: and, commas',
  '::error::injected',
  'ünïcödé ✅ 𝄞'
]

let directory: string
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'workflow-commands-test-'))
})
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const saved = { ...process.env }
const savedExitCode = process.exitCode
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = savedExitCode
  jest.restoreAllMocks()
})

/** What `action` writes to stdout. */
function stdoutOf(action: () => void): string {
  let written = ''
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    written += String(chunk)
    return true
  })
  try {
    action()
  } finally {
    jest.restoreAllMocks()
  }
  return written
}

let files = 0
function emptyFile(): string {
  const path = join(directory, `file-${++files}`)
  writeFileSync(path, '')
  return path
}

/** File command contents with the random heredoc delimiters made comparable. */
const delimitersNormalised = (text: string): string =>
  text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_UUID')

describe('log commands', () => {
  const single = ['info', 'debug', 'warning', 'error', 'setSecret', 'startGroup'] as const
  it.each(single)('%s writes what @actions/core writes', name => {
    for (const message of AWKWARD) {
      expect(stdoutOf(() => ours[name](message))).toBe(stdoutOf(() => actionsCore[name](message)))
    }
  })

  it('endGroup writes what @actions/core writes', () => {
    expect(stdoutOf(() => ours.endGroup())).toBe(stdoutOf(() => actionsCore.endGroup()))
  })

  it('untrusted stops workflow commands around the lines, with a token used once', () => {
    const written = stdoutOf(() => ours.untrusted(AWKWARD))
    const [stop, ...rest] = written.split('\n')
    const token = /^::stop-commands::([0-9a-f-]{36})$/.exec(stop ?? '')?.[1]
    expect(token).toBeDefined()
    const lines = AWKWARD.map(message => stdoutOf(() => actionsCore.info(message))).join('')
    expect(rest.join('\n')).toBe(`${lines}::${token}::\n`)
    expect(stdoutOf(() => ours.untrusted(['x']))).not.toContain(token)
    expect(stdoutOf(() => ours.untrusted([]))).toBe('')
  })

  it('setFailed sets exit code 1 and writes the same error', () => {
    for (const message of AWKWARD) {
      process.exitCode = 0
      const theirs = stdoutOf(() => actionsCore.setFailed(message))
      expect(process.exitCode).toBe(1)
      process.exitCode = 0
      expect(stdoutOf(() => ours.setFailed(message))).toBe(theirs)
      expect(process.exitCode).toBe(1)
    }
  })
})

describe('inputs and state', () => {
  it('reads inputs as @actions/core does: spaces as underscores, upper case, trimmed', () => {
    process.env['INPUT_POLL-INTERVAL'] = '  5 \n'
    process.env.INPUT_MY_INPUT = 'x'
    process.env.INPUT_EMPTY = ''
    for (const name of ['poll-interval', 'my input', 'My Input', 'empty', 'missing']) {
      expect(ours.getInput(name)).toBe(actionsCore.getInput(name))
    }
    expect(ours.getInput('poll-interval')).toBe('5')
  })

  it('reads state as @actions/core does', () => {
    process.env.STATE_isPost = 'true'
    for (const name of ['isPost', 'missing']) {
      expect(ours.getState(name)).toBe(actionsCore.getState(name))
    }
  })
})

describe('file commands', () => {
  const writers = [
    ['setOutput', 'GITHUB_OUTPUT'],
    ['saveState', 'GITHUB_STATE']
  ] as const

  it.each(writers)('%s appends the same heredoc entries to %s', (name, variable) => {
    const theirs = emptyFile()
    const mine = emptyFile()
    for (const value of AWKWARD) {
      process.env[variable] = theirs
      actionsCore[name]('status', value)
      process.env[variable] = mine
      ours[name]('status', value)
    }
    expect(delimitersNormalised(readFileSync(mine, 'utf8'))).toBe(
      delimitersNormalised(readFileSync(theirs, 'utf8'))
    )
    expect(readFileSync(mine, 'utf8')).toContain('status<<ghadelimiter_')
  })

  it.each(writers)('%s falls back to the workflow command without %s', (name, variable) => {
    delete process.env[variable]
    // '' too: command.js then still writes the space after the command name.
    for (const key of ['my-name', 'a:b,c', '']) {
      for (const value of AWKWARD) {
        expect(stdoutOf(() => ours[name](key, value))).toBe(
          stdoutOf(() => actionsCore[name](key, value))
        )
      }
    }
  })

  it.each(writers)('%s fails as @actions/core does when %s names no file', (name, variable) => {
    process.env[variable] = join(directory, 'does-not-exist')
    expect(() => ours[name]('a', 'b')).toThrow(
      new Error(`Missing file at path: ${process.env[variable]}`)
    )
    expect(() => actionsCore[name]('a', 'b')).toThrow(
      new Error(`Missing file at path: ${process.env[variable]}`)
    )
  })
})

/**
 * core.summary.addRaw(markdown).write({ overwrite: true }), as main.ts used to call it. The
 * summary object remembers the first file it resolved; forgetting it makes each call read
 * GITHUB_STEP_SUMMARY afresh, as each run of the action does.
 */
function coreSummaryWrite(markdown: string): Promise<unknown> {
  ;(actionsCore.summary as unknown as { _filePath?: string })._filePath = undefined
  return actionsCore.summary.emptyBuffer().addRaw(markdown).write({ overwrite: true })
}

describe('writeJobSummary', () => {
  it('replaces the summary file as core.summary.addRaw().write({ overwrite: true }) does', async () => {
    const theirs = emptyFile()
    const mine = emptyFile()
    for (const markdown of ['## first', '## second\n\n| a |\n|---|\n', '']) {
      process.env.GITHUB_STEP_SUMMARY = theirs
      await coreSummaryWrite(markdown)
      process.env.GITHUB_STEP_SUMMARY = mine
      await ours.writeJobSummary(markdown)
      expect(readFileSync(mine, 'utf8')).toBe(readFileSync(theirs, 'utf8'))
      expect(readFileSync(mine, 'utf8')).toBe(markdown)
    }
  })

  it('fails with the message of @actions/core when the variable is not set', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(coreSummaryWrite('x')).rejects.toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
    await expect(ours.writeJobSummary('x')).rejects.toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  })

  it('fails with the message of @actions/core when the file is not writable', async () => {
    const path = join(directory, 'missing', 'summary.md')
    process.env.GITHUB_STEP_SUMMARY = path
    await expect(coreSummaryWrite('x')).rejects.toThrow(
      `Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`
    )
    await expect(ours.writeJobSummary('x')).rejects.toThrow(
      `Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`
    )
  })

  it('checks access before writing, so a read-only file is left alone', async () => {
    const path = emptyFile()
    chmodSync(path, 0o444)
    process.env.GITHUB_STEP_SUMMARY = path
    // root may write anyway: then only compare the outcome with @actions/core's.
    const theirs = await coreSummaryWrite('x').then(
      () => 'written',
      (error: unknown) => (error as Error).message
    )
    const mine = await ours.writeJobSummary('x').then(
      () => 'written',
      (error: unknown) => (error as Error).message
    )
    expect(mine).toBe(theirs)
  })
})
