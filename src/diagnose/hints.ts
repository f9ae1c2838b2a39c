/** The facts of a failed release that say what went wrong. */
export interface FailureFacts {
  /** statusReason, rollback reason, stopped-task and container reasons, failure events. */
  reasons: string[]
  exitCodes: number[]
  unhealthy: boolean
  triggeredAlarms: string[]
  /** Lambda functions of hooks that failed or timed out. */
  failedHookTargets: string[]
}

interface Rule {
  applies: (facts: FailureFacts, text: string) => boolean
  hint: (facts: FailureFacts) => string
}

/**
 * ECS's infrastructure role for load balancers (advancedConfiguration.roleArn, assumed in
 * a session named ECSNetworkingWithELB) lacking a permission or the trust of
 * ecs.amazonaws.com. ECS reports a denied elasticloadbalancing:ModifyListener as
 * "<STAGE> lifecycle hook(s) failed. User: …/ECSNetworkingWithELB is not authorized …"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html),
 * though no hook failed. `action` is the denied call when ECS names it.
 */
export function infrastructureRoleFailure(text: string): { action?: string } | undefined {
  const action = /not authorized to perform:? (elasticloadbalancing:\w+)/i.exec(text)?.[1]
  if (action) return { action }
  return /ECSNetworkingWithELB|missing permissions on ECS Infrastructure Role/i.test(text)
    ? {}
    : undefined
}

/**
 * Most specific first: a pull error explains a circuit breaker, not the other way round,
 * failed health checks explain the exit 137 of the SIGKILL that follows them, and the
 * infrastructure role's failures come before the hook rules, as ECS words them as hook
 * failures.
 */
const RULES: Rule[] = [
  {
    applies: (_facts, text) =>
      /CannotPullContainerError|pull image manifest|failed to resolve ref|image.*not found/i.test(
        text
      ),
    hint: () =>
      'Check that the image tag exists in its registry and that the task execution role may pull it ' +
      '(ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:GetAuthorizationToken) with a network route to the registry.'
  },
  {
    // Other ResourceInitializationErrors (log groups, EFS) have other causes.
    applies: (_facts, text) => /unable to pull secrets or registry auth/i.test(text),
    hint: () =>
      'The task could not fetch its secrets or registry credentials before starting: check that the task execution role ' +
      'may read them (secretsmanager:GetSecretValue, ssm:GetParameters, kms:Decrypt, ecr:GetAuthorizationToken) and that ' +
      "the task's subnets reach those services (NAT gateway or VPC endpoints)."
  },
  {
    applies: (_facts, text) => infrastructureRoleFailure(text) !== undefined,
    hint: facts => {
      const { action } = infrastructureRoleFailure(facts.reasons.join('\n')) ?? {}
      return (
        `ECS's infrastructure role for load balancers (the service's advancedConfiguration roleArn) ${action ? `may not call ${action}` : 'is missing permissions or does not trust ecs.amazonaws.com'}: ` +
        `attach the AWS managed policy AmazonECSInfrastructureRolePolicyForLoadBalancers to it${action ? ` (or allow ${action})` : ''} ` +
        'and let ecs.amazonaws.com assume it. No lifecycle hook is at fault.'
      )
    }
  },
  {
    applies: (_facts, text) =>
      /unable to assume role|unable to invoke|not authorized to perform: lambda:InvokeFunction/i.test(
        text
      ),
    hint: facts =>
      `ECS could not invoke the hook${targets(facts)}: check that the hook's roleArn trusts ecs.amazonaws.com and allows lambda:InvokeFunction on the function.`
  },
  {
    applies: (_facts, text) =>
      /HookStatus must not be null|unable to parse the response/i.test(text),
    hint: facts =>
      `The hook Lambda${targets(facts)} threw or returned no hookStatus: make it return {"hookStatus": "SUCCEEDED" | "FAILED" | "IN_PROGRESS"} and read its logs.`
  },
  {
    applies: (_facts, text) => /returned FAILED/i.test(text),
    hint: facts =>
      `The hook Lambda${targets(facts)} returned FAILED: its CloudWatch logs say which check failed.`
  },
  {
    applies: (_facts, text) => /pause hook timed out/i.test(text),
    hint: () =>
      'Nobody promoted the release before its pause timed out: promote sooner, raise pause-timeout, or set pause-timeout-action to CONTINUE.'
  },
  {
    applies: (facts, text) => facts.failedHookTargets.length > 0 || /lifecycle hook/i.test(text),
    hint: facts =>
      `A lifecycle hook${targets(facts)} failed or timed out: read the function's logs and its timeoutConfiguration.`
  },
  {
    applies: (facts, text) => facts.unhealthy || /health check/i.test(text),
    hint: () =>
      "Tasks failed their health checks: check the target group's health check path and port, the container health " +
      'check, and the health check grace period against how long the app takes to start.'
  },
  {
    // Exit 137 alone is any SIGKILL, e.g. after a failed health check; ECS names an OOM kill.
    applies: (_facts, text) => /OutOfMemory/i.test(text),
    hint: () =>
      'A container was killed for using too much memory (OutOfMemoryError, exit 137): raise its memory limit or find what grew.'
  },
  {
    applies: (_facts, text) =>
      /listener ?rule|target ?group|One or more rules not found|invalid networking/i.test(text),
    hint: () =>
      "ECS found the load balancer setup inconsistent: check the service's advancedConfiguration (production and test listener " +
      'rules, alternate target group, infrastructure role) and that infrastructure-as-code did not rewrite the listener rule weights.'
  },
  {
    applies: facts => facts.triggeredAlarms.length > 0,
    hint: facts =>
      `Alarm ${facts.triggeredAlarms.join(', ')} went into ALARM during the release: look at its metric for the new revision before releasing again.`
  },
  {
    applies: (facts, text) =>
      facts.exitCodes.some(code => code !== 0) || /Essential container in task exited/i.test(text),
    hint: facts =>
      `An essential container exited (code ${facts.exitCodes.find(code => code !== 0) ?? '?'}): its logs say why; check its command, environment and secrets.`
  },
  {
    applies: (_facts, text) => /No rollback candidate/i.test(text),
    hint: () =>
      'The service had no earlier successful deployment to return to (its first release): fix the cause and deploy again.'
  },
  {
    applies: (_facts, text) => /circuit breaker/i.test(text),
    hint: () =>
      "Tasks of the new revision kept failing to start or stay healthy: look at the service's stopped tasks and their container logs."
  }
]

/** One line saying what to check first, chosen from the failure's own facts; undefined when nothing fits. */
export function chooseHint(facts: FailureFacts): string | undefined {
  const text = facts.reasons.join('\n')
  return RULES.find(rule => rule.applies(facts, text))?.hint(facts)
}

function targets(facts: FailureFacts): string {
  return facts.failedHookTargets.length > 0 ? ` ${facts.failedHookTargets.join(', ')}` : ''
}
