import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { intersects, subset, validRange } from 'semver'
import { parse } from 'yaml'

// What a team reads before adopting the action: who wrote it under which licence, how to
// reference it, and which Node it needs. It must agree with itself and name nothing that
// someone still has to fill in.
const root = new URL('../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8')
const pkg = JSON.parse(read('package.json')) as {
  license: string
  author: string
  engines: { node: string }
}
const action = parse(read('action.yml')) as { author: string; runs: { using: string } }

/** The documents a user reads, and action.yml, which the Marketplace shows. */
const published = [
  'action.yml',
  ...readdirSync(root).filter(name => name.endsWith('.md')),
  ...readdirSync(new URL('docs/', root))
    .filter(name => name.endsWith('.md'))
    .map(name => `docs/${name}`)
]

/** A Markdown document without its code blocks. */
const prose = (path: string): string => read(path).replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '')

describe('repository metadata', () => {
  it('names the same licence and author in LICENSE, package.json and action.yml', () => {
    const license = read('LICENSE')
    expect(license.split('\n')[0]).toBe(`${pkg.license} License`)
    expect(/^Copyright \(c\) \d{4} (.+)$/m.exec(license)?.[1]).toBe(pkg.author)
    expect(action.author).toBe(pkg.author)
  })

  it.each(published)('%s leaves nothing to fill in', path => {
    expect(read(path).match(/\b(OWNER|TODO|TBD|FIXME|XXX|your-org)\b/g)).toBeNull()
  })

  it('references the action as <owner>/…, a stand-in the README explains outside its examples', () => {
    const owners = published.flatMap(path =>
      [...read(path).matchAll(/uses: (\S+)\/ecs-bluegreen-action@/g)].map(([, owner]) => owner)
    )
    expect(owners.length).toBeGreaterThan(0)
    expect(new Set(owners)).toEqual(new Set(['<owner>']))
    expect(prose('README.md')).toMatch(/`<owner>` stands for /)
  })

  it("admits only Node versions every locked package supports, the action's among them", () => {
    const { packages } = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } }>
    }
    const refused = Object.entries(packages).flatMap(([path, { engines }]) => {
      const range = engines?.node
      return path && range && !(validRange(range) && subset(pkg.engines.node, range))
        ? [`${path} needs node ${range}`]
        : []
    })
    expect(refused).toEqual([])
    expect(intersects(pkg.engines.node, `${action.runs.using.replace(/^node/, '')}.x`)).toBe(true)
  })
})
