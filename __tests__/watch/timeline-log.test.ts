import { describe, expect, it } from '@jest/globals'
import { newRelease } from '../../src/model/release.js'
import { recordDeployment } from '../../src/watch/timeline.js'
import { formatHook, formatTraffic, TimelineLog } from '../../src/watch/timeline-log.js'
import { deploymentAt, PAUSE_HOOK, pausedAt } from '../support/deployments.js'
import { MemoryLog } from '../support/memory-log.js'

const T0 = Date.parse('2026-11-25T12:00:00Z')
const at = (seconds: number): Date => new Date(T0 + seconds * 1000)

describe('TimelineLog', () => {
  it('writes one group per stage, titled with time, elapsed time and traffic', () => {
    const log = new MemoryLog()
    const timeline = new TimelineLog(log, { startedAt: at(0) })
    const release = newRelease(
      {
        command: 'deploy',
        cluster: 'demo',
        service: 'web',
        github: { serverUrl: '', repository: '', runId: '', eventName: '', sha: '' }
      },
      at(0)
    )
    const poll = (seconds: number, deployment: Parameters<typeof recordDeployment>[1]) =>
      timeline.write(recordDeployment(release, deployment, at(seconds)), at(seconds))
    poll(0, deploymentAt(undefined, 'PENDING'))
    poll(12, deploymentAt('TEST_TRAFFIC_SHIFT'))
    poll(75, pausedAt('POST_TEST_TRAFFIC_SHIFT'))
    poll(3725, deploymentAt('CLEAN_UP', 'SUCCESSFUL'))
    timeline.close()
    expect(log.lines).toEqual([
      'info: 12:00:00 +0s  status PENDING',
      'info: 12:00:12 +12s  passed between two polls: PRE_SCALE_UP, SCALE_UP, POST_SCALE_UP',
      'group: 12:00:12 +12s  TEST_TRAFFIC_SHIFT  (new: test 100% · prod 0% · tasks 2/2 | old: test 0% · prod 100% · tasks 2/2)',
      'info: 12:00:12 +12s  status PENDING → IN_PROGRESS',
      'endgroup',
      'group: 12:01:15 +1m15s  POST_TEST_TRAFFIC_SHIFT  (new: test 100% · prod 0% · tasks 2/2 | old: test 0% · prod 100% · tasks 2/2)',
      `info: 12:01:15 +1m15s  hook PAUSE ${PAUSE_HOOK} at POST_TEST_TRAFFIC_SHIFT: AWAITING_ACTION (expires 2026-11-26T12:00:00.000Z, then ROLLBACK)`,
      'endgroup',
      'info: 13:02:05 +1h02m05s  passed between two polls: PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT, BAKE_TIME',
      'group: 13:02:05 +1h02m05s  CLEAN_UP  (new: test 100% · prod 100% · tasks 2/2 | old: test 0% · prod 0% · tasks 2/2)',
      'info: 13:02:05 +1h02m05s  status IN_PROGRESS → SUCCESSFUL',
      'endgroup'
    ])
  })
})

describe('production steps', () => {
  it('names each canary step in the group title and the traffic line', () => {
    const log = new MemoryLog()
    const release = newRelease(
      {
        command: 'deploy',
        cluster: 'demo',
        service: 'web',
        strategy: 'CANARY',
        github: { serverUrl: '', repository: '', runId: '', eventName: '', sha: '' }
      },
      at(0)
    )
    const timeline = new TimelineLog(log, release)
    const step = (percent: number) =>
      deploymentAt('PRODUCTION_TRAFFIC_SHIFT', 'IN_PROGRESS', {
        targetServiceRevision: {
          requestedTestTrafficWeight: 100,
          requestedProductionTrafficWeight: percent
        },
        sourceServiceRevisions: []
      })
    timeline.write(recordDeployment(release, step(0), at(1)), at(1))
    timeline.write(recordDeployment(release, step(10), at(2)), at(2))
    timeline.write(recordDeployment(release, step(100), at(3)), at(3))
    expect(log.lines.filter(line => /PRODUCTION_TRAFFIC_SHIFT|traffic moved/.test(line))).toEqual([
      'group: 12:00:01 +1s  PRODUCTION_TRAFFIC_SHIFT (starting)  (new: test 100% · prod 0%)',
      'info: 12:00:02 +2s  traffic moved (canary 10 %): new: test 100% · prod 10%',
      'info: 12:00:03 +3s  traffic moved (→ 100 %): new: test 100% · prod 100%'
    ])
  })
})

describe('formatting', () => {
  it('leaves out what ECS did not report', () => {
    expect(formatTraffic({})).toBe('')
    expect(formatTraffic({ targetProduction: 10 })).toBe('new: prod 10%')
    expect(formatTraffic({ sourceRunning: 1, sourceRequested: 2 })).toBe('old: tasks 1/2')
  })

  it('shows the new and the old revisions, weights rounded like the reports', () => {
    expect(
      formatTraffic({
        targetTest: 100,
        targetProduction: 33.3333,
        targetRunning: 1,
        targetRequested: 3,
        sourceTest: 0,
        sourceProduction: 66.6667,
        sourceRunning: 3,
        sourceRequested: 3
      })
    ).toBe('new: test 100% · prod 33.3% · tasks 1/3 | old: test 0% · prod 66.7% · tasks 3/3')
  })

  it('shows a Lambda hook by its function and a finished hook without expiry', () => {
    expect(
      formatHook({
        targetType: 'AWS_LAMBDA',
        targetArn: 'arn:aws:lambda:us-east-1:1:function:smoke',
        stage: 'POST_TEST_TRAFFIC_SHIFT',
        status: 'SUCCEEDED',
        expiresAt: new Date(T0),
        firstSeenAt: at(0),
        updatedAt: at(0)
      })
    ).toBe(
      'hook AWS_LAMBDA arn:aws:lambda:us-east-1:1:function:smoke at POST_TEST_TRAFFIC_SHIFT: SUCCEEDED'
    )
  })
})
