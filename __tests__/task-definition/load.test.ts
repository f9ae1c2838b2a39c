import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DescribeTaskDefinitionCommandInput, TaskDefinition } from '@aws-sdk/client-ecs'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { EcsPort } from '../../src/ecs/port.js'
import { InputError } from '../../src/inputs/values.js'
import {
  checkTaskDefinition,
  describeTaskDefinition,
  loadTaskDefinitionFile,
  MAX_FILE_BYTES
} from '../../src/task-definition/load.js'

const fixtures = new URL('../fixtures/', import.meta.url).pathname
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(fixtures, name), 'utf8'))

let workspace: string
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'load-test-'))
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const write = (name: string, text: string): string => {
  writeFileSync(join(workspace, name), text)
  return name
}

async function loadError(path: string): Promise<InputError> {
  const error = await loadTaskDefinitionFile(path, workspace).then(
    () => undefined,
    (error: unknown) => error
  )
  expect(error).toBeInstanceOf(InputError)
  return error as InputError
}

describe('loadTaskDefinitionFile', () => {
  it('reads a JSON file relative to the workspace', async () => {
    expect(await loadTaskDefinitionFile('task-definition.json', fixtures)).toEqual(
      fixture('task-definition.json')
    )
  })

  it('reads the same task definition from YAML', async () => {
    expect(await loadTaskDefinitionFile('task-definition.yaml', fixtures)).toEqual(
      fixture('task-definition.json')
    )
  })

  it('reads an absolute path wherever the workspace is', async () => {
    const path = join(fixtures, 'task-definition.json')
    expect(await loadTaskDefinitionFile(path, '/nonexistent')).toEqual(
      fixture('task-definition.json')
    )
  })

  it('unwraps the output of aws ecs describe-task-definition', async () => {
    const document = await loadTaskDefinitionFile('describe-task-definition.json', fixtures)
    expect(document).toEqual(
      (fixture('describe-task-definition.json') as { taskDefinition: unknown }).taskDefinition
    )
  })

  it('reads JSON in a file with another extension, and a file of exactly 1 MiB', async () => {
    const json = JSON.stringify({ family: 'f', containerDefinitions: [{ name: 'c' }] })
    expect((await loadTaskDefinitionFile(write('td.txt', json), workspace)).family).toBe('f')
    const padded = json.padEnd(MAX_FILE_BYTES, ' ')
    expect((await loadTaskDefinitionFile(write('big.json', padded), workspace)).family).toBe('f')
  })

  const td = (fields: object): string =>
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web' }], ...fields })

  // prettier-ignore
  it.each([
    ['no family', 'a.json', td({ family: undefined }), "'a.json' has no family."],
    ['an empty family', 'a.json', td({ family: '' }), 'has no family'],
    ['a numeric family', 'a.yml', 'family: 7\ncontainerDefinitions: [{ name: web }]', 'has no family'],
    ['no containerDefinitions', 'a.json', td({ containerDefinitions: undefined }), "'a.json' has no containerDefinitions list."],
    ['no containers', 'a.json', td({ containerDefinitions: [] }), 'has no containerDefinitions list'],
    ['containerDefinitions not a list', 'a.json', td({ containerDefinitions: { name: 'web' } }), 'has no containerDefinitions list'],
    ['a container without a name', 'a.json', td({ containerDefinitions: [{ name: 'web' }, { image: 'x' }] }), "'a.json': container definition 2 has no name."],
    ['a container with an empty name', 'a.json', td({ containerDefinitions: [{ name: '' }] }), 'container definition 1 has no name'],
    ['a container that is not an object', 'a.json', td({ containerDefinitions: ['web'] }), 'container definition 1 has no name'],
    ['a family with a dot', 'a.json', td({ family: 'web.prod' }), "'a.json': family 'web.prod' is not a task definition family (up to 255 letters, digits, - and _)."],
    ['a family of 256 characters', 'a.json', td({ family: 'f'.repeat(256) }), 'is not a task definition family'],
    ['a container name with odd characters', 'a.json', td({ containerDefinitions: [{ name: 'web app!' }] }), "'a.json': container definition 1 is named 'web app!', which is not a container name"],
    ['a container name with a non-ASCII letter', 'a.yml', 'family: web\ncontainerDefinitions: [{ name: wéb }]', 'which is not a container name'],
    ['a container defined twice', 'a.json', td({ containerDefinitions: [{ name: 'web' }, { name: 'web' }] }), "'a.json': container 'web' is defined twice."],
    ['environment that is not a list', 'a.json', td({ containerDefinitions: [{ name: 'web', environment: { A: '1' } }] }), "'a.json': container 'web' environment is not a list."],
    ['a variable without a name', 'a.json', td({ containerDefinitions: [{ name: 'web', environment: [{ value: '1' }] }] }), "container 'web' environment entry 1 has no name."],
    ['a variable without a value (nothing after value: in YAML)', 'a.yml', 'family: web\ncontainerDefinitions:\n  - name: web\n    environment: [{ name: PORT, value: }]', "container 'web' environment entry 1 (PORT) has no value (in YAML, write '' for an empty value)."],
    ['a variable whose value is a list', 'a.json', td({ containerDefinitions: [{ name: 'web', environment: [{ name: 'A', value: ['x'] }] }] }), "container 'web' environment entry 1 (A): value must be a string."],
    ['a secret without valueFrom', 'a.json', td({ containerDefinitions: [{ name: 'web', secrets: [{ name: 'DB', value: 'x' }] }] }), "container 'web' secrets entry 1 (DB) has no valueFrom."],
    ['a list', 'a.json', '[]', "'a.json' is not a task definition object."],
    ['an empty YAML file', 'a.yaml', '', 'is not a task definition object'],
    ['a describe output without family', 'a.json', JSON.stringify({ taskDefinition: { containerDefinitions: [{ name: 'w' }] } }), 'has no family'],
    ['invalid JSON', 'a.json', '{"family": "web",}', "'a.json': it is not valid JSON: "],
    ['YAML in a .json file', 'a.JSON', 'family: web', 'it is not valid JSON'],
    ['invalid YAML', 'a.yml', 'family: [web', "'a.yml': it is neither valid JSON nor valid YAML: "],
    ['a YAML alias bomb', 'a.yml', `a: &a [x,x,x,x,x,x,x,x]\nb: &b [${'*a,'.repeat(8)}]\nc: &c [${'*b,'.repeat(8)}]\nd: [${'*c,'.repeat(8)}]`, 'Excessive alias count'],
    ['JSON nested past 32 levels', 'a.json', td({ volumes: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) }), "'a.json': it is nested more than 32 levels deep."]
  ])('refuses a file with %s', async (_why, name, text, fragment) => {
    const error = await loadError(write(name, text))
    expect(error.input).toBe('task-definition')
    expect(error.message).toMatch(new RegExp(`^Input 'task-definition': '${name}'`))
    expect(error.message).toContain(fragment)
  })

  it('refuses a file that does not exist, saying where it looked', async () => {
    const error = await loadError('deploy/missing.json')
    expect(error.message).toBe(
      `Input 'task-definition': 'deploy/missing.json' does not exist (looked in ${join(workspace, 'deploy/missing.json')}).`
    )
  })

  it('refuses a directory', async () => {
    mkdirSync(join(workspace, 'deploy.json'))
    expect((await loadError('deploy.json')).message).toBe(
      "Input 'task-definition': 'deploy.json' is not a file."
    )
  })

  it('refuses a file over 1 MiB without parsing it', async () => {
    const error = await loadError(write('huge.json', 'x'.repeat(MAX_FILE_BYTES + 1)))
    expect(error.message).toBe(
      `Input 'task-definition': 'huge.json' is ${MAX_FILE_BYTES + 1} bytes; a task definition file may be at most 1048576 bytes.`
    )
  })
})

