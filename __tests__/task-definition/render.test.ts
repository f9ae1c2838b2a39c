import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { RegisterTaskDefinitionRequest$, TaskDefinition$ } from '@aws-sdk/client-ecs'
import { InputError } from '../../src/inputs/values.js'
import type { ImageOverride } from '../../src/inputs/inputs.js'
import { registerTaskDefinitionShape, type Shape } from '../../src/ecs/api-schema.js'
import type { TaskDefinitionDocument } from '../../src/task-definition/load.js'
import {
  MAX_TASK_DEFINITION_BYTES,
  renderTaskDefinition
} from '../../src/task-definition/render.js'

const fixture = (name: string): TaskDefinitionDocument =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
  ) as TaskDefinitionDocument
/** The task definition file: web:1.0.0 (LOG_LEVEL=info, REGION=us-east-1) and a log-router. */
const file = (): TaskDefinitionDocument => fixture('task-definition.json')
/** What the service runs now, as DescribeTaskDefinition returns it: web:0.9.0 (LOG_LEVEL=info). */
const current = (): TaskDefinitionDocument =>
  (
    fixture('describe-task-definition.json') as unknown as {
      taskDefinition: TaskDefinitionDocument
    }
  ).taskDefinition

/** Members of TaskDefinition (what DescribeTaskDefinition returns) that RegisterTaskDefinition does not take. */
const describedOnly = TaskDefinition$[4].filter(
  member => !RegisterTaskDefinitionRequest$[4].includes(member)
)

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
const image = (
  container: string,
  ref: string,
  input: ImageOverride['input'] = 'images'
): ImageOverride => ({
  container,
  image: ref,
  input
})
type Container = { name: string; image?: string; environment?: { name?: string; value?: string }[] }
const containers = (rendered: ReturnType<typeof renderTaskDefinition>): Container[] =>
  rendered.input.containerDefinitions as Container[]

let shape: Shape
beforeAll(async () => {
  shape = await registerTaskDefinitionShape()
})

function renderError(
  base: TaskDefinitionDocument,
  request: Parameters<typeof renderTaskDefinition>[2]
): InputError {
  try {
    renderTaskDefinition(shape, base, request)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('renderTaskDefinition accepted the request')
}

describe('renderTaskDefinition images', () => {
  it('sets the image of container-name and of every images pair, leaving the rest', () => {
    const base = file()
    const rendered = renderTaskDefinition(shape, base, {
      images: [
        image('web', `${ECR}/web:2.0.0`, 'container-name'),
        image('log-router', 'fluent-bit:3')
      ],
      containerName: 'web',
      environment: []
    })
    expect(containers(rendered).map(container => container.image)).toEqual([
      `${ECR}/web:2.0.0`,
      'fluent-bit:3'
    ])
    const { containerDefinitions, ...rest } = rendered.input
    const { containerDefinitions: baseContainers, ...baseRest } = base
    expect(rest).toEqual(baseRest)
    expect(containerDefinitions).toEqual([
      { ...baseContainers[0], image: `${ECR}/web:2.0.0` },
      { ...baseContainers[1], image: 'fluent-bit:3' }
    ])
  })

  it.each([
    ['container-name', image('api', 'api:1', 'container-name')],
    ['images', image('worker', 'worker:1', 'images')]
  ] as const)('names %s when it names a container the task definition lacks', (input, override) => {
    const error = renderError(file(), { images: [override], environment: [] })
    expect(error.input).toBe(input)
    expect(error.message).toBe(
      `Input '${input}': container '${override.container}' is not in the task definition; its containers are web, log-router.`
    )
  })
})

describe('renderTaskDefinition environment', () => {
  it('sets the variables on container-name and keeps its other variables', () => {
    const rendered = renderTaskDefinition(shape, file(), {
      images: [],
      containerName: 'web',
      environment: [
        { name: 'LOG_LEVEL', value: 'debug' },
        { name: 'FEATURE', value: 'on' }
      ]
    })
    const [web, logRouter] = containers(rendered)
    expect(web?.environment).toEqual([
      { name: 'REGION', value: 'us-east-1' },
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'FEATURE', value: 'on' }
    ])
    expect(logRouter?.environment).toBeUndefined()
  })

  it('gives a container without variables its first ones', () => {
    const rendered = renderTaskDefinition(shape, file(), {
      images: [],
      containerName: 'log-router',
      environment: [{ name: 'A', value: '1' }]
    })
    expect(containers(rendered)[1]?.environment).toEqual([{ name: 'A', value: '1' }])
  })

  it('names container-name when that container is missing', () => {
    const error = renderError(file(), {
      images: [],
      containerName: 'api',
      environment: [{ name: 'A', value: 'secret-value' }]
    })
    expect(error.message).toBe(
      "Input 'container-name': container 'api' is not in the task definition; its containers are web, log-router."
    )
  })
  it('names container-name when it names no container, even with nothing to set on it', () => {
    const error = renderError(file(), {
      images: [image('web', `${ECR}/web:2.0.0`, 'images')],
      containerName: 'wbe',
      environment: []
    })
    expect(error.message).toBe(
      "Input 'container-name': container 'wbe' is not in the task definition; its containers are web, log-router."
    )
  })
})

