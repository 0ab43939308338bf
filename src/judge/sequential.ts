/**
 * When a confirmation's rounds stop (docs/design.md "Sequential
 * confirmation"): at each look, every suspect's paired rounds are tested
 * by the group-sequential test (stats/group-sequential.ts), Holm-corrected
 * across all the suspects as the final verdict will be. A suspect is
 * decided once its test is significant (a regression, or a change too
 * small or in the other direction to count), or once its repeated
 * confidence interval rules out a regression of the A/B threshold or more,
 * or once the rounds left up to the cap are unlikely to do either (futile:
 * it stops inconclusive). The verdict the comparison then computes from
 * the same rounds is the one the look saw, so stopping changes no
 * verdict; it only saves rounds.
 */
import type { CompareOptions } from '../compare/model.js'
import { holmAdjust } from '../stats/holm.js'
import { futile, groupSequentialP, logRatios, repeatedInterval } from '../stats/group-sequential.js'

/** Paired per-round ns/op of each benchmark so far, by key, and the iterations of each round. */
export type PairedRounds = ReadonlyMap<
  string,
  { base: readonly number[]; head: readonly number[]; iterations?: number }
>

/**
 * Seconds of benchmark time a side's rounds must hold before a confirmed
 * regression stops: at the CPU profile's 100 Hz, 50 samples, what the
 * function diff needs to rank more than its first row (compare/noise.ts
 * MIN_PROFILE_SAMPLES). A verdict needs fewer rounds than its explanation.
 */
export const EXPLAIN_SECONDS = 0.5

/**
 * The keys of the benchmarks whose rounds should go on: neither
 * significant nor ruled out. `opts` are the A/B verdict's own (abOptions):
 * its threshold is the one a regression must reach.
 */
export function undecided(
  rounds: PairedRounds,
  opts: Pick<CompareOptions, 'alpha' | 'threshold' | 'maxRounds'>
): Set<string> {
  const keys = [...rounds.keys()]
  const ratios = keys.map(k => logRatios(rounds.get(k)!.base, rounds.get(k)!.head))
  const cap = (r: readonly number[]): number => opts.maxRounds ?? r.length
  const adjusted = holmAdjust(
    ratios.map(r => (r && r.length >= 2 ? groupSequentialP(r, cap(r)) : 1))
  )
  const limit = Math.log1p(opts.threshold / 100)
  const open = new Set<string>()
  keys.forEach((k, i) => {
    const r = ratios[i]
    // Rounds that do not pair (a side without a result) cannot be tested: nothing more to learn.
    if (!r) return
    if (adjusted[i] < opts.alpha) {
      // A regression goes on until its profiles can say where: the verdict stays.
      const { head, iterations } = rounds.get(k)!
      const worse = r.reduce((a, x) => a + x, 0) / r.length >= limit
      const seconds = iterations ? (head.reduce((a, ns) => a + ns, 0) * iterations) / 1e9 : Infinity
      if (worse && seconds < EXPLAIN_SECONDS) open.add(k)
      return
    }
    if (repeatedInterval(r, opts.alpha, cap(r)).hi < limit) return
    // Neither outcome within reach of the rounds left: stop, inconclusive.
    if (futile(r, opts.alpha, cap(r), limit)) return
    open.add(k)
  })
  return open
}

/**
 * The A/B runner's stop rule for a comparison judged with `opts`: each
 * benchmark stops once decided, under the sequential test; none under a
 * fixed-sample one (`--test utest`), whose rounds must all run.
 */
export function stopRule(
  opts: Pick<CompareOptions, 'alpha' | 'threshold' | 'test' | 'maxRounds'>
): ((rounds: PairedRounds) => Set<string>) | undefined {
  return opts.test === 'sequential' ? rounds => undecided(rounds, opts) : undefined
}
