import { describe, expect, it } from '@jest/globals'
import { MAX_GANTT_TASKS, timelineGantt } from '../../../src/report/render/mermaid.js'
import { at, pausedRelease, rolledBackRelease, succeededRelease } from '../fixtures.js'

const TASK =
  /^ {2}\d+ [A-Za-z0-9_\-./() ]+ :(done|active|crit), s\d+, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/

function lines(chart: string | undefined): string[] {
  return (chart ?? '').split('\n')
}

describe('timelineGantt', () => {
  it('draws one task per stage in a mermaid gantt block', () => {
    const chart = lines(timelineGantt(succeededRelease()))

    expect(chart.slice(0, 5)).toEqual([
      '```mermaid',
      'gantt',
      '  dateFormat YYYY-MM-DD HH:mm:ss',
      '  axisFormat %H:%M:%S',
      '  section Lifecycle stages'
    ])
    expect(chart[5]).toBe('  1 PRE_SCALE_UP :done, s1, 2026-11-25 18:00:00, 2026-11-25 18:00:30')
    expect(chart.at(-2)).toBe('  8 CLEAN_UP :done, s8, 2026-11-25 18:31:00, 2026-11-25 18:32:00')
    expect(chart.at(-1)).toBe('```')
  })

  it('marks the running stage active and the stage a release failed in critical', () => {
    expect(lines(timelineGantt(pausedRelease({ outcome: 'running' }))).at(-2)).toMatch(
      /:active, s5,/
    )
    const failed = rolledBackRelease()
    failed.stages.at(-1)!.endedAt = undefined
    expect(lines(timelineGantt(failed)).at(-2)).toMatch(/:crit, s4,/)
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
    const tasks = lines(timelineGantt(release)).slice(5, -1)

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
    const tasks = lines(timelineGantt(many)).slice(5, -1)
    expect(tasks).toHaveLength(MAX_GANTT_TASKS)
    expect(tasks.at(-1)).toMatch(/^ {2}500 /)
  })
})
