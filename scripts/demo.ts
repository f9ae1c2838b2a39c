/**
 * `npm run demo [-- scenario]`: the bundled action releases a service of the embedded ECS
 * simulator, printed as the Actions tab shows it; then what the pull request shows (while a
 * paused release waits for its reviewer, and at the end) and the job summary.
 *
 *   approve     (default) deploy with test traffic by header, pause for approval, promote
 *   reject      the same, but the reviewer rolls the release back
 *   fail-hook   a Lambda hook returns FAILED: ECS rolls back, the job fails with the reason
 *   fail-image  the new image cannot be pulled: the circuit breaker rolls back
 *   fail-alarm  a CloudWatch alarm fires during bake time: ECS rolls back
 *   app-crash   the new containers exit at start-up: the circuit breaker rolls back, and the
 *               report shows their last log lines and the target group of each revision
 *   chain       frontend → orders → payments released together: a tagged request reaches
 *               green at every hop, an untagged one stays on blue, promotion goes callee first
 *               (scripts/demo-chain.ts)
 */
import type { Simulator } from '../sim/index.js'
import { chainDemo } from './demo-chain.js'
import { runJob, showPullRequest, startPlayground } from './playground.js'
import { ECR } from './runner.js'
import { summaryForTerminal } from './summary-text.js'

const SMOKE_TEST = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test'
const STAGE_MS = 1000

interface Scenario {
  story: string
  deploy: Record<string, string>
  /** Scenario knobs set on the simulator before the release. */
  prepare?: (sim: Simulator) => void
  /** Done while job 1 runs (e.g. an alarm in bake time). */
  during?: (sim: Simulator) => Promise<void>
  /** The second job, after job 1 stopped at the pause. */
  review?: 'promote' | 'rollback'
}

const approval = {
  'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
  'wait-until': 'paused',
  'test-traffic-header': 'x-canary: green',
  // The README's release-control workflow, which the playground's repository holds.
  'control-workflow': 'release-control.yml'
}

const SCENARIOS: Record<string, Scenario> = {
  approve: {
    story:
      'web:2.0.0 to service web: test traffic by header, a pause for approval, production, bake, clean-up',
    deploy: { service: 'web', 'container-name': 'app', image: `${ECR}/web:2.0.0`, ...approval },
    review: 'promote'
  },
  reject: {
    story:
      'web:2.0.0 to service web: test traffic by header, a pause for approval, and a reviewer who rolls it back',
    deploy: { service: 'web', 'container-name': 'app', image: `${ECR}/web:2.0.0`, ...approval },
    review: 'rollback'
  },
  'fail-hook': {
    story:
      'gated:2.0.0 to service gated, whose smoke-test Lambda hook returns FAILED before scale-up',
    deploy: { service: 'gated', 'container-name': 'gated', image: `${ECR}/gated:2.0.0` },
    prepare: sim => sim.setLambdaResult(SMOKE_TEST, 'FAILED')
  },
  'fail-image': {
    story: 'an image tag that does not exist to service guarded, whose circuit breaker rolls back',
    deploy: { service: 'guarded', 'container-name': 'guarded', image: `${ECR}/guarded:pull-error` }
  },
  'app-crash': {
    story:
      'orders:crash to service orders (behind an ALB), whose new containers exit at start-up; its circuit breaker rolls back',
    deploy: { service: 'orders', 'container-name': 'orders', image: `${ECR}/orders:crash` }
  },
  'fail-alarm': {
    story: 'guarded:2.0.0 to service guarded; its 5xx alarm fires during bake time',
    deploy: { service: 'guarded', 'container-name': 'guarded', image: `${ECR}/guarded:2.0.0` },
    during: async sim => {
      await sim.waitForDeployment(
        d => d.lifecycleStage === 'BAKE_TIME' && d.status === 'IN_PROGRESS',
        60_000
      )
      sim.triggerAlarm('guarded', 'guarded-5xx', 'demo')
    }
  }
}

const COMMON = { cluster: 'demo', 'poll-interval': '1' }

async function main(): Promise<number> {
  const name = process.argv[2] ?? 'approve'
  if (name === 'chain') return chainDemo()
  const scenario = SCENARIOS[name]
  if (!scenario) {
    console.error(
      `Unknown scenario '${name}'. Scenarios: ${[...Object.keys(SCENARIOS), 'chain'].join(', ')}.`
    )
    return 2
  }
  const playground = await startPlayground({
    timing: { stageMs: STAGE_MS, minuteMs: 2 * STAGE_MS }
  })
  const { sim, print, heading } = playground
  try {
    heading('ecs-bluegreen-action demo')
    print(
      `ECS simulator: ${sim.url} (one lifecycle stage ≈ ${STAGE_MS / 1000} s, one minute of bake ≈ ${(2 * STAGE_MS) / 1000} s)`
    )
    print(`Release: ${scenario.story}.`)
    scenario.prepare?.(sim)

    const inputs: Record<string, string> = { ...COMMON, ...scenario.deploy }
    const during = scenario.during?.(sim)
    const { run: deploy } = await runJob(playground, {
      title: 'Job 1 · deploy (on push to main)',
      inputs,
      event: 'push'
    })
    await during
    let last = deploy
    if (scenario.review && deploy.exitCode === 0) {
      // The paused comment is what a reviewer acts on: how to promote or roll back.
      showPullRequest(playground, 'while the release waits')
      print(
        `\nThe release waits at ${deploy.outputs['lifecycle-stage']} (hook ${deploy.outputs['hook-id']}).`
      )
      print(
        `A reviewer ${scenario.review === 'promote' ? 'approves' : 'rejects'} it: job 2 runs the action with command: ${scenario.review}.`
      )
      const review = await runJob(playground, {
        title: `Job 2 · ${scenario.review} (workflow_dispatch after the review)`,
        inputs: {
          ...COMMON,
          service: inputs.service ?? '',
          command: scenario.review,
          'deployment-arn': deploy.outputs['service-deployment-arn'] ?? ''
        },
        event: 'workflow_dispatch'
      })
      last = review.run
    }
    heading('Job summary')
    print(summaryForTerminal(last.summary))
    showPullRequest(playground, 'at the end')
    const expected = name === 'approve' || name === 'reject' ? 0 : 1
    print(
      `\nThe ${name} scenario ${last.exitCode === expected ? 'played out as expected' : 'did NOT play out as expected'}.`
    )
    return last.exitCode === expected ? 0 : 1
  } finally {
    await playground.close()
  }
}

main().then(
  code => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
