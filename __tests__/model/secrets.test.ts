import { describe, expect, it } from '@jest/globals'
import { Secrets, taskDefinitionSecrets } from '../../src/model/secrets.js'

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

  it('redacts a copy of plain data, keeping dates and the original', () => {
    const secrets = new Secrets()
    secrets.add('s3cr3t-value')
    const when = new Date(0)
    const data = { a: 's3cr3t-value!', list: [{ b: 'x s3cr3t-value' }, 3, null], when }
    const copy = secrets.redactAll(data)
    expect(copy).toEqual({ a: '***!', list: [{ b: 'x ***' }, 3, null], when })
    expect(copy.when).toBe(when)
    expect(data.a).toBe('s3cr3t-value!')
  })

  it('returns data as it is when nothing is registered', () => {
    const data = { a: 'text' }
    expect(new Secrets().redactAll(data)).toBe(data)
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
