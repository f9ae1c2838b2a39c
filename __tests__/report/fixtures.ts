import { marked } from 'marked'
import { createGitHubClient, type GitHubApi } from '../../src/report/github/client.js'
import { MarkdownBuilder, type Table } from '../../src/report/render/markdown.js'
import type { Log } from '../../src/model/log.js'
import {
  newRelease,
  type DispatchTarget,
  type GitHubRun,
  type Release,
  type Verdict
} from '../../src/model/release.js'

/** Shared test data: a workflow run and releases at each point of their life. */

export const HEAD_SHA = 'a'.repeat(40)
export const MERGE_SHA = 'b'.repeat(40)
export const DEPLOYMENT_ARN =
  'arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/web/r9i43YFjvgF_xlg7m2eJ1r'
export const PAUSE_HOOK_ID = 'ecs-pause-Xk7rT2mP9sLwQn4vB8fYd3hJ6gA1cE5iO0uR_ZpWq'

export function at(minutes: number): Date {
  return new Date(Date.UTC(2026, 10, 25, 18, 0, 0) + minutes * 60_000)
}

export function pushRun(overrides: Partial<GitHubRun> = {}): GitHubRun {
  return {
    serverUrl: 'https://github.com',
    repository: 'octo/app',
    runId: '4242',
    runAttempt: '1',
    workflow: 'Deploy',
    workflowRef: 'octo/app/.github/workflows/deploy.yml@refs/heads/main',
    eventName: 'push',
    sha: HEAD_SHA,
    ref: 'refs/heads/main',
    actor: 'octocat',
    ...overrides
  }
}

export function pullRequestRun(overrides: Partial<GitHubRun> = {}): GitHubRun {
  return pushRun({
    eventName: 'pull_request',
    sha: MERGE_SHA,
    ref: 'refs/pull/7/merge',
    workflowRef: 'octo/app/.github/workflows/deploy.yml@refs/pull/7/merge',
    pullRequest: { number: 7, headSha: HEAD_SHA },
    ...overrides
  })
}

/**
 * Changes to a fixture release: its facts, and the verdict's fields by name. `outcome:
 * 'running'` leaves the release without a verdict, as while a step follows it.
 */
export type ReleaseOverrides = Partial<Omit<Release, 'verdict'>> & Partial<Verdict>

/** `release` with `overrides` applied. */
export function withOverrides(release: Release, overrides: ReleaseOverrides): Release {
  const { outcome, reason, cause, details, hint, ...facts } = overrides
  const verdict: Verdict | undefined =
    outcome === 'running'
      ? undefined
      : release.verdict || outcome
        ? {
            ...release.verdict,
            outcome: outcome ?? release.verdict?.outcome ?? 'running',
            details: details ?? release.verdict?.details ?? [],
            ...(reason !== undefined && { reason }),
            ...(cause !== undefined && { cause }),
            ...(hint !== undefined && { hint })
          }
        : undefined
  return { ...release, ...facts, verdict }
}

/** A plan that found deploy would go ahead with a bake time and a new image. */
export function plannedRelease(overrides: Partial<Release> = {}): Release {
  const release = newRelease(
    { command: 'plan', cluster: 'prod', service: 'web', github: pullRequestRun() },
    at(0)
  )
  return withOverrides(
    {
      ...release,
      strategy: 'BLUE_GREEN',
      taskDefinition: {
        previousArn: `arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7`,
        containers: [
          { name: 'app', previousImage: 'web:1.0.0', image: 'web:2.0.0', changedEnvironment: [] }
        ],
        otherChanges: [{ field: 'memory', before: '512', after: '1024' }, { field: 'volumes' }]
      },
      settingChanges: [
        { setting: 'Bake time', before: '5 min', after: '10 min', input: 'bake-time' }
      ],
      plan: {
        source: { kind: 'file', path: '.aws/task-definition.json' },
        leastTime: '10 minutes (bake time 10 min)',
        timeoutMinutes: 70,
        warnings: ['Service web pauses at POST_TEST_TRAFFIC_SHIFT']
      },
      finishedAt: at(0),
      ...overrides
    },
    { outcome: 'succeeded' }
  )
}

