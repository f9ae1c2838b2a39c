/**
 * `npm run demo -- chain`: three services that call one another, frontend → orders → payments
 * (which calls ledger, not released), released as one by the bundled action with the `services`
 * input. While all three wait at their test traffic pause, a request tagged with the test
 * header reaches green at every hop and an untagged one stays on blue; when the middle service
 * does not pass the header on, the request falls back to blue after it. The promote job then
 * shifts production callee first, holds each after its shift until all have shifted, and
 * lets all bake together. Hops come from the simulator's GET /_sim/route
 * (sim/README.md, "Request routing").
 */
import { type Hop, seedFilePath, type Simulator } from '../sim/index.js'
import { type Playground, runJob, showPullRequest, startPlayground } from './playground.js'
import { ECR } from './runner.js'
import { summaryForTerminal } from './summary-text.js'

const STAGE_MS = 1000
const CLUSTER = 'shop'
/** Call order, entry first: the order the `services` input takes. */
const RELEASED = ['frontend', 'orders', 'payments']
const HEADER = { name: 'x-canary', value: 'green' }

const servicesInput = (withImages: boolean) =>
  RELEASED.map(service =>
    withImages
      ? `- service: ${service}\n  container-name: app\n  image: ${ECR}/${service}:2.0.0\n`
      : `- service: ${service}\n`
  ).join('')

const COMMON = { cluster: CLUSTER, 'poll-interval': '1' }

/** The hops of a request entering at frontend, asked the way a user would ask with curl. */
async function route(sim: Simulator, header?: typeof HEADER): Promise<Hop[]> {
  const query = new URLSearchParams({
    service: 'frontend',
    cluster: CLUSTER,
    ...(header && { header: `${header.name}:${header.value}` })
  })
  const response = await fetch(`${sim.url}/_sim/route?${query.toString()}`)
  const body = (await response.json()) as { hops?: Hop[]; message?: string }
  if (!body.hops) throw new Error(`GET /_sim/route: ${body.message ?? response.status}`)
  return body.hops
}

/** `family:revision` of a task definition ARN. */
const taskDefinition = (arn: string) => arn.split('/').pop() ?? arn

function showRoute(print: Playground['print'], title: string, hops: Hop[]): void {
  print(`\n${title}`)
  for (const hop of hops) {
    const revisions = hop.revisions
      .map(
        r =>
          `${r.role} ${taskDefinition(r.taskDefinitionArn)}${r.weight < 100 ? ` ${r.weight}%` : ''}`
      )
      .join(' + ')
    const header = hop.header ? `with ${hop.header.name}` : 'no header'
    const note = RELEASED.includes(hop.service) ? '' : '  (not in this release)'
    print(
      `  ${hop.service.padEnd(9)} ${header.padEnd(14)} ${`${hop.route} route`.padEnd(17)} → ${revisions}${note}`
    )
  }
}

/** The roles the released hops' revisions play, in call order. */
const releasedRoles = (hops: Hop[]) =>
  hops
    .filter(hop => RELEASED.includes(hop.service))
    .map(hop => hop.revisions.map(r => r.role).join('+'))

/** The order in which the released services' deployments finished shifting production. */
function productionOrder(sim: Simulator): string[] {
  return sim.transitions
    .filter(t => t.phase === 'POST_PRODUCTION_TRAFFIC_SHIFT')
    .map(t => t.service)
    .filter((service, i, all) => all.indexOf(service) === i)
}

/**
 * Whether the released services baked together: none started its bake before all had
 * shifted production traffic (each is held after its shift until all are).
 */
function bakedTogether(sim: Simulator): boolean {
  const released = sim.transitions.filter(t => RELEASED.includes(t.service))
  const lastShifted = Math.max(
    ...RELEASED.map(service =>
      released.findIndex(t => t.service === service && t.phase === 'POST_PRODUCTION_TRAFFIC_SHIFT')
    )
  )
  const firstBake = released.findIndex(t => t.phase === 'BAKE_TIME')
  return lastShifted >= 0 && firstBake > lastShifted
}

