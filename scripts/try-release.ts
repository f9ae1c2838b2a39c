/**
 * `npm run try`: a release of your own service, without AWS or GitHub. The simulator starts
 * with your seed, the fake GitHub with the pull request whose merge is released; the bundle
 * runs as the step of a workflow on push to main (and, with --then, a workflow_dispatch job
 * that promotes or rolls back). What GitHub would show is written as files: per job the job
 * summary, the pull request comment, the check run, the log and the outputs, and one HTML
 * page that shows them as GitHub does.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { FakeCheckRun } from '../sim/github/resources.js'
import { loadSeed, type Seed, SeedError } from '../sim/index.js'
import {
  checkRunLine,
  type JobRun,
  type Playground,
  PULL_REQUEST,
  pullRequestNow,
  runJob,
  startPlayground
} from './playground.js'
import { COMMENT_WIDTH, escapeHtml, frameHtml, githubPage } from './preview.js'
import type { TryOptions } from './try-args.js'

/** A setup mistake of the user's (seed, file), said before anything runs. */
export class TrySetupError extends Error {
  override name = 'TrySetupError'
}

export interface TryResult {
  /** The exit code of the last job's step, as the workflow would end. */
  exitCode: number
  /** The files written, absolute paths; the preview last. */
  files: string[]
}

/**
 * What the second job's step keeps of the first's inputs: the service, and where and how it
 * reports (the same check run and comment); not what only a deploy takes, nor its waiting.
 */
const SECOND_JOB_INPUTS = [
  'cluster',
  'service',
  'poll-interval',
  'log-lines',
  'github-token',
  'pr-comment',
  'check-run',
  'check-name',
  'job-summary',
  'control-workflow'
]

interface JobRecord {
  title: string
  command: string
  job: JobRun
  /** The sticky comment and the check run as the job left them. */
  comment?: string
  checkRun?: FakeCheckRun
}

export async function tryRelease(
  options: Omit<TryOptions, 'help'>,
  print: (text: string) => void = console.log
): Promise<TryResult> {
  const seed = readSeed(options.seed)
  const workspaceFiles = readTaskDefinition(options.taskDefinition)
  const inputs: Record<string, string> = {
    ...seedDefaults(seed, options.inputs),
    'poll-interval': '1',
    ...options.inputs,
    ...(options.taskDefinition && { 'task-definition': basename(options.taskDefinition) })
  }
  const playground = await startPlayground(
    { seed: options.seed, timing: { stageMs: options.stageMs, minuteMs: options.minuteMs } },
    print
  ).catch((error: unknown) => {
    // What ECS would refuse of a service (its deployment configuration, say) shows as the
    // simulator creates it.
    throw error instanceof SeedError ? seedError(options.seed, error) : error
  })
  const jobs: JobRecord[] = []
  try {
    const command = inputs.command ?? 'deploy'
    jobs.push(
      await recordJob(playground, command, {
        title: `Job 1 · ${command} (on push to main)`,
        inputs,
        event: 'push',
        workspaceFiles,
        bundle: options.bundle
      })
    )
    const deploy = jobs[0]?.job.run
    if (options.then && deploy) {
      if (deploy.exitCode === 0 && deploy.outputs['hook-id']) {
        jobs.push(
          await recordJob(playground, options.then, {
            title: `Job 2 · ${options.then} (workflow_dispatch)`,
            inputs: {
              ...Object.fromEntries(
                Object.entries(inputs).filter(([name]) => SECOND_JOB_INPUTS.includes(name))
              ),
              command: options.then,
              'deployment-arn': deploy.outputs['service-deployment-arn'] ?? ''
            },
            event: 'workflow_dispatch',
            bundle: options.bundle
          })
        )
      } else {
        print(
          `\n--then ${options.then} skipped: the deploy did not stop at a pause (give wait-until=paused and pause-at=…).`
        )
      }
    }
  } finally {
    await playground.close()
  }
  const files = writeFiles(options.out, jobs)
  playground.heading('What GitHub would show')
  for (const file of files) print(file)
  print(`\nOpen ${files.at(-1)} in a browser to see them as GitHub shows them.`)
  return { exitCode: jobs.at(-1)?.job.run.exitCode ?? 1, files }
}

function readSeed(path: string | undefined): Seed {
  if (path !== undefined && !existsSync(path))
    throw new TrySetupError(`--seed: ${path} does not exist.`)
  try {
    return loadSeed(path)
  } catch (error) {
    throw seedError(path, error)
  }
}

function seedError(path: string | undefined, error: unknown): TrySetupError {
  return new TrySetupError(
    `--seed ${path ?? '(default)'}: ${error instanceof Error ? error.message : String(error)}`
  )
}

