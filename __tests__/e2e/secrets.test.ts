import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { type ActionRun, displayLog, maskedValues } from '../../scripts/runner.js'
import { decodeEntities } from '../report/fixtures.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'

/**
 * Releases that succeed, roll back and fail, run with distinctive credentials, secret
 * references and variable values; every channel the action writes is then searched for
 * them. The job log is read as the runner shows it (values it was told to mask hidden);
 * what the action writes to GitHub itself is not masked by anyone, so it must not hold
 * them at all. The rendered task definition file is the one place they belong: it is the
 * product, read by later steps, and its content is never printed.
 */

const SECRETS = {
  token: 'ghs_SCANtokenZ9x8c7v6b5n4m3l2k1',
  accessKeyId: 'AKIASCANKEYQ7W8E9R0T',
  secretAccessKey: 'scanSecretKey/Zq8Xw7Cv6Bn5Mm4Ll3Kk2Jj1',
  sessionToken: 'IQoJb3JpZ2luX2VjScanSessionToken0123456789',
  valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db_password-Sc4nMe',
  logSecret: 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/log-router-key-Sc4n',
  inputValue: 'input-env-value-1a2b3c4d',
  fileValue: 'file-env-value-9f8e7d6c'
}
/**
 * Registered with ::add-mask::. Environment values, of the input or the file, are not:
 * they are configuration (a `${{ secrets.* }}` value arrives masked by the runner), and the
 * reports name changed variables, never their values (see below).
 */
const MASKED = [
  SECRETS.token,
  SECRETS.accessKeyId,
  SECRETS.secretAccessKey,
  SECRETS.sessionToken,
  SECRETS.valueFrom,
  SECRETS.logSecret
]
const HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface'

let sim: Simulator
let github: FakeGitHub
const files = mkdtempSync(join(tmpdir(), 'secrets-scan-'))
beforeAll(async () => {
  sim = await startE2eSimulator()
  github = await startFakeGitHub({ owner: 'octo', repo: 'shop', token: SECRETS.token })
})
afterAll(async () => {
  await sim.close()
  await github.close()
  rmSync(files, { recursive: true, force: true })
})

/** FireLens, with a secret of its own: named in the reports, never read. */
const FIRELENS = {
  logDriver: 'awsfirelens',
  secretOptions: [{ name: 'apikey', valueFrom: SECRETS.logSecret }]
}
/** awslogs to a group of the seed: the failed containers' last lines are read into the reports. */
const AWSLOGS = {
  logDriver: 'awslogs',
  options: {
    'awslogs-group': '/ecs/orders',
    'awslogs-region': 'us-east-1',
    'awslogs-stream-prefix': 'orders'
  },
  secretOptions: [{ name: 'apikey', valueFrom: SECRETS.logSecret }]
}

/** A task definition file for `service` whose container reads a secret and logs with `logging`. */
function taskDefinitionFile(service: string, logging: object = FIRELENS): string {
  const path = join(files, `${service}.json`)
  const container = {
    name: service,
    image: `${ECR}/${service}:1.0.0`,
    portMappings: [{ name: 'http', containerPort: 8080, protocol: 'tcp', appProtocol: 'http' }],
    environment: [{ name: 'FILE_SETTING', value: SECRETS.fileValue }],
    secrets: [{ name: 'DB_PASSWORD', valueFrom: SECRETS.valueFrom }],
    logConfiguration: logging
  }
  const taskDefinition = {
    family: service,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [container]
  }
  writeFileSync(path, JSON.stringify(taskDefinition))
  return path
}

async function release(
  service: string,
  tag: string,
  extra: Record<string, string> = {},
  logging?: object
): Promise<ActionRun> {
  return runAction({
    ecsUrl: sim.url,
    githubUrl: github.url,
    event: {
      name: 'pull_request',
      payload: { pull_request: { number: 9, head: { sha: HEAD, ref: 'feature' } } }
    },
    env: {
      AWS_ACCESS_KEY_ID: SECRETS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SECRETS.secretAccessKey,
      AWS_SESSION_TOKEN: SECRETS.sessionToken
    },
    inputs: deployInputs(service, {
      'task-definition': taskDefinitionFile(service, logging),
      'container-name': service,
      image: `${ECR}/${service}:${tag}`,
      'environment-variables': `API_KEY=${SECRETS.inputValue}\nMODE=blue`,
      'github-token': SECRETS.token,
      'pr-comment': 'true',
      'check-run': 'true',
      ...extra
    })
  })
}

/** Report text as a reader gets it: HTML character references and the base64 snapshot decoded. */
function readable(text: string): string {
  const snapshots = [...text.matchAll(/ecs-bluegreen-action:snapshot [^>]*? v1 ([A-Za-z0-9+/=]+)/g)]
  return [
    decodeEntities(text),
    ...snapshots.map(([, data]) => Buffer.from(data!, 'base64').toString())
  ].join('\n')
}