/** Plays the scenario; 0 when it played out as expected. Tests pass shorter stages. */
export async function chainDemo(stageMs = STAGE_MS): Promise<number> {
  const playground = await startPlayground({
    seed: seedFilePath('chain'),
    timing: { stageMs, minuteMs: 2 * stageMs }
  })
  const { sim, print, heading } = playground
  const failures: string[] = []
  const expect = (what: string, ok: boolean) => {
    if (!ok) failures.push(what)
  }
  try {
    heading('ecs-bluegreen-action demo · a call chain released as one')
    print(
      `ECS simulator: ${sim.url} (one lifecycle stage ≈ ${stageMs / 1000} s, one minute of bake ≈ ${(2 * stageMs) / 1000} s)`
    )
    print(
      'Release: version 2.0.0 of frontend → orders → payments, which call one another through Service Connect' +
        ' (payments also calls ledger, which is not released). Each is held after its test traffic shift,' +
        ` so a request carrying ${HEADER.name}: ${HEADER.value} can test the whole new chain before production moves.`
    )

    const deploy = (
      await runJob(playground, {
        title: 'Job 1 · deploy the chain (on push to main)',
        inputs: {
          ...COMMON,
          services: servicesInput(true),
          'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
          'wait-until': 'paused',
          'test-traffic-header': `${HEADER.name}: ${HEADER.value}`
        },
        event: 'push'
      })
    ).run
    expect('the deploy job succeeds', deploy.exitCode === 0)
    const released = JSON.parse(deploy.outputs.services ?? '[]') as Record<string, string>[]
    print('\noutput services:')
    for (const item of released) {
      print(`  ${item.service}: ${item.status} at ${item.stage} (hook ${item.hookId})`)
    }
    if (deploy.exitCode !== 0) return finish(print, failures)

    showPullRequest(playground, 'while the release waits')

    heading('A test job exercises the chain')
    print(
      'On ECS the test job sends the requests the comment shows. The simulator runs no applications;\n' +
        'it answers which revision serves each hop of such a request:\n' +
        `curl '${sim.url}/_sim/route?service=frontend&header=${HEADER.name}:${HEADER.value}'`
    )
    const tagged = await route(sim, HEADER)
    showRoute(
      print,
      `A request with ${HEADER.name}: ${HEADER.value}, entering at frontend:`,
      tagged
    )
    expect(
      'a tagged request reaches green at every released hop',
      releasedRoles(tagged).every(r => r === 'green')
    )
    const untagged = await route(sim)
    showRoute(print, 'The same request without the header:', untagged)
    expect(
      'an untagged request stays on blue',
      releasedRoles(untagged).every(r => r === 'blue')
    )

    sim.setForwardsTestHeader('orders', false, CLUSTER)
    const dropped = await route(sim, HEADER)
    sim.setForwardsTestHeader('orders', true, CLUSTER)
    showRoute(
      print,
      'If orders did not pass the header on (ECS does not copy it; each application must):',
      dropped
    )
    print(
      '  → payments answers from blue although the request was tagged: the test would pass against the old payments.'
    )
    expect(
      'without forwarding, the hops after orders fall back to blue',
      releasedRoles(dropped).join() === 'green,green,blue'
    )

    print('\nThe chain passed its test; a reviewer approves the release: job 2 promotes it.')
    const promote = (
      await runJob(playground, {
        title: 'Job 2 · promote the chain (environment-gated)',
        inputs: { ...COMMON, command: 'promote', services: servicesInput(false) },
        event: 'workflow_dispatch'
      })
    ).run
    expect('the promote job succeeds', promote.exitCode === 0)
    const order = productionOrder(sim)
    print(`\nProduction traffic moved callee first: ${order.join(', then ')}.`)
    expect('promotion goes callee first', order.join() === [...RELEASED].reverse().join())
    const together = bakedTogether(sim)
    print(
      together
        ? 'Each was held after its production shift until all had shifted; then all baked together, so a failure anywhere could still roll back all.'
        : 'A service started its bake before all had shifted production traffic.'
    )
    expect('all bake together, after every production shift', together)

    const after = await route(sim)
    showRoute(print, 'After the release, any request, with or without the header:', after)
    expect(
      'after the release every hop serves 2.0.0',
      after
        .filter(hop => RELEASED.includes(hop.service))
        .every(hop =>
          hop.revisions.every(r => r.role === 'stable' && r.taskDefinitionArn.endsWith(':2'))
        )
    )

    heading('Job summary')
    print(summaryForTerminal(promote.summary))
    showPullRequest(playground, 'at the end')
    return finish(print, failures)
  } finally {
    await playground.close()
  }
}

function finish(print: Playground['print'], failures: string[]): number {
  print(
    failures.length === 0
      ? '\nThe chain scenario played out as expected.'
      : `\nThe chain scenario did NOT play out as expected: ${failures.join('; ')}.`
  )
  return failures.length === 0 ? 0 : 1
}
