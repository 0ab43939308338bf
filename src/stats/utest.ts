/**
 * The two-sided Mann-Whitney U test, computed the way benchstat does
 * (golang.org/x/perf/benchmath AssumeNothing → go-moremath
 * stats.MannWhitneyUTest), so p-values agree:
 *
 * - exact distribution when both samples have ≤ 50 values and no ties, or
 *   ≤ 25 values with ties (the tie-aware exact distribution);
 * - otherwise the normal approximation with tie and continuity correction;
 * - when every value is equal the test is meaningless and p = 1, as
 *   benchstat reports it.
 */
import { normalCDF } from './normal.js'

/** Up to this many values per side without ties, the U test's p is exact. */
export const EXACT_LIMIT = 50
/** With ties, the exact distribution is used up to this size. */
export const EXACT_LIMIT_TIES = 25

/** The U statistic and its two-sided p. */
export interface UTestResult {
  /** Two-sided p-value. */
  p: number
  /** U statistic of the first sample. */
  u: number
  n1: number
  n2: number
  method: 'exact' | 'normal' | 'all-equal'
}

/** Two-sided Mann-Whitney U test of x1 against x2. */
export function mannWhitneyU(x1: readonly number[], x2: readonly number[]): UTestResult {
  const n1 = x1.length
  const n2 = x2.length
  if (n1 === 0 || n2 === 0) throw new RangeError('the U test needs at least one value per side')
  // Merge, remembering which side each value came from.
  const merged = [...x1.map(v => [v, 1] as const), ...x2.map(v => [v, 2] as const)].sort(
    (a, b) => a[0] - b[0] || a[1] - b[1]
  )
  let r1 = 0
  const ties: number[] = []
  let hasTies = false
  for (let i = 0; i < merged.length;) {
    const start = i
    const v = merged[i][0]
    let in1 = 0
    for (; i < merged.length && merged[i][0] === v; i++) if (merged[i][1] === 1) in1++
    // Tied values share the average of their ranks (1-based).
    r1 += ((start + 1 + i) / 2) * in1
    ties.push(i - start)
    if (i - start > 1) hasTies = true
  }
  const u1 = r1 - (n1 * (n1 + 1)) / 2
  const u2 = n1 * n2 - u1
  const uSmall = Math.min(u1, u2)

  const exact = hasTies
    ? n1 <= EXACT_LIMIT_TIES && n2 <= EXACT_LIMIT_TIES
    : n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT
  if (exact) {
    if (ties.length === 1) return { p: 1, u: u1, n1, n2, method: 'all-equal' }
    // The discrete distribution is symmetric about U1 = U2; doubling its CDF
    // there would count the mass at that point twice.
    const p = u1 === u2 ? 1 : Math.min(1, 2 * exactCDF(uSmall, n1, ties))
    return { p, u: u1, n1, n2, method: 'exact' }
  }
  const t = ties.reduce((s, k) => s + k * k * k - k, 0)
  const N = n1 + n2
  const mu = (n1 * n2) / 2
  const sigma = Math.sqrt((n1 * n2 * (N + 1 - t / (N * (N - 1)))) / 12)
  if (sigma === 0) return { p: 1, u: u1, n1, n2, method: 'all-equal' }
  let numer = u1 - mu
  numer -= Math.sign(numer) * 0.5 // continuity correction
  const z = numer / sigma
  const p = 2 * Math.min(normalCDF(z), 1 - normalCDF(z))
  return { p, u: u1, n1, n2, method: 'normal' }
}

/**
 * P(U1 ≤ u) under the null hypothesis, given the tie groups in ascending
 * order. Equivalent to go-moremath's UDist.CDF (Cheung & Klotz's recursion),
 * computed as a dynamic program: choosing r of the t values of a tie group
 * for sample 1 adds r times the group's average rank to R1, in C(t, r)
 * ways. States are (values taken, 2·R1), which is always an integer, so
 * they fit a dense array.
 */
function exactCDF(u: number, n1: number, ties: readonly number[]): number {
  const dist = distribution(n1, ties)
  // U1 ≤ u  ⇔  2·R1 ≤ 2u + n1(n1+1); compare on the doubled integer scale
  // as go-moremath does (int(2·U)).
  const limit = Math.floor(2 * u) + n1 * (n1 + 1)
  // The last index whose 2·R1 ≤ limit, by binary search.
  let lo = 0
  let hi = dist.twoR.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (dist.twoR[mid] <= limit) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 0 : dist.cumulative[lo - 1] / dist.total
}

/** The null distribution of 2·R1 for one shape: sorted values and cumulative counts. */
interface Distribution {
  twoR: Float64Array
  cumulative: Float64Array
  total: number
}

/**
 * Distributions by shape (n1 and the tie groups). Comparing thousands of
 * benchmarks with the same count asks for the same few shapes again and
 * again, and the dynamic program is most of a comparison's cost; so each
 * shape is computed once. Bounded: it is cleared when full.
 */
const distributions = new Map<string, Distribution>()
const MAX_DISTRIBUTIONS = 4096

/** How many distributions were computed (not served from the cache): for tests that count work. */
export let distributionsComputed = 0

function distribution(n1: number, ties: readonly number[]): Distribution {
  const key = `${n1}:${ties.join(',')}`
  const cached = distributions.get(key)
  if (cached) return cached
  distributionsComputed++
  const N = ties.reduce((a, b) => a + b, 0)
  // ways[k·width + v]: the ways to choose k values of sample 1 so far with
  // 2·R1 = v. Choosing r of the t values of a tie group adds r times its
  // doubled average rank. Updated in place, k descending, as a knapsack.
  const width = n1 * (2 * N - n1 + 1) + 1 // 2·R1 is at most twice the top n1 ranks
  const ways = new Float64Array((n1 + 1) * width)
  ways[0] = 1
  let start = 0 // ranks start at start + 1
  let reach = 0 // the largest 2·R1 reached so far, by any k (rows are width long)
  for (const t of ties) {
    const twiceAvgRank = 2 * start + t + 1 // 2 × (start+1 + start+t)/2
    for (let k = Math.min(n1 - 1, start); k >= 0; k--) {
      const row = k * width
      for (let v = 0; v <= Math.min(reach, width - 1); v++) {
        const count = ways[row + v]
        if (count === 0) continue
        for (let r = 1; r <= t && k + r <= n1; r++)
          ways[(k + r) * width + v + r * twiceAvgRank] += count * choose(t, r)
      }
    }
    reach += t * twiceAvgRank
    start += t
  }
  const row = n1 * width
  const values: number[] = []
  const counts: number[] = []
  for (let v = 0; v < width; v++)
    if (ways[row + v] !== 0) {
      values.push(v)
      counts.push(ways[row + v])
    }
  const twoR = Float64Array.from(values)
  const cumulative = new Float64Array(counts.length)
  let sum = 0
  counts.forEach((count, i) => (cumulative[i] = sum += count))
  const dist = { twoR, cumulative, total: choose(N, n1) }
  if (distributions.size >= MAX_DISTRIBUTIONS) distributions.clear()
  distributions.set(key, dist)
  return dist
}

/**
 * Binomial coefficient as an exact integer-valued double (exact up to
 * 2^53; C(100, 50) ≈ 1e29 loses only low bits, harmless for ratios).
 */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0
  if (k === 0 || k === n) return 1
  k = Math.min(k, n - k)
  let c = 1
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i
  return Math.round(c)
}
