import type { Release, Verdict } from './release.js'
import type { ReleaseSet } from './release-set.js'

/**
 * Shorter values are not masked: registering `1` or `on` would turn every such
 * character run in the job log into `***`. Such values are never printed anyway; the
 * mask is the second line of defence.
 */
export const MIN_SECRET_LENGTH = 4
const MASK = '***'

/** The environment variables that hold AWS credentials (aws-actions/configure-aws-credentials sets them). */
export const AWS_CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN'
]

/**
 * The values a run must never show: the GitHub token, AWS credentials and the secret
 * references of the task definition. Each is registered once (core.setSecret in
 * production: the runner then masks it in the job log), and `redact` hides them in the
 * free text the action writes to GitHub itself (job summary, pull request comment, check
 * run), which the runner does not mask: ECS quotes secret ARNs in the reasons it gives
 * for stopped tasks. `environment-variables` values are configuration, not secrets: a
 * secret passed as `${{ secrets.NAME }}` is masked by the runner already, and secrets
 * belong in the task definition's `secrets` (README.md, "Inputs").
 */
export class Secrets {
  private readonly values = new Set<string>()
  private longestFirst: string[] = []

  constructor(private readonly register: (value: string) => void = () => undefined) {}

  add(value: string | undefined): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH || this.values.has(value)) return
    this.values.add(value)
    this.longestFirst = [...this.values].sort((a, b) => b.length - a.length)
    this.register(value)
  }

  /** `text` with every registered value replaced by `***`. */
  redact(text: string): string {
    let result = text
    for (const value of this.longestFirst) result = result.split(value).join(MASK)
    return result
  }
}

/**
 * The release as the reports show it: the free text ECS and the diagnosis wrote (status
 * reason, the verdict's reason, cause, details and hint) with `secrets` hidden. Everything
 * the action builds identifiers from (cluster, service, region, ARNs, the commit, stage
 * and hook names) stays as it is: the comment marker, the check run's name, console links
 * and the snapshot are made of them, and a `***` there would break them.
 */
export function withSecretsHidden(release: Release, secrets: Secrets): Release {
  return {
    ...release,
    statusReason: release.statusReason && secrets.redact(release.statusReason),
    verdict: verdictWithSecretsHidden(release.verdict, secrets)
  }
}

/** A release of several services with `secrets` hidden in each service and in its verdict. */
export function releaseSetWithSecretsHidden(set: ReleaseSet, secrets: Secrets): ReleaseSet {
  const members = set.members.map(member => withSecretsHidden(member, secrets))
  return {
    ...set,
    members,
    failedMember: set.failedMember && members[set.members.indexOf(set.failedMember)],
    verdict: verdictWithSecretsHidden(set.verdict, secrets)
  }
}

function verdictWithSecretsHidden(
  verdict: Verdict | undefined,
  secrets: Secrets
): Verdict | undefined {
  const redact = (text: string | undefined): string | undefined =>
    text === undefined ? undefined : secrets.redact(text)
  return (
    verdict && {
      ...verdict,
      reason: redact(verdict.reason),
      cause: redact(verdict.cause),
      details: verdict.details.map(detail => secrets.redact(detail)),
      hint: redact(verdict.hint)
    }
  )
}

/** What a container definition holds that names a secret (typed loosely: files are plain data). */
interface SecretFields {
  secrets?: ({ valueFrom?: unknown } | null)[]
  logConfiguration?: { secretOptions?: ({ valueFrom?: unknown } | null)[] } | null
  repositoryCredentials?: { credentialsParameter?: unknown } | null
}

/**
 * The secret references of a task definition: `secrets[].valueFrom`, the log driver's
 * `secretOptions[].valueFrom` and the registry credentials' secret, of every container.
 */
export function taskDefinitionSecrets(taskDefinition: {
  containerDefinitions?: readonly object[]
}): string[] {
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : [])
  return list(taskDefinition.containerDefinitions as (SecretFields | null)[] | undefined)
    .flatMap(container => [
      ...list(container?.secrets).map(secret => secret?.valueFrom),
      ...list(container?.logConfiguration?.secretOptions).map(secret => secret?.valueFrom),
      container?.repositoryCredentials?.credentialsParameter
    ])
    .filter((value): value is string => typeof value === 'string')
}
