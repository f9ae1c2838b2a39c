import { describe, expect, it } from '@jest/globals'
import {
  consoleOrigin,
  deploymentConsoleUrl,
  dnsSuffix,
  logConsoleUrl,
  targetGroupConsoleUrl,
  taskConsoleUrl
} from '../../src/model/console-links.js'

const TASK = 'arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef0123456789abcdef'

describe('the console of each partition', () => {
  it.each([
    ['eu-west-1', 'https://eu-west-1.console.aws.amazon.com'],
    ['cn-northwest-1', 'https://cn-northwest-1.console.amazonaws.cn'],
    ['us-gov-west-1', 'https://us-gov-west-1.console.amazonaws-us-gov.com']
  ])('%s: %s', (region, origin) => {
    expect(consoleOrigin(region)).toBe(origin)
  })

  it('links nothing for the isolated partitions or a region that is no region', () => {
    expect(consoleOrigin('us-iso-east-1')).toBeUndefined()
    expect(consoleOrigin('us-isob-east-1')).toBeUndefined()
    expect(consoleOrigin('evil.example.com/x?')).toBeUndefined()
    expect(taskConsoleUrl('us-isob-east-1', 'prod', TASK)).toBeUndefined()
  })

  it('names the service endpoints of China under amazonaws.com.cn', () => {
    expect(dnsSuffix('cn-north-1')).toBe('amazonaws.com.cn')
    expect(dnsSuffix('us-gov-east-1')).toBe('amazonaws.com')
  })
})

describe('pages', () => {
  it('the service deployment and a task in the ECS console, by name', () => {
    expect(
      deploymentConsoleUrl(
        'cn-north-1',
        'prod',
        'web',
        'arn:aws-cn:ecs:cn-north-1:123456789012:service-deployment/prod/web/r9i43YFjvgF_xlg7m2eJ1r'
      )
    ).toBe(
      'https://cn-north-1.console.amazonaws.cn/ecs/v2/clusters/prod/services/web/deployments/r9i43YFjvgF_xlg7m2eJ1r?region=cn-north-1'
    )
    expect(taskConsoleUrl('eu-west-1', 'prod', TASK)).toBe(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/tasks/0123456789abcdef0123456789abcdef/configuration?region=eu-west-1'
    )
  })

  it('a log stream and a log group in CloudWatch, names encoded as its fragment wants', () => {
    expect(logConsoleUrl('us-gov-west-1', '/ecs/web', 'ecs/app/0123')).toBe(
      'https://us-gov-west-1.console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/ecs$252Fapp$252F0123'
    )
    expect(logConsoleUrl('eu-west-1', '/aws/lambda/smoke#1')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fsmoke$25231'
    )
  })

  it('a target group in the EC2 console', () => {
    expect(
      targetGroupConsoleUrl(
        'eu-west-1',
        'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-green/0a1b'
      )
    ).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#TargetGroup:targetGroupArn=arn%3Aaws%3Aelasticloadbalancing%3Aeu-west-1%3A123456789012%3Atargetgroup%2Fweb-green%2F0a1b'
    )
  })
})