/** A canary release paused for approval after test traffic moved. */
export function pausedRelease(overrides: ReleaseOverrides = {}): Release {
  const release = newRelease(
    {
      command: 'deploy',
      cluster: 'prod',
      service: 'web',
      region: 'eu-west-1',
      strategy: 'CANARY',
      commit: HEAD_SHA,
      deploymentArn: DEPLOYMENT_ARN,
      status: 'IN_PROGRESS',
      stage: 'POST_TEST_TRAFFIC_SHIFT',
      verdict: { outcome: 'paused', details: [] },
      changedService: true,
      taskDefinition: {
        previousArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:41',
        arn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:42',
        containers: [
          {
            name: 'app',
            previousImage: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.0.0',
            image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.1.0',
            changedEnvironment: ['FEATURE_FLAG', 'DATABASE_PASSWORD']
          },
          {
            name: 'sidecar',
            previousImage: 'envoy:1.30',
            image: 'envoy:1.30',
            changedEnvironment: []
          }
        ]
      },
      stages: [
        { stage: 'PRE_SCALE_UP', startedAt: at(0), endedAt: at(0.5) },
        {
          stage: 'SCALE_UP',
          startedAt: at(0.5),
          endedAt: at(3),
          traffic: { targetRunning: 2, targetRequested: 2, sourceRunning: 2, sourceRequested: 2 }
        },
        { stage: 'POST_SCALE_UP', startedAt: at(3), endedAt: at(3.2) },
        {
          stage: 'TEST_TRAFFIC_SHIFT',
          startedAt: at(3.2),
          endedAt: at(4),
          traffic: { targetTest: 100, targetProduction: 0, sourceProduction: 100 }
        },
        { stage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: at(4) }
      ],
      hooks: [
        {
          hookId: 'ecs-lambda-smoke',
          targetType: 'AWS_LAMBDA',
          targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:smoke-test',
          stage: 'TEST_TRAFFIC_SHIFT',
          status: 'SUCCEEDED',
          firstSeenAt: at(3.3),
          updatedAt: at(3.9)
        },
        {
          hookId: PAUSE_HOOK_ID,
          targetType: 'PAUSE',
          stage: 'POST_TEST_TRAFFIC_SHIFT',
          status: 'AWAITING_ACTION',
          expiresAt: at(24 * 60),
          timeoutAction: 'ROLLBACK',
          firstSeenAt: at(4),
          updatedAt: at(4)
        }
      ],
      startedAt: at(0),
      github: pushRun(),
      // The deploying workflow takes promote and rollback by workflow_dispatch, as in
      // docs/reporting.md, "Promoting from the comment".
      promotion: { dispatch: DEPLOY_DISPATCH }
    },
    at(0)
  )
  return withOverrides(release, overrides)
}

/** deploy.yml on main, with a workflow_dispatch trigger taking every input of a release. */
export const DEPLOY_DISPATCH: DispatchTarget = {
  file: 'deploy.yml',
  ref: 'main',
  inputs: ['service', 'cluster', 'deployment-arn'],
  commands: ['promote', 'rollback']
}

/** The paused release after promotion: production traffic moved, baked and cleaned up. */
export function succeededRelease(overrides: ReleaseOverrides = {}): Release {
  const release = pausedRelease()
  const succeeded: Release = {
    ...release,
    status: 'SUCCESSFUL',
    stage: 'CLEAN_UP',
    verdict: { outcome: 'succeeded', details: [] },
    stages: [
      ...release.stages.slice(0, -1),
      { stage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: at(4), endedAt: at(20) },
      {
        stage: 'PRODUCTION_TRAFFIC_SHIFT',
        startedAt: at(20),
        endedAt: at(21),
        traffic: { targetTest: 100, targetProduction: 100 }
      },
      { stage: 'BAKE_TIME', startedAt: at(21), endedAt: at(31) },
      { stage: 'CLEAN_UP', startedAt: at(31), endedAt: at(32) }
    ],
    hooks: release.hooks.map(hook =>
      hook.targetType === 'PAUSE' ? { ...hook, status: 'SUCCEEDED', updatedAt: at(20) } : hook
    ),
    updatedAt: at(32),
    finishedAt: at(32)
  }
  return withOverrides(succeeded, overrides)
}

