import { describe, expect, it } from '@jest/globals'
import type { Release } from '../../src/model/release.js'
import { logFailureDetails } from '../../src/verdict/failure-log.js'
import { rolledBackRelease } from '../report/fixtures.js'
import { MemoryLog } from '../support/memory-log.js'

const GROUP =
  '2 tasks stopped: EssentialContainerExited: Essential container in task exited; container app: exit 1'
const TASK = 'arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef0123456789abcdef'

function failed(withEvidence: boolean): Release {
  const release = rolledBackRelease({ details: ['Circuit breaker triggered.', GROUP] })
  if (!withEvidence) return release
  release.verdict!.evidence = {
    taskGroups: [
      {
        summary: GROUP,
        count: 2,
        tasks: [
          {
            taskArn: TASK,
            containers: [
              {
                container: 'app',
                destination: {
                  driver: 'awslogs',
                  region: 'eu-west-1',
                  group: '/ecs/web',
                  stream: 'ecs/app/0123456789abcdef0123456789abcdef'
                },
                lines: ['Error: DATABASE_URL is not set', '::error::not a command']
              },
              {
                container: 'envoy',
                destination: { driver: 'splunk', where: 'Splunk at splunk.example.com' },
                note: 'Not read: its splunk logs go to Splunk at splunk.example.com.'
              }
            ]
          }
        ]
      }
    ]
  }
  return release
}

describe('logFailureDetails', () => {
  it("puts each group's tasks and their last log lines under it, then where to look next", () => {
    const log = new MemoryLog()
    logFailureDetails(log, failed(true))
    expect(log.lines).toEqual([
      'info:   Circuit breaker triggered.',
      `info:   ${GROUP}`,
      'info:     Task 0123456789abcdef0123456789abcdef https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/tasks/0123456789abcdef0123456789abcdef/configuration?region=eu-west-1',
      'info:       Container app: last 2 lines of /ecs/web › ecs/app/0123456789abcdef0123456789abcdef https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/ecs$252Fapp$252F0123456789abcdef0123456789abcdef',
      'untrusted:       | Error: DATABASE_URL is not set',
      'untrusted:       | ::error::not a command',
      'info:       Container envoy: Splunk at splunk.example.com (splunk)',
      'info:       Not read: its splunk logs go to Splunk at splunk.example.com.',
      'info:     …and 1 more task that stopped this way',
      'info: Where to look next:',
      'info:   The deployment in the ECS console (https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/deployments/r9i43YFjvgF_xlg7m2eJ1r?region=eu-west-1)',
      'info:   Logs of hook function smoke-test (https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fsmoke-test): log group /aws/lambda/smoke-test, unless the function logs elsewhere',
      "info:   ECS action logs (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/action-logs.html): if cluster prod has them turned on, the destination set on the cluster (CloudWatch Logs, S3 or Firehose) holds ECS's record of this deployment: its state changes, the rollback and each lifecycle hook execution"
    ])
  })

  it('lists the details alone when nothing was read', () => {
    const log = new MemoryLog()
    logFailureDetails(log, failed(false))
    expect(log.lines).toEqual(['info:   Circuit breaker triggered.', `info:   ${GROUP}`])
  })
})
