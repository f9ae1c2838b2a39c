import type {
  RegisterTaskDefinitionCommandInput,
  RegisterTaskDefinitionCommandOutput,
  Tag
} from '@aws-sdk/client-ecs'
import { describe, expect, it } from '@jest/globals'
import type { EcsPort } from '../../src/ecs/port.js'
import type { Log } from '../../src/model/log.js'
import type { GitHubRun } from '../../src/model/release.js'
import { provenanceTags } from '../../src/model/provenance.js'
import { registerTaskDefinition } from '../../src/task-definition/register.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const HEAD = 'fedcba9876543210fedcba9876543210fedcba98'
const push: GitHubRun = {
  serverUrl: 'https://github.com',
  repository: 'octo/shop',
  runId: '4242',
  eventName: 'push',
  sha: SHA
}
const pullRequest: GitHubRun = {
  ...push,
  eventName: 'pull_request',
  pullRequest: { number: 7, headSha: HEAD }
}
const RUN_URL = 'https://github.com/octo/shop/actions/runs/4242'
const arnOf = (revision: number): string =>
  `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`

const base: RegisterTaskDefinitionCommandInput = {
  family: 'web',
  containerDefinitions: [{ name: 'web', image: 'web:1' }],
  tags: [
    { key: 'team', value: 'payments' },
    { key: 'github:sha', value: 'from-the-file' }
  ]
}

/** Answers each RegisterTaskDefinition call with the next answer: an error to throw or a revision. */
function fakeEcs(...answers: (Error | number | 'no-arn')[]) {
  const requests: RegisterTaskDefinitionCommandInput[] = []
  const ecs = {
    region: 'us-east-1',
    registerTaskDefinition: async (input: RegisterTaskDefinitionCommandInput) => {
      requests.push(structuredClone(input))
      const answer = answers.shift()
      if (answer instanceof Error) throw answer
      if (answer === undefined) throw new Error('unexpected RegisterTaskDefinition call')
      const taskDefinition = answer === 'no-arn' ? {} : { taskDefinitionArn: arnOf(answer) }
      return { $metadata: {}, taskDefinition } as RegisterTaskDefinitionCommandOutput
    }
  } as unknown as EcsPort
  return { ecs, requests }
}

function fakeLog() {
  const lines: string[] = []
  const log: Log = {
    info: message => lines.push(`info: ${message}`),
    warning: message => lines.push(`warning: ${message}`),
    error: message => lines.push(`error: ${message}`),
    debug: () => undefined,
    startGroup: title => lines.push(`group: ${title}`),
    endGroup: () => lines.push('endgroup'),
    untrusted: () => undefined
  }
  return { log, lines }
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 }
  })
}
const deniedTagging = awsError(
  'AccessDeniedException',
  'User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: ecs:TagResource on resource: arn:aws:ecs:us-east-1:123456789012:task-definition/web:42 because no identity-based policy allows the ecs:TagResource action'
)
const tagMap = (tags: Tag[] | undefined): Record<string, string | undefined> =>
  Object.fromEntries((tags ?? []).map(tag => [tag.key, tag.value]))

describe('registerTaskDefinition', () => {
  it("registers with the file's tags and ours, ours winning a clash", async () => {
    const { ecs, requests } = fakeEcs(42)
    const { log, lines } = fakeLog()
    expect(await registerTaskDefinition(ecs, base, provenanceTags(pullRequest), log)).toBe(
      arnOf(42)
    )
    expect(requests).toHaveLength(1)
    expect(requests[0]?.tags).toHaveLength(4)
    expect(tagMap(requests[0]?.tags)).toEqual({
      team: 'payments',
      'github:repository': 'octo/shop',
      'github:sha': HEAD,
      'github:run-url': RUN_URL
    })
    expect(requests[0]?.containerDefinitions).toEqual(base.containerDefinitions)
    expect(base.tags).toHaveLength(2)
    expect(lines).toEqual([])
  })

  it('keeps its own tags within the 50 ECS allows, leaving out file tags and saying which', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }))
    const { ecs, requests } = fakeEcs(43)
    const { log, lines } = fakeLog()
    await registerTaskDefinition(ecs, { ...base, tags: many }, provenanceTags(push), log)
    const tags = tagMap(requests[0]?.tags)
    expect(requests[0]?.tags).toHaveLength(50)
    expect(tags['github:sha']).toBe(SHA)
    expect(tags['github:repository']).toBe('octo/shop')
    expect(tags['github:run-url']).toBe(RUN_URL)
    expect(tags).toHaveProperty('k46')
    expect(tags).not.toHaveProperty('k47')
    expect(lines).toEqual([expect.stringMatching(/^warning: .*k47, k48, k49/)])
  })

  it('registers once more without tags when ecs:TagResource is denied, and warns', async () => {
    const { ecs, requests } = fakeEcs(deniedTagging, 44)
    const { log, lines } = fakeLog()
    expect(await registerTaskDefinition(ecs, base, provenanceTags(push), log)).toBe(arnOf(44))
    expect(requests).toHaveLength(2)
    expect(requests[0]?.tags).not.toEqual([])
    expect(requests[1]?.tags).toBeUndefined()
    expect(requests[1]).toEqual({ ...base, tags: undefined })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^warning: Registering web without tags: AccessDeniedException: .*ecs:TagResource/
    )
    expect(lines[0]).toContain('Allow ecs:TagResource on task definitions')
  })

  it('fails when the untagged registration fails too', async () => {
    const denied = awsError(
      'AccessDeniedException',
      'not authorized to perform: ecs:RegisterTaskDefinition'
    )
    const { ecs, requests } = fakeEcs(deniedTagging, denied)
    await expect(
      registerTaskDefinition(ecs, base, provenanceTags(push), fakeLog().log)
    ).rejects.toBe(denied)
    expect(requests).toHaveLength(2)
  })

  // prettier-ignore
  it.each([
    ['RegisterTaskDefinition is denied', awsError('AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: ecs:RegisterTaskDefinition on resource: *')],
    ['a denial whose role and family contain "tag"', awsError('AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/deploy-staging/gha is not authorized to perform: ecs:RegisterTaskDefinition on resource: arn:aws:ecs:us-east-1:123456789012:task-definition/vintage-web:*')],
    ['ECS refuses a tag', awsError('InvalidParameterException', 'Tag value cannot exceed 256 characters; TagResource failed')],
    ['ECS throttles', awsError('ThrottlingException', 'Rate exceeded')],
    ['the network fails', new Error('socket hang up')]
  ])('lets the error through and retries nothing when %s', async (_why, error) => {
    const { ecs, requests } = fakeEcs(error, 45)
    const { log, lines } = fakeLog()
    await expect(registerTaskDefinition(ecs, base, provenanceTags(push), log)).rejects.toBe(error)
    expect(requests).toHaveLength(1)
    expect(lines).toEqual([])
  })

  it('fails when ECS returns no task definition ARN', async () => {
    const { ecs } = fakeEcs('no-arn')
    await expect(
      registerTaskDefinition(ecs, base, provenanceTags(push), fakeLog().log)
    ).rejects.toThrow('RegisterTaskDefinition returned no task definition ARN.')
  })
})
