import { describe, expect, it } from '@jest/globals'
import { chooseHint, type FailureFacts } from '../../src/diagnose/hints.js'

const facts = (fields: Partial<FailureFacts>): FailureFacts => ({
  reasons: [],
  exitCodes: [],
  unhealthy: false,
  triggeredAlarms: [],
  failedHookTargets: [],
  ...fields
})
const HOOK = 'arn:aws:lambda:us-east-1:123456789012:function:smoke'

describe('chooseHint', () => {
  it.each<[string, Partial<FailureFacts>, RegExp]>([
    [
      'an image that cannot be pulled',
      {
        reasons: [
          'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref web:typo: not found'
        ]
      },
      /image tag exists.*may pull it/
    ],
    [
      'secrets or registry credentials the task cannot fetch',
      {
        reasons: [
          'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ' +
            'unable to retrieve secret from asm: service call has been retried 5 time(s): AccessDeniedException'
        ]
      },
      /secretsmanager:GetSecretValue.*NAT gateway or VPC endpoints/
    ],
    [
      'a container killed for memory',
      {
        reasons: ['OutOfMemoryError: Container killed due to memory usage'],
        exitCodes: [137]
      },
      /too much memory \(OutOfMemoryError, exit 137\)/
    ],
    [
      'a hook role that cannot invoke',
      {
        reasons: [
          'Service deployment rolled back because TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. ECS was unable to assume role arn:aws:iam::1:role/hooks'
        ],
        failedHookTargets: [HOOK]
      },
      /roleArn trusts ecs.amazonaws.com and allows lambda:InvokeFunction/
    ],
    [
      'a load balancer permission the infrastructure role lacks, though ECS calls it a hook failure',
      {
        reasons: [
          'Service deployment rolled back because TEST_TRAFFIC_SHIFT lifecycle hook(s) failed. User: arn:aws:sts::1:assumed-role/lb/ECSNetworkingWithELB ' +
            'is not authorized to perform: elasticloadbalancing:ModifyListener on resource: arn:listener'
        ],
        failedHookTargets: [HOOK]
      },
      /^ECS's infrastructure role for load balancers .* may not call elasticloadbalancing:ModifyListener: attach the AWS managed policy AmazonECSInfrastructureRolePolicyForLoadBalancers .*No lifecycle hook is at fault\.$/
    ],
    [
      'an infrastructure role ECS cannot use',
      {
        reasons: [
          "Service deployment rolled back because of invalid networking configuration. ECS was unable to manage the ELB resources due to missing permissions on ECS Infrastructure Role 'arn:aws:iam::1:role/lb'."
        ]
      },
      /is missing permissions or does not trust ecs.amazonaws.com/
    ],
    [
      'the target health ECS may not read',
      {
        reasons: [
          '(service web) failed to describe target health for target-group web-green: User: arn:aws:sts::1:assumed-role/lb/ECSNetworkingWithELB is not authorized to perform: elasticloadbalancing:DescribeTargetHealth'
        ]
      },
      /may not call elasticloadbalancing:DescribeTargetHealth/
    ],
    [
      'a hook that threw',
      {
        reasons: [
          'ECS was unable to parse the response from arn due to HookStatus must not be null'
        ]
      },
      /threw or returned no hookStatus/
    ],
    [
      'a hook that returned FAILED',
      {
        reasons: [`Lifecycle hook target ${HOOK} returned FAILED status.`],
        failedHookTargets: [HOOK]
      },
      new RegExp(`${HOOK} returned FAILED`)
    ],
    [
      'a pause nobody answered',
      {
        reasons: [
          'Service deployment rolled back because POST_TEST_TRAFFIC_SHIFT pause hook timed out.'
        ]
      },
      /promote sooner, raise pause-timeout/
    ],
    ['failing health checks', { unhealthy: true, exitCodes: [143] }, /health check path and port/],
    [
      'a listener rule mismatch',
      {
        reasons: [
          'Service deployment rolled back because of invalid networking configuration. One or more rules not found'
        ]
      },
      /advancedConfiguration/
    ],
    ['an alarm', { triggeredAlarms: ['web-5xx'] }, /Alarm web-5xx went into ALARM/],
    [
      'an essential container exiting',
      { reasons: ['Essential container in task exited'], exitCodes: [1] },
      /essential container exited \(code 1\)/
    ],
    [
      'a first release with nothing to go back to',
      { reasons: ['No rollback candidate was found to run the rollback.'] },
      /no earlier successful deployment/
    ],
    [
      'a circuit breaker alone',
      {
        reasons: [
          'Service deployment rolled back because the circuit breaker threshold was exceeded.'
        ]
      },
      /kept failing to start/
    ]
  ])('points at the cause for %s', (_case, fields, hint) => {
    expect(chooseHint(facts(fields))).toMatch(hint)
  })

  it('reads exit 137 after failed health checks as the health checks, not memory', () => {
    const killedAfterHealthChecks = facts({
      reasons: ['Task failed container health checks', 'Essential container in task exited'],
      exitCodes: [137],
      unhealthy: true
    })
    expect(chooseHint(killedAfterHealthChecks)).toMatch(/health check path and port/)
    expect(chooseHint(facts({ exitCodes: [137] }))).not.toMatch(/memory/)
  })

  it('prefers the most specific cause', () => {
    const pullBehindBreaker = facts({
      reasons: [
        'Service deployment rolled back because the circuit breaker threshold was exceeded.',
        'CannotPullContainerError: not found'
      ],
      exitCodes: [1]
    })
    expect(chooseHint(pullBehindBreaker)).toMatch(/image tag exists/)
  })

  it('says nothing rather than something generic', () => {
    expect(chooseHint(facts({ reasons: ['Something new happened.'] }))).toBeUndefined()
  })
})
