import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deployInputs, ECR } from './e2e.js'

/**
 * Malformed inputs and files, at least one for every input of action.yml: wrong types,
 * huge values, YAML bombs and deep nesting, unknown hook fields, stages in the wrong case,
 * odd container names, oversized files. Each row: what it is, the inputs of the step
 * (files are written at import, under a temporary directory), the input the error must
 * name, and a fragment of the message. __tests__/commands/bad-input.test.ts runs them all
 * in-process against the simulator; __tests__/e2e/bad-input.test.ts runs a subset through
 * the bundle.
 */
export type BadInput = [
  why: string,
  inputs: Record<string, string>,
  input: string,
  fragment: string
]

const IMAGE = `${ECR}/web:9.9.9`
const DEPLOYMENT_ARN = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/abc123'

/** A deploy of `web` that is valid until the case changes one input. */
export const web = (extra: Record<string, string> = {}) =>
  deployInputs('web', { 'container-name': 'app', image: IMAGE, ...extra })
const other = (command: string, extra: Record<string, string>) =>
  deployInputs('web', { command, ...extra })

const files = mkdtempSync(join(tmpdir(), 'bad-input-'))
/** Removes the files the cases read; call it once the cases have run. */
export const removeBadInputFiles = (): void => rmSync(files, { recursive: true, force: true })
/** Writes a task definition file and returns the task-definition input for it. */
function file(name: string, content: string): Record<string, string> {
  writeFileSync(join(files, name), content)
  return { 'task-definition': join(files, name) }
}
const td = (fields: object = {}, container: object = {}): string =>
  JSON.stringify({
    family: 'web',
    containerDefinitions: [{ name: 'app', image: IMAGE, ...container }],
    ...fields
  })

/** Billion laughs: nine anchors of nine aliases each, 9^9 strings once expanded. */
function laughs(prefix: string): string {
  const lines = [`${prefix}a0: &a0 [${Array(9).fill('lol').join(', ')}]`]
  for (let i = 1; i < 9; i++)
    lines.push(
      `${prefix}a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`
    )
  return lines.join('\n')
}
const nested = (levels: number, inner = '1'): string =>
  `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`
const blockNested = (levels: number): string =>
  Array.from({ length: levels }, (_, level) => `${' '.repeat(level)}- `).join('\n') + '1'
const pause = (stage: string, extra = ''): string =>
  `- targetType: PAUSE\n  lifecycleStages: [${stage}]\n${extra}`

mkdirSync(join(files, 'a-directory.json'))
const LARGE_ENVIRONMENT = Array.from({ length: 1200 }, (_, i) => ({
  name: `VARIABLE_${i}`,
  value: 'v'.repeat(50)
}))