/** Rolled back after a Lambda hook failed during test traffic. */
export function rolledBackRelease(overrides: ReleaseOverrides = {}): Release {
  const release = pausedRelease()
  const rolledBack: Release = {
    ...release,
    status: 'ROLLBACK_SUCCESSFUL',
    stage: 'TEST_TRAFFIC_SHIFT',
    verdict: {
      outcome: 'rolled-back',
      reason: 'ECS rolled the deployment back: a TEST_TRAFFIC_SHIFT hook failed.',
      details: ['Hook smoke-test returned FAILED at TEST_TRAFFIC_SHIFT.'],
      hint: 'Check the logs of the smoke-test Lambda function.'
    },
    statusReason:
      'Service deployment rolled back because TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. Lifecycle hook target arn:aws:lambda:eu-west-1:123456789012:function:smoke-test returned FAILED status.',
    stages: release.stages.slice(0, 4),
    hooks: [{ ...release.hooks[0]!, status: 'FAILED' }],
    updatedAt: at(5),
    finishedAt: at(5)
  }
  return withOverrides(rolledBack, overrides)
}

export interface RecordedLog extends Log {
  lines: { level: string; message: string }[]
  warnings(): string[]
}

/** A Log that keeps what it is told, for assertions. */
export function recordingLog(): RecordedLog {
  const lines: { level: string; message: string }[] = []
  const record =
    (level: string) =>
    (message: string): void => {
      lines.push({ level, message })
    }
  return {
    lines,
    warnings: () => lines.filter(line => line.level === 'warning').map(line => line.message),
    info: record('info'),
    warning: record('warning'),
    error: record('error'),
    debug: record('debug'),
    startGroup: record('group'),
    endGroup: () => undefined,
    untrusted: lines => lines.forEach(record('untrusted'))
  }
}

/** GitHub-flavoured Markdown rendered to HTML the way a reader's browser gets it (no sanitising). */
export function html(markdown: string): string {
  return marked.parse(markdown, { gfm: true, async: false })
}

/** What a browser shows for HTML text: character references decoded. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name in named) return named[name] ?? whole
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return whole
  })
}

/** A table rendered as a report renders it, then to HTML. */
export function tableHtml<T>(table: Table<T>): string {
  const doc = new MarkdownBuilder(10 * 1024 * 1024)
  doc.addTable(table)
  return html(doc.toString())
}

/** A release with everything ECS could overwhelm a report with. */
export function hugeRelease(): Release {
  const big = (n: number): string => '<b>|x`*_'.repeat(n)
  return rolledBackRelease({
    reason: big(500_000),
    statusReason: big(500_000),
    hint: big(100_000),
    details: Array.from({ length: 3000 }, () => big(2000)),
    taskDefinition: {
      arn: 'arn:aws:ecs:eu-west-1:1:task-definition/web:2',
      containers: Array.from({ length: 500 }, (_, i) => ({
        name: `c${i}`,
        previousImage: big(20_000),
        image: big(20_000),
        changedEnvironment: Array.from({ length: 1000 }, (_, n) => `VAR_${n}`)
      }))
    },
    stages: Array.from({ length: 3000 }, (_, i) => ({
      stage: big(100),
      startedAt: at(i),
      endedAt: at(i + 1),
      traffic: { targetTest: 100, targetProduction: i % 100 }
    })),
    hooks: Array.from({ length: 3000 }, (_, i) => ({
      hookId: big(1000),
      targetType: 'AWS_LAMBDA',
      targetArn: big(1000),
      stage: big(100),
      status: 'FAILED',
      firstSeenAt: at(i),
      updatedAt: at(i)
    }))
  })
}

/** The cells of every row of a table, rendered. */
export function rowsOf<T>(table: Table<T> | undefined): string[][] {
  return table ? table.items.map((item, index) => table.cells(item, index)) : []
}

/** A client for the fake server that does not make tests wait. */
export function fastClient(fake: { url: string }, token = 'token'): Promise<GitHubApi> {
  return createGitHubClient(token, {
    baseUrl: fake.url,
    log: recordingLog(),
    retryAfterBaseValue: 1,
    throttle: false
  })
}

export const REPO = { owner: 'octo', repo: 'app' }
