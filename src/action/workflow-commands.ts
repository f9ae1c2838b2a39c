import { randomUUID } from 'node:crypto'
import { appendFileSync, constants, existsSync } from 'node:fs'
import { access, writeFile } from 'node:fs/promises'
import { EOL } from 'node:os'

/**
 * The runner's side of the action: inputs, state, outputs, log commands and the job
 * summary, written exactly as @actions/core 3.0.1 writes them (its core.js, command.js,
 * file-command.js and summary.js) for the calls this action makes, with string values.
 *
 * Why not @actions/core itself: its entry module imports its OIDC client, which imports
 * @actions/http-client and undici (about 1 MB of bundled code and Node's http, tls and
 * zlib) at load time. Every run paid for that before reading its first input, so a run
 * that fails validation took twice as long as `node -e 0`, and runs that do not report
 * to GitHub carried undici for nothing. The action never asks for an OIDC token.
 * __tests__/workflow-commands.test.ts holds the two side by side.
 */

/** core.getInput: the runner's INPUT_<NAME> variable (spaces as _, upper case), trimmed. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim()
}

/** core.getState: a value the main step saved, as the runner passes it to the post step. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] || ''
}

/** core.saveState: appended to GITHUB_STATE, or the save-state command without it. */
export function saveState(name: string, value: string): void {
  if (process.env.GITHUB_STATE) fileCommand('STATE', keyValueMessage(name, value))
  else issueCommand('save-state', { name }, value)
}

/** core.setOutput: appended to GITHUB_OUTPUT, or the set-output command without it. */
export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) {
    fileCommand('OUTPUT', keyValueMessage(name, value))
    return
  }
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, value)
}

/** core.setFailed: the step fails (exit code 1) with an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function warning(message: string): void {
  issueCommand('warning', {}, message)
}

export function error(message: string): void {
  issueCommand('error', {}, message)
}

/** core.setSecret: the runner masks the value in the log from here on. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function startGroup(title: string): void {
  issueCommand('group', {}, title)
}

export function endGroup(): void {
  issueCommand('endgroup', {}, '')
}

/**
 * Prints text from outside the action (a container's log) with workflow commands stopped, so
 * that no line of it acts as one: the runner finds `::` commands at a line's start and legacy
 * `##[` ones anywhere in it
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#stopping-and-starting-workflow-commands).
 */
export function untrusted(lines: readonly string[]): void {
  if (lines.length === 0) return
  const token = randomUUID()
  issueCommand('stop-commands', {}, token)
  for (const line of lines) info(line)
  issueCommand(token, {}, '')
}

/**
 * core.summary.addRaw(markdown).write({ overwrite: true }): replaces the job summary,
 * with @actions/core's errors when the file is not set or not writable.
 */
export async function writeJobSummary(markdown: string): Promise<void> {
  const path = process.env.GITHUB_STEP_SUMMARY
  if (!path) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  }
  try {
    await access(path, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`
    )
  }
  await writeFile(path, markdown, { encoding: 'utf8' })
}

/** `::name key=value,…::message`, with the runner's escapes (command.js). */
function issueCommand(command: string, properties: Record<string, string>, message: string): void {
  const pairs = Object.entries(properties)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
  // As command.js: the space follows the name whenever properties are given, even all empty.
  const head = Object.keys(properties).length > 0 ? `${command} ${pairs.join(',')}` : command
  process.stdout.write(`::${head}::${escapeData(message)}${EOL}`)
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Appends one entry to the GITHUB_<command> file (file-command.js). */
function fileCommand(command: 'OUTPUT' | 'STATE', message: string): void {
  const path = process.env[`GITHUB_${command}`]
  if (!path) throw new Error(`Unable to find environment variable for file command ${command}`)
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`)
  appendFileSync(path, `${message}${EOL}`, { encoding: 'utf8' })
}

/** `name<<delimiter` heredoc with a random delimiter the value cannot contain (file-command.js). */
function keyValueMessage(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  }
  if (value.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}
