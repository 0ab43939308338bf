/**
 * Welch's t test on logs (src/stats/welch.ts) against SciPy 1.x, an oracle
 * nobody here wrote: scipy.special.betainc, 2 * scipy.stats.t.sf and
 * scipy.stats.ttest_ind(log(head), log(base), equal_var=False). The values
 * were printed by SciPy and pasted here.
 */
import { describe, expect, it } from 'vitest'
import {
  detectableChange,
  incompleteBeta,
  tQuantileTwoSided,
  tTwoSided,
  welchLog
} from '../../../src/stats/welch.js'

const close = (ours: number, theirs: number): void =>
  expect(Math.abs(ours - theirs) / theirs, `${ours} vs SciPy ${theirs}`).toBeLessThan(1e-9)

describe('the incomplete beta function', () => {
  it('agrees with scipy.special.betainc', () => {
    close(incompleteBeta(0.3, 2.5, 0.5), 0.018927124071945658)
    close(incompleteBeta(0.9, 10, 0.5), 0.15164090963470994)
    close(incompleteBeta(0.01, 0.5, 3), 0.18625375)
  })
})

describe("Student's t, two-sided", () => {
  it('agrees with 2 * scipy.stats.t.sf', () => {
    close(tTwoSided(2, 5), 0.10193947882985835)
    close(tTwoSided(-0.5, 3.7), 0.6453356333199318)
    close(tTwoSided(10, 9.3), 2.790631853448655e-6)
    close(tTwoSided(40, 10), 2.2808577430857535e-12)
    close(tTwoSided(1.96, 1000), 0.050273184955748736)
  })
})

describe("Welch's test on logs", () => {
  it('agrees with scipy.stats.ttest_ind(log head, log base, equal_var=False)', () => {
    const a = welchLog([100, 102, 98, 101, 99, 100.5], [110, 111, 108, 112, 109, 110.2])!
    close(a.t, 12.066849934742066)
    close(a.df, 9.89338373255798)
    close(a.p, 3.0686836914494137e-7)
    const b = welchLog([5.1, 5.3, 4.9, 5.0, 5.2], [5.15, 5.6, 5.0, 5.4, 5.3, 5.25, 5.8])!
    close(b.t, 2.06078523754606)
    close(b.df, 9.886953073973887)
    close(b.p, 0.06661757009377821)
  })

  it('a 3× change with a 2% spread is far below 0.05 / 200: what the U test at 6 samples cannot say', () => {
    const base = [100, 102, 98, 101, 99, 100.5]
    const r = welchLog(
      base,
      base.map(x => x * 3)
    )!
    expect(r.p).toBeLessThan(0.05 / 200 / 1000)
  })

  it('needs two positive values a side; equal sides are p = 1, exactly different constant sides p = 0', () => {
    expect(welchLog([1], [1, 2])).toBeNull()
    expect(welchLog([0, 1], [1, 2])).toBeNull()
    expect(welchLog([5, 5, 5], [5, 5, 5])!.p).toBe(1)
    expect(welchLog([5, 5, 5], [6, 6, 6])!.p).toBe(0)
  })

  it('a side with no spread borrows the other side’s', () => {
    const r = welchLog([10, 10, 10, 10], [10.1, 10.3, 10.2, 10.4])!
    expect(r.p).toBeGreaterThan(0)
    expect(r.p).toBeLessThan(0.05)
  })
})

describe('the smallest change a run could see', () => {
  it('t quantiles agree with scipy.stats.t.ppf', () => {
    close(tQuantileTwoSided(0.05 / 200, 7.3), 6.6154119629496675)
    close(tQuantileTwoSided(2 * (1 - 0.8), 7.3), 0.8936713571802273)
    close(tQuantileTwoSided(0.05, 10), 2.228138851986274)
  })

  it('is exp((t(1−α/2m) + t(0.8)) · se) − 1, as SciPy computes it for 12 benchmarks', () => {
    const base = [100, 102, 98, 101, 99, 100.5]
    const head = [103, 99, 104, 100, 102, 101]
    close(detectableChange(base, head, 0.05 / 12)!, 4.515368626789118)
  })

  it('grows with the spread and shrinks with more samples', () => {
    const tight = [100, 101, 99, 100, 101, 99]
    const loose = [100, 110, 90, 105, 95, 100]
    expect(detectableChange(loose, loose, 0.05)!).toBeGreaterThan(
      detectableChange(tight, tight, 0.05)!
    )
    expect(detectableChange([...loose, ...loose], [...loose, ...loose], 0.05)!).toBeLessThan(
      detectableChange(loose, loose, 0.05)!
    )
    expect(detectableChange([5, 5], [5, 5], 0.05)).toBe(0)
    expect(detectableChange([5], [5, 6], 0.05)).toBeNull()
  })
})
