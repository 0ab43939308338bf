/**
 * Change points in a series (issue 31), as Apache Otava (formerly Hunter)
 * finds them (Fleming et al., ICPE 2023): E-Divisive means (Matteson and
 * James, 2014; α = 1) splits the series where the energy distance between
 * the two sides is largest, each split kept while a two-sided Student's t
 * test of the points between its neighbouring change points says the
 * means differ; it runs in overlapping windows, at a tenth of the wanted
 * p first, then the weakest change points are removed one by one
 * (recomputing their neighbours) until each has p ≤ maxP and a
 * magnitude ≥ minMagnitude.
 *
 * One deliberate difference: the t test uses the corrected (n − 1)
 * standard deviation, where Otava passes numpy's default (n) to scipy.
 */
import { tTwoSided } from './welch.js'

/** A change point: the series' index where the new segment starts, and how the segments compare. */
export interface ChangePoint {
  index: number
  /** Mean of the segment before (back to the previous change point) and after (to the next). */
  before: number
  after: number
  /** Two-sided Student's t test of the two segments. */
  p: number
  /** max(|after/before − 1|, |before/after − 1|), as Otava's change_magnitude. */
  magnitude: number
}

/** The settings of the search. */
export interface ChangePointOptions {
  /** Points per E-Divisive window (Otava's window_len). Default 50. */
  window?: number
  /** The largest p a change point may have (Otava's max_pvalue). Default 0.001. */
  maxP?: number
  /** The smallest magnitude a change point may have (Otava's min_magnitude). Default 0. */
  minMagnitude?: number
}

/** Defaults, as Otava's compute_change_points. */
export const CHANGE_POINT_DEFAULTS = { window: 50, maxP: 0.001, minMagnitude: 0 }

const mean = (xs: readonly number[], a: number, b: number): number => {
  let s = 0
  for (let i = a; i < b; i++) s += xs[i]
  return s / (b - a)
}

/** Student's two-sample t test (pooled variance) of xs[a, i) against xs[i, b); p 1 with under 3 points. */
export function segmentTest(
  xs: readonly number[],
  a: number,
  i: number,
  b: number
): Omit<ChangePoint, 'index'> {
  const nl = i - a
  const nr = b - i
  const before = mean(xs, a, i)
  const after = mean(xs, i, b)
  const magnitude =
    before === 0 || after === 0
      ? before === after
        ? 0
        : Infinity
      : Math.max(Math.abs(after / before - 1), Math.abs(before / after - 1))
  const df = nl + nr - 2
  if (nl < 1 || nr < 1 || df < 1) return { before, after, p: 1, magnitude }
  let ss = 0
  for (let k = a; k < i; k++) ss += (xs[k] - before) ** 2
  for (let k = i; k < b; k++) ss += (xs[k] - after) ** 2
  const se = Math.sqrt((ss / df) * (1 / nl + 1 / nr))
  const p = se === 0 ? (before === after ? 1 : 0) : tTwoSided((after - before) / se, df)
  return { before, after, p, magnitude }
}

/**
 * The split of xs[a, b) with the largest q̂ (Matteson and James's
 * divergence, α = 1), in O(m²): the pairwise distances once, then the
 * three sums moved one point at a time. Undefined under 2 points.
 */
export function bestSplit(
  xs: readonly number[],
  a: number,
  b: number
): { index: number; q: number } | undefined {
  const m = b - a
  if (m < 2) return undefined
  const rowBefore = new Float64Array(m)
  const rowAfter = new Float64Array(m)
  let total = 0
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      const d = Math.abs(xs[a + i] - xs[a + j])
      rowAfter[i] += d
      rowBefore[j] += d
      total += d
    }
  let cross = 0
  let left = 0
  let right = total
  let best: { index: number; q: number } | undefined
  for (let t = 1; t < m; t++) {
    // Point t − 1 moves from the right side to the left.
    const k = t - 1
    cross += rowAfter[k] - rowBefore[k]
    left += rowBefore[k]
    right -= rowAfter[k]
    const nl = t
    const nr = m - t
    const within = (sum: number, n: number) => (n < 2 ? 0 : (2 * sum) / (n * (n - 1)))
    const e = (2 * cross) / (nl * nr) - within(left, nl) - within(right, nr)
    const q = ((nl * nr) / m) * e
    if (!best || q > best.q) best = { index: a + t, q }
  }
  return best
}

/**
 * E-Divisive on xs[a, b): split at the best q̂ of any segment while the
 * t test of that split (between its neighbouring change points) has
 * p ≤ maxP. Returns the change points' indexes, sorted.
 */
function eDivisive(xs: readonly number[], a: number, b: number, maxP: number): number[] {
  const found: number[] = []
  for (;;) {
    const bounds = [a, ...found, b]
    let best: { index: number; q: number } | undefined
    for (let s = 0; s + 1 < bounds.length; s++) {
      const c = bestSplit(xs, bounds[s], bounds[s + 1])
      if (c && (!best || c.q > best.q)) best = c
    }
    if (!best) return found
    const lo = [...bounds].reverse().find(x => x < best.index)!
    const hi = bounds.find(x => x > best.index)!
    if (segmentTest(xs, lo, best.index, hi).p > maxP) return found
    found.push(best.index)
    found.sort((x, y) => x - y)
  }
}

/** Each index's test between its neighbours among `indexes` (sorted) and the ends. */
function tested(xs: readonly number[], indexes: readonly number[]): ChangePoint[] {
  const ends = [0, ...indexes, xs.length]
  return indexes.map((index, k) => ({ index, ...segmentTest(xs, ends[k], index, ends[k + 2]) }))
}

/**
 * The change points of a series, as Otava's compute_change_points: weak
 * ones from E-Divisive in overlapping windows (half a window apart) at a
 * looser p, then the weakest removed until all pass maxP and minMagnitude.
 */
export function changePoints(xs: readonly number[], o: ChangePointOptions = {}): ChangePoint[] {
  const { window, maxP, minMagnitude } = { ...CHANGE_POINT_DEFAULTS, ...o }
  const w = Math.max(2, Math.floor(window))
  const firstP = maxP < 0.05 ? maxP * 10 : maxP < 0.5 ? maxP * 2 : maxP
  const step = Math.max(1, Math.floor(w / 2))
  const indexes = new Set<number>()
  for (let start = 0; start < xs.length;) {
    const end = Math.min(start + w, xs.length)
    const found = eDivisive(xs, start, end, firstP)
    for (const i of found) indexes.add(i)
    start = Math.max(found.length > 0 ? found[found.length - 1] : 0, start + step)
  }
  return merge(
    xs,
    [...indexes].sort((x, y) => x - y),
    maxP,
    minMagnitude
  )
}

/** Otava's merge: drop the weakest change point (worst p, else smallest magnitude) until all pass. */
function merge(
  xs: readonly number[],
  start: number[],
  maxP: number,
  minMagnitude: number
): ChangePoint[] {
  let cps = tested(xs, start)
  while (cps.length > 0) {
    let weakest = cps.reduce((w, c) => (c.p > w.p ? c : w))
    if (weakest.p < maxP) {
      weakest = cps.reduce((w, c) => (c.magnitude < w.magnitude ? c : w))
      if (weakest.magnitude > minMagnitude) return cps
    }
    cps = tested(
      xs,
      cps.filter(c => c !== weakest).map(c => c.index)
    )
  }
  return cps
}
