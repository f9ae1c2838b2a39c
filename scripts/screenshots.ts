/**
 * `npm run screenshots [-- <bundle> <output directory>]`: what GitHub shows of a release, as
 * pictures. The bundle (dist/index.js unless given) releases services of the embedded ECS
 * simulator and reports to the fake GitHub, as the demo does; the paused and the failed pull
 * request comment are rendered at the width of a pull request's conversation column (830 px)
 * and a job summary at the width of the run page, each as GitHub renders Markdown
 * (scripts/preview.ts), then photographed by Chromium into docs/images/ (or the directory given).
 *
 * Needs Debian's chromium (`apt-get install -y chromium`), so it is not part of `npm test`.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type FakeGitHub, startFakeGitHub } from '../sim/github/fake-github.js'
import { startSimulator, type Simulator } from '../sim/index.js'
import { addControlWorkflow } from './playground.js'
import { COMMENT_WIDTH, type Frame, frameHtml, githubPage, SUMMARY_WIDTH } from './preview.js'
import { BUNDLE, ECR, ROOT, runAction, type ActionRun } from './runner.js'

const CHROMIUM = process.env.CHROMIUM ?? 'chromium'
const SMOKE_TEST = 'arn:aws:lambda:us-east-1:123456789012:function:checkout-smoke'
const PULL_REQUEST = 7
const HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface'

/** Long enough that most stages are seen by 1 s polls, short enough that some pass unseen. */
const TIMING = { stageMs: 700, minuteMs: 1400 }

interface Picture extends Frame {
  file: string
}

/** Tells Chromium's --dump-dom how tall the frame is, for a screenshot of all of it. */
const MEASURE = `
  const frame = document.querySelector('.timeline, .summary')
  document.body.dataset.height = String(Math.ceil(frame.getBoundingClientRect().bottom) + 16)
`

async function main(): Promise<void> {
  const bundle = resolve(process.argv[2] ?? BUNDLE)
  const output = resolve(process.argv[3] ?? join(ROOT, 'docs/images'))
  mkdirSync(output, { recursive: true })
  const sim = await startSimulator({ timing: TIMING })
  const github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
  addControlWorkflow(github)
  const pictures: Picture[] = []
  try {
    const step = (inputs: Record<string, string>, event = pullRequest()) =>
      run(bundle, sim, github, inputs, event)

    // A canary release with a smoke test after test traffic, paused for approval.
    const paused = await step({
      service: 'checkout',
      'container-name': 'checkout',
      image: `${ECR}/checkout:2.0.0`,
      'lifecycle-hooks': JSON.stringify([
        {
          targetType: 'AWS_LAMBDA',
          hookTargetArn: SMOKE_TEST,
          roleArn: 'arn:aws:iam::123456789012:role/ecsLambdaHookRole',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT']
        }
      ]),
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
      'wait-until': 'paused',
      'control-workflow': 'release-control.yml'
    })
    pictures.push(comment('paused-comment.png', 'checkout', github))
    pictures.push({
      file: 'paused-summary.png',
      kind: 'summary',
      title: 'release · deploy summary',
      markdown: paused.summary
    })

    // The reviewer promotes it from a workflow_dispatch run: the summary of the whole release.
    const promoted = await step(
      {
        service: 'checkout',
        command: 'promote',
        'deployment-arn': paused.outputs['service-deployment-arn'] ?? ''
      },
      { name: 'workflow_dispatch', payload: {} }
    )
    pictures.push({
      file: 'release-summary.png',
      kind: 'summary',
      title: 'release-control · promote summary',
      markdown: promoted.summary
    })

    // An image whose container runs out of memory: the circuit breaker rolls the release back.
    await step({ service: 'guarded', 'container-name': 'guarded', image: `${ECR}/guarded:oom` })
    pictures.push(comment('failed-comment.png', 'guarded', github))
  } finally {
    await Promise.all([sim.close(), github.close()])
  }
  const work = mkdtempSync(join(tmpdir(), 'screenshots-'))
  try {
    for (const picture of pictures) {
      photograph(picture, join(output, picture.file), work)
      console.log(`wrote ${join(output, picture.file)}`)
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function pullRequest(): { name: string; payload: object } {
  return {
    name: 'pull_request',
    payload: {
      pull_request: { number: PULL_REQUEST, head: { sha: HEAD, ref: 'feature' } },
      repository: { full_name: 'octo/shop' }
    }
  }
}

async function run(
  bundle: string,
  sim: Simulator,
  github: FakeGitHub,
  inputs: Record<string, string>,
  event: { name: string; payload: object }
): Promise<ActionRun> {
  const step = await runAction({
    bundle,
    ecsUrl: sim.url,
    githubUrl: github.url,
    event,
    inputs: { cluster: 'demo', 'poll-interval': '1', ...inputs },
    timeoutMs: 180_000
  })
  console.log(`${inputs.command ?? 'deploy'} ${inputs.service ?? ''}: exit ${step.exitCode}`)
  return step
}

/** The sticky comment of `service` on the pull request, as it stands now. */
function comment(file: string, service: string, github: FakeGitHub): Picture {
  const body = github.state.comments
    .get(PULL_REQUEST)
    ?.find(entry => entry.body.includes(`service=${service} `))?.body
  if (!body) throw new Error(`No comment for ${service} on pull request #${PULL_REQUEST}.`)
  return { file, kind: 'comment', title: 'github-actions', markdown: body }
}

/** Renders the picture's Markdown to a page and has Chromium photograph all of it. */
function photograph(picture: Picture, png: string, work: string): void {
  const width = picture.kind === 'comment' ? COMMENT_WIDTH : SUMMARY_WIDTH
  const page = join(work, `${picture.file}.html`)
  writeFileSync(page, githubPage(frameHtml(picture), MEASURE))
  const measured = chromium(width, 2000, ['--dump-dom', `file://${page}`])
  const height = Number(/data-height="(\d+)"/.exec(measured)?.[1] ?? 2000)
  chromium(width, height, [`--screenshot=${png}`, `file://${page}`])
}

function chromium(width: number, height: number, args: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'))
  try {
    const result = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--window-size=${width},${height}`,
        '--virtual-time-budget=2000',
        ...args
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
    )
    if (result.error)
      throw new Error(`${CHROMIUM}: ${result.error.message} (apt-get install -y chromium)`)
    if (result.status !== 0)
      throw new Error(`${CHROMIUM} exited ${result.status}: ${result.stderr}`)
    return result.stdout
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
