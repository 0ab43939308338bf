/**
 * Our statistics against benchstat (installed pinned from the Go module
 * proxy), on real captured `go test -bench` output from the standard
 * library: different counts (3, 6, 10, 30, 60), ties, n < 4, identical
 * runs, and the exact/normal boundary (exact up to 50 without ties, 25
 * with; the 30- and 60-sample files exercise the normal approximation).
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MetricComparison } from '../src/compare/model.js'
import { formatDelta } from '../src/compare/wording.js'
import { compare } from '../src/judge/judge.js'
import { loadSide } from '../src/compare/input.js'
import { ROOT } from './helpers/go.js'
import { benchstatRows, ensureBenchstat, type BenchstatRow } from './helpers/benchstat.js'

const DIR = join(ROOT, 'fixtures', 'benchtext', 'stats')
const PAIRS: [string, string][] = [
  ['strings-10a.txt', 'strings-10b.txt'],
  ['strings-10a.txt', 'strings-6.txt'],
  ['strings-3a.txt', 'strings-3b.txt'],
  ['strings-10a.txt', 'strings-10a.txt'],
  ['sort-60a.txt', 'sort-60b.txt'],
  ['sort-60a.txt', 'sort-30.txt'],
  ['sort-30.txt', 'sort-60b.txt']
]

/** benchstat renames units to base units; map back and give the scale. */
function ourUnit(unit: string): [string, number] {
  if (unit === 'sec/op') return ['ns/op', 1e-9]
  if (unit === 'B/s') return ['MB/s', 1e6]
  return [unit, 1]
}

beforeAll(async () => {
  await ensureBenchstat()
}, 600_000)

describe.each(PAIRS)('%s vs %s', (a, b) => {
  let rows: BenchstatRow[]
  let ours: Map<string, MetricComparison>

  beforeAll(async () => {
    rows = await benchstatRows(join(DIR, a), join(DIR, b))
    // benchstat's own test: the screen's default is Welch's, whose guard is this call.
    const c = compare(await loadSide(join(DIR, a)), await loadSide(join(DIR, b)), {
      threshold: 0,
      test: 'utest'
    })
    ours = new Map()
    for (const bc of c.benchmarks) for (const m of bc.metrics) ours.set(`${bc.name}|${m.unit}`, m)
  })

  it('has rows to compare (not vacuous)', () => {
    expect(rows.length).toBeGreaterThan(5)
  })

  it('p within 1e-3, same n, same medians, same significance call, equal deltas', () => {
    let checked = 0
    for (const r of rows) {
      const [unit, scale] = ourUnit(r.unit)
      const m = ours.get(`Benchmark${r.name}|${unit}`)
      expect(m, `${r.name} ${unit}`).toBeDefined()
      if (!m || !m.base || !m.head) continue
      expect(m.base.n).toBe(r.n1)
      expect(m.head.n).toBe(r.n2)
      expect(Math.abs(m.base.median * scale - r.base)).toBeLessThanOrEqual(Math.abs(r.base) * 1e-12)
      expect(Math.abs(m.head.median * scale - r.head)).toBeLessThanOrEqual(Math.abs(r.head) * 1e-12)
      // go-moremath doubles a tie-aware CDF that is not symmetric and never
      // caps it, so benchstat can print p > 1 (e.g. p=1.250 for ties
      // [14, 2]); a probability is at most 1, so ours is capped there.
      if (!Number.isNaN(r.p)) {
        expect(
          Math.abs((m.p as number) - Math.min(r.p, 1)),
          `${a} vs ${b}: ${r.name} ${unit} p ours=${m.p} benchstat=${r.p}`
        ).toBeLessThanOrEqual(1e-3)
      }
      // benchstat prints "~" exactly when p > alpha (uncorrected, no threshold).
      expect(m.significantUncorrected, `${r.name} ${unit}: benchstat says ${r.vsBase}`).toBe(
        r.vsBase !== '~'
      )
      if (r.vsBase !== '~')
        expect(formatDelta(m.deltaPercent)).toBe(r.vsBase === '?' ? '?' : r.vsBase)
      checked++
    }
    expect(checked).toBe(rows.length)
  })

  it("keeps benchstat's call under the default Welch screen, where it is the guard", async () => {
    const c = compare(await loadSide(join(DIR, a)), await loadSide(join(DIR, b)), { threshold: 0 })
    const byKey = new Map(
      c.benchmarks.flatMap(bc => bc.metrics.map(m => [`${bc.name}|${m.unit}`, m] as const))
    )
    let welch = 0
    for (const r of rows) {
      const m = byKey.get(`Benchmark${r.name}|${ourUnit(r.unit)[0]}`)
      if (!m?.base || !m.head) continue
      expect(m.significantUncorrected, `${r.name}: benchstat says ${r.vsBase}`).toBe(
        r.vsBase !== '~'
      )
      if (m.test === 'welch') welch++
    }
    expect(welch).toBeGreaterThan(0)
  })

  it('agrees on the 95% CI of each median (benchstat prints it as ±%)', () => {
    for (const r of rows) {
      const [unit] = ourUnit(r.unit)
      const m = ours.get(`Benchmark${r.name}|${unit}`)!
      for (const [side, printed] of [
        [m.base!, r.baseCI],
        [m.head!, r.headCI]
      ] as const) {
        if (printed === '∞') expect(side.ci).toBeUndefined()
        else if (/^\d+%$/.test(printed) && side.ci && side.median !== 0) {
          const v = Math.max(side.ci.hi / side.median - 1, 1 - side.ci.lo / side.median)
          expect(`${(100 * v).toFixed(0)}%`).toBe(printed)
        }
      }
    }
  })
})

describe('identical runs', () => {
  it('call nothing significant and give every delta as 0', async () => {
    const side = await loadSide(join(DIR, 'strings-10a.txt'))
    const c = compare(side, side)
    expect(c.verdict).toBe('unchanged')
    expect(c.gate.fail).toBe(false)
    for (const bc of c.benchmarks) for (const m of bc.metrics) expect(m.deltaPercent).toBe(0)
  })
})
