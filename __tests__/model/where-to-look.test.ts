import { describe, expect, it } from '@jest/globals'
import { whereToLook } from '../../src/model/where-to-look.js'
import { rolledBackRelease, succeededRelease } from '../report/fixtures.js'

describe('whereToLook', () => {
  it('after a failed hook: the deployment, the function logs and the cluster action logs', () => {
    expect(whereToLook(rolledBackRelease())).toEqual([
      {
        label: 'The deployment in the ECS console',
        url: 'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/deployments/r9i43YFjvgF_xlg7m2eJ1r?region=eu-west-1'
      },
      {
        label: 'Logs of hook function smoke-test',
        url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fsmoke-test',
        detail: 'log group /aws/lambda/smoke-test, unless the function logs elsewhere'
      },
      {
        label: 'ECS action logs',
        url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/action-logs.html',
        detail:
          "if cluster prod has them turned on, the destination set on the cluster (CloudWatch Logs, S3 or Firehose) holds ECS's record of this deployment: its state changes, the rollback and each lifecycle hook execution"
      }
    ])
  })

  it('names the action logs only when ECS rolled back or a hook failed', () => {
    const pointers = whereToLook(
      succeededRelease({
        status: 'STOPPED',
        cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod'
      })
    )
    expect(pointers.map(pointer => pointer.label)).toEqual(['The deployment in the ECS console'])
  })

  it('has nothing without a deployment', () => {
    expect(whereToLook(succeededRelease({ deploymentArn: undefined, status: undefined }))).toEqual(
      []
    )
  })
})
