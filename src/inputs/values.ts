import { clip } from '../model/format.js'

/** A bad input value: the message names the input and says what is allowed. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    /** What is wrong with it, without the input's name. */
    readonly detail: string
  ) {
    super(`Input '${input}': ${detail}`)
    this.name = 'InputError'
  }
}

/** Longest single input we accept; far above any real value, far below what could hurt the runner. */
export const MAX_INPUT_LENGTH = 256 * 1024

/** ECS names clusters, services, task definition families and containers alike. */
export const ECS_NAME = '[A-Za-z0-9_-]{1,255}'
export const ECS_NAME_RULE = 'up to 255 letters, digits, - and _'
/** The start of every ECS ARN: partition, region, account. */
export const ECS_ARN = 'arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}'

/** The whole of `text` is an ECS name. */
export const ECS_NAME_PATTERN = new RegExp(`^${ECS_NAME}$`)

export function checkLength(name: string, raw: string): string {
  if (raw.length > MAX_INPUT_LENGTH) {
    throw new InputError(
      name,
      `is ${raw.length} characters long; at most ${MAX_INPUT_LENGTH} are accepted.`
    )
  }
  return raw
}

export function parseEnum<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T
  const hint = allowed.find(value => value.toLowerCase() === raw.toLowerCase())
  throw new InputError(
    name,
    `${quote(raw)} is not allowed${hint ? ` (did you mean '${hint}'?)` : ''}; use one of ${allowed.join(', ')}.`
  )
}

export function parseBoolean(name: string, raw: string): boolean {
  if (['true', 'True', 'TRUE'].includes(raw)) return true
  if (['false', 'False', 'FALSE'].includes(raw)) return false
  throw new InputError(name, `${quote(raw)} is not a boolean; use true or false.`)
}

export interface NumberRule {
  min: number
  max: number
  unit: string
  /** Values must be a multiple of this step (1 for whole numbers). */
  step?: number
}

export function parseNumber(name: string, raw: string, rule: NumberRule): number {
  const value = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN
  const range = `a number of ${rule.unit} from ${rule.min} to ${rule.max}`
  if (!Number.isFinite(value) || value < rule.min || value > rule.max) {
    throw new InputError(name, `${quote(raw)} is not ${range}.`)
  }
  if (rule.step !== undefined && !isMultiple(value, rule.step)) {
    throw new InputError(
      name,
      `${quote(raw)} must be ${rule.step === 1 ? 'a whole number' : `a multiple of ${rule.step}`} (${range}).`
    )
  }
  return value
}

function isMultiple(value: number, step: number): boolean {
  const ratio = value / step
  return Math.abs(ratio - Math.round(ratio)) < 1e-9
}

/** Non-empty trimmed lines; `#` starts a comment line. */
export function parseLines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
}

/** Items separated by commas or newlines. */
export function parseList(raw: string): string[] {
  return raw
    .split(/[,\r\n]/)
    .map(item => item.trim())
    .filter(item => item !== '')
}

export interface KeyValue {
  key: string
  value: string
}

/**
 * `key=value` lines; the value may itself contain `=`. `checkKey` runs before a key is
 * quoted in any message, so a caller whose bad keys may hold a value can refuse them unquoted.
 */
export function parseKeyValueLines(
  name: string,
  raw: string,
  shape: string,
  checkKey: (key: string, line: number) => void = () => {}
): KeyValue[] {
  const seen = new Set<string>()
  return parseLines(raw).map((line, index) => {
    const at = line.indexOf('=')
    const key = line.slice(0, Math.max(at, 0)).trim()
    if (key === '') throw new InputError(name, `line ${index + 1} is not ${shape}.`)
    checkKey(key, index + 1)
    const value = line.slice(at + 1).trim()
    if (seen.has(key)) throw new InputError(name, `${quote(key)} is given twice.`)
    seen.add(key)
    return { key, value }
  })
}

/** Longest part of a bad value quoted in an error message, so a huge input does not flood the log. */
const MAX_QUOTED = 80

/** A value quoted in an error message: `'value'`, clipped. */
export function quote(value: string): string {
  return `'${clip(value, MAX_QUOTED)}'`
}
