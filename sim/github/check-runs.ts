import { type FakeApp, type FakeCheckRun, timestamp } from './resources.js'

/**
 * What GitHub does with the fields of a check run it is sent (create or update), beyond what
 * its schema checks: https://docs.github.com/rest/checks/runs.
 */

/** A refusal of the request: status, message and, for 422 "Validation Failed", its errors. */
export class CheckRunRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[]
  ) {
    super(message)
  }
}

/** The body of a create or update request, which the description's schema has accepted. */
export interface CheckRunFields {
  name?: string
  details_url?: string
  external_id?: string
  status?: string
  started_at?: string
  conclusion?: string
  completed_at?: string
  output?: {
    title?: string
    summary: string
    text?: string
    annotations?: unknown[]
  }
}

/** Statuses only GitHub Actions itself sets ("Only GitHub Actions can set a status of …"). */
const ACTIONS_ONLY_STATUSES = ['waiting', 'requested', 'pending']

function invalid(field: string): CheckRunRefusal {
  return new CheckRunRefusal(422, 'Validation Failed', [
    { resource: 'CheckRun', code: 'invalid', field }
  ])
}

/** The refusals the docs state that the schema cannot express. */
export function refuseCheckRunFields(fields: CheckRunFields, app: FakeApp): void {
  // "You cannot change a check run conclusion to `stale`, only GitHub can set this."
  if (fields.conclusion === 'stale') throw invalid('conclusion')
  if (
    fields.status &&
    ACTIONS_ONLY_STATUSES.includes(fields.status) &&
    app.slug !== 'github-actions'
  )
    throw invalid('status')
  // "Required if you provide `completed_at` or a `status` of `completed`": the create
  // schema leaves this to the server; the update schema states it (anyOf).
  if ((fields.status === 'completed' || fields.completed_at) && !fields.conclusion) {
    throw new CheckRunRefusal(422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.')
  }
}

/**
 * Applies a create or update. A completed check run keeps its status, conclusion and
 * completion time: GitHub answers 200 and changes neither ("Once a check run transitions from
 * the in_progress state to completed state, it's not possible to modify its status nor its
 * conclusion further", GitHub staff at https://github.community/t/stale-check-runs/120566; the
 * PATCH "succeeded" and the run stayed completed, https://github.com/tektoncd/pipelines-as-code/issues/998).
 * Its name, output, details_url and external_id still change.
 */
export function applyCheckRunFields(run: FakeCheckRun, fields: CheckRunFields): void {
  if (fields.name !== undefined) run.name = fields.name
  if (fields.details_url !== undefined) run.details_url = fields.details_url
  if (fields.external_id !== undefined) run.external_id = fields.external_id
  if (fields.output !== undefined) {
    const annotations = fields.output.annotations?.length ?? 0
    run.output = {
      ...run.output,
      title: fields.output.title ?? run.output.title,
      summary: fields.output.summary,
      text: fields.output.text ?? run.output.text,
      // "Each time you update the check run, annotations are appended."
      annotations_count: run.output.annotations_count + annotations
    }
  }
  if (run.status === 'completed') return
  if (fields.started_at !== undefined) run.started_at = fields.started_at
  // "Providing `conclusion` will automatically set the `status` parameter to `completed`."
  if (fields.conclusion !== undefined) {
    run.status = 'completed'
    run.conclusion = fields.conclusion as FakeCheckRun['conclusion']
    run.completed_at = fields.completed_at ?? timestamp()
  } else if (fields.status !== undefined) {
    run.status = fields.status as FakeCheckRun['status']
  }
}
