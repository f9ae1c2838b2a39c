import type { Random } from './random.js'

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const DIGITS = '0123456789'
const HEX = '0123456789abcdef'

/** Generates ids in the formats ECS uses (sim/README.md, "Wire protocol"), from a seeded source. */
export class IdFactory {
  constructor(private readonly random: Random) {}

  private pick(alphabet: string, length: number): string {
    let out = ''
    for (let i = 0; i < length; i++)
      out += alphabet.charAt(Math.floor(this.random() * alphabet.length))
    return out
  }

  /** 19 digits without a leading zero, shared by `ecs-svc/<n>` and the service-revision ARN. */
  revisionNumber(): string {
    return this.pick('123456789', 1) + this.pick(DIGITS, 18)
  }

  /** ECS deployment ids seen in the wild are 21 or 22 base64url characters. */
  deploymentId(): string {
    return this.pick(BASE64URL, this.random() < 0.5 ? 21 : 22)
  }

  hookId(kind: 'pause' | 'lambda'): string {
    return `ecs-${kind}-${this.pick(BASE64URL, 43)}`
  }

  taskId(): string {
    return this.pick(HEX, 32)
  }

  uuid(): string {
    const hex = this.pick(HEX, 32)
    const variant = HEX[8 + Math.floor(this.random() * 4)] ?? '8'
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`
  }
}

/** ARN builders for one region and account. */
export class Arns {
  constructor(
    readonly region: string,
    readonly accountId: string
  ) {}

  private ecs(resource: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:${resource}`
  }

  cluster(name: string): string {
    return this.ecs(`cluster/${name}`)
  }

  service(cluster: string, name: string): string {
    return this.ecs(`service/${cluster}/${name}`)
  }

  taskDefinition(family: string, revision: number): string {
    return this.ecs(`task-definition/${family}:${revision}`)
  }

  serviceRevision(cluster: string, service: string, revisionNumber: string): string {
    return this.ecs(`service-revision/${cluster}/${service}/${revisionNumber}`)
  }

  serviceDeployment(cluster: string, service: string, id: string): string {
    return this.ecs(`service-deployment/${cluster}/${service}/${id}`)
  }

  task(cluster: string, id: string): string {
    return this.ecs(`task/${cluster}/${id}`)
  }

  /** A CloudWatch Logs log group (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html). */
  logGroup(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`
  }

  /** The resource IAM checks logs:GetLogEvents against. */
  logStream(group: string, stream: string): string {
    return `${this.logGroup(group)}:log-stream:${stream}`
  }

  /** The identity every request is attributed to (registeredBy, AccessDenied messages). */
  caller(): string {
    return `arn:aws:sts::${this.accountId}:assumed-role/ecs-deploy-role/ecs-bluegreen-action`
  }
}
