import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { newRelease, type GitHubRun, type Release } from '../../../src/model/release.js'
import {
  GitHubReporter,
  type ClientTuning,
  type ReporterSettings
} from '../../../src/report/github/reporter.js'
import { Secrets } from '../../../src/model/secrets.js'
import { startFakeGitHub, type FakeGitHub } from '../../../sim/github/fake-github.js'
import {
  DEPLOYMENT_ARN,
  HEAD_SHA,
  MERGE_SHA,
  at,
  decodeEntities,
  pausedRelease,
  pullRequestRun,
  pushRun,
  recordingLog,
  rolledBackRelease,
  succeededRelease,
  type RecordedLog
} from '../fixtures.js'

const TOKEN = 'ghs_secret-token-value'
const FAST: ClientTuning = { throttle: false, retryAfterBaseValue: 1 }
let fake: FakeGitHub

beforeEach(async () => {
  fake = await startFakeGitHub({ token: TOKEN })
})

afterEach(async () => {
  await fake.close()
})

interface Run {
  reporter: GitHubReporter
  log: RecordedLog
  summaries: string[]
}

/** One run of the action: a reporter as main.ts builds it, with a summary writer that records. */
function run(github: GitHubRun, settings: Partial<ReporterSettings> = {}, tuning = FAST): Run {
  const log = recordingLog()
  const summaries: string[] = []
  const reporter = new GitHubReporter(
    {
      token: TOKEN,
      prComment: true,
      checkRun: true,
      jobSummary: true,
      github,
      apiUrl: fake.url,
      ...settings
    },
    log,
    async markdown => {
      summaries.push(markdown)
    },
    tuning
  )
  return { reporter, log, summaries }
}

const comments = (issue = 7): string[] => fake.state.comments.get(issue)?.map(c => c.body) ?? []
const checkRuns = (sha = HEAD_SHA) => fake.state.checkRuns.get(sha) ?? []

describe('GitHubReporter on a pull request', () => {
  it('keeps one comment and one check run across two runs of the workflow', async () => {
    const github = pullRequestRun()
    const first = run(github)
    await first.reporter.publish(pausedRelease({ github, outcome: 'running' }), false)
    await first.reporter.publish(pausedRelease({ github }), true)
    const second = run(github)
    await second.reporter.publish(pausedRelease({ github, outcome: 'running' }), false)
    await second.reporter.publish(succeededRelease({ github }), true)

    expect(comments()).toHaveLength(1)
    expect(comments()[0]).toContain('web on prod: succeeded')
    expect(checkRuns()).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'success' })
    ])
    expect(fake.state.checkRuns.has(MERGE_SHA)).toBe(false)
    expect([...first.log.warnings(), ...second.log.warnings()]).toEqual([])
  })

  it.each<[string, Release, string, string | null, RegExp]>([
    ['a success', succeededRelease(), 'completed', 'success', /^succeeded in 32m00s$/],
    ['a rollback', rolledBackRelease(), 'completed', 'failure', /^rolled back: /],
    ['a pause', pausedRelease(), 'in_progress', null, /^awaiting promotion/]
  ])('reports %s on the head commit', async (_, release, status, conclusion, title) => {
    const github = pullRequestRun()
    await run(github).reporter.publish({ ...release, github }, true)

    expect(checkRuns()).toEqual([
      expect.objectContaining({
        head_sha: HEAD_SHA,
        name: 'ecs-bluegreen / prod/web',
        status,
        conclusion,
        details_url: 'https://github.com/octo/app/actions/runs/4242',
        output: expect.objectContaining({ title: expect.stringMatching(title) })
      })
    ])
  })

  it('lets a promote run continue the paused release in the same comment and check run', async () => {
    const deploy = pullRequestRun()
    await run(deploy).reporter.publish(pausedRelease({ github: deploy }), true)
    fake.addPullRequest(HEAD_SHA, { number: 7 })

    const dispatch = pushRun({ eventName: 'workflow_dispatch', sha: 'f'.repeat(40), runId: '5000' })
    const promote = run(dispatch)
    const release = newRelease(
      {
        command: 'promote',
        cluster: 'prod',
        service: 'web',
        github: dispatch,
        commit: HEAD_SHA,
        deploymentArn: DEPLOYMENT_ARN
      },
      at(30)
    )
    const recalled = await promote.reporter.recall(release)
    expect(recalled?.stages.map(stage => stage.stage)).toEqual([
      'PRE_SCALE_UP',
      'SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT'
    ])
    expect(recalled?.taskDefinition).toEqual(pausedRelease().taskDefinition)

    const finished = succeededRelease({ command: 'promote', github: dispatch })
    await promote.reporter.publish(
      { ...release, ...recalled, ...finished, stages: finished.stages },
      true
    )

    expect(comments()).toHaveLength(1)
    expect(comments()[0]).toContain('web on prod: succeeded')
    expect(comments()[0]).toContain('actions/runs/5000')
    expect(checkRuns()).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'success' })
    ])
    expect(promote.summaries).toHaveLength(1)
  })
})

