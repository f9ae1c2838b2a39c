import { spawn, type ChildProcess } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import {
  type ActionRun,
  annotations,
  cancelLikeRunner,
  displayLog,
  maskedValues
} from '../scripts/runner.js'

/** A node process that logs each signal it gets and, when told to, ignores them. */
function child(ignoreSignals: boolean): { process: ChildProcess; signals: string[] } {
  const script = `
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        console.log(signal)
        if (${!ignoreSignals}) process.exit(0)
      })
    }
    console.log('ready')
    setInterval(() => {}, 1000)
  `
  const spawned = spawn(process.execPath, ['-e', script])
  const signals: string[] = []
  spawned.stdout.on('data', chunk => signals.push(...String(chunk).trim().split('\n')))
  return { process: spawned, signals }
}

const ready = (running: { signals: string[] }) =>
  new Promise<void>(resolve => {
    const check = setInterval(() => {
      if (!running.signals.includes('ready')) return
      clearInterval(check)
      resolve()
    }, 10)
  })

const exited = (process: ChildProcess) =>
  new Promise<NodeJS.Signals | null>(resolve =>
    process.on('close', (_code, signal) => resolve(signal))
  )

const GRACE = { sigtermAfterMs: 300, killAfterMs: 200 }

describe('cancelLikeRunner', () => {
  it('sends SIGINT, then SIGTERM, then kills a process that will not stop', async () => {
    const running = child(true)
    await ready(running)
    const cancellation = cancelLikeRunner(running.process, GRACE)
    expect(await exited(running.process)).toBe('SIGKILL')
    expect(running.signals).toEqual(['ready', 'SIGINT', 'SIGTERM'])
    expect(cancellation.sigtermAt! - cancellation.sigintAt).toBeGreaterThanOrEqual(300)
    expect(cancellation.killedAt! - cancellation.sigtermAt!).toBeGreaterThanOrEqual(200)
  })

  it('sends nothing more to a process that stops at SIGINT', async () => {
    const running = child(false)
    await ready(running)
    const cancellation = cancelLikeRunner(running.process, GRACE)
    expect(await exited(running.process)).toBeNull()
    await new Promise(resolve => setTimeout(resolve, 600))
    expect(running.signals).toEqual(['ready', 'SIGINT'])
    expect(cancellation).toEqual({ sigintAt: expect.any(Number) })
  })
})

describe('reading workflow commands as the runner does', () => {
  const run = (stdout: string): ActionRun =>
    ({ stdout, stderr: '', outputs: {}, state: {}, summary: '' }) as unknown as ActionRun
  const output = [
    '::add-mask::hunter2',
    '::error::real failure',
    '::stop-commands::0f8e',
    '| ::error::from a container log',
    '::error::also from the log',
    '##[error]legacy, also from the log',
    'password hunter2',
    '  ::0f8e::',
    '::warning::after the log'
  ].join('\n')

  it('acts on no command while commands are stopped, and resumes on the token', () => {
    expect(annotations(run(output), 'error')).toEqual(['real failure'])
    expect(annotations(run(output), 'warning')).toEqual(['after the log'])
    expect(maskedValues(run(output))).toEqual(['hunter2'])
    expect(displayLog(run(output)).split('\n')).toEqual([
      'Error: real failure',
      '| ::error::from a container log',
      '::error::also from the log',
      '##[error]legacy, also from the log',
      'password ***',
      'Warning: after the log'
    ])
  })
})