describe('checkTaskDefinition', () => {
  it('returns the task definition itself, unwrapped', () => {
    const taskDefinition = { family: 'web', containerDefinitions: [{ name: 'web' }] }
    expect(checkTaskDefinition({ taskDefinition }, 'the service')).toBe(taskDefinition)
    expect(checkTaskDefinition(taskDefinition, 'the service')).toBe(taskDefinition)
  })
})

describe('describeTaskDefinition', () => {
  const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:41'
  const fakeEcs = (answer: {
    taskDefinition?: TaskDefinition
    tags?: { key: string; value: string }[]
  }) => {
    const requests: DescribeTaskDefinitionCommandInput[] = []
    const ecs = {
      region: 'us-east-1',
      describeTaskDefinition: async (input: DescribeTaskDefinitionCommandInput) => {
        requests.push(input)
        return { $metadata: {}, ...answer }
      }
    } as unknown as EcsPort
    return { ecs, requests }
  }

  it('returns the current task definition with its tags', async () => {
    const taskDefinition = {
      family: 'web',
      taskDefinitionArn: ARN,
      containerDefinitions: [{ name: 'web' }]
    }
    const tags = [{ key: 'github:sha', value: 'abc' }]
    const { ecs, requests } = fakeEcs({ taskDefinition, tags })
    expect(await describeTaskDefinition(ecs, ARN)).toEqual({ document: taskDefinition, tags })
    expect(requests).toEqual([{ taskDefinition: ARN, include: ['TAGS'] }])
  })

  it('returns no tags when ECS sends none', async () => {
    const { ecs } = fakeEcs({
      taskDefinition: { family: 'web', containerDefinitions: [{ name: 'web' }] }
    })
    expect((await describeTaskDefinition(ecs, ARN)).tags).toEqual([])
  })

  it('fails when ECS returns no task definition or one without containers', async () => {
    await expect(describeTaskDefinition(fakeEcs({}).ecs, ARN)).rejects.toThrow(
      `ECS returned no task definition for ${ARN}.`
    )
    const empty = fakeEcs({ taskDefinition: { family: 'web', containerDefinitions: [] } })
    await expect(describeTaskDefinition(empty.ecs, ARN)).rejects.toThrow(
      `Task definition ${ARN} has no containers.`
    )
  })
})