describe('renderTaskDefinition refuses what ECS would not register', () => {
  it('a container left without an image', () => {
    const base = { family: 'web', containerDefinitions: [{ name: 'web' }] }
    expect(renderError(base, { images: [], environment: [] }).message).toBe(
      "Input 'task-definition': container 'web' has no image; give it one in the file, or with container-name and image (or images)."
    )
    const given = renderTaskDefinition(shape, base, {
      images: [image('web', `${ECR}/web:1`, 'container-name')],
      environment: []
    })
    expect(containers(given)[0]?.image).toBe(`${ECR}/web:1`)
  })

  it('over 64 KiB of JSON, naming the input that made it so', () => {
    const big = 'x'.repeat(MAX_TASK_DEFINITION_BYTES)
    const request = (value: string) => ({
      images: [],
      containerName: 'web',
      environment: [{ name: 'BLOB', value }]
    })
    expect(renderError(file(), request(big)).input).toBe('environment-variables')
    const bigFile = { ...file(), pidMode: big }
    const error = renderError(bigFile, request('small'))
    expect(error.input).toBe('task-definition')
    expect(error.message).toMatch(
      /^Input 'task-definition': the rendered task definition is \d+ bytes of JSON; ECS registers at most 65536/
    )
    expect(error.message).not.toContain('small')
  })
})

describe('renderTaskDefinition fields', () => {
  it('strips the fields DescribeTaskDefinition adds, silently', () => {
    const base = {
      ...current(),
      deregisteredAt: '2025-02-01T00:00:00Z',
      deleteRequestedAt: '2025-03-01T00:00:00Z'
    }
    // Each field ECS describes but does not take back, by the ECS API model the SDK carries.
    for (const field of describedOnly) expect(base).toHaveProperty(field)
    const rendered = renderTaskDefinition(shape, base, { images: [], environment: [] })
    for (const field of describedOnly) expect(rendered.input).not.toHaveProperty(field)
    expect(rendered.unknownFields).toEqual([])
    expect(Object.keys(rendered.input).sort()).toEqual(
      [
        'containerDefinitions',
        'cpu',
        'family',
        'memory',
        'networkMode',
        'requiresCompatibilities'
      ].sort()
    )
  })

  it('reports and leaves out other fields RegisterTaskDefinition does not take', () => {
    const base = {
      ...file(),
      serviceName: 'web',
      desiredCount: 2,
      runtimePlatform: { cpuArchitecture: 'ARM64' }
    }
    const rendered = renderTaskDefinition(shape, base, { images: [], environment: [] })
    expect(rendered.unknownFields).toEqual(['serviceName', 'desiredCount'])
    expect(rendered.input).not.toHaveProperty('serviceName')
    expect(rendered.input.runtimePlatform).toEqual({ cpuArchitecture: 'ARM64' })
    expect(rendered.input.tags).toEqual([{ key: 'team', value: 'payments' }])
  })

  it('sends every value as the type RegisterTaskDefinition declares, as YAML would not', () => {
    const base = { ...file(), cpu: 512, memory: 1024 } as unknown as TaskDefinitionDocument
    base.containerDefinitions[0]!.environment = [{ name: 'PORT', value: 8080 }]
    const rendered = renderTaskDefinition(shape, base, { images: [], environment: [] }, file())
    expect(rendered.input).toMatchObject({ cpu: '512', memory: '1024' })
    expect(containers(rendered)[0]?.environment).toEqual([{ name: 'PORT', value: '8080' }])
    expect(rendered.containers[0]?.changedEnvironment).toEqual(['LOG_LEVEL', 'PORT', 'REGION'])
  })

  it('names the field whose value has no faithful conversion, and where unknown fields were', () => {
    const base = file()
    base.containerDefinitions[0]!.portMappings = [{ containerPort: 'http' }]
    expect(renderError(base, { images: [], environment: [] }).message).toBe(
      "Input 'task-definition': task definition web: containerDefinitions[0].portMappings[0].containerPort is a string; the API takes a number."
    )
    const misspelt = file()
    misspelt.containerDefinitions[1]!.enviroment = [{ name: 'A', value: '1' }]
    const rendered = renderTaskDefinition(shape, misspelt, { images: [], environment: [] })
    expect(rendered.unknownFields).toEqual(['containerDefinitions[1].enviroment'])
  })

  it('does not change the task definition it starts from', () => {
    const base = current()
    const previous = file()
    renderTaskDefinition(
      shape,
      base,
      {
        images: [image('web', 'web:9', 'container-name')],
        containerName: 'web',
        environment: [{ name: 'A', value: '1' }]
      },
      previous
    )
    expect(base).toEqual(current())
    expect(previous).toEqual(file())
  })
})

