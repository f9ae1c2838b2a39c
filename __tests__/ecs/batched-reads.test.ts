import { describe, expect, it } from '@jest/globals'
import type {
  DescribeServiceDeploymentsCommandInput,
  DescribeServiceRevisionsCommandInput,
  DescribeServicesCommandInput
} from '@aws-sdk/client-ecs'
import { withBatchedReads } from '../../src/ecs/batched-reads.js'
import type { EcsPort } from '../../src/ecs/port.js'

/** A port that answers every deployment and service asked for, and records each call. */
function recordingPort() {
  const calls: { operation: string; keys: string[] }[] = []
  const port = {
    region: 'us-east-1',
    describeServiceDeployments: async (input: DescribeServiceDeploymentsCommandInput) => {
      calls.push({ operation: 'deployments', keys: input.serviceDeploymentArns ?? [] })
      return {
        $metadata: {},
        serviceDeployments: (input.serviceDeploymentArns ?? []).map(arn => ({
          serviceDeploymentArn: arn
        }))
      }
    },
    describeServiceRevisions: async (input: DescribeServiceRevisionsCommandInput) => {
      calls.push({ operation: 'revisions', keys: input.serviceRevisionArns ?? [] })
      return {
        $metadata: {},
        serviceRevisions: (input.serviceRevisionArns ?? []).map(arn => ({
          serviceRevisionArn: arn
        })),
        failures: []
      }
    },
    describeServices: async (input: DescribeServicesCommandInput) => {
      calls.push({ operation: `services ${input.cluster}`, keys: input.services ?? [] })
      return {
        $metadata: {},
        services: (input.services ?? []).map(serviceName => ({ serviceName })),
        failures: []
      }
    }
  } as unknown as EcsPort
  return { port, calls }
}

/** The window reads wait in for others to join them. */
const WAIT = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 5))

describe('batched reads', () => {
  it('reads the deployments of 20 services with one call, each caller getting its own', async () => {
    const { port, calls } = recordingPort()
    const batched = withBatchedReads(port, WAIT)
    const arns = Array.from({ length: 20 }, (_, i) => `arn:deployment/${i}`)
    const answers = await Promise.all(
      arns.map(arn => batched.describeServiceDeployments({ serviceDeploymentArns: [arn] }))
    )
    expect(calls).toEqual([{ operation: 'deployments', keys: arns }])
    expect(
      answers.map(answer => answer.serviceDeployments?.map(d => d.serviceDeploymentArn))
    ).toEqual(arns.map(arn => [arn]))
  })

  it('splits more than 20 deployments, and services by cluster, 10 at most', async () => {
    const { port, calls } = recordingPort()
    const batched = withBatchedReads(port, WAIT)
    await Promise.all([
      ...Array.from({ length: 21 }, (_, i) =>
        batched.describeServiceDeployments({ serviceDeploymentArns: [`d${i}`] })
      ),
      ...Array.from({ length: 11 }, (_, i) =>
        batched.describeServices({ cluster: 'prod', services: [`s${i}`] })
      ),
      batched.describeServices({ cluster: 'shop', services: ['web'] })
    ])
    expect(calls.map(call => [call.operation, call.keys.length])).toEqual([
      ['deployments', 20],
      ['deployments', 1],
      ['services prod', 10],
      ['services prod', 1],
      ['services shop', 1]
    ])
  })

  it('reads the new and old revisions of 10 services with one call, each caller getting its pair', async () => {
    const { port, calls } = recordingPort()
    const batched = withBatchedReads(port, WAIT)
    const pairs = Array.from({ length: 10 }, (_, i) => [`rev/${i}/new`, `rev/${i}/old`])
    const answers = await Promise.all(
      pairs.map(pair => batched.describeServiceRevisions({ serviceRevisionArns: pair }))
    )
    expect(calls).toEqual([{ operation: 'revisions', keys: pairs.flat() }])
    expect(answers.map(answer => answer.serviceRevisions?.map(r => r.serviceRevisionArn))).toEqual(
      pairs
    )
  })

  it('counts a key asked for twice once toward the 20 of a call', async () => {
    const { port, calls } = recordingPort()
    const batched = withBatchedReads(port, WAIT)
    const arns = Array.from({ length: 20 }, (_, i) => `d${i}`)
    const [again, spanning] = await Promise.all([
      batched.describeServiceDeployments({ serviceDeploymentArns: ['d0'] }),
      batched.describeServiceDeployments({ serviceDeploymentArns: ['d5', 'd20'] }),
      ...arns.map(arn => batched.describeServiceDeployments({ serviceDeploymentArns: [arn] }))
    ])
    // d0 and d5 asked twice count once: 20 keys up to d18; d19 would be the 21st.
    const first = ['d0', 'd5', 'd20', ...arns.slice(1, 19).filter(arn => arn !== 'd5')]
    expect(calls).toEqual([
      { operation: 'deployments', keys: first },
      { operation: 'deployments', keys: ['d19'] }
    ])
    expect(again.serviceDeployments?.map(d => d.serviceDeploymentArn)).toEqual(['d0'])
    expect(spanning.serviceDeployments?.map(d => d.serviceDeploymentArn)).toEqual(['d5', 'd20'])
  })

  it('fails each waiter of a call that fails', async () => {
    const { port } = recordingPort()
    const failing = Object.assign(Object.create(port) as EcsPort, {
      describeServiceDeployments: () => Promise.reject(new Error('ThrottlingException'))
    })
    const batched = withBatchedReads(failing, WAIT)
    const reads = ['a', 'b'].map(arn =>
      batched.describeServiceDeployments({ serviceDeploymentArns: [arn] })
    )
    for (const read of reads) await expect(read).rejects.toThrow('ThrottlingException')
  })
})
