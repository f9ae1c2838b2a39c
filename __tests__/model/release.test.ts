import { describe, expect, it } from '@jest/globals'
import { consoleUrl, newRelease, releaseSubject, shortName } from '../../src/model/release.js'
import { GITHUB_RUN } from '../support/command-context.js'
import { DEPLOYMENT_ARN } from '../support/deployments.js'
import { CLUSTER_ARN, SERVICE_ARN } from '../support/ecs-fixtures.js'

const CONSOLE_LINK =
  'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/web/deployments/r9i43YFjvgF_xlg7m2eJ1r?region=us-east-1'

function release(cluster: string, service: string) {
  return newRelease(
    {
      command: 'deploy',
      cluster,
      service,
      github: GITHUB_RUN,
      region: 'us-east-1',
      deploymentArn: DEPLOYMENT_ARN
    },
    new Date('2026-11-25T12:00:00Z')
  )
}

describe('shortName', () => {
  it('takes the name out of a cluster or service ARN, old and new format', () => {
    expect(shortName(CLUSTER_ARN)).toBe('demo')
    expect(shortName(SERVICE_ARN)).toBe('web')
    expect(shortName('arn:aws:ecs:us-east-1:123456789012:service/web')).toBe('web')
    expect(shortName('web')).toBe('web')
  })
})

describe('releaseSubject', () => {
  it('names the release by short names, whether names or ARNs were given', () => {
    expect(releaseSubject(release('demo', 'web'))).toBe('web (demo)')
    expect(releaseSubject(release(CLUSTER_ARN, SERVICE_ARN))).toBe('web (demo)')
  })
})

describe('consoleUrl', () => {
  it('links the deployment by cluster and service name', () => {
    expect(consoleUrl(release('demo', 'web'))).toBe(CONSOLE_LINK)
  })

  it('gives the same link when cluster and service are given as ARNs', () => {
    expect(consoleUrl(release(CLUSTER_ARN, SERVICE_ARN))).toBe(CONSOLE_LINK)
  })

  it('has no link before the deployment or the region is known', () => {
    expect(consoleUrl({ ...release('demo', 'web'), deploymentArn: undefined })).toBeUndefined()
    expect(consoleUrl({ ...release('demo', 'web'), region: undefined })).toBeUndefined()
  })
})
