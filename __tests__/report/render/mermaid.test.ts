import { describe, expect, it } from '@jest/globals'
import { MAX_GANTT_TASKS, timelineGantt } from '../../../src/report/render/mermaid.js'
import { at, pausedRelease, rolledBackRelease, succeededRelease } from '../fixtures.js'

const TASK =
  /^ {2}\d+ [A-Za-z0-9_\-./() ]+ :(done|active|crit), s\d+, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/

function lines(chart: string | undefined): string[] {
  return (chart ?? '').split('\n')
}

/** The stage tasks of a chart (they start with their number). */
function stageTasks(chart: string | undefined): string[] {
  return lines(chart).filter(line => /^ {2}\d+ /.test(line))
}

describe('timelineGantt', () => {
  it('draws one task per stage in a mermaid gantt block', () => {
    const chart = lines(timelineGantt(succeededRelease()))

    expect(chart.slice(0, 6)).toEqual([
      '```mermaid',
      'gantt',
      '  dateFormat YYYY-MM-DD HH:mm:ss',
      '  axisFormat %H:%M',
      '  tickInterval 10minute',
      '  section Lifecycle stages'
    ])
    expect(chart[6]).toBe('  1 PRE_SCALE_UP :done, s1, 2026-11-25 18:00:00, 2026-11-25 18:00:30')
    expect(chart).toContain(
      '  6 PRODUCTION_TRAFFIC_SHIFT (to 100 pct) :done, s6, 2026-11-25 18:20:00, 2026-11-25 18:21:00'
    )
    expect(chart).toContain('  8 CLEAN_UP :done, s8, 2026-11-25 18:31:00, 2026-11-25 18:32:00')
    expect(chart.at(-1)).toBe('```')
  })

  it('draws the wait for approval from the pause to the promotion', () => {
    const chart = lines(timelineGantt(succeededRelease()))

    expect(chart.slice(-3, -1)).toEqual([
      '  section Approval',
      '  wait for approval (SUCCEEDED) :done, a1, 2026-11-25 18:04:00, 2026-11-25 18:20:00'
    ])
    expect(lines(timelineGantt(pausedRelease()))).toContain(
      '  awaiting promotion :active, a1, 2026-11-25 18:04:00, 2026-11-25 18:04:01'
    )
  })

  it('marks the stage a release failed in and draws its rollback', () => {
    const failed = rolledBackRelease({ rollbackStartedAt: at(4.5) })
    const chart = lines(timelineGantt(failed))

    expect(stageTasks(timelineGantt(failed)).at(-1)).toBe(
      '  4 TEST_TRAFFIC_SHIFT :crit, s4, 2026-11-25 18:03:12, 2026-11-25 18:04:30'
    )
    expect(chart.slice(-3, -1)).toEqual([
      '  section Rollback',
      '  rollback to the previous revision :crit, r1, 2026-11-25 18:04:30, 2026-11-25 18:05:00'
    ])
  })

  it('leaves out stages that passed between polls, which have no times of their own', () => {
    const release = succeededRelease()
    release.stages[2] = { ...release.stages[2]!, unobserved: true }
    expect(stageTasks(timelineGantt(release)).map(task => task.split(' ')[2])).not.toContain(
      'POST_SCALE_UP'
    )
  })

  it('marks the running stage active and the stage a release failed in critical', () => {
    expect(stageTasks(timelineGantt(pausedRelease({ outcome: 'running' }))).at(-1)).toMatch(
      /:active, s5,/
    )
    const failed = rolledBackRelease()
    failed.stages.at(-1)!.endedAt = undefined
    expect(stageTasks(timelineGantt(failed)).at(-1)).toMatch(/:crit, s4,/)
  })

  it('turns any stage name into one plain task line that cannot be a keyword', () => {
    const names = [
      'click s1 call alert()',
      'x:y;z#w',
      'a\nsection Evil',
      '%%{init: {}}%%',
      '```',
      ''
    ]
    const release = pausedRelease({
      stages: names.map((stage, i) => ({ stage, startedAt: at(i), endedAt: at(i) }))
    })
    const tasks = stageTasks(timelineGantt(release))

    expect(tasks).toHaveLength(names.length)
    for (const task of tasks) expect(task).toMatch(TASK)
    expect(tasks[0]).toMatch(/^ {2}1 click s1 call alert\(\) :/)
    // a zero-length stage gets one second, or Mermaid would not draw it
    expect(tasks[1]).toContain('2026-11-25 18:01:00, 2026-11-25 18:01:01')
  })

  it('skips stages without a valid start and caps the number of tasks', () => {
    const invalid = pausedRelease({ stages: [{ stage: 'X', startedAt: new Date(Number.NaN) }] })
    expect(timelineGantt(invalid)).toBeUndefined()
    expect(timelineGantt(pausedRelease({ stages: [] }))).toBeUndefined()

    const many = pausedRelease({
      stages: Array.from({ length: 500 }, (_, i) => ({
        stage: 'PRODUCTION_TRAFFIC_SHIFT',
        startedAt: at(i),
        endedAt: at(i + 1)
      }))
    })
    const tasks = stageTasks(timelineGantt(many))
    expect(tasks).toHaveLength(MAX_GANTT_TASKS)
    expect(tasks.at(-1)).toMatch(/^ {2}500 /)
  })
})