describe('GitHubReporter for a run that changed nothing in ECS', () => {
  it('leaves the release’s comment and check run as they were, and writes only its job summary', async () => {
    const github = pullRequestRun()
    await run(github).reporter.publish(pausedRelease({ github }), true)
    const before = { comments: comments(), check: checkRuns()[0] }

    const refused = run(github)
    await refused.reporter.publish(
      pausedRelease({
        github,
        command: 'promote',
        outcome: 'failed',
        reason: "Input 'deployment-arn': belongs to service 'api' in cluster 'prod'.",
        changedService: false
      }),
      true
    )

    expect(comments()).toEqual(before.comments)
    expect(checkRuns()).toEqual([before.check])
    expect(checkRuns()[0]).toMatchObject({ status: 'in_progress', conclusion: null })
    expect(refused.summaries[0]).toMatch(/^## ❌ web on prod: failed/)
    expect(refused.summaries[0]).toContain("belongs to service 'api'")
    expect(refused.log.lines).toContainEqual({
      level: 'info',
      message:
        'This run changed nothing in ECS: the pull request comment and the check run are left as they were.'
    })
  })
})

describe('GitHubReporter for a plan', () => {
  it('reports a plan, which changes nothing, beside the release’s comment and check run', async () => {
    const github = pullRequestRun()
    await run(github).reporter.publish(pausedRelease({ github }), true)
    const refusedPlan = pausedRelease({
      github,
      command: 'plan',
      outcome: 'failed',
      reason: "Input 'bake-time': is needed",
      changedService: false
    })
    await run(github).reporter.publish(refusedPlan, true)

    expect(comments()).toHaveLength(2)
    expect(comments()[1]).toContain('Plan for web on prod: deploy would be refused')
    expect(checkRuns().map(check => [check.name, check.status, check.conclusion])).toEqual([
      ['ecs-bluegreen / prod/web', 'in_progress', null],
      ['ecs-bluegreen plan / prod/web', 'completed', 'failure']
    ])
  })
})

describe('GitHubReporter finding the pull request', () => {
  it.each(['push', 'workflow_dispatch'])(
    'finds the pull request of the deployed commit on %s',
    async eventName => {
      fake.addPullRequest(HEAD_SHA, { number: 12 })
      const github = pushRun({ eventName })
      await run(github).reporter.publish(pausedRelease({ github }), false)

      expect(comments(12)).toHaveLength(1)
    }
  )

  it('comments nowhere, and warns about nothing, when no pull request has the commit', async () => {
    const github = pushRun()
    const { reporter, log } = run(github)
    await reporter.publish(pausedRelease({ github }), false)
    await reporter.publish(succeededRelease({ github }), true)

    expect(fake.state.comments.size).toBe(0)
    expect(log.warnings()).toEqual([])
    expect(checkRuns()).toEqual([expect.objectContaining({ conclusion: 'success' })])
  })
})

describe('GitHubReporter when GitHub says no', () => {
  it('warns once per channel, naming the permission, when every write is forbidden', async () => {
    fake.setFailure('writes', 'forbidden')
    const github = pullRequestRun()
    const { reporter, log, summaries } = run(github)

    await reporter.publish(pausedRelease({ github, outcome: 'running' }), false)
    await reporter.publish(pausedRelease({ github }), false)
    await reporter.publish(succeededRelease({ github }), true)

    expect(log.warnings()).toHaveLength(2)
    expect(log.warnings()[0]).toContain('`pull-requests: write`')
    expect(log.warnings()[1]).toContain('`checks: write`')
    expect(fake.calls.filter(call => call.method !== 'GET')).toHaveLength(2)
    expect(summaries).toHaveLength(1)
  })

  it('waits out rate limits and then reports', async () => {
    fake.setFailure('listComments', 'rate-limit', { times: 1 })
    fake.setFailure('listCheckRuns', 'secondary-rate-limit', { times: 1 })
    const github = pullRequestRun()
    const { reporter, log } = run(github, {}, { retryAfterBaseValue: 1 })

    await reporter.publish(pausedRelease({ github }), false)

    expect(comments()).toHaveLength(1)
    expect(checkRuns()).toHaveLength(1)
    expect(log.warnings()).toEqual([])
  })

  it('tries again at the next update after a GitHub outage', async () => {
    fake.setFailure('createComment', 'server-error', { times: 3 })
    const github = pullRequestRun()
    const { reporter, log } = run(github)

    await reporter.publish(pausedRelease({ github, outcome: 'running' }), false)
    await reporter.publish(pausedRelease({ github }), false)

    expect(log.warnings()).toEqual([expect.stringContaining('retried at the next update')])
    expect(comments()).toHaveLength(1)
  })

  it('never prints the token, even when GitHub rejects it', async () => {
    const github = pullRequestRun()
    const { reporter, log } = run(github, { token: 'not-the-right-token' })
    await reporter.publish(pausedRelease({ github }), true)

    expect(log.warnings()).toHaveLength(2)
    expect(log.warnings()[0]).toContain('GitHub rejected github-token')
    expect(JSON.stringify(log.lines)).not.toContain('not-the-right-token')
    expect(JSON.stringify(log.lines)).not.toContain(TOKEN)
  })
})

describe('GitHubReporter without the API', () => {
  it('says once that an empty token means no comment and no check run, and still writes the summary', async () => {
    const github = pullRequestRun()
    const { reporter, log, summaries } = run(github, { token: '' })
    await reporter.publish(pausedRelease({ github }), false)
    await reporter.publish(succeededRelease({ github }), true)

    expect(fake.calls).toEqual([])
    expect(log.lines).toEqual([
      {
        level: 'info',
        message:
          'github-token is empty: no pull request comment or check run (the job summary is still written).'
      }
    ])
    expect(summaries).toHaveLength(1)
    expect(await reporter.recall(pausedRelease({ github }))).toBeUndefined()
  })

  it('writes the job summary once the step ends, when asked to', async () => {
    const github = pullRequestRun()
    const on = run(github, { prComment: false, checkRun: false })
    await on.reporter.publish(pausedRelease({ github }), false)
    expect(on.summaries).toEqual([])
    await on.reporter.publish(succeededRelease({ github }), true)
    expect(on.summaries[0]).toMatch(/^## ✅ web on prod: succeeded/)

    const off = run(github, { prComment: false, checkRun: false, jobSummary: false })
    await off.reporter.publish(succeededRelease({ github }), true)
    expect(off.summaries).toEqual([])
  })

  it('warns once when the job summary cannot be written', async () => {
    const log = recordingLog()
    const github = pullRequestRun()
    const reporter = new GitHubReporter(
      { token: '', prComment: false, checkRun: false, jobSummary: true, github },
      log,
      async () => {
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY.')
      }
    )
    await reporter.publish(succeededRelease({ github }), true)
    await reporter.publish(succeededRelease({ github }), true)

    expect(log.warnings()).toEqual([
      'Could not write the job summary: Unable to find environment variable for $GITHUB_STEP_SUMMARY.'
    ])
  })
})

describe('GitHubReporter economy', () => {
  it('makes no call when nothing visible changed', async () => {
    const github = pullRequestRun()
    const { reporter } = run(github)
    await reporter.publish(pausedRelease({ github }), false)
    const calls = fake.calls.length
    await reporter.publish(pausedRelease({ github, updatedAt: at(9) }), false)
    await reporter.publish(pausedRelease({ github, updatedAt: at(10) }), true)

    expect(fake.calls).toHaveLength(calls)
  })

  it('serialises publishes, so overlapping ones cannot create two comments', async () => {
    const github = pullRequestRun()
    const { reporter } = run(github)
    await Promise.all([
      reporter.publish(pausedRelease({ github, outcome: 'running' }), false),
      reporter.publish(pausedRelease({ github }), false),
      reporter.publish(succeededRelease({ github }), true)
    ])

    expect(comments()).toHaveLength(1)
    expect(checkRuns()).toHaveLength(1)
    expect(comments()[0]).toContain('succeeded')
  })
})

describe('GitHubReporter and secrets', () => {
  it('hides registered values in the comment, the check run and the job summary', async () => {
    const secret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db_password-AbC'
    const secrets = new Secrets()
    secrets.add(secret)
    const github = pullRequestRun()
    const { reporter, summaries } = run(github, { secrets })
    const release = rolledBackRelease({
      github,
      details: [`2 tasks stopped: TaskFailedToStart: failed to fetch secret ${secret}`]
    })
    await reporter.publish(release, true)

    const output = checkRuns()[0]?.output
    const written = [comments()[0], output?.summary, summaries[0]].map(text =>
      decodeEntities(text ?? '')
    )
    for (const text of written) expect(text).toContain('failed to fetch secret ***')
    for (const text of [...written, decodeEntities(output?.text ?? '')])
      expect(text).not.toContain('prod/db')
    expect(release.verdict?.details[0]).toContain(secret)
  })

  it('keeps the identity of the release whole when a secret is also a name in it', async () => {
    const secrets = new Secrets()
    secrets.add('prod')
    const github = pullRequestRun()
    const { reporter, summaries } = run(github, { secrets })
    await reporter.publish(rolledBackRelease({ github, details: ['fetching prod failed'] }), true)

    const body = comments()[0] ?? ''
    expect(body).toMatch(/^<!-- ecs-bluegreen-action:release cluster=prod service=web -->/)
    expect(checkRuns().map(check => check.name)).toEqual(['ecs-bluegreen / prod/web'])
    for (const text of [body, checkRuns()[0]?.output.summary, summaries[0]]) {
      expect(text).toContain(
        'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/deployments/'
      )
      expect(decodeEntities(text ?? '')).toContain('fetching *** failed')
    }
  })
})

describe('GitHubReporter.promotionRoute', () => {
  const DEPLOYING = `
on: push
jobs:
  deploy:
    steps: [{ uses: octo/ecs-bluegreen-action@v1, with: { wait-until: paused } }]
  promote:
    needs: deploy
    environment: production
    steps: [{ uses: octo/ecs-bluegreen-action@v1, with: { command: promote } }]
`
  const CONTROL = `
on:
  workflow_dispatch:
    inputs:
      command: { type: choice, options: [promote, rollback] }
      service: { type: string, required: true }
      cluster: { type: string, required: true }
`
  const github = pushRun({ job: 'deploy', workflowSha: HEAD_SHA })

  it('reads the deploying workflow at its commit and the control workflow, once', async () => {
    fake.addFile('.github/workflows/deploy.yml', DEPLOYING)
    fake.addFile('.github/workflows/release-control.yml', CONTROL)
    const { reporter, log } = run(github, { controlWorkflow: 'release-control.yml' })

    const route = await reporter.promotionRoute()
    await reporter.promotionRoute()

    expect(route).toEqual({
      approval: { environment: 'production' },
      dispatch: {
        file: 'release-control.yml',
        ref: undefined,
        inputs: ['service', 'cluster'],
        commands: ['promote', 'rollback']
      }
    })
    expect(fake.calls.map(call => [call.path, call.query.ref])).toEqual([
      ['/repos/octo/app/contents/.github%2Fworkflows%2Fdeploy.yml', HEAD_SHA],
      ['/repos/octo/app/contents/.github%2Fworkflows%2Frelease-control.yml', undefined]
    ])
    expect(log.warnings()).toEqual([])
  })

  it('warns when the control workflow cannot take a command, and offers nothing it cannot run', async () => {
    fake.addFile('.github/workflows/release-control.yml', 'on: push\njobs: {}\n')
    const { reporter, log } = run(github, { controlWorkflow: 'release-control.yml' })

    expect(await reporter.promotionRoute()).toEqual({})
    expect(log.warnings()).toEqual([
      'control-workflow release-control.yml has no workflow_dispatch trigger with a command input this action can fill in, so the report does not offer it.'
    ])
  })

  it('goes by the inputs alone when it cannot read the workflows', async () => {
    fake.setFailure('getContent', 'forbidden')
    const { reporter, log } = run(github, { controlWorkflow: 'ops.yml' })

    expect(await reporter.promotionRoute()).toEqual({
      dispatch: {
        file: 'ops.yml',
        inputs: ['service', 'cluster', 'deployment-arn', 'services'],
        commands: ['promote', 'rollback']
      }
    })
    await expect(run(github, { token: '' }).reporter.promotionRoute()).resolves.toEqual({})
    expect(log.warnings()).toEqual([])
  })
})
