import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { InputError } from '../../src/inputs/values.js'
import {
  DEFAULTED_INPUTS,
  getInputs,
  parseTaskDefinitionInput,
  type Inputs,
  readActionDefaults,
  readInputs
} from '../../src/inputs/inputs.js'
import { loadStructuredTextParser } from '../../src/inputs/structured-text.js'

const ACTION_YML = new URL('../../action.yml', import.meta.url).pathname
/** action.yml's inputs with their defaults, read the way the runner reads them. */
const declared = (
  parse(readFileSync(ACTION_YML, 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
).inputs
const TOKEN = 'ghs_runnertoken'

/** A reader like the runner's: the given value, else action.yml's default (expressions evaluated), else ''. */
function readerFor(given: Record<string, string>): (name: string) => string {
  for (const name of Object.keys(given)) {
    if (!(name in declared))
      throw new Error(`test gives '${name}', which action.yml does not declare`)
  }
  return name => {
    if (!(name in declared))
      throw new Error(`getInputs read '${name}', which action.yml does not declare`)
    const fallback = declared[name]?.default ?? ''
    return given[name] ?? (/^\$\{\{.*\}\}$/.test(fallback) ? TOKEN : fallback)
  }
}

const inputs = (given: Record<string, string>): Inputs => getInputs(readerFor(given))
const noDefaultsNeeded = (): Promise<Record<string, string>> => {
  throw new Error('read action.yml although no input was empty')
}

function inputError(given: Record<string, string>): InputError {
  try {
    inputs(given)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('getInputs accepted the inputs')
}

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
const DEPLOYMENT_ARN =
  'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/NCWGC2ZR-taEHNsqsjy7d7'

// First, while this file's module registry has not loaded the YAML parser (as in the action);
// the other blocks load it themselves.
describe('readInputs', () => {
  it('loads the YAML parser when lifecycle-hooks is given', async () => {
    const hooks = '- targetType: PAUSE\n  lifecycleStages: [POST_SCALE_UP]\n'
    const read = await readInputs(
      readerFor({ service: 'web', 'lifecycle-hooks': hooks }),
      noDefaultsNeeded
    )
    expect(read.lifecycleHooks).toEqual([
      { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }
    ])
  })

  it('reads what getInputs reads', async () => {
    const given = { service: 'web', 'container-name': 'app', image: `${ECR}/web:2` }
    expect(await readInputs(readerFor(given), noDefaultsNeeded)).toEqual(inputs(given))
  })

  it("gives an input passed empty action.yml's default, as if it was left out", async () => {
    const given = { service: 'web', timeout: '', 'pr-comment': ' ', 'wait-until': '' }
    const read = await readInputs(readerFor(given), () => readActionDefaults(ACTION_YML))
    expect(read).toEqual(inputs({ service: 'web' }))
  })

  it('knows which inputs have a default in action.yml that needs no runner expression', async () => {
    const defaults = await readActionDefaults(ACTION_YML)
    expect(Object.keys(defaults).sort()).toEqual([...DEFAULTED_INPUTS].sort())
    expect(declared['github-token']?.default).toMatch(/^\$\{\{/)
  })
})

describe('getInputs with valid inputs', () => {
  beforeAll(loadStructuredTextParser)

  it('reads every input action.yml declares, and only those', () => {
    const read = new Set<string>()
    const reader = readerFor({ service: 'web' })
    getInputs(name => {
      read.add(name)
      return reader(name)
    })
    expect([...read].sort()).toEqual(Object.keys(declared).sort())
  })

  it("applies action.yml's defaults", () => {
    expect(inputs({ service: 'web' })).toEqual({
      command: 'deploy',
      cluster: 'default',
      service: 'web',
      images: [],
      environmentVariables: [],
      pauseAt: [],
      pauseTimeout: 1440,
      pauseTimeoutAction: 'ROLLBACK',
      waitUntil: { kind: 'complete' },
      pollInterval: 10,
      rollbackOnCancel: false,
      rollbackOnTimeout: false,
      logLines: 20,
      githubToken: TOKEN,
      prComment: true,
      checkRun: true,
      jobSummary: true,
      removePauses: false,
      taskDefinitionOnly: false
    })
  })

  it('parses a full deploy into one typed object', () => {
    const parsed = inputs({
      command: 'deploy',
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      service: ' web ',
      'task-definition': 'deploy/task-definition.yml',
      'container-name': 'web',
      image: `${ECR}/web:1.2.3`,
      images: `# sidecars\nlog-router = ${ECR}/fluent-bit@sha256:abc123\n\n`,
      'environment-variables': 'LOG_LEVEL=debug\nFEATURE_FLAGS=a=1,b=2\nEMPTY=',
      strategy: 'CANARY',
      'bake-time': '15',
      'canary-percent': '12.5',
      'canary-bake-time': '0',
      'test-traffic-header': 'x-canary: always',
      'lifecycle-hooks':
        '- hookTargetArn: arn:aws:lambda:us-east-1:123456789012:function:smoke\n' +
        '  roleArn: arn:aws:iam::123456789012:role/ecs-hooks\n' +
        '  lifecycleStages: [POST_TEST_TRAFFIC_SHIFT]\n',
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT,\nPRE_PRODUCTION_TRAFFIC_SHIFT',
      'pause-timeout': '120',
      'pause-timeout-action': 'CONTINUE',
      'wait-until': 'BAKE_TIME',
      timeout: '90',
      'poll-interval': '5',
      'rollback-on-cancel': 'true',
      'rollback-on-timeout': 'TRUE',
      'log-lines': '0',
      'github-token': 'ghp_other',
      'pr-comment': 'false',
      'check-run': 'False',
      'check-name': 'release / web',
      'control-workflow': '.github/workflows/release-control.yaml',
      'job-summary': 'false'
    })
    expect(parsed).toEqual({
      command: 'deploy',
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      service: 'web',
      taskDefinition: 'deploy/task-definition.yml',
      containerName: 'web',
      images: [
        { container: 'web', image: `${ECR}/web:1.2.3`, input: 'container-name' },
        { container: 'log-router', image: `${ECR}/fluent-bit@sha256:abc123`, input: 'images' }
      ],
      environmentVariables: [
        { name: 'LOG_LEVEL', value: 'debug' },
        { name: 'FEATURE_FLAGS', value: 'a=1,b=2' },
        { name: 'EMPTY', value: '' }
      ],
      strategy: 'CANARY',
      bakeTime: 15,
      canaryPercent: 12.5,
      canaryBakeTime: 0,
      testTrafficHeader: { name: 'x-canary', value: 'always' },
      lifecycleHooks: [
        {
          targetType: 'AWS_LAMBDA',
          hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:smoke',
          roleArn: 'arn:aws:iam::123456789012:role/ecs-hooks',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT']
        }
      ],
      pauseAt: ['POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT'],
      pauseTimeout: 120,
      pauseTimeoutAction: 'CONTINUE',
      waitUntil: { kind: 'stage', stage: 'BAKE_TIME' },
      timeout: 90,
      pollInterval: 5,
      rollbackOnCancel: true,
      rollbackOnTimeout: true,
      logLines: 0,
      githubToken: 'ghp_other',
      prComment: false,
      checkRun: false,
      checkName: 'release / web',
      controlWorkflow: 'release-control.yaml',
      jobSummary: false,
      removePauses: false,
      taskDefinitionOnly: false
    })
  })

  it('takes cluster and service ARNs', () => {
    const given = {
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      service: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web'
    }
    expect(inputs(given)).toMatchObject(given)
    const short = 'arn:aws-cn:ecs:cn-north-1:123456789012:service/web'
    expect(inputs({ service: short }).service).toBe(short)
  })

  it('renders from a file without a service', () => {
    const parsed = inputs({ command: 'render', 'task-definition': 'td.json' })
    expect(parsed).toMatchObject({ command: 'render', service: '', taskDefinition: 'td.json' })
  })

  it('takes a deployment ARN for promote, rollback and status', () => {
    for (const command of ['promote', 'rollback', 'status']) {
      const given = { command, service: 'web', 'deployment-arn': DEPLOYMENT_ARN }
      expect(inputs(given).deploymentArn).toBe(DEPLOYMENT_ARN)
    }
  })

  it('takes check-name for status, which one release-control step runs beside promote', () => {
    expect(inputs({ command: 'status', service: 'web', 'check-name': 'release' }).checkName).toBe(
      'release'
    )
  })

  it.each([
    ['test-traffic-header', 'x-canary=true', { name: 'x-canary', value: 'true' }],
    ['test-traffic-header', 'X-Env :  blue=green', { name: 'X-Env', value: 'blue=green' }],
    ['linear-step-percent', '3', 3],
    ['linear-step-percent', '100', 100],
    ['linear-step-percent', '33.3', 33.3],
    ['canary-percent', '0.1', 0.1],
    ['canary-percent', '100', 100],
    ['bake-time', '1440', 1440],
    ['linear-step-bake-time', '0', 0],
    ['pause-timeout', '20160', 20160],
    ['poll-interval', '1', 1],
    ['timeout', '1.5', 1.5],
    ['strategy', 'LINEAR', 'LINEAR'],
    ['wait-until', 'none', { kind: 'none' }],
    ['wait-until', 'paused', { kind: 'paused' }],
    [
      'wait-until',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      {
        kind: 'stage',
        stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT'
      }
    ]
  ])('accepts %s: %j', (name, raw, expected) => {
    const key = name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) as keyof Inputs
    expect(inputs({ service: 'web', [name]: raw })[key]).toEqual(expected)
  })
})

describe('task-definition: a file or a registered revision', () => {
  it.each([
    ['web:42', { revision: 'web:42' }],
    [
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42',
      { revision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42' }
    ],
    ['web.json', { file: 'web.json' }],
    ['./web:42', { file: './web:42' }],
    ['deploy/web:42', { file: 'deploy/web:42' }],
    ['web:latest', { file: 'web:latest' }],
    ['web:0', { file: 'web:0' }]
  ])('reads %s', (raw, expected) => {
    expect(parseTaskDefinitionInput(raw)).toEqual(expected)
  })

  it('gives deploy and plan the revision, and nothing to register', () => {
    for (const command of ['deploy', 'plan']) {
      const parsed = inputs({ service: 'web', command, 'task-definition': 'web:42' })
      expect([parsed.taskDefinition, parsed.taskDefinitionRevision]).toEqual([undefined, 'web:42'])
    }
  })

  it('lets render start from a revision without a service', () => {
    expect(
      inputs({ command: 'render', service: '', 'task-definition': 'web:42' }).taskDefinitionRevision
    ).toBe('web:42')
  })
})

describe('pause-at: none', () => {
  it('removes the pauses and adds none', () => {
    const parsed = inputs({ service: 'web', 'pause-at': 'none' })
    expect([parsed.pauseAt, parsed.removePauses]).toEqual([[], true])
  })
})

const BIG = 'x'.repeat(256 * 1024 + 1)

// [why, inputs beyond service: web, the input the error names, what the message says]
// prettier-ignore
const bad: [string, Record<string, string>, string, string][] = [
  ['unknown command', { command: 'launch' }, 'command', 'use one of deploy, plan, promote, rollback, status, render'],
  ['command in the wrong case', { command: 'Deploy' }, 'command', "did you mean 'deploy'"],
  ['no service', { service: '' }, 'service', "is required for command 'deploy'"],
  ['render without file or service', { command: 'render', service: '' }, 'service', 'without a task-definition'],
  ['service with a space', { service: 'web app' }, 'service', 'is not an ECS service name (up to 255 letters, digits, - and _) or service ARN'],
  ['cluster with a space', { cluster: 'prod east' }, 'cluster', 'is not an ECS cluster name (up to 255 letters, digits, - and _) or cluster ARN'],
  ['cluster name with a dot', { cluster: 'prod.east' }, 'cluster', 'is not an ECS cluster name (up to 255 letters, digits, - and _) or cluster ARN'],
  ['cluster name of 256 characters', { cluster: 'c'.repeat(256) }, 'cluster', 'is not an ECS cluster name (up to 255 letters, digits, - and _) or cluster ARN'],
  ['cluster given as a service ARN', { cluster: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web' }, 'cluster', 'is not an ECS cluster name (up to 255 letters, digits, - and _) or cluster ARN'],
  ['service name with a path', { service: 'web/../api' }, 'service', 'is not an ECS service name (up to 255 letters, digits, - and _) or service ARN'],
  ['image without container-name', { image: 'nginx:1' }, 'image', 'needs container-name'],
  ['variables without container-name', { 'environment-variables': 'A=1' }, 'environment-variables', 'needs container-name'],
  ['container name with a dot', { 'container-name': 'web.app' }, 'container-name', 'letters, digits, - and _'],
  ['container name with a space', { 'container-name': 'web app' }, 'container-name', 'is not a container name'],
  ['image with a space', { 'container-name': 'web', image: 'nginx:1 latest' }, 'image', 'is not an image reference'],
  ['images line without =', { images: 'web' }, 'images', 'line 1 is not container=image'],
  ['images container twice', { images: 'web=a:1\nweb=b:1' }, 'images', "'web' is given twice"],
  ['images container with odd characters', { images: 'web$=a:1' }, 'images', 'is not a container name'],
  ['images image with a space', { images: 'web=a 1' }, 'images', 'is not an image reference'],
  ['images repeats container-name', { 'container-name': 'web', image: 'a:1', images: 'web=b:1' }, 'images', 'already gets an image'],
  ['variable line without =', { 'container-name': 'web', 'environment-variables': 'A=1\nB' }, 'environment-variables', 'line 2 is not KEY=value'],
  ['variable name with a space', { 'container-name': 'web', 'environment-variables': 'MY VAR=1' }, 'environment-variables', 'is not a variable name'],
  ['strategy ROLLING', { strategy: 'ROLLING' }, 'strategy', 'ROLLING is not a blue/green strategy'],
  ['strategy rolling', { strategy: 'rolling' }, 'strategy', 'BLUE_GREEN, CANARY or LINEAR'],
  ['strategy in the wrong case', { strategy: 'blue_green' }, 'strategy', "did you mean 'BLUE_GREEN'"],
  ['unknown strategy', { strategy: 'SHADOW' }, 'strategy', 'use one of BLUE_GREEN, CANARY, LINEAR'],
  ['negative bake-time', { 'bake-time': '-1' }, 'bake-time', 'minutes from 0 to 1440'],
  ['bake-time too long', { 'bake-time': '1441' }, 'bake-time', 'from 0 to 1440'],
  ['bake-time not a number', { 'bake-time': 'ten' }, 'bake-time', 'from 0 to 1440'],
  ['bake-time in exponent form', { 'bake-time': '1e2' }, 'bake-time', 'from 0 to 1440'],
  ['fractional bake-time', { 'bake-time': '2.5' }, 'bake-time', 'must be a whole number'],
  ['fractional canary-bake-time', { 'canary-bake-time': '0.5' }, 'canary-bake-time', 'must be a whole number'],
  ['linear-step-bake-time too long', { 'linear-step-bake-time': '2000' }, 'linear-step-bake-time', 'from 0 to 1440'],
  ['canary-percent 0', { 'canary-percent': '0' }, 'canary-percent', 'percent from 0.1 to 100'],
  ['canary-percent over 100', { 'canary-percent': '100.1' }, 'canary-percent', 'from 0.1 to 100'],
  ['canary-percent finer than 0.1', { 'canary-percent': '12.25' }, 'canary-percent', 'a multiple of 0.1'],
  ['linear-step-percent under 3', { 'linear-step-percent': '2.9' }, 'linear-step-percent', 'from 3 to 100'],
  ['linear-step-percent finer than 0.1', { 'linear-step-percent': '10.05' }, 'linear-step-percent', 'a multiple of 0.1'],
  ['pause-timeout 0', { 'pause-timeout': '0' }, 'pause-timeout', 'minutes from 1 to 20160'],
  ['pause-timeout over 14 days', { 'pause-timeout': '20161' }, 'pause-timeout', 'from 1 to 20160'],
  ['fractional pause-timeout', { 'pause-timeout': '1.5' }, 'pause-timeout', 'must be a whole number'],
  ['pause-timeout-action in the wrong case', { 'pause-timeout-action': 'rollback' }, 'pause-timeout-action', "did you mean 'ROLLBACK'"],
  ['unknown pause-timeout-action', { 'pause-timeout-action': 'RETRY' }, 'pause-timeout-action', 'use one of ROLLBACK, CONTINUE'],
  ['pause at a stage without hooks', { 'pause-at': 'BAKE_TIME' }, 'pause-at', 'use one of RECONCILE_SERVICE, PRE_SCALE_UP, POST_SCALE_UP, POST_TEST_TRAFFIC_SHIFT'],
  ['pause-at in the wrong case', { 'pause-at': 'post_test_traffic_shift' }, 'pause-at', "did you mean 'POST_TEST_TRAFFIC_SHIFT'"],
  ['pause at TEST_TRAFFIC_SHIFT', { 'pause-at': 'TEST_TRAFFIC_SHIFT' }, 'pause-at', 'ECS runs only Lambda hooks while traffic shifts'],
  ['pause at PRODUCTION_TRAFFIC_SHIFT', { 'pause-at': 'POST_SCALE_UP, PRODUCTION_TRAFFIC_SHIFT' }, 'pause-at', 'cannot pause at PRODUCTION_TRAFFIC_SHIFT'],
  ['pause-at stage twice', { 'pause-at': 'POST_SCALE_UP\nPOST_SCALE_UP' }, 'pause-at', 'lists a stage twice'],
  ['unknown wait-until', { 'wait-until': 'done' }, 'wait-until', 'use one of complete, paused, none, RECONCILE_SERVICE'],
  ['wait-until in the wrong case', { 'wait-until': 'Complete' }, 'wait-until', "did you mean 'complete'"],
  ['wait-until stage in the wrong case', { 'wait-until': 'bake_time' }, 'wait-until', "did you mean 'BAKE_TIME'"],
  ['header without separator', { 'test-traffic-header': 'x-canary' }, 'test-traffic-header', "write 'name: value' or 'name=value'"],
  ['header name not a token', { 'test-traffic-header': 'x canary: 1' }, 'test-traffic-header', 'is not an HTTP header name'],
  ['header without value', { 'test-traffic-header': 'x-canary:' }, 'test-traffic-header', 'needs a value'],
  ['header value with a control character', { 'test-traffic-header': 'x-canary: a\u0007b' }, 'test-traffic-header', 'without control characters'],
  ['a token with a space', { 'github-token': 'ghs_abc def' }, 'github-token', 'has spaces, line breaks or characters no GitHub token has'],
  ['a token with a line break', { 'github-token': 'ghs_abc\nEXTRA: header' }, 'github-token', 'pass a token such as secrets.GITHUB_TOKEN'],
  ['check-name with render', { command: 'render', 'check-name': 'deploy' }, 'check-name', "is not used by command 'render' (only by deploy, plan, promote, rollback, status)"],
  ['control-workflow with render', { command: 'render', 'control-workflow': 'ops.yml' }, 'control-workflow', "is not used by command 'render'"],
  ['control-workflow not a workflow file', { 'control-workflow': 'release-control' }, 'control-workflow', 'is not a workflow file of .github/workflows/ (e.g. release-control.yml)'],
  ['control-workflow in another folder', { 'control-workflow': 'ci/release.yml' }, 'control-workflow', 'is not a workflow file'],
  ['lifecycle-hooks not a list', { 'lifecycle-hooks': 'targetType: PAUSE' }, 'lifecycle-hooks', 'must be a list'],
  ['poll-interval 0', { 'poll-interval': '0' }, 'poll-interval', 'seconds from 1 to 3600'],
  ['poll-interval under a second', { 'poll-interval': '0.5' }, 'poll-interval', 'from 1 to 3600'],
  ['timeout 0', { timeout: '0' }, 'timeout', 'minutes from 1 to 43200'],
  ['negative timeout', { timeout: '-5' }, 'timeout', 'from 1 to 43200'],
  ['boolean yes', { 'rollback-on-cancel': 'yes' }, 'rollback-on-cancel', 'use true or false'],
  ['boolean 1', { 'rollback-on-timeout': '1' }, 'rollback-on-timeout', 'use true or false'],
  ['boolean on', { 'pr-comment': 'on' }, 'pr-comment', 'is not a boolean'],
  ['boolean tRuE', { 'check-run': 'tRuE' }, 'check-run', 'is not a boolean'],
  ['empty-looking boolean', { 'job-summary': 'no' }, 'job-summary', 'use true or false'],
  ['malformed deployment-arn', { command: 'status', 'deployment-arn': 'NCWGC2ZR-taEHNsqsjy7d7' }, 'deployment-arn', 'is not a service deployment ARN'],
  ['deployment-arn of a service', { command: 'promote', 'deployment-arn': 'arn:aws:ecs:us-east-1:123456789012:service/prod/web' }, 'deployment-arn', 'arn:aws:ecs:<region>:<account>:service-deployment/'],
  ['deployment-arn with deploy', { 'deployment-arn': DEPLOYMENT_ARN }, 'deployment-arn', "is not used by command 'deploy' (only by promote, rollback, status)"],
  ['image with promote', { command: 'promote', image: 'nginx:1' }, 'image', "is not used by command 'promote' (only by deploy, plan, render)"],
  ['task-definition with rollback', { command: 'rollback', 'task-definition': 'td.json' }, 'task-definition', "is not used by command 'rollback'"],
  ['strategy with render', { command: 'render', strategy: 'CANARY' }, 'strategy', "is not used by command 'render' (only by deploy, plan)"],
  ['pause-at with status', { command: 'status', 'pause-at': 'POST_SCALE_UP' }, 'pause-at', "is not used by command 'status'"],
  ['lifecycle-hooks with promote', { command: 'promote', 'lifecycle-hooks': '[]' }, 'lifecycle-hooks', 'remove it from this step'],
  ['huge input', { 'check-name': BIG }, 'check-name', 'at most 262144 are accepted'],
  ['pause-at none beside a stage', { 'pause-at': 'none, POST_SCALE_UP' }, 'pause-at', "'none' stands alone"],
  ['task definition ARN without a revision', { 'task-definition': 'arn:aws:ecs:us-east-1:123456789012:task-definition/web' }, 'task-definition', 'is not a task definition ARN with a revision'],
  ['image for an existing revision', { 'task-definition': 'web:3', 'container-name': 'app', image: 'nginx:1' }, 'image', 'cannot change web:3, an existing revision'],
  ['images for an existing revision', { 'task-definition': 'web:3', images: 'app=nginx:1' }, 'images', 'cannot change web:3'],
  ['variables for an existing revision', { 'task-definition': 'web:3', 'container-name': 'app', 'environment-variables': 'A=1' }, 'environment-variables', 'cannot change web:3'],
  ['task-definition-only not a boolean', { 'task-definition-only': 'yes' }, 'task-definition-only', 'use true or false']
]

describe('getInputs with bad inputs', () => {
  beforeAll(loadStructuredTextParser)

  it.each(bad)('rejects %s', (_why, given, name, fragment) => {
    const error = inputError({ service: 'web', ...given })
    expect(error.input).toBe(name)
    expect(error.message).toMatch(new RegExp(`^Input '${name}': `))
    expect(error.message).toContain(fragment)
  })

  it('quotes a huge bad value only in part', () => {
    const error = inputError({ service: 'web', 'pause-timeout-action': 'X'.repeat(5000) })
    expect(error.message.length).toBeLessThan(300)
  })
})

describe('the token never appears in errors', () => {
  it.each(['ghs_t0ken with space', 'ghs_t0ken\r\nX-Injected: 1', 'ghs_t0ken\u0000'])(
    '%j',
    token => {
      const error = inputError({ service: 'web', 'github-token': token })
      expect(error.input).toBe('github-token')
      expect(error.message).not.toContain('t0ken')
    }
  )
})

describe('environment variable values never appear in errors', () => {
  const SECRET = 'hunter2-s3cr3t'
  // prettier-ignore
  it.each([
    ['YAML style line', { 'container-name': 'web', 'environment-variables': `DB_URL: postgres://app:${SECRET}@db/app?sslmode=require` }],
    ['spaces in the name', { 'container-name': 'web', 'environment-variables': `API KEY=${SECRET}` }],
    ['a line without =', { 'container-name': 'web', 'environment-variables': `A=1\n${SECRET}` }],
    ['a YAML style line given twice', { 'container-name': 'web', 'environment-variables': `DB: pg://${SECRET}@db?a=1\nDB: pg://${SECRET}@db?a=1` }],
    ['a variable given twice', { 'container-name': 'web', 'environment-variables': `TOKEN=${SECRET}\nTOKEN=${SECRET}` }],
    ['no container-name', { 'environment-variables': `TOKEN=${SECRET}` }],
    ['the wrong command', { command: 'status', 'environment-variables': `TOKEN=${SECRET}` }],
    ['a huge input', { 'container-name': 'web', 'environment-variables': `TOKEN=${SECRET}${BIG}` }]
  ])('%s', (_why, given) => {
    const error = inputError({ service: 'web', ...given })
    expect(error.input).toBe('environment-variables')
    expect(error.message).not.toContain(SECRET)
    expect(error.message).not.toContain('hunter2')
  })
})
