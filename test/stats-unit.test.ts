/** Statistics helpers against textbook values computed by hand. */
import { describe, expect, it } from 'vitest'
import { medianCI } from '../src/stats/ci.js'
import { holmAdjust } from '../src/stats/holm.js'
import { median } from '../src/stats/median.js'
import { mannWhitneyU } from '../src/stats/utest.js'

describe('Mann-Whitney U', () => {
  it('complete separation, 5 vs 5: p = 2/C(10,5) = 2/252', () => {
    expect(mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).p).toBeCloseTo(2 / 252, 15)
  })
  it('complete separation, 4 vs 4 is the smallest p n=4 allows: 2/70 < 0.05', () => {
    expect(mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8]).p).toBeCloseTo(2 / 70, 15)
  })
  it('3 vs 3 can never reach 0.05: 2/20', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6]).p).toBeCloseTo(0.1, 15)
  })
  it('all values equal: p = 1', () => {
    expect(mannWhitneyU([5, 5, 5, 5], [5, 5, 5, 5])).toMatchObject({ p: 1, method: 'all-equal' })
  })
  it('uses the normal approximation above 50 values and agrees with the exact test nearby', () => {
    const a = Array.from({ length: 51 }, (_, i) => i)
    const b = a.map(x => x + 10.5)
    const r = mannWhitneyU(a, b)
    expect(r.method).toBe('normal')
    expect(r.p).toBeGreaterThan(0)
    expect(r.p).toBeLessThan(0.05)
  })
})

describe('median and its CI', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
  it('needs 6 values for a 95% CI; with 6 it is [min, max] (coverage 1 - 2/64)', () => {
    expect(medianCI([1, 2, 3, 4, 5])).toBeUndefined()
    const ci = medianCI([6, 1, 5, 2, 4, 3])!
    expect([ci.lo, ci.hi]).toEqual([1, 6])
    expect(ci.confidence).toBeCloseTo(1 - 2 / 64, 12)
  })
})

describe('Holm–Bonferroni', () => {
  it('multiplies the i-th smallest p by (m - i) and keeps the order monotone', () => {
    // m = 4: 0.01·4 = 0.04, 0.02·3 = 0.06, 0.03·2 = 0.06 (monotone), 0.5·1 = 0.5
    expect(holmAdjust([0.5, 0.01, 0.03, 0.02])).toEqual([0.5, 0.04, 0.06, 0.06])
  })
  it('caps at 1', () => {
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1])
  })
})

import { signedRank, wilcoxonSignedRank } from '../src/stats/wilcoxon.js'

describe('Wilcoxon signed-rank', () => {
  it('all n differences positive: p = 2 / 2^n (the most extreme of 2^n sign patterns, both tails)', () => {
    expect(signedRank([1, 2, 3, 4, 5, 6]).p).toBeCloseTo(2 / 64, 15)
    expect(signedRank([0.5, 0.1, 0.3, 0.2, 0.4, 0.6, 0.7, 0.8]).p).toBeCloseTo(2 / 256, 15)
  })

  it('a hand-counted case: d = [1, -2, 3, 4], W+ = 8; P(W+ >= 8) = 3/16, two-sided 6/16', () => {
    // Sign patterns over ranks {1,2,3,4} with W+ >= 8: {1,3,4}=8, {2,3,4}=9, {1,2,3,4}=10.
    expect(signedRank([1, -2, 3, 4])).toMatchObject({ wPlus: 8, n: 4, method: 'exact' })
    expect(signedRank([1, -2, 3, 4]).p).toBeCloseTo(6 / 16, 15)
  })

  it('drops zero differences and is symmetric in direction', () => {
    expect(signedRank([0, 0, 1, 2, 3]).n).toBe(3)
    expect(signedRank([1, -2, 3, 4]).p).toBe(signedRank([-1, 2, -3, -4]).p)
  })

  it('pairs on the log ratio: a constant 10% slowdown in every round is detected with 6 rounds', () => {
    const base = [100, 120, 90, 110, 105, 95]
    const head = base.map(x => x * 1.1)
    expect(wilcoxonSignedRank(base, head).p).toBeCloseTo(2 / 64, 15)
  })

  it('identical rounds give p = 1', () => {
    expect(wilcoxonSignedRank([1, 2, 3], [1, 2, 3])).toMatchObject({ p: 1, method: 'all-zero' })
  })
})
