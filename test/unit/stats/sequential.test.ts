/**
 * The anytime-valid test of paired rounds (src/stats/sequential.ts): its
 * false-alarm rate under the null by simulation, however often it is
 * looked at; its power against the fixed design; the confidence sequence
 * against the t interval it must contain; and the arithmetic by hand.
 */
import { describe, expect, it } from 'vitest'
import {
  anytimeP,
  confidenceAt,
  confidenceSequence,
  logMixture,
  logRatios
} from '../../../src/stats/sequential.js'
import { wilcoxonSignedRank } from '../../../src/stats/wilcoxon.js'
import { rng } from '../../helpers/rng.js'

/** Standard normal draws (Box–Muller). */
function normals(next: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
}

/** Rounds of log ratios: mean mu, spread sigma; `tails` mixes in a 3× wider round 10% of the time. */
function rounds(
  z: () => number,
  u: () => number,
  n: number,
  mu: number,
  sigma: number,
  tails = false
): number[] {
  return Array.from({ length: n }, () => mu + sigma * z() * (tails && u() < 0.1 ? 3 : 1))
}

/** How many of `trials` simulated runs the test rejects at α by the time they stop (looks at every round). */
function rejections(
  trials: number,
  n: number,
  mu: number,
  sigma: number,
  alpha: number,
  seed: number,
  tails = false
): number {
  const u = rng(seed)
  const z = normals(u)
  let hits = 0
  for (let t = 0; t < trials; t++) if (anytimeP(rounds(z, u, n, mu, sigma, tails)) <= alpha) hits++
  return hits
}

describe('the mixture martingale', () => {
  it('is 1 with nothing to go on: one round, or rounds all equal to μ0', () => {
    expect(logMixture([0.3])).toBe(0)
    expect(logMixture([0, 0, 0])).toBe(0)
  })

  it('matches the formula worked by hand: x = (1, 1), c = 1', () => {
    // S = 2, V = 2, n = 2: sqrt(1/3) · (2 / (2 − 4/3))^1 = sqrt(1/3) · 3 = sqrt(3).
    expect(Math.exp(logMixture([1, 1], 0, 1))).toBeCloseTo(Math.sqrt(3), 12)
  })

  it('reaches at most ((n + c)/c)^((n − 1)/2): no p below 0.05 before 4 rounds at c = 0.5', () => {
    // Every round equal and non-zero is the most evidence n rounds can hold.
    for (const n of [2, 3, 4, 5, 6, 8]) {
      const bound = ((n + 0.5) / 0.5) ** ((n - 1) / 2)
      expect(Math.exp(logMixture(Array(n).fill(0.2), 0, 0.5))).toBeCloseTo(bound, 6)
    }
    expect(anytimeP(Array(3).fill(0.2), 0.5)).toBeCloseTo(1 / 7, 12)
    expect(anytimeP(Array(4).fill(0.2), 0.5)).toBeCloseTo(1 / 27, 12)
  })
})

describe('under the null, by simulation over every look', () => {
  // 4,000 runs of 60 rounds, each looked at after every round: the chance
  // that any look rejects. A fixed-sample test looked at this often
  // rejects in about a third of them (shown below).
  const trials = 4000
  const alpha = 0.05
  // Three standard errors of a binomial(4000, 0.05) above α.
  const ceiling = trials * alpha + 3 * Math.sqrt(trials * alpha * (1 - alpha))

  it('false alarms stay at most α with Gaussian rounds', () => {
    const hits = rejections(trials, 60, 0, 0.02, alpha, 1)
    expect(hits).toBeLessThanOrEqual(ceiling)
    // Not vacuous: the test does reject under the alternative.
    expect(rejections(200, 60, 0.02, 0.02, alpha, 2)).toBeGreaterThan(180)
  })

  it('false alarms stay at most α with heavy-tailed rounds (a 3× wider round one time in ten)', () => {
    expect(rejections(trials, 60, 0, 0.02, alpha, 3, true)).toBeLessThanOrEqual(ceiling)
  })

  it('the signed-rank test, looked at after every round from 6 on, does not: the reason for the mixture', () => {
    const u = rng(4)
    const z = normals(u)
    let hits = 0
    for (let t = 0; t < 300; t++) {
      const xs = rounds(z, u, 30, 0, 0.02)
      for (let n = 6; n <= 30; n++)
        if (
          wilcoxonSignedRank(
            xs.slice(0, n).map(() => 1),
            xs.slice(0, n).map(x => Math.exp(x))
          ).p <= alpha
        ) {
          hits++
          break
        }
    }
    expect(hits / 300).toBeGreaterThan(2 * alpha)
  })
})

describe('power against the fixed design', () => {
  it('a 5% regression at a 2% spread: decided by 10 rounds nearly always, as the fixed 20-round test is', () => {
    const mu = Math.log(1.05)
    const hits = rejections(500, 10, mu, 0.02, 0.05, 5)
    expect(hits / 500).toBeGreaterThan(0.95)
  })

  it('a 50% regression is decided after 6 rounds even with four suspects sharing α', () => {
    const xs = rounds(normals(rng(6)), rng(7), 6, Math.log(1.5), 0.02)
    expect(anytimeP(xs)).toBeLessThan(0.05 / 4)
  })
})

describe('the confidence sequence', () => {
  it('contains the mean and is wider than the fixed-n t interval it replaces', () => {
    const xs = [0.05, 0.06, 0.04, 0.055, 0.045, 0.05, 0.052, 0.048]
    const ci = confidenceAt(xs, 0.05)
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1))
    const tHalf = (2.365 * sd) / Math.sqrt(xs.length) // t(0.975, 7)
    expect(ci.lo).toBeLessThan(mean - tHalf)
    expect(ci.hi).toBeGreaterThan(mean + tHalf)
    expect(ci.lo).toBeGreaterThan(0)
  })

  it('is the set where the martingale stays below 1/α', () => {
    const xs = [0.05, 0.01, 0.04, 0.03, 0.06, 0.02]
    const ci = confidenceAt(xs, 0.05)
    expect(Math.exp(logMixture(xs, ci.hi - 1e-9))).toBeLessThan(20)
    expect(Math.exp(logMixture(xs, ci.hi + 1e-6))).toBeGreaterThan(20)
    expect(Math.exp(logMixture(xs, ci.lo - 1e-6))).toBeGreaterThan(20)
  })

  it('covers the true mean at every look in at least 1 − α of runs', () => {
    const u = rng(8)
    const z = normals(u)
    let missed = 0
    for (let t = 0; t < 2000; t++) {
      const xs = rounds(z, u, 40, 0.03, 0.02)
      const ci = confidenceSequence(xs, 0.05)
      if (!(ci.lo <= 0.03 && 0.03 <= ci.hi)) missed++
    }
    expect(missed / 2000).toBeLessThanOrEqual(0.05)
  })

  it('is unbounded with fewer than 2 rounds', () => {
    expect(confidenceAt([0.1], 0.05)).toEqual({ lo: -Infinity, hi: Infinity })
  })
})

describe('log ratios', () => {
  it('pairs rounds, and refuses rounds that do not pair', () => {
    expect(logRatios([100, 200], [110, 200])).toEqual([Math.log(1.1), 0])
    expect(logRatios([100], [110, 120])).toBeNull()
    expect(logRatios([0, 1], [1, 1])).toBeNull()
  })
})
