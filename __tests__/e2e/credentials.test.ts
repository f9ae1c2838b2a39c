import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/index.js'
import { deployInputs, ECR, runAction, startE2eSimulator } from '../support/e2e.js'

// The bundle loads the SDK's credential providers other than the environment's from
// chunks of their own, on demand (scripts/build.mjs): these runs load them from its directory.

/** The runner's step has AWS keys in the environment; these runs take them away. */
const WITHOUT_ENVIRONMENT_KEYS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }

let sim: Simulator
beforeAll(async () => {
  sim = await startE2eSimulator()
})
afterAll(() => sim.close())
beforeEach(() => sim.clearCalls())

async function releaseWith(
  env: Record<string, string>,
  tag: string
): Promise<(string | undefined)[]> {
  const run = await runAction({
    ecsUrl: sim.url,
    inputs: deployInputs('web', {
      'container-name': 'app',
      image: `${ECR}/web:${tag}`,
      'wait-until': 'none'
    }),
    env
  })
  expect(run.stderr).toBe('')
  expect(run.exitCode).toBe(0)
  return [...new Set(sim.calls.map(call => call.accessKeyId))]
}

describe('AWS credentials, wherever the SDK default chain finds them', () => {
  it('signs with the keys configure-aws-credentials exports', async () => {
    expect(await releaseWith({}, 'credentials-env')).toEqual(['AKIAIOSFODNN7EXAMPLE'])
  })

  it('signs with a named profile of a shared credentials file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aws-credentials-')), 'credentials')
    writeFileSync(
      file,
      '[default]\naws_access_key_id = AKIADEFAULTPROFILE00\naws_secret_access_key = secret\n\n' +
        '[release]\naws_access_key_id = AKIARELEASEPROFILE00\naws_secret_access_key = secret\n'
    )
    const env = { ...WITHOUT_ENVIRONMENT_KEYS, AWS_SHARED_CREDENTIALS_FILE: file }
    expect(await releaseWith({ ...env, AWS_PROFILE: 'release' }, 'credentials-profile')).toEqual([
      'AKIARELEASEPROFILE00'
    ])
  })

  describe('from a container credentials endpoint (an ECS or CodeBuild runner)', () => {
    let endpoint: Server
    let requests = 0
    beforeAll(async () => {
      endpoint = createServer((_request, response) => {
        requests++
        response.setHeader('content-type', 'application/json')
        response.end(
          JSON.stringify({
            AccessKeyId: 'ASIACONTAINERROLE000',
            SecretAccessKey: 'secret',
            Token: 'session-token',
            Expiration: new Date(Date.now() + 3_600_000).toISOString()
          })
        )
      })
      await new Promise<void>(listening => endpoint.listen(0, '127.0.0.1', listening))
    })
    afterAll(() => new Promise(closed => endpoint.close(closed)))

    it('signs with the role the endpoint hands out, after the chain finds nothing nearer', async () => {
      const { port } = endpoint.address() as AddressInfo
      const env = {
        ...WITHOUT_ENVIRONMENT_KEYS,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/credentials`
      }
      expect(await releaseWith(env, 'credentials-container')).toEqual(['ASIACONTAINERROLE000'])
      expect(requests).toBeGreaterThanOrEqual(1)
    })
  })
})
