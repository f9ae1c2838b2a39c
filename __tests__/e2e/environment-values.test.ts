import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { type FakeGitHub, startFakeGitHub } from '../../sim/github/fake-github.js'
import { type ActionRun, displayLog, maskedValues } from '../../scripts/runner.js'
import { decodeEntities } from '../report/fixtures.js'
import { documentedWorkflows } from '../../scripts/documented-workflows.js'
import { runAction, startE2eSimulator } from '../support/e2e.js'

/**
 * A service of one's own, as a newcomer has it: cluster `prod` in eu-west-1, and
 * environment values that are ordinary words of the names around them. Values are
 * configuration: they must not be masked, and nothing the action builds from names may
 * change because of them.
 */

const REGISTRY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com'
const MERGED = '5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed'
const PR = 21
const ENVIRONMENT = 'APP_ENV=prod\nREGION=eu-west-1\nFLAG=true'

const network = {
  awsvpcConfiguration: {
    subnets: ['subnet-0a1b2c3d4e5f60001'],
    securityGroups: ['sg-0a1b2c3d4e5f60001'],
    assignPublicIp: 'DISABLED'
  }
}
const SEED = {
  region: 'eu-west-1',
  accountId: '111122223333',
  clusters: ['prod'],
  taskDefinitions: [
    {
      family: 'payments',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'payments',
          image: `${REGISTRY}/payments:1.0.0`,
          essential: true,
          portMappings: [
            { name: 'http', containerPort: 8080, protocol: 'tcp', appProtocol: 'http' }
          ]
        }
      ]
    }
  ],
  services: [
    {
      name: 'payments',
      cluster: 'prod',
      taskDefinition: 'payments',
      desiredCount: 2,
      networkConfiguration: network,
      serviceConnectConfiguration: {
        enabled: true,
        namespace: 'arn:aws:servicediscovery:eu-west-1:111122223333:namespace/ns-prod0example001',
        services: [
          {
            portName: 'http',
            discoveryName: 'payments',
            clientAliases: [{ port: 80, dnsName: 'payments.prod.local' }]
          }
        ]
      },
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }
    }
  ]
}

let sim: Simulator
let github: FakeGitHub
beforeAll(async () => {
  sim = await startE2eSimulator({ seed: SEED })
  github = await startFakeGitHub({ owner: 'octo', repo: 'shop' })
  github.addPullRequest(MERGED, { number: PR, headSha: 'b'.repeat(40), mergeCommitSha: MERGED })
  // The README's "Deploy on merge, pause, promote after an approval", and its release-control.
  const [, onMerge, control] = documentedWorkflows('README.md')
  github.addFile('.github/workflows/release.yml', onMerge?.text ?? '')
  github.addFile('.github/workflows/release-control.yml', control?.text ?? '')
})
afterAll(async () => {
  await sim.close()
  await github.close()
})

/** A job of the README's "deploy on merge, pause, promote" workflow, run on the merged commit. */
function job(name: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({
    ecsUrl: sim.url,
    githubUrl: github.url,
    event: { name: 'push', payload: { after: MERGED } },
    env: { GITHUB_SHA: MERGED, GITHUB_JOB: name, AWS_REGION: 'eu-west-1' },
    inputs: {
      cluster: 'prod',
      service: 'payments',
      'poll-interval': '1',
      ...inputs
    }
  })
}

describe('environment values that are also names', () => {
  let deploy: ActionRun
  let promote: ActionRun
  let paused: { comment: string; checkRuns: string[] }
  beforeAll(async () => {
    deploy = await job('deploy', {
      'container-name': 'payments',
      image: `${REGISTRY}/payments:2.0.0`,
      'environment-variables': ENVIRONMENT,
      'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
      'wait-until': 'paused',
      'control-workflow': 'release-control.yml'
    })
    paused = {
      comment: github.state.comments.get(PR)?.[0]?.body ?? '',
      checkRuns: (github.state.checkRuns.get(MERGED) ?? []).map(run => `${run.name} ${run.status}`)
    }
    promote = await job('promote', {
      command: 'promote',
      'deployment-arn': deploy.outputs['service-deployment-arn'] ?? ''
    })
  }, 60_000)

  it('deploys, pauses and promotes', () => {
    expect([deploy.exitCode, deploy.outputs.status]).toEqual([0, 'IN_PROGRESS'])
    expect([promote.exitCode, promote.outputs.status]).toEqual([0, 'SUCCESSFUL'])
    expect(sim.describeService('payments', 'prod').taskDefinition).toBe(
      deploy.outputs['task-definition-arn']
    )
  })

  it('masks none of the values, so the log keeps every name', () => {
    for (const run of [deploy, promote]) {
      const masked = maskedValues(run)
      for (const value of ['prod', 'eu-west-1', 'true']) expect(masked).not.toContain(value)
      expect(displayLog(run)).not.toContain('***')
    }
    expect(displayLog(deploy)).toContain('Check service payments in cluster prod')
  })

  it('keeps one comment and one check run, named for the cluster, that the promote completes', () => {
    expect(paused.checkRuns).toEqual(['ecs-bluegreen / prod/payments in_progress'])
    expect(paused.comment).toMatch(
      /^<!-- ecs-bluegreen-action:release cluster=prod service=payments -->/
    )
    const comments = github.state.comments.get(PR) ?? []
    expect(comments).toHaveLength(1)
    expect(decodeEntities(comments[0]!.body)).toContain('payments on prod: succeeded')
    expect(github.state.checkRuns.get(MERGED)).toEqual([
      expect.objectContaining({
        name: 'ecs-bluegreen / prod/payments',
        status: 'completed',
        conclusion: 'success'
      })
    ])
  })

  it('links the deployment in the ECS console of its region and cluster', () => {
    const id = deploy.outputs['service-deployment-arn']?.split('/').pop() ?? ''
    const link = `https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/payments/deployments/${id}?region=eu-west-1`
    const check = github.state.checkRuns.get(MERGED)?.[0]
    for (const text of [
      paused.comment,
      github.state.comments.get(PR)?.[0]?.body,
      check?.output.summary,
      deploy.summary,
      promote.summary
    ]) {
      expect(text).toContain(link)
      expect(text).not.toContain('***')
    }
  })

  it('was to approve the pending deployment of this run, or roll back with release-control', () => {
    const arn = deploy.outputs['service-deployment-arn'] ?? ''
    const rollback = `gh workflow run release-control.yml --repo octo/shop -f command=rollback -f service=payments -f cluster=prod -f deployment-arn=${arn}`
    const said = decodeEntities(paused.comment)
    expect(said).toContain(
      '**Promote:** approve the pending deployment to <code>production</code> in [run #12](https://github.com/octo/shop/actions/runs/4242)'
    )
    expect(said).toContain(`\`\`\`sh\n${rollback}\n\`\`\``)
    expect(said).not.toContain('command=promote')
    expect(displayLog(deploy)).toContain(
      'Promote: approve the pending deployment to production in run #12 (https://github.com/octo/shop/actions/runs/4242).'
    )
    expect(displayLog(deploy)).toContain(`Roll back: ${rollback}`)
  })
})
