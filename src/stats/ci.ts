/**
 * Confidence interval of the median from order statistics, as benchstat
 * reports it (go-moremath stats.QuantileCI with q = 0.5): the narrowest
 * symmetric-ish run of order statistics whose binomial coverage reaches
 * the confidence level. At 95% this needs at least 6 values.
 */
import { choose } from './utest.js'
import { normalCDF, normalInvCDF } from './normal.js'

/** A median with its distribution-free confidence interval. */
export interface MedianCI {
  lo: number
  hi: number
  /** Actual coverage, ≥ the requested level. */
  confidence: number
}

const APPROX_THRESHOLD = 30

/** 1-based order statistics [lo, hi) bounding the median; 0 or n+1 mean unbounded. */
export function medianOrders(
  n: number,
  confidence: number
): { lo: number; hi: number; confidence: number } {
  const pmf = (k: number): number => (k < 0 || k > n ? 0 : choose(n, k) * 0.5 ** k * 0.5 ** (n - k))
  let l: number
  let r: number
  let accum: number
  if (n <= APPROX_THRESHOLD) {
    const x = Math.ceil((n + 1) * 0.5) - 1
    accum = pmf(x)
    l = x
    r = x + 1
    let lp = pmf(l - 1)
    let rp = pmf(r)
    while (accum < confidence && (lp > 0 || rp > 0)) {
      if (lp >= rp) {
        accum += lp
        l--
        lp = pmf(l - 1)
      } else {
        accum += rp
        r++
        rp = pmf(r)
      }
    }
  } else {
    const mu = n * 0.5
    const sigma = Math.sqrt(n * 0.25)
    const l1 = normalInvCDF((1 - confidence) / 2, mu, sigma)
    const r1 = 2 * mu - l1
    l = Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1
    r = Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1
    const cover = (a: number, b: number): number =>
      normalCDF(b - 0.5, mu, sigma) - normalCDF(a - 0.5, mu, sigma)
    accum = cover(l, r)
    const biased = cover(l, r - 1)
    if (biased >= confidence && biased < accum) {
      accum = biased
      r = r - 1
    }
    if (l <= 0 && r >= n + 1) accum = 1
  }
  return { lo: Math.max(l, 0), hi: Math.min(r, n + 1), confidence: accum }
}

/** The 95% (by default) CI of the median, or undefined when it is unbounded (too few values). */
export function medianCI(values: readonly number[], confidence = 0.95): MedianCI | undefined {
  const n = values.length
  if (n < 2) return undefined
  const o = medianOrders(n, confidence)
  if (o.lo < 1 || o.hi - 1 >= n) return undefined
  const xs = [...values].sort((a, b) => a - b)
  return { lo: xs[o.lo - 1], hi: xs[o.hi - 1], confidence: o.confidence }
}
