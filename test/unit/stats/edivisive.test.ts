/**
 * E-Divisive means with a t test (stats/edivisive.ts), on series whose
 * truth is known: the q̂ divergence against its definition computed
 * naively, the t test against a hand-computed value, single and multiple
 * steps, and, by simulation with a fixed seed, the false change points on
 * flat noisy series and how many points after a step it is found
 * (the table docs/history.md records; bench/change-points.mjs prints it).
 */
import { describe, expect, it } from 'vitest'
import { bestSplit, changePoints, segmentTest } from '../../../src/stats/edivisive.js'
import { rng } from '../../helpers/rng.js'

/** A standard normal draw (Box–Muller). */
function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
}

/** `n` points around 100 with relative noise `sigma`, `step` (a fraction) from index `at` on. */
function series(r: () => number, n: number, sigma: number, at = n, step = 0): number[] {
  return Array.from(
    { length: n },
    (_, i) => 100 * (i >= at ? 1 + step : 1) * (1 + sigma * gauss(r))
  )
}

/** q̂ of a split by its definition (Matteson and James, α = 1), in O(m²) per split. */
function naiveQ(xs: number[], t: number): number {
  const X = xs.slice(0, t)
  const Y = xs.slice(t)
  const mean = (f: (a: number, b: number) => number, A: number[], B: number[], same: boolean) => {
    let s = 0
    let n = 0
    for (let i = 0; i < A.length; i++)
      for (let j = same ? i + 1 : 0; j < B.length; j++) {
        s += f(A[i], B[j])
        n++
      }
    return n === 0 ? 0 : s / n
  }
  const d = (a: number, b: number) => Math.abs(a - b)
  const e = 2 * mean(d, X, Y, false) - mean(d, X, X, true) - mean(d, Y, Y, true)
  return ((X.length * Y.length) / xs.length) * e
}

describe('the pieces', () => {
  it('finds the split of largest q̂, equal to the definition computed naively', () => {
    const xs = series(rng(1), 30, 0.02, 18, 0.1)
    const best = bestSplit(xs, 0, xs.length)!
    const naive = Array.from({ length: xs.length - 1 }, (_, k) => naiveQ(xs, k + 1))
    const argmax = naive.indexOf(Math.max(...naive)) + 1
    expect(best.index).toBe(argmax)
    expect(best.q).toBeCloseTo(naive[argmax - 1], 9)
    expect(best.index).toBe(18)
  })

  it('tests two segments with Student’s t (pooled): a hand-computed case', () => {
    // [1, 2, 3] against [4, 5, 6]: means 2 and 5, pooled variance 1, t = 3/√(2/3) = 3.674,
    // df 4: two-sided p = 0.02131.
    const r = segmentTest([1, 2, 3, 4, 5, 6], 0, 3, 6)
    expect(r.before).toBe(2)
    expect(r.after).toBe(5)
    expect(r.p).toBeCloseTo(0.02131, 4)
    expect(r.magnitude).toBeCloseTo(1.5, 9)
  })
})

describe('change points', () => {
  it('finds one step of 10% at 2% noise, at its index', () => {
    const cps = changePoints(series(rng(2), 80, 0.02, 50, 0.1))
    expect(cps.map(c => c.index)).toEqual([50])
    expect(cps[0].after / cps[0].before - 1).toBeCloseTo(0.1, 1)
    expect(cps[0].p).toBeLessThan(0.001)
  })

  it('finds several steps, up and down, across windows', () => {
    const r = rng(3)
    const xs = [
      ...series(r, 40, 0.02),
      ...series(r, 40, 0.02).map(x => x * 1.2),
      ...series(r, 60, 0.02).map(x => x * 0.9),
      ...series(r, 40, 0.02).map(x => x * 1.15)
    ]
    const found = changePoints(xs).map(c => c.index)
    expect(found).toEqual([40, 80, 140])
  })

  it('keeps only steps of at least minMagnitude', () => {
    const r = rng(4)
    const xs = [...series(r, 50, 0.005), ...series(r, 50, 0.005).map(x => x * 1.03)]
    expect(changePoints(xs).map(c => c.index)).toEqual([50])
    expect(changePoints(xs, { minMagnitude: 0.05 })).toEqual([])
  })

  /** Flat series: the share with any change point. */
  function falseRate(sigma: number, n: number, trials: number, seed: number): number {
    const r = rng(seed)
    let hit = 0
    for (let t = 0; t < trials; t++) if (changePoints(series(r, n, sigma)).length > 0) hit++
    return hit / trials
  }

  it('rarely finds a change point in a flat noisy series, and as rarely at any noise level', () => {
    // 300 flat series of 100 points each. The t test's p is not corrected
    // for the search over splits (nor is Otava's): about 5% of such series
    // get one, whatever σ (the test is scale-free).
    const at2 = falseRate(0.02, 100, 300, 5)
    const at5 = falseRate(0.05, 100, 300, 5)
    expect(at2).toBeLessThan(0.1)
    expect(at5).toBe(at2)
  })

  /**
   * Points after a step of `step` (after 40 flat points) until a change
   * point lands within one index of it; the median over trials, and the
   * share found within 15 points.
   */
  function delay(
    step: number,
    sigma: number,
    trials: number,
    seed: number
  ): { median: number; found: number } {
    const r = rng(seed)
    const ds: number[] = []
    for (let t = 0; t < trials; t++) {
      const xs = series(r, 55, sigma, 40, step)
      let d = Infinity
      for (let k = 1; k <= 15; k++)
        if (changePoints(xs.slice(0, 40 + k)).some(c => Math.abs(c.index - 40) <= 1)) {
          d = k
          break
        }
      ds.push(d)
    }
    ds.sort((a, b) => a - b)
    return {
      median: ds[Math.floor(ds.length / 2)],
      found: ds.filter(Number.isFinite).length / trials
    }
  }

  it('finds bigger steps sooner: 20% within a few points at 2% noise, 2% rarely at once', () => {
    const big = delay(0.2, 0.02, 40, 7)
    const mid = delay(0.05, 0.02, 40, 8)
    const small = delay(0.02, 0.02, 40, 9)
    expect(big.found).toBe(1)
    expect(big.median).toBeLessThanOrEqual(3)
    expect(mid.median).toBeLessThanOrEqual(big.median + 8)
    expect(mid.median).toBeGreaterThanOrEqual(big.median)
    expect(small.median).toBeGreaterThanOrEqual(mid.median)
  })
})
