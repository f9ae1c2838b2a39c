import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Jest loads a globalSetup module outside its own resolver: this one imports Node's modules only.
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The bundle the end-to-end tests run: src/ as it is now, built by `npm run build`'s own
 * script into build/action/dist (the same bytes as dist/ whenever dist/ is current), so the
 * tests see the change under test rather than the dist/ last committed. action.yml sits
 * beside it, as in the action's repository where the runner runs it.
 */
const E2E_ACTION_DIR = join(ROOT, 'build/action')
export const E2E_BUNDLE_DIR = join(E2E_ACTION_DIR, 'dist')
export const E2E_BUNDLE = join(E2E_BUNDLE_DIR, 'index.js')

/** What the bundle is made of; a build with the same inputs is skipped. */
const INPUTS = [
  'src',
  'action.yml',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.mjs'
]
const STAMP = `${E2E_BUNDLE_DIR}.sha256`

/** The e2e project's globalSetup: Jest runs it once per run, before the first e2e suite. */
export default function buildE2eBundle(): void {
  const inputs = inputsHash()
  if (existsSync(E2E_BUNDLE) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputs) return
  // Built aside and then moved in, so an interrupted build never passes for a finished one.
  const staging = `${E2E_BUNDLE_DIR}.${process.pid}`
  mkdirSync(E2E_ACTION_DIR, { recursive: true })
  copyFileSync(join(ROOT, 'action.yml'), join(E2E_ACTION_DIR, 'action.yml'))
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), staging], { stdio: 'inherit' })
  rmSync(E2E_BUNDLE_DIR, { recursive: true, force: true })
  renameSync(staging, E2E_BUNDLE_DIR)
  writeFileSync(STAMP, inputs)
}

function inputsHash(): string {
  const hash = createHash('sha256')
  const files = INPUTS.flatMap(input =>
    statSync(join(ROOT, input)).isDirectory()
      ? readdirSync(join(ROOT, input), { recursive: true, encoding: 'utf8' })
          .map(name => join(input, name))
          .filter(path => statSync(join(ROOT, path)).isFile())
          .sort()
      : [input]
  )
  for (const path of files) hash.update(`${path}\0`).update(readFileSync(join(ROOT, path)))
  return hash.digest('hex')
}
