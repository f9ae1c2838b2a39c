import { describe, expect, it } from '@jest/globals'
import { Secrets } from '../../src/model/secrets.js'
import { summaryReporter } from '../../src/report/summary-reporter.js'
import { pausedRelease, recordingLog } from './fixtures.js'

describe('summaryReporter', () => {
  it('writes the job summary once, when the step ends, with secrets hidden', async () => {
    const written: string[] = []
    const secrets = new Secrets(() => undefined)
    secrets.add('hunter2-secret')
    const reporter = summaryReporter(
      markdown => {
        written.push(markdown)
        return Promise.resolve()
      },
      recordingLog(),
      secrets
    )
    const release = pausedRelease({ outcome: 'failed', reason: 'token hunter2-secret leaked' })

    await reporter.publish(release, false)
    expect(written).toEqual([])
    await reporter.publish(release, true)
    expect(written).toHaveLength(1)
    expect(written[0]).toMatch(/^## ❌ web on prod: failed/)
    expect(written[0]).toContain('token *** leaked')
    expect(written[0]).not.toContain('hunter2-secret')
    await expect(reporter.recall(release)).resolves.toBeUndefined()
  })

  it('warns instead of failing when the summary cannot be written', async () => {
    const log = recordingLog()
    const reporter = summaryReporter(() => Promise.reject(new Error('disk full')), log)

    await reporter.publish(pausedRelease(), true)
    expect(log.warnings()).toEqual(['Could not write the job summary: disk full'])
  })
})
