import { readFileSync } from 'node:fs'
import type { GitHubRun } from '../model/release.js'

/**
 * The workflow run, read from the runner's environment and event payload. Read directly
 * rather than through @actions/github so that a run that fails validation never loads it.
 */
export function readGitHubRun(env: NodeJS.ProcessEnv = process.env): GitHubRun {
  const payload = readEventPayload(env.GITHUB_EVENT_PATH)
  const pullRequest = payload?.pull_request as
    { number?: unknown; head?: { sha?: unknown } } | undefined
  const run: GitHubRun = {
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    repository: env.GITHUB_REPOSITORY || '',
    runId: env.GITHUB_RUN_ID || '',
    runNumber: env.GITHUB_RUN_NUMBER || undefined,
    runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
    workflow: env.GITHUB_WORKFLOW || undefined,
    workflowRef: env.GITHUB_WORKFLOW_REF || undefined,
    workflowSha: env.GITHUB_WORKFLOW_SHA || undefined,
    job: env.GITHUB_JOB || undefined,
    eventName: env.GITHUB_EVENT_NAME || '',
    sha: env.GITHUB_SHA || '',
    ref: env.GITHUB_REF || undefined,
    actor: env.GITHUB_ACTOR || undefined
  }
  if (typeof pullRequest?.number === 'number' && typeof pullRequest.head?.sha === 'string') {
    run.pullRequest = { number: pullRequest.number, headSha: pullRequest.head.sha }
  }
  const inputs = payload?.inputs
  if (run.eventName === 'workflow_dispatch' && typeof inputs === 'object' && inputs !== null) {
    run.dispatchInputs = Object.keys(inputs)
  }
  return run
}

function readEventPayload(path: string | undefined): Record<string, unknown> | undefined {
  if (!path) return undefined
  try {
    const payload: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
