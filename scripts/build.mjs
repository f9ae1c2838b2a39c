/**
 * `npm run build`: src/index.ts bundled into dist/ (or the directory given as the argument:
 * the end-to-end tests build into build/action/dist) by ncc, as `ncc build src/index.ts -o dist
 * --license licenses.txt` would (with mainFields ["main"] the two write the same bytes), plus
 * the one setting the CLI does not offer: a package's "module" entry is preferred to its
 * "main". The AWS SDK's ES module build loads every credential provider but the
 * environment's with import(), which webpack puts in chunks of their own, so a run with
 * the credentials configure-aws-credentials exports never loads them: the SDK chunk the
 * deploy path loads shrinks from 1.17 MB to 0.93 MB, and UpdateService leaves about 30 ms
 * sooner (`npm run bench`). Its CommonJS build require()s them all up front.
 *
 * Every chunk is then written in ASCII (scripts/ascii-only.mjs): V8 holds a module's source
 * at two bytes a character as soon as one character is not Latin-1.
 */
import ncc from '@vercel/ncc'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { argv } from 'node:process'
import { fileURLToPath } from 'node:url'
import { asciiOnly } from './ascii-only.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = argv[2] ? resolve(argv[2]) : join(root, 'dist')

const { code, assets } = await ncc(join(root, 'src/index.ts'), {
  license: 'licenses.txt',
  mainFields: ['module', 'main'],
  quiet: true
})

rmSync(out, { recursive: true, force: true })
mkdirSync(out)
writeFileSync(join(out, 'index.js'), asciiOnly(code, 'index.js'))
// The other chunks, licenses.txt, and the package.json that marks dist/ as ES modules.
for (const [name, asset] of Object.entries(assets)) {
  mkdirSync(dirname(join(out, name)), { recursive: true })
  const source = name.endsWith('.js') ? asciiOnly(String(asset.source), name) : asset.source
  writeFileSync(join(out, name), source, { mode: asset.permissions })
}
