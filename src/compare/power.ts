/**
 * What a comparison could see: the smallest slowdown each screen row could
 * have shown, the benchmarks too noisy for the threshold, and when the
 * test's p floor and Holm together make every verdict impossible. Notes,
 * never verdicts (compare/verdicts.ts decides those).
 */
import type { SideBenchmark } from './input.js'
import type { BenchmarkComparison, MetricComparison } from './model.js'
import { choose } from '../stats/utest.js'
import { detectableChange } from '../stats/welch.js'
import { maxOf, minOf, own } from '../data/index.js'
import { benchmarkKey as key } from './model.js'

/**
 * Each Welch-tested time row's smallest detectable slowdown (80% power, at
 * α over the m time tests: Holm's strictest step), from its own samples.
 */
export function markDetectable(
  benchmarks: readonly BenchmarkComparison[],
  m: number,
  alpha: number,
  samples: (
    key: string
  ) => [SideBenchmark['samples'] | undefined, SideBenchmark['samples'] | undefined]
): void {
  for (const b of benchmarks)
    for (const row of b.metrics) {
      if (row.kind !== 'time' || row.test !== 'welch' || row.pAdjusted === null) continue
      const [base, head] = samples(key(b))
      const d = detectableChange(
        own(base, row.unit) ?? [],
        own(head, row.unit) ?? [],
        alpha / Math.max(1, m)
      )
      if (d !== null) row.detectable = d
    }
}

/** How many benchmarks may be named in the noise note. */
const NOISY_NAMED = 10

/**
 * The benchmarks too noisy for the threshold: a pass is no proof of no
 * change for them, so the comparison says which, and what it could see.
 */
export function noiseNotes(
  benchmarks: readonly BenchmarkComparison[],
  threshold: number,
  m: number
): string[] {
  const noisy = benchmarks
    .flatMap(b =>
      b.metrics
        .filter(x => x.kind === 'time' && (x.detectable ?? 0) > threshold)
        .map(x => ({ b, d: x.detectable! }))
    )
    .sort((x, y) => y.d - x.d)
  if (noisy.length === 0) return []
  const named = noisy
    .slice(0, NOISY_NAMED)
    .map(({ b, d }) => `${b.name} (could not detect changes under ${d.toFixed(0)}%)`)
    .join(', ')
  return [
    `Too noisy on this runner to see a ${threshold}% change (80% power, Holm over ${m} benchmarks): ${named}${noisy.length > NOISY_NAMED ? `, and ${noisy.length - NOISY_NAMED} more` : ''}. A pass says nothing about changes smaller than that; raise count or benchtime, or quiet the runner.`
  ]
}

/**
 * Holm–Bonferroni multiplies the smallest p by the number of tests m, and
 * with n samples per side the U test's smallest possible p is 2 / C(2n, n).
 * When even that cannot reach alpha, say so and how many samples would.
 */
export function powerNotes(timeTests: MetricComparison[], alpha: number): string[] {
  const m = timeTests.length
  // Welch's and the sequential test's p have no floor of this kind.
  if (m === 0 || timeTests.some(t => t.test === 'welch' || t.test === 'sequential')) return []
  // The smallest p the exact test can give: for the U test with sizes n1,
  // n2 (all of one side below all of the other) 2 / C(n1 + n2, n1); for the
  // signed-rank test over n rounds (every round worse) 2 / 2^n.
  const paired = timeTests.some(t => t.test === 'wilcoxon')
  const minP = (n1: number, n2: number): number =>
    paired ? 2 / 2 ** Math.min(n1, n2) : 2 / choose(n1 + n2, n1)
  const best = minOf(timeTests.map(t => minP(t.base?.n ?? 0, t.head?.n ?? 0)))
  if (best * m < alpha) return []
  const n = maxOf(timeTests.map(t => Math.min(t.base?.n ?? 0, t.head?.n ?? 0)))
  let need = n + 1
  while (minP(need, need) * m >= alpha && need < 1000) need++
  return [
    `With ${m} time comparisons and at most ${n} ${paired ? 'paired rounds' : 'samples per side'}, no difference can be significant after Holm–Bonferroni correction (the smallest possible p is ${best.toPrecision(2)} × ${m}). Use ${paired ? 'rounds' : 'count'} ≥ ${need}, or fewer benchmarks.`
  ]
}
