import type { CheckRunPayload } from '../render/check-run.js'
import type { GitHubApi } from './client.js'
import type { RepoRef } from './repository.js'

export interface PostedCheckRun {
  id: number
  status: string
  /** The check run's details (`output.text`), where the release snapshot lives. */
  text?: string
}

/** The newest check run named `name` on commit `sha`, from any earlier run of the action. */
export async function findCheckRun(
  api: GitHubApi,
  repo: RepoRef,
  sha: string,
  name: string
): Promise<PostedCheckRun | undefined> {
  const runs = await api.paginate(api.rest.checks.listForRef, {
    ...repo,
    ref: sha,
    check_name: name,
    filter: 'all',
    per_page: 100
  })
  const newest = runs.filter(run => run.name === name).sort((a, b) => b.id - a.id)[0]
  return newest && posted(newest)
}

export async function createCheckRun(
  api: GitHubApi,
  repo: RepoRef,
  sha: string,
  payload: CheckRunPayload
): Promise<PostedCheckRun> {
  const { data } = await api.rest.checks.create({ ...repo, head_sha: sha, ...payload })
  return posted(data)
}

export async function updateCheckRun(
  api: GitHubApi,
  repo: RepoRef,
  id: number,
  payload: CheckRunPayload
): Promise<PostedCheckRun> {
  const { data } = await api.rest.checks.update({ ...repo, check_run_id: id, ...payload })
  return posted(data)
}

function posted(run: {
  id: number
  status: string
  output?: { text?: string | null }
}): PostedCheckRun {
  return { id: run.id, status: run.status, text: run.output?.text ?? undefined }
}
