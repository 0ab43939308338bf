/**
 * A history's change points (history/change-points.ts) on records whose
 * truth is known: the commit of a step, its functions, a range when
 * records were skipped, a runner change reported as such, and a history
 * file that is not one refused with its field named.
 */
import { describe, expect, it } from 'vitest'
import { historyChangePoints } from '../../../src/history/change-points.js'
import {
  appendRecord,
  emptyHistory,
  HistoryError,
  validateHistory,
  type HistoryRecord
} from '../../../src/history/index.js'
import { historyCsv } from '../../../src/history/render.js'
import { rng } from '../../helpers/rng.js'

/** 30 records of BenchmarkGet: 100 ns (f 60, g 40) with 1% noise, 130 ns (f 90) from record 20 on. */
function records(cpuAt: (i: number) => string = () => 'cpu A'): HistoryRecord[] {
  const r = rng(11)
  return Array.from({ length: 30 }, (_, i) => {
    const slow = i >= 20
    const noise = 1 + 0.01 * (r() - 0.5)
    return {
      commit: `c${i}`,
      ...(i > 0 ? { parent: `c${i - 1}` } : {}),
      time: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      runner: { cpu: cpuAt(i), goVersion: 'go1.26' },
      benchmarks: [
        {
          package: 'example.com/kv',
          name: 'BenchmarkGet-2',
          units: { 'ns/op': { n: 6, median: (slow ? 130 : 100) * noise, min: 0, max: 0 } },
          functions: {
            cpu: [
              ['example.com/kv.f', (slow ? 90 : 60) * noise],
              ['example.com/kv.g', 40 * noise]
            ]
          }
        }
      ]
    }
  })
}

const historyOf = (rs: HistoryRecord[]) => rs.reduce(appendRecord, emptyHistory())

describe('historyChangePoints', () => {
  it('names the commit of the step, its size and the function that moved', () => {
    const cps = historyChangePoints(historyOf(records()))
    expect(cps).toHaveLength(1)
    const c = cps[0]
    expect(c).toMatchObject({ commit: 'c20', kind: 'regression', unit: 'ns/op' })
    expect(c.range).toBeUndefined()
    expect(c.delta).toBeCloseTo(0.3, 1)
    expect(c.functions[0].name).toBe('example.com/kv.f')
    expect(c.functions[0].delta).toBeCloseTo(0.3, 1)
    expect(c.functions[0].perOp).toBeCloseTo(30, 0)
  })

  it('gives a range when the push carried several commits', () => {
    const rs = records()
    rs[20] = { ...rs[20], parent: 'c19b' }
    expect(historyChangePoints(historyOf(rs))[0].range).toBe('c19..c20')
  })

  it('reports a change of runner at the step as an environment change, not a regression', () => {
    const c = historyChangePoints(historyOf(records(i => (i >= 20 ? 'cpu B' : 'cpu A'))))[0]
    expect(c.kind).toBe('environment')
    expect(c.environment).toEqual({ from: 'cpu A, go1.26', to: 'cpu B, go1.26' })
  })

  it('a re-run of a commit replaces its record', () => {
    const h = historyOf(records())
    expect(appendRecord(h, { ...h.records[5], time: 'again' }).records[5].time).toBe('again')
    expect(appendRecord(h, h.records[5]).records).toHaveLength(30)
  })

  it('refuses a file that is not a history, naming the field; a newer version says to upgrade', () => {
    expect(() => validateHistory({ format: 'x' }, 'h.json')).toThrow(HistoryError)
    expect(() =>
      validateHistory(
        { format: 'benchgate-history', version: 1, records: [{ commit: 1 }] },
        'h.json'
      )
    ).toThrow(/h\.json: records\[0\]/)
    expect(() =>
      validateHistory({ format: 'benchgate-history', version: 2, records: [] }, 'h.json')
    ).toThrow(/upgrade benchgate/)
  })

  it('writes CSV a spreadsheet cannot run: quoted, and no cell starts a formula', () => {
    const h = historyOf(records().slice(0, 2))
    h.records[0].benchmarks[0].name = '=HYPERLINK("x"),y'
    const csv = historyCsv(h)
    expect(csv.split('\n')[0]).toBe(
      'time,commit,"example.com/kv.=HYPERLINK(""x""),y:ns/op",example.com/kv.BenchmarkGet-2:ns/op'
    )
    h.records[0].benchmarks[0].package = '=cmd'
    expect(historyCsv(h).split('\n')[0]).toContain("'=cmd.")
  })
})
