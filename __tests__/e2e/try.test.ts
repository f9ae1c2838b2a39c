import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { tryRelease, TrySetupError } from '../../scripts/try-release.js'
import { E2E_BUNDLE } from '../support/e2e-bundle.js'
import { E2E_TIMING } from '../support/e2e.js'

/** A service of someone new to the action: their account, region, cluster and load balancer. */
const SEED = `
region: eu-west-1
accountId: '111122223333'
clusters: [prod]
taskDefinitions:
  - family: payments
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: '512'
    memory: '1024'
    containerDefinitions:
      - name: payments
        image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments:1.4.0
        portMappings: [{ containerPort: 8080, protocol: tcp }]
services:
  - name: payments
    cluster: prod
    taskDefinition: payments
    desiredCount: 3
    networkConfiguration: { awsvpcConfiguration: { subnets: [subnet-0a1], securityGroups: [sg-0b2] } }
    loadBalancers:
      - targetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/payments-a/1111111111111111
        containerName: payments
        containerPort: 8080
        advancedConfiguration:
          alternateTargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/payments-b/2222222222222222
          productionListenerRule: arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener-rule/app/shop/3333333333333333/4444444444444444/5555555555555555
          testListenerRule: arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener-rule/app/shop/3333333333333333/4444444444444444/6666666666666666
          roleArn: arn:aws:iam::111122223333:role/ecsInfrastructureRoleForLB
    deploymentConfiguration: { strategy: BLUE_GREEN, bakeTimeInMinutes: 1 }
`

/** Their task definition file, as `aws ecs describe-task-definition` prints it, less what it needs not. */
const TASK_DEFINITION = {
  family: 'payments',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '512',
  memory: '1024',
  containerDefinitions: [
    {
      name: 'payments',
      image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments:1.4.0',
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      environment: [{ name: 'LOG_LEVEL', value: 'info' }]
    }
  ]
}

const homes: string[] = []
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true })
})

function userFiles(seed = SEED): { seed: string; taskDefinition: string; out: string } {
  const home = mkdtempSync(join(tmpdir(), 'try-'))
  homes.push(home)
  writeFileSync(join(home, 'services.yaml'), seed)
  writeFileSync(join(home, 'payments-taskdef.json'), JSON.stringify(TASK_DEFINITION))
  return {
    seed: join(home, 'services.yaml'),
    taskDefinition: join(home, 'payments-taskdef.json'),
    out: join(home, 'try-output')
  }
}

describe('npm run try', () => {
  it('releases the user’s own service to a pause, promotes it, and writes what GitHub shows', async () => {
    const files = userFiles()
    const printed: string[] = []
    const result = await tryRelease(
      {
        ...files,
        bundle: E2E_BUNDLE,
        inputs: {
          'container-name': 'payments',
          image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments:1.5.0',
          'pause-at': 'POST_TEST_TRAFFIC_SHIFT',
          'wait-until': 'paused',
          'control-workflow': 'release-control.yml'
        },
        then: 'promote',
        stageMs: E2E_TIMING.stageMs,
        minuteMs: E2E_TIMING.minuteMs
      },
      text => printed.push(text)
    )
    const read = (path: string) => readFileSync(join(files.out, path), 'utf8')

    expect(result.exitCode).toBe(0)
    // cluster and service come from the seed, which has one of each; the file from the workspace.
    expect(printed.join('\n')).toContain(
      'with:\n  cluster: prod\n  service: payments\n  poll-interval: 1\n  container-name: payments'
    )
    expect(printed.join('\n')).toContain('task-definition: payments-taskdef.json')
    expect(JSON.parse(read('deploy/task-definition.json'))).toMatchObject({
      family: 'payments',
      containerDefinitions: [
        {
          image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments:1.5.0',
          environment: [{ name: 'LOG_LEVEL', value: 'info' }]
        }
      ]
    })
    // The deploy job left the release paused; the promote job finished it.
    expect(read('deploy/comment.md')).toContain(
      '<!-- ecs-bluegreen-action:release cluster=prod service=payments -->'
    )
    expect(read('deploy/comment.md')).toContain('awaiting promotion')
    // The fake repository holds the README's release-control workflow, so its commands show.
    expect(read('deploy/comment.md')).toContain(
      'gh workflow run release-control.yml --repo octo/shop -f command=promote -f service=payments -f cluster=prod'
    )
    expect(JSON.parse(read('deploy/check-run.json'))).toMatchObject({
      name: 'ecs-bluegreen / prod/payments',
      status: 'in_progress'
    })
    expect(JSON.parse(read('deploy/outputs.json'))).toMatchObject({
      status: 'IN_PROGRESS',
      'lifecycle-stage': 'POST_TEST_TRAFFIC_SHIFT',
      'hook-id': expect.stringMatching(/^ecs-pause-/)
    })
    expect(JSON.parse(read('promote/outputs.json'))).toMatchObject({ status: 'SUCCESSFUL' })
    expect(JSON.parse(read('promote/check-run.json'))).toMatchObject({
      status: 'completed',
      conclusion: 'success'
    })
    expect(read('promote/summary.md')).toContain('eu-west-1')
    expect(read('promote/log.txt')).toContain('Promoted: answered CONTINUE')
    // The preview shows each job's check run, comment and summary as rendered HTML.
    const preview = read('preview.html')
    expect(preview).toContain('<h2 class="section">Job 1 · deploy (on push to main)</h2>')
    expect(preview).toContain('<h2 class="section">Job 2 · promote (workflow_dispatch)</h2>')
    expect(preview.match(/class="timeline"/g)).toHaveLength(2)
    expect(preview).not.toContain('| --- |')
    expect(result.files.at(-1)).toBe(join(files.out, 'preview.html'))
    expect(printed.at(-1)).toContain(join(files.out, 'preview.html'))
  })

  it('says what is wrong with a seed or a file before anything runs', async () => {
    const files = userFiles(SEED.replace('desiredCount: 3', 'desiredCount: three'))
    const options = { ...files, inputs: {}, stageMs: 100, minuteMs: 200, bundle: E2E_BUNDLE }
    await expect(tryRelease(options, () => undefined)).rejects.toThrow(
      new TrySetupError(
        `--seed ${files.seed}: Invalid seed: services[0].desiredCount must be a non-negative integer`
      )
    )
    const refused = userFiles(SEED.replace('strategy: BLUE_GREEN', 'strategy: BLUE-GREEN'))
    await expect(tryRelease({ ...options, ...refused }, () => undefined)).rejects.toThrow(
      new TrySetupError(
        `--seed ${refused.seed}: Invalid seed: services[0].deploymentConfiguration is rejected by ECS: Invalid strategy: BLUE-GREEN. Valid values are: ROLLING, BLUE_GREEN, LINEAR, CANARY`
      )
    )
    await expect(
      tryRelease({ ...options, seed: undefined, taskDefinition: '/nowhere/taskdef.json' }, () => {})
    ).rejects.toThrow('--task-definition: /nowhere/taskdef.json does not exist.')
  })
})
