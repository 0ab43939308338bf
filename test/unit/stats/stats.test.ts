/** Statistics helpers against textbook values computed by hand. */
import { describe, expect, it } from 'vitest'
import { medianCI } from '../../../src/stats/ci.js'
import { holmAdjust } from '../../../src/stats/holm.js'
import { median } from '../../../src/stats/median.js'
import { mannWhitneyU } from '../../../src/stats/utest.js'

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

import { signedRank, wilcoxonSignedRank } from '../../../src/stats/wilcoxon.js'

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

describe('the exact U distribution is computed once per shape', () => {
  it('500 comparisons of 16 against 16 values (no ties) compute it at most once', async () => {
    const utest = await import('../../../src/stats/utest.js')
    const before = utest.distributionsComputed
    let seed = 7
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 1000
    for (let i = 0; i < 500; i++) {
      const a = Array.from({ length: 16 }, rand)
      const b = Array.from({ length: 16 }, () => rand() + 3)
      expect(utest.mannWhitneyU(a, b).method).toBe('exact')
    }
    expect(utest.distributionsComputed - before).toBeLessThanOrEqual(1)
  })
})

describe('the exact U test with ties, against brute force', () => {
  // benchstat's definition (go-moremath MannWhitneyUTest): p = 2·P(U1 ≤ min(U1, U2))
  // under the null, capped at 1, and 1 when U1 = U2; here P is counted over
  // every split of the pooled values, with ties worth one half.
  it('property: p equals twice the share of splits with U1 at most the smaller U', async () => {
    const { mannWhitneyU } = await import('../../../src/stats/utest.js')
    const fc = (await import('fast-check')).default
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 7 }),
        (x, y) => {
          const all = [...x, ...y]
          if (new Set(all).size === 1) return
          const u = (a: number[], b: number[]): number =>
            a.reduce((s, v) => s + b.reduce((t, w) => t + (v > w ? 1 : v === w ? 0.5 : 0), 0), 0)
          const u1 = u(x, y)
          const u2 = x.length * y.length - u1
          const small = Math.min(u1, u2)
          let below = 0
          let total = 0
          const n = all.length
          for (let mask = 0; mask < 1 << n; mask++) {
            let bits = 0
            for (let i = 0; i < n; i++) if (mask & (1 << i)) bits++
            if (bits !== x.length) continue
            const a = all.filter((_, i) => mask & (1 << i))
            const b = all.filter((_, i) => !(mask & (1 << i)))
            total++
            if (u(a, b) <= small + 1e-9) below++
          }
          const expected = u1 === u2 ? 1 : Math.min(1, (2 * below) / total)
          const r = mannWhitneyU(x, y)
          expect(r.method).toBe('exact')
          expect(r.p).toBeCloseTo(expected, 10)
        }
      ),
      { numRuns: 300 }
    )
  })
})