describe('renderTaskDefinition containers', () => {
  it('lists each container with its previous image, new image and changed variable names', () => {
    const rendered = renderTaskDefinition(
      shape,
      file(),
      {
        images: [image('web', `${ECR}/web:2.0.0`, 'container-name')],
        containerName: 'web',
        environment: [
          { name: 'LOG_LEVEL', value: 'debug' },
          { name: 'TOKEN', value: 'secret-value' }
        ]
      },
      current()
    )
    expect(rendered.containers).toEqual([
      {
        name: 'web',
        previousImage: `${ECR}/web:0.9.0`,
        image: `${ECR}/web:2.0.0`,
        // LOG_LEVEL changed, TOKEN added, REGION is new in the file.
        changedEnvironment: ['LOG_LEVEL', 'REGION', 'TOKEN']
      },
      // Not in the running revision: no previous image.
      {
        name: 'log-router',
        previousImage: undefined,
        image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0',
        changedEnvironment: []
      }
    ])
    expect(JSON.stringify(rendered.containers)).not.toContain('secret-value')
  })

  it('compares with the base itself when there is no previous revision', () => {
    const rendered = renderTaskDefinition(shape, file(), {
      images: [],
      containerName: 'web',
      environment: [{ name: 'LOG_LEVEL', value: 'info' }]
    })
    expect(rendered.containers[0]).toEqual({
      name: 'web',
      previousImage: `${ECR}/web:1.0.0`,
      image: `${ECR}/web:1.0.0`,
      changedEnvironment: []
    })
  })

  it('names variables that the new revision removes, with or without a value', () => {
    const base = file()
    const previous = file()
    const [web] = previous.containerDefinitions
    web!.environment = [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'OLD', value: 'x' },
      { name: 'FLAG' }
    ]
    base.containerDefinitions[0]!.environment = [{ name: 'LOG_LEVEL', value: 'info' }]
    const rendered = renderTaskDefinition(shape, base, { images: [], environment: [] }, previous)
    expect(rendered.containers[0]?.changedEnvironment).toEqual(['FLAG', 'OLD'])
  })

  it('names a variable added without a value', () => {
    const base = file()
    base.containerDefinitions[1]!.environment = [{ name: 'DEBUG' }]
    const rendered = renderTaskDefinition(shape, base, { images: [], environment: [] }, file())
    expect(rendered.containers[1]?.changedEnvironment).toEqual(['DEBUG'])
  })
})
