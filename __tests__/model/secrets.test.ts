import { describe, expect, it } from '@jest/globals'
import { Secrets, taskDefinitionSecrets, withSecretsHidden } from '../../src/model/secrets.js'
import { rolledBackRelease } from '../report/fixtures.js'

describe('Secrets', () => {
  it('registers each value once, and none shorter than four characters', () => {
    const registered: string[] = []
    const secrets = new Secrets(value => registered.push(value))
    for (const value of ['hunter2-secret', 'hunter2-secret', 'abc', '', undefined, 'true'])
      secrets.add(value)
    expect(registered).toEqual(['hunter2-secret', 'true'])
  })

  it('redacts every occurrence, longer values first', () => {
    const secrets = new Secrets()
    secrets.add('pass')
    secrets.add('password-of-the-db')
    expect(secrets.redact('password-of-the-db and pass, pass')).toBe('*** and ***, ***')
    expect(secrets.redact('nothing to hide')).toBe('nothing to hide')
  })

  it('hides secrets in the free text of a release, never in what identifies it', () => {
    const secrets = new Secrets()
    secrets.add('prod')
    const release = rolledBackRelease({
      details: ['2 tasks stopped: failed to fetch secret prod']
    })
    release.statusReason = 'could not read prod'
    const shown = withSecretsHidden(release, secrets)

    expect(shown.verdict?.details).toEqual(['2 tasks stopped: failed to fetch secret ***'])
    expect(shown.statusReason).toBe('could not read ***')
    expect(shown.verdict?.outcome).toBe('rolled-back')
    expect([shown.cluster, shown.deploymentArn, shown.region]).toEqual([
      release.cluster,
      release.deploymentArn,
      release.region
    ])
    expect(release.verdict?.details[0]).toContain('secret prod')
  })
})

describe('taskDefinitionSecrets', () => {
  it('finds secrets, log driver secret options and registry credentials of every container', () => {
    expect(
      taskDefinitionSecrets({
        containerDefinitions: [
          {
            name: 'app',
            secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:us-east-1:1:parameter/db' }],
            repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:x:1:secret:r' }
          },
          {
            name: 'log-router',
            logConfiguration: { secretOptions: [{ name: 'KEY', valueFrom: 'log-key-param' }] }
          }
        ]
      })
    ).toEqual([
      'arn:aws:ssm:us-east-1:1:parameter/db',
      'arn:aws:secretsmanager:x:1:secret:r',
      'log-key-param'
    ])
  })

  it('ignores what is not a list or not a string', () => {
    const odd = { containerDefinitions: [{ secrets: 'x' }, { secrets: [{ valueFrom: 7 }] }, null] }
    expect(taskDefinitionSecrets(odd as never)).toEqual([])
    expect(taskDefinitionSecrets({})).toEqual([])
  })
})
