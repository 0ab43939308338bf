/**
 * What the screen nominates for confirmation (gate confirmed), and what a
 * run shift changes about it (docs/comparison.md, the run shift).
 *
 * Without a shift, a suspect is what the screen cannot rule out (see
 * isSuspect). When most benchmarks moved together (compare/shift.ts), the
 * time of each is judged relative to that shift, so a slow runner does not
 * make every benchmark a suspect; and when the head was slower, a few
 * benchmarks that moved with the shift are re-measured too, so that a real
 * change that slows everything is confirmed before it is explained away.
 */
import {
  benchmarkKey,
  type BenchmarkComparison,
  type CompareOptions,
  type Screen
} from '../compare/model.js'
import { benchmarkVerdict, isAllocationUnit } from '../compare/verdicts.js'
import {
  estimateShift,
  relativeDelta,
  timeDelta,
  timeDeltas,
  type RunShift
} from '../compare/shift.js'

/** Benchmarks sampled from a slower run's shift, re-measured by A/B. */
export const SHIFT_SAMPLE = 3

/** The screen's nomination: the suspects (keys), and the shift it judged them by. */
export interface Nomination {
  suspects: Set<string>
  /** The benchmarks among the suspects that were sampled from the shift. */
  sampled: Set<string>
  shift?: RunShift
}

/**
 * A suspect is what the screen cannot rule out: a time regression by its
 * own verdict; a time metric that got slower by at least the A/B threshold
 * with an uncorrected p ≤ α (benchstat's call); or one that got slower by
 * at least the threshold whatever its p, since the screen's p is the part
 * drift makes least reliable. The screen only nominates; the A/B decides,
 * so a broad net costs confirmation time, not false alarms. Under an
 * applied shift, time is judged by its delta relative to the shift alone:
 * slower than the run by at least the A/B threshold (the p of a shifted
 * run says nothing about the code).
 */
function isSuspect(b: BenchmarkComparison, opts: CompareOptions, shift?: RunShift): boolean {
  // A contention regression that would gate is re-measured too, where
  // base and head take turns on one runner.
  if (b.contention?.rows.some(r => r.gates)) return true
  return b.metrics.some(m => {
    // An allocation change seen in one process per side may be one that
    // differs between any two processes (a clock-seeded rand): the A/B's
    // rounds, each its own process, decide it.
    if (isAllocationUnit(m.unit)) return m.verdict === 'regression'
    if (m.kind !== 'time') return false
    const d = m.deltaPercent
    if (shift?.applied)
      return d !== null && m.better === 'lower' && relativeDelta(d, shift) >= opts.abThreshold
    if (m.verdict === 'regression') return true
    if (d === null || m.better !== 'lower') return false
    return d >= opts.threshold || (m.significantUncorrected === true && d >= opts.abThreshold)
  })
}

/**
 * Nominate: estimate the shift, pick the suspects, and (head slower) sample
 * up to SHIFT_SAMPLE of the other benchmarks that moved most like the run,
 * closest to the shift first, by key on ties. Deterministic, so the A/B and
 * the judging after it see the same nomination.
 */
export function nominate(screen: Screen): Nomination {
  const opts = screen.options
  const shift = estimateShift(timeDeltas(screen), opts)
  const suspects = new Set<string>()
  for (const b of screen.benchmarks) if (isSuspect(b, opts, shift)) suspects.add(benchmarkKey(b))
  const sampled = new Set<string>()
  if (shift?.applied && shift.percent > 0) {
    const others = screen.benchmarks
      .filter(b => !suspects.has(benchmarkKey(b)) && timeDelta(b) !== null)
      .map(b => ({ b, key: benchmarkKey(b), off: Math.abs(relativeDelta(timeDelta(b)!, shift)) }))
      .sort((x, y) => x.off - y.off || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
      .slice(0, SHIFT_SAMPLE)
    for (const o of others) {
      sampled.add(o.key)
      suspects.add(o.key)
    }
    shift.sampled = others.map(o => o.b.name)
  }
  return { suspects, sampled, ...(shift ? { shift } : {}) }
}

/**
 * After the A/B: was the shift the runner's or the change's? The change's
 * when the A/B confirmed most of the sample as regressions.
 */
export function shiftCause(
  nom: Nomination,
  confirmedKeys: Set<string>
): { cause: 'runner' | 'code'; sampleConfirmed: number } {
  const sampleConfirmed = [...nom.sampled].filter(k => confirmedKeys.has(k)).length
  return {
    cause: nom.sampled.size > 0 && 2 * sampleConfirmed > nom.sampled.size ? 'code' : 'runner',
    sampleConfirmed
  }
}

/**
 * A benchmark the screen did not nominate because the runner's shift
 * explains its time: its time regression is no regression (marked
 * `explainedByShift`), and its verdict follows from the rest.
 */
export function explainedByShift(b: BenchmarkComparison): BenchmarkComparison {
  if (!b.metrics.some(m => m.kind === 'time' && m.verdict === 'regression')) return b
  const metrics = b.metrics.map(m =>
    m.kind === 'time' && m.verdict === 'regression'
      ? { ...m, verdict: 'unchanged' as const, explainedByShift: true as const }
      : m
  )
  const verdict = benchmarkVerdict(metrics)
  const out: BenchmarkComparison = { ...b, metrics, verdict }
  if (verdict !== 'regression' && verdict !== 'improvement') withoutBreakdown(out, true)
  return out
}

/** Drop a benchmark's function breakdown (and its headline, with `summary`), in place. */
export function withoutBreakdown(b: BenchmarkComparison, summary = false): void {
  delete b.functions
  delete b.functionStats
  delete b.functionsFrom
  if (summary) delete b.summary
}