function readTaskDefinition(path: string | undefined): Record<string, string> | undefined {
  if (path === undefined) return undefined
  if (!existsSync(path)) throw new TrySetupError(`--task-definition: ${path} does not exist.`)
  // Its content is checked by the action, as in a workflow: that is part of what is tried.
  return { [basename(path)]: readFileSync(path, 'utf8') }
}

/** `cluster` and `service` when the user gave none and the seed has only one to choose. */
function seedDefaults(seed: Seed, given: Record<string, string>): Record<string, string> {
  const cluster = given.cluster ?? (seed.clusters.length === 1 ? seed.clusters[0] : undefined)
  const services = seed.services.filter(service => service.cluster === cluster)
  const service = given.service ?? (services.length === 1 ? services[0]?.name : undefined)
  return { ...(cluster && { cluster }), ...(service && { service }) }
}

async function recordJob(
  playground: Playground,
  command: string,
  job: Parameters<typeof runJob>[1]
): Promise<JobRecord> {
  const run = await runJob(playground, job)
  const { comments, checkRuns } = pullRequestNow(playground)
  const service = job.inputs.service ?? ''
  const comment = comments.find(entry => entry.body.includes(`service=${service} `))
  // The action names its check run after the service unless check-name names it otherwise.
  const checkRun =
    checkRuns.filter(check => check.name.endsWith(`/${service}`)).at(-1) ?? checkRuns.at(-1)
  if (checkRun) playground.print(`Check run: ${checkRunLine(checkRun)}`)
  // A copy: the next job updates the same check run.
  return {
    title: job.title,
    command,
    job: run,
    comment: comment?.body,
    checkRun: checkRun && structuredClone(checkRun)
  }
}

/** Each job's files in a directory of its command's name, then the preview of them all. */
function writeFiles(out: string, jobs: JobRecord[]): string[] {
  const files: string[] = []
  const write = (path: string, text: string) => {
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, text)
    files.push(path)
  }
  for (const { command, job, comment, checkRun } of jobs) {
    // The command is the user's input: only a name of letters makes a directory.
    const directory = join(out, /^[a-z-]+$/.test(command) ? command : 'step')
    write(join(directory, 'log.txt'), `${job.log.join('\n')}\n`)
    write(join(directory, 'outputs.json'), `${JSON.stringify(job.run.outputs, null, 2)}\n`)
    if (job.run.summary) write(join(directory, 'summary.md'), job.run.summary)
    if (comment) write(join(directory, 'comment.md'), comment)
    if (checkRun) write(join(directory, 'check-run.json'), `${JSON.stringify(checkRun, null, 2)}\n`)
    const rendered = job.run.outputs['rendered-task-definition']
    if (rendered && existsSync(rendered)) {
      mkdirSync(directory, { recursive: true })
      copyFileSync(rendered, join(directory, 'task-definition.json'))
      files.push(join(directory, 'task-definition.json'))
    }
  }
  write(join(out, 'preview.html'), preview(jobs))
  return files
}

/** One page: per job, the check run, the comment, the job summary and the log, as GitHub shows them. */
function preview(jobs: JobRecord[]): string {
  const sections = jobs.map(({ title, job, comment, checkRun }) => {
    const parts = [`<h2 class="section">${escapeHtml(title)}</h2>`]
    if (checkRun) {
      // GitHub shows a check run's title as text, its summary and text as Markdown.
      const output = [checkRun.output.title && `### ${escapeHtml(checkRun.output.title)}`]
        .concat(checkRun.output.summary ?? '', checkRun.output.text ?? '')
        .filter(Boolean)
        .join('\n\n')
      parts.push(
        '<h3>Check run</h3>',
        frameHtml({
          kind: 'check',
          title: `${checkRun.name} · ${checkRun.conclusion ?? checkRun.status}`,
          markdown: output
        })
      )
    }
    if (comment)
      parts.push(
        `<h3>Pull request #${PULL_REQUEST} comment</h3>`,
        `<div style="max-width:${COMMENT_WIDTH}px">${frameHtml({ kind: 'comment', title: '', markdown: comment })}</div>`
      )
    if (job.run.summary)
      parts.push(
        '<h3>Job summary</h3>',
        frameHtml({ kind: 'summary', title: title, markdown: job.run.summary })
      )
    parts.push(
      `<details><summary>Log (exit ${job.run.exitCode})</summary><div class="log">${escapeHtml(job.log.join('\n'))}</div></details>`
    )
    return parts.join('\n')
  })
  return githubPage(`<div style="max-width:1100px">${sections.join('\n')}</div>`)
}