// prettier-ignore
export const BAD_INPUTS: BadInput[] = [
  ['an unknown command', web({ command: 'launch' }), 'command', 'use one of deploy, promote, rollback, status, render'],
  ['a command in the wrong case', web({ command: 'Deploy' }), 'command', "did you mean 'deploy'"],
  ['a cluster name with a space', web({ cluster: 'prod east' }), 'cluster', 'is not an ECS cluster name (up to 255 letters, digits, - and _) or cluster ARN'],
  ['a cluster name of 2000 characters', web({ cluster: 'c'.repeat(2000) }), 'cluster', 'is not an ECS cluster name (up to 255 letters, digits, - and _) or cluster ARN'],
  ['no service', web({ service: '' }), 'service', "is required for command 'deploy'"],
  ['a service name with a path in it', web({ service: 'web/../api' }), 'service', 'is not an ECS service name (up to 255 letters, digits, - and _) or service ARN'],
  ['a task definition file that does not exist', web({ 'task-definition': 'missing.json' }), 'task-definition', "'missing.json' does not exist"],
  ['a directory for a task definition file', web({ 'task-definition': join(files, 'a-directory.json') }), 'task-definition', 'is not a file'],
  ['a task definition file of 5 MiB', web(file('huge.json', td().padEnd(5 * 1024 * 1024, ' '))), 'task-definition', 'is 5242880 bytes; a task definition file may be at most 1048576 bytes'],
  ['a task definition file with invalid JSON', web(file('broken.json', '{"family": "web",}')), 'task-definition', 'it is not valid JSON'],
  ['a task definition file holding a list', web(file('list.json', '[]')), 'task-definition', 'is not a task definition object'],
  ['a YAML billion-laughs task definition', web(file('laughs.yaml', `family: web\ncontainerDefinitions: [{ name: app }]\n${laughs('')}`)), 'task-definition', 'Excessive alias count'],
  ['a JSON task definition nested 100 000 levels deep', web(file('deep.json', `{"family": "web", "volumes": ${nested(100_000, '')}}`)), 'task-definition', 'nested'],
  ['a YAML task definition nested 1400 levels deep', web(file('deep.yaml', `family: web\nvolumes:\n${blockNested(1400)}`)), 'task-definition', 'it is nested too deeply.'],
  ['a YAML task definition with an unknown tag', web(file('tag.yaml', 'family: !!python/object web\ncontainerDefinitions: [{ name: app }]')), 'task-definition', 'Unresolved tag'],
  ['a container name with odd characters in the file', web(file('odd.json', td({}, { name: 'app server!' }))), 'task-definition', "is named 'app server!', which is not a container name"],
  ['a container defined twice in the file', web(file('twice.json', td({ containerDefinitions: [{ name: 'app', image: IMAGE }, { name: 'app', image: IMAGE }] }))), 'task-definition', "container 'app' is defined twice"],
  ['a family with a dot', web(file('family.json', td({ family: 'web.v2' }))), 'task-definition', "family 'web.v2' is not a task definition family"],
  ['a variable without a value in YAML', web(file('port.yaml', 'family: web\ncontainerDefinitions:\n  - name: app\n    environment: [{ name: PORT, value: }]')), 'task-definition', "entry 1 (PORT) has no value (in YAML, write '' for an empty value)"],
  ['a word for a container port in YAML', web(file('port-name.yaml', 'family: web\ncontainerDefinitions:\n  - name: app\n    portMappings: [{ containerPort: http }]')), 'task-definition', 'task definition web: containerDefinitions[0].portMappings[0].containerPort is a string; the API takes a number.'],
  ['a secret without valueFrom', web(file('secret.json', td({}, { secrets: [{ name: 'DB_PASSWORD' }] }))), 'task-definition', 'secrets entry 1 (DB_PASSWORD) has no valueFrom.'],
  ['a container left without an image', web(file('no-image.json', td({ containerDefinitions: [{ name: 'app' }, { name: 'sidecar' }] }))), 'task-definition', "container 'sidecar' has no image"],
  ['a rendered task definition over 64 KiB', web(file('large.json', td({}, { environment: LARGE_ENVIRONMENT }))), 'task-definition', 'bytes of JSON; ECS registers at most 65536'],
  ['a container-name with odd characters', web({ 'container-name': 'app!' }), 'container-name', 'is not a container name'],
  ['a container-name with a non-ASCII letter', web({ 'container-name': 'äpp' }), 'container-name', 'is not a container name'],
  ['a container-name of 300 characters', web({ 'container-name': 'c'.repeat(300) }), 'container-name', 'is not a container name'],
  ['a container-name the task definition lacks', web({ 'container-name': 'worker' }), 'container-name', "container 'worker' is not in the task definition; its containers are app, sidecar"],
  ['an image without container-name', web({ 'container-name': '' }), 'image', 'needs container-name'],
  ['an image with a space', web({ image: 'web latest' }), 'image', 'is not an image reference'],
  ['an images line without =', web({ images: 'sidecar' }), 'images', 'line 1 is not container=image'],
  ['an images container with a space', web({ images: 'side car=otel:1' }), 'images', 'is not a container name'],
  ['an images container the task definition lacks', web({ images: 'ghost=otel:1' }), 'images', "container 'ghost' is not in the task definition"],
  ['environment-variables without container-name', web({ 'container-name': '', image: '', 'environment-variables': 'A=1' }), 'environment-variables', 'needs container-name'],
  ['a variable name with a space', web({ 'environment-variables': 'MY VAR=1' }), 'environment-variables', 'is not a variable name'],
  ['a 100 KiB variable value', web({ 'environment-variables': `BLOB=${'x'.repeat(100 * 1024)}` }), 'environment-variables', 'ECS registers at most 65536'],
  ['strategy ROLLING', web({ strategy: 'ROLLING' }), 'strategy', 'ROLLING is not a blue/green strategy'],
  ['a switch to BLUE_GREEN without a bake time', deployInputs('worker', { 'container-name': 'worker', image: IMAGE, strategy: 'BLUE_GREEN' }), 'bake-time', "is needed to switch service 'worker' from ROLLING to BLUE_GREEN: ECS requires a bake time"],
  ['a strategy in the wrong case', web({ strategy: 'canary' }), 'strategy', "did you mean 'CANARY'"],
  ['a bake-time of 1e309', web({ 'bake-time': '1e309' }), 'bake-time', 'is not a number of minutes from 0 to 1440'],
  ['a negative bake-time', web({ 'bake-time': '-1' }), 'bake-time', 'from 0 to 1440'],
  ['a canary-percent of 401 digits', web({ 'canary-percent': `1${'0'.repeat(400)}` }), 'canary-percent', 'from 0.1 to 100'],
  ['a canary-percent on a BLUE_GREEN service', web({ 'canary-percent': '10' }), 'canary-percent', 'applies only to strategy CANARY; this release uses BLUE_GREEN'],
  ['a fractional canary-bake-time', web({ strategy: 'CANARY', 'canary-bake-time': '1.5' }), 'canary-bake-time', 'must be a whole number'],
  ['a linear-step-percent under 3', web({ 'linear-step-percent': '2' }), 'linear-step-percent', 'from 3 to 100'],
  ['a linear-step-bake-time of Infinity', web({ 'linear-step-bake-time': 'Infinity' }), 'linear-step-bake-time', 'from 0 to 1440'],
  ['a test header without separator', web({ 'test-traffic-header': 'x-canary' }), 'test-traffic-header', 'has no separator'],
  ['a test header value with a control character', web({ 'test-traffic-header': 'x-canary: a\u0001b' }), 'test-traffic-header', 'without control characters'],
  ['a test header on an ALB service', deployInputs('api', { 'container-name': 'api', image: IMAGE, 'test-traffic-header': 'x-test: 1' }), 'test-traffic-header', 'does not use Service Connect'],
  ['a billion-laughs lifecycle-hooks list', web({ 'lifecycle-hooks': laughs('- ') }), 'lifecycle-hooks', 'Excessive alias count'],
  ['lifecycle-hooks nested 30 000 levels deep', web({ 'lifecycle-hooks': nested(30_000) }), 'lifecycle-hooks', 'nested'],
  ['hookDetails nested 40 levels deep', web({ 'lifecycle-hooks': pause('POST_SCALE_UP', `  hookDetails: ${nested(40)}`) }), 'lifecycle-hooks', 'nested more than 32 levels deep'],
  ['an unknown field in a hook', web({ 'lifecycle-hooks': pause('POST_SCALE_UP', '  timeout: 5') }), 'lifecycle-hooks', "hook 1 has unknown field 'timeout'"],
  ['a __proto__ field in a hook', web({ 'lifecycle-hooks': '[{"__proto__": {"targetType": "PAUSE"}, "lifecycleStages": ["POST_SCALE_UP"]}]' }), 'lifecycle-hooks', "unknown field '__proto__'"],
  ['a hook stage in the wrong case', web({ 'lifecycle-hooks': pause('post_scale_up') }), 'lifecycle-hooks', "'post_scale_up' is not allowed"],
  ['lifecycle-hooks as an object', web({ 'lifecycle-hooks': '{"targetType": "PAUSE"}' }), 'lifecycle-hooks', 'must be a list of lifecycle hooks'],
  ['a hook timeout of 1e309 minutes', web({ 'lifecycle-hooks': pause('POST_SCALE_UP', '  timeoutConfiguration: { timeoutInMinutes: 1e309 }') }), 'lifecycle-hooks', 'timeoutInMinutes must be a whole number'],
  ['eleven PAUSE hooks', web({ 'lifecycle-hooks': pause('POST_SCALE_UP').repeat(11) }), 'lifecycle-hooks', 'gives 11 PAUSE hooks; ECS allows at most 10'],
  ['a pause-at stage in the wrong case', web({ 'pause-at': 'post_test_traffic_shift' }), 'pause-at', "did you mean 'POST_TEST_TRAFFIC_SHIFT'"],
  ['a pause at a traffic shift', web({ 'pause-at': 'PRODUCTION_TRAFFIC_SHIFT' }), 'pause-at', 'cannot pause at PRODUCTION_TRAFFIC_SHIFT'],
  ['a pause-timeout of 0', web({ 'pause-timeout': '0' }), 'pause-timeout', 'from 1 to 20160'],
  ['a pause-timeout of 20 digits', web({ 'pause-timeout': '9'.repeat(20) }), 'pause-timeout', 'from 1 to 20160'],
  ['a pause-timeout-action in the wrong case', web({ 'pause-timeout-action': 'rollback' }), 'pause-timeout-action', "did you mean 'ROLLBACK'"],
  ['a wait-until stage in the wrong case', web({ 'wait-until': 'bake_time' }), 'wait-until', "did you mean 'BAKE_TIME'"],
  ['wait-until paused on a service without pauses', deployInputs('api', { 'container-name': 'api', image: IMAGE, 'wait-until': 'paused' }), 'wait-until', "'paused' needs a pause"],
  ['a timeout of 0', web({ timeout: '0' }), 'timeout', 'from 1 to 43200'],
  ['a timeout of 1e309', web({ timeout: '1e309' }), 'timeout', 'from 1 to 43200'],
  ['a timeout shorter than the linear steps need', deployInputs('catalog', { 'container-name': 'catalog', image: IMAGE, timeout: '3' }), 'timeout', '3 minutes is less than the least time this deployment takes, 4 minutes (3 linear step bakes × 1 min + bake time 1 min): give at least 4'],
  ['a poll-interval under a second', web({ 'poll-interval': '0.5' }), 'poll-interval', 'seconds from 1 to 3600'],
  ['rollback-on-cancel yes', web({ 'rollback-on-cancel': 'yes' }), 'rollback-on-cancel', 'is not a boolean'],
  ['rollback-on-timeout 1', web({ 'rollback-on-timeout': '1' }), 'rollback-on-timeout', 'is not a boolean'],
  ['log-lines over 100', web({ 'log-lines': '101' }), 'log-lines', 'lines from 0 to 100'],
  ['log-lines of 2.5', web({ 'log-lines': '2.5' }), 'log-lines', 'must be a whole number'],
  ['a deployment-arn given to deploy', web({ 'deployment-arn': DEPLOYMENT_ARN }), 'deployment-arn', "is not used by command 'deploy'"],
  ['a malformed deployment-arn', other('status', { 'deployment-arn': 'abc123' }), 'deployment-arn', 'is not a service deployment ARN'],
  ["another service's deployment-arn", other('promote', { 'deployment-arn': DEPLOYMENT_ARN.replace('/web/', '/api/') }), 'deployment-arn', "belongs to service 'api' in cluster 'demo', not to service 'web'"],
  ['a github-token with a space', web({ 'github-token': 'ghs_abc def' }), 'github-token', 'has spaces, line breaks or characters no GitHub token has'],
  ['pr-comment on', web({ 'pr-comment': 'on' }), 'pr-comment', 'is not a boolean'],
  ['check-run tRuE', web({ 'check-run': 'tRuE' }), 'check-run', 'is not a boolean'],
  ['check-name with render', other('render', { 'container-name': 'app', image: IMAGE, 'check-name': 'release' }), 'check-name', "is not used by command 'render'"],
  ['a control-workflow that is no workflow file', web({ 'control-workflow': 'release-control' }), 'control-workflow', 'is not a workflow file of .github/workflows/'],
  ['job-summary no', web({ 'job-summary': 'no' }), 'job-summary', 'is not a boolean'],
  ['services that are no list', deployInputs('', { services: 'service: web' }), 'services', 'must be a YAML list of services'],
  ['a services item with a key that is no item key', deployInputs('', { services: '- service: web\n  strategy: CANARY' }), 'services', "item 1 (web): 'strategy' is not a key of an item"],
  ['services beside service', web({ services: '- service: web' }), 'service', 'is given with services'],
  ['release-name without services', web({ 'release-name': 'shop' }), 'release-name', 'names a release of several services']
]