/** Everything the runs left outside the rendered task definition file, channel by channel. */
function channels(runs: ActionRun[]): Record<string, string> {
  const each = (name: string, text: (run: ActionRun) => string) =>
    Object.fromEntries(runs.map((run, index) => [`${name} #${index + 1}`, text(run)]))
  const comments = [...github.state.comments.values()].flat().map(comment => comment.body)
  const checkRuns = [...github.state.checkRuns.values()].flat()
  return {
    ...each('job log as shown', displayLog),
    ...each('stderr', run => run.stderr),
    ...each('GITHUB_OUTPUT', run => JSON.stringify(run.outputs)),
    ...each('GITHUB_STATE', run => JSON.stringify(run.state)),
    ...each('GITHUB_STEP_SUMMARY', run => readable(run.summary)),
    'PR comments': readable(comments.join('\n')),
    'check runs': readable(JSON.stringify(checkRuns.map(check => [check.name, check.output]))),
    'requests to GitHub': readable(JSON.stringify(github.calls.map(call => call.body)))
  }
}

/** The job log before the runner masks it, without the ::add-mask:: commands themselves. */
function unmaskedLogs(runs: ActionRun[]): Record<string, string> {
  return Object.fromEntries(
    runs.map((run, index) => [
      `stdout #${index + 1}`,
      run.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n')
    ])
  )
}

function leaks(found: Record<string, string>, values: Record<string, string>): string[] {
  return Object.entries(found).flatMap(([channel, text]) =>
    Object.entries(values)
      .filter(([, value]) => text.includes(value))
      .map(([name]) => `${name} in ${channel}`)
  )
}

describe('secrets never leave through an output channel', () => {
  let runs: ActionRun[]
  beforeAll(async () => {
    runs = [
      await release('guarded', '2.0.0'),
      await release('guarded', 'secrets-denied'),
      await release('fresh', 'secrets-denied')
    ]
    // An application that prints its secrets before it crashes.
    sim.setScenario({
      imageFailures: [
        {
          match: ':leaky',
          kind: 'exit',
          output: [
            `DB_PASSWORD_REF=${SECRETS.valueFrom} LOG_KEY_REF=${SECRETS.logSecret}`,
            `AWS_ACCESS_KEY_ID=${SECRETS.accessKeyId} AWS_SECRET_ACCESS_KEY=${SECRETS.secretAccessKey}`,
            `AWS_SESSION_TOKEN=${SECRETS.sessionToken} GITHUB_TOKEN=${SECRETS.token}`,
            'Error: cannot connect'
          ]
        }
      ]
    })
    runs.push(await release('orders', 'leaky', {}, AWSLOGS))
    // Last, so the comment shows how to promote it.
    runs.push(
      await release('guarded', '2.1.0', {
        'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
        'wait-until': 'paused',
        'control-workflow': 'release-control.yml'
      })
    )
  }, 120_000)

  it('ran a release that succeeded, one that rolled back, one that failed, one whose logs were read and one that paused', () => {
    expect(runs.map(run => [run.exitCode, run.outputs.status])).toEqual([
      [0, 'SUCCESSFUL'],
      [1, 'ROLLBACK_SUCCESSFUL'],
      [1, 'ROLLBACK_FAILED'],
      [1, 'ROLLBACK_SUCCESSFUL'],
      [0, 'IN_PROGRESS']
    ])
    // The crashed containers' last lines were read, and shown with the secrets hidden.
    expect(displayLog(runs[3]!)).toContain('      | DB_PASSWORD_REF=*** LOG_KEY_REF=***')
    expect(runs[3]!.summary).toContain('Error: cannot connect')
    expect(github.state.comments.get(9)?.[0]?.body).toContain('gh workflow run release-control.yml')
    // ECS quoted the secret in why the tasks stopped; the log shows it masked.
    expect(displayLog(runs[1]!)).toContain('failed to fetch secret *** from secrets manager')
    expect(github.state.comments.get(9)).toHaveLength(3) // one per service
    expect(github.state.checkRuns.get(HEAD)).toHaveLength(5)
  })

  it('registers the token, the AWS credentials and the secret references with the runner', () => {
    for (const run of runs) expect(maskedValues(run)).toEqual(expect.arrayContaining(MASKED))
    // Environment values stay unmasked: a mask on `prod` or `true` would blank them in
    // the whole job log. They are never printed either (next tests).
    for (const run of runs) {
      expect(maskedValues(run)).not.toContain(SECRETS.inputValue)
      expect(maskedValues(run)).not.toContain(SECRETS.fileValue)
    }
  })

  it('finds none of the values in the log, outputs, state, summary, comments or check runs', () => {
    expect(leaks(channels(runs), SECRETS)).toEqual([])
  })

  it('prints none of them itself: only ECS quotes the secret, and the mask hides it', () => {
    const neverPrinted = Object.fromEntries(
      Object.entries(SECRETS).filter(([name]) => name !== 'valueFrom')
    )
    expect(leaks(unmaskedLogs(runs), neverPrinted)).toEqual([])
  })

  it('leaves them in the rendered task definition alone, readable by the runner user only', () => {
    for (const run of runs) {
      const path = run.outputs['rendered-task-definition']!
      const rendered = readFileSync(path, 'utf8')
      for (const value of [SECRETS.valueFrom, SECRETS.inputValue, SECRETS.fileValue])
        expect(rendered).toContain(value)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect(displayLog(run)).toContain(`Rendered task definition written to ${path}`)
    }
  })
})
