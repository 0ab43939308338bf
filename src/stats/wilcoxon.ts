/**
 * The Wilcoxon signed-rank test for paired samples (Wilcoxon 1945), for
 * interleaved A/B rounds: round i gives the pair (base_i, head_i), and the
 * test asks whether the per-round differences of log(head/base) are
 * centred on 0. Pairing removes the drift that is shared by both sides of
 * a round, which the unpaired U test cannot.
 *
 * Zero differences are dropped (Wilcoxon's convention); tied |d| share the
 * average rank. The two-sided p is exact (dynamic programming over the
 * 2^n sign assignments on doubled ranks) for n ≤ 50, else the normal
 * approximation with tie and continuity correction.
 */
import { normalCDF } from './normal.js'

/** The signed-rank statistic and its two-sided p. */
export interface WilcoxonResult {
  /** Two-sided p-value. */
  p: number
  /** Sum of the ranks of positive differences. */
  wPlus: number
  /** Non-zero differences used. */
  n: number
  method: 'exact' | 'normal' | 'all-zero'
}

/** Up to this many non-zero pairs, the signed-rank p is exact. */
export const WILCOXON_EXACT_LIMIT = 50

/** Test per-round pairs; differences are taken on the log scale (ratios). */
export function wilcoxonSignedRank(
  base: readonly number[],
  head: readonly number[]
): WilcoxonResult {
  if (base.length !== head.length) throw new RangeError('paired samples must have the same length')
  const d = base.map((b, i) => Math.log(head[i] / b)).filter(x => Number.isFinite(x) && x !== 0)
  return signedRank(d)
}

/** The signed-rank test of differences against 0. */
export function signedRank(diffs: readonly number[]): WilcoxonResult {
  const d = diffs.filter(x => x !== 0)
  const n = d.length
  if (n === 0) return { p: 1, wPlus: 0, n: 0, method: 'all-zero' }
  const order = d.map((x, i) => [Math.abs(x), i] as const).sort((a, b) => a[0] - b[0])
  // Doubled ranks keep average ranks of ties integral.
  const twiceRank = new Array<number>(n)
  const ties: number[] = []
  for (let i = 0; i < n;) {
    let j = i
    while (j < n && order[j][0] === order[i][0]) j++
    for (let k = i; k < j; k++) twiceRank[order[k][1]] = i + 1 + j // 2 × average of ranks i+1..j
    ties.push(j - i)
    i = j
  }
  const twiceWPlus = d.reduce((s, x, i) => (x > 0 ? s + twiceRank[i] : s), 0)
  const twiceTotal = n * (n + 1)
  if (n <= WILCOXON_EXACT_LIMIT) {
    // Distribution of 2·W+ over all 2^n sign assignments.
    let dist = new Map<number, number>([[0, 1]])
    for (const r of twiceRank) {
      const next = new Map<number, number>()
      for (const [w, c] of dist) {
        next.set(w, (next.get(w) ?? 0) + c)
        next.set(w + r, (next.get(w + r) ?? 0) + c)
      }
      dist = next
    }
    const total = 2 ** n
    const small = Math.min(twiceWPlus, twiceTotal - twiceWPlus)
    let tail = 0
    for (const [w, c] of dist) if (w <= small) tail += c
    return { p: Math.min(1, (2 * tail) / total), wPlus: twiceWPlus / 2, n, method: 'exact' }
  }
  const mean = (n * (n + 1)) / 4
  const tieTerm = ties.reduce((s, t) => s + t * t * t - t, 0) / 48
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm)
  const w = twiceWPlus / 2
  let z = w - mean
  z = (z - Math.sign(z) * 0.5) / sd
  return { p: Math.min(1, 2 * (1 - normalCDF(Math.abs(z)))), wPlus: w, n, method: 'normal' }
}
