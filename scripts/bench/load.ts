/**
 * Section 3: 20 runs at once against one simulator, each releasing its
 * own BLUE_GREEN service, all reporting to one pull request through the fake GitHub API,
 * as a matrix job releasing 20 services from one commit would.
 */
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { serviceOfCall } from './calls.js'
import { UsageProbe } from './usage-probe.js'
import { POLL_INTERVAL_S, releaseRows } from './release-rows.js'
import { max, median, mib, ms, type Section } from './report.js'
import { pollRounds, type TimedRelease, timedRelease } from './timed-release.js'
import { reportProblems } from './verify.js'
import { ECR, PR_HEAD, PR_NUMBER, pullRequestEvent } from '../runner.js'

export interface LoadBenchOptions {
  runs: number
  timing: { stageMs: number; minuteMs: number }
}

const CLUSTER = 'load'
const NAMESPACE = 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-load0example001'

/** svc01, svc02, …: letters and digits only, so the comment marker shows them as they are. */
const serviceName = (index: number): string => `svc${String(index + 1).padStart(2, '0')}`

/**
 * One task definition family and one Service Connect BLUE_GREEN service per run, shaped
 * like the default seed's `web`; each family is named after its service, which is how
 * calls that name only a task definition are attributed (calls.ts).
 */
export function loadBenchSeed(count: number): object {
  const names = Array.from({ length: count }, (_, index) => serviceName(index))
  return {
    clusters: [CLUSTER],
    taskDefinitions: names.map(name => ({
      family: name,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: `${ECR}/${name}:1.0.0`,
          essential: true,
          portMappings: [
            { name: 'http', containerPort: 8080, protocol: 'tcp', appProtocol: 'http' }
          ]
        }
      ]
    })),
    services: names.map(name => ({
      name,
      cluster: CLUSTER,
      taskDefinition: name,
      desiredCount: 2,
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d4e5f60001'],
          securityGroups: ['sg-0a1b2c3d4e5f60001']
        }
      },
      serviceConnectConfiguration: {
        enabled: true,
        namespace: NAMESPACE,
        services: [
          {
            portName: 'http',
            discoveryName: name,
            clientAliases: [{ port: 80, dnsName: `${name}.${CLUSTER}.local` }]
          }
        ]
      },
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }
    }))
  }
}

interface Batch {
  done: TimedRelease[]
  batchMs: number
  unattributed: number
  comments: number
  checks: number
}

async function runBatch(sim: Simulator, github: FakeGitHub, runs: number): Promise<Batch> {
  const probe = new UsageProbe()
  let unattributed = 0
  const stop = sim.onCall(call => {
    if (serviceOfCall(call) === undefined) unattributed++
  })
  const started = Date.now()
  try {
    const done = await Promise.all(
      Array.from({ length: runs }, (_, index) =>
        timedRelease({
          sim,
          probe,
          githubUrl: github.url,
          event: pullRequestEvent,
          inputs: {
            cluster: CLUSTER,
            service: serviceName(index),
            'container-name': 'app',
            image: `${ECR}/${serviceName(index)}:2.0.0`,
            'poll-interval': String(POLL_INTERVAL_S)
          },
          timeoutMs: 120_000
        })
      )
    )
    return {
      done,
      batchMs: Math.max(...done.map(release => release.exitedAt)) - started,
      unattributed,
      comments: github.state.comments.get(PR_NUMBER)?.length ?? 0,
      checks: github.state.checkRuns.get(PR_HEAD)?.length ?? 0
    }
  } finally {
    stop()
    probe.close()
  }
}

export async function measureLoad(options: LoadBenchOptions): Promise<Section> {
  const sim = await startSimulator({ seed: loadBenchSeed(options.runs), timing: options.timing })
  const github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
  let batch: Batch
  try {
    batch = await runBatch(sim, github, options.runs)
  } finally {
    await Promise.all([sim.close(), github.close()])
  }
  const { done } = batch
  // Every call of the wait, describes included, per poll of that run.
  const callsPerPoll = done.map(
    release =>
      (release.calls.polls + release.calls.others.length) /
      Math.max(1, pollRounds(release.pollTimes, POLL_INTERVAL_S * 1000).length)
  )
  const durations = done.map(release => release.exitedAt - release.run.startedAt)
  const expected = `${options.runs} / ${options.runs}`
  return {
    title: `3 · Load: ${options.runs} concurrent releases against one simulator, reporting to one pull request`,
    rows: [
      ...releaseRows(done, {
        label: 'each run',
        cluster: CLUSTER,
        reportProblems: release => reportProblems(github, CLUSTER, release.service),
        judgeStart: false,
        judgeReaction: false
      }),
      {
        metric: 'pull request comments / check runs (one each per service)',
        value: `${batch.comments} / ${batch.checks}`,
        target: expected,
        pass: `${batch.comments} / ${batch.checks}` === expected
      },
      {
        metric: 'ECS calls not attributable to a run',
        value: String(batch.unattributed),
        target: '0',
        pass: batch.unattributed === 0
      },
      { metric: 'batch wall time (first spawn → last exit)', value: ms(batch.batchMs) },
      {
        metric: 'release wall time per run: median (max)',
        value: `${ms(median(durations))} (${ms(max(durations))})`
      },
      {
        metric: 'ECS calls per poll per run, all calls of the wait: median (max)',
        value: `${median(callsPerPoll).toFixed(2)} (${max(callsPerPoll).toFixed(2)})`
      },
      {
        metric: 'peak RSS per run: median',
        value: mib(median(done.map(release => release.peakRssKiB)))
      }
    ],
    notes: [
      `Seed: cluster ${CLUSTER} with ${options.runs} Service Connect BLUE_GREEN services (2 tasks, bake time 1 minute); simulator timing ${options.timing.stageMs} ms per stage, ${options.timing.minuteMs} ms per minute.`,
      `Every run: deploy a new image, poll-interval ${POLL_INTERVAL_S}, pr-comment and check-run on, pull_request event of pull request #${PR_NUMBER}. A run counts as reported when its comment (found by marker) and its check run (by name) say it succeeded.`,
      `Calls are attributed to a run by the service (or the task definition family, named after it) their input names. Timings are shown, not judged: ${options.runs} processes share the machine's cores, and reporting paces GitHub writes.`
    ]
  }
}
