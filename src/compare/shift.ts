/**
 * The run shift: when most of a screen's benchmarks moved together, the
 * runner (or its neighbours) changed, not the code. Estimated robustly from
 * the benchmarks themselves, so the screen can nominate suspects relative
 * to it instead of calling every benchmark a suspect (docs/comparison.md, the run shift).
 *
 * Pure statistics: time deltas in, an estimate out. The judge decides what
 * the estimate changes (judge/nominate.ts).
 */
import { median } from '../stats/median.js'
import type { BenchmarkComparison, CompareOptions, Screen } from './model.js'
import { formatDelta } from './wording.js'

/** Fewer benchmarks than this say nothing about the runner: no shift is estimated. */
export const SHIFT_MIN_BENCHMARKS = 6

/**
 * Share of the benchmarks that must have moved the shift's way by at least
 * half of it: a whole run shifted, not a few benchmarks that changed.
 */
export const SHIFT_MIN_AGREEING = 2 / 3

/** What the screen saw of the head run as a whole, against the baseline. */
export interface RunShift {
  /** The head run's typical time change, in percent: the median of the benchmarks' log ratios. */
  percent: number
  /** Time metrics it was estimated from. */
  benchmarks: number
  /** How many of them moved the shift's way by at least half of it. */
  agreeing: number
  /**
   * Whether suspects were judged relative to the shift: at least
   * SHIFT_MIN_BENCHMARKS, |shift| at least the threshold (and the A/B
   * threshold), and at least SHIFT_MIN_AGREEING of them agreeing. A
   * smaller shift is within what runs minutes apart differ by; the usual
   * nomination handles it, at the cost of some confirmation time.
   */
  applied: boolean
  /**
   * Head slower: benchmarks that moved with the shift, re-measured by A/B
   * so that a real change that slows everything is not explained away.
   * Their names, and (after the A/B) how many it confirmed as regressions.
   */
  sampled?: string[]
  sampleConfirmed?: number
  /**
   * After the A/B: `runner` (the sample was not confirmed: the shift is the
   * runner's), `code` (the change slowed everything), or `unconfirmed` (the
   * A/B could not run, so the screen's verdicts stand as measured).
   */
  cause?: 'runner' | 'code' | 'unconfirmed'
}

/** A benchmark's time delta in percent, when it has one to judge (lower is better). */
export function timeDelta(b: BenchmarkComparison): number | null {
  const m = b.metrics.find(x => x.kind === 'time')
  return m && m.better === 'lower' && m.deltaPercent !== null && Number.isFinite(m.deltaPercent)
    ? m.deltaPercent
    : null
}

/** Each benchmark's time delta in percent, where it has one. */
export function timeDeltas(screen: Pick<Screen, 'benchmarks'>): number[] {
  return screen.benchmarks.map(timeDelta).filter((d): d is number => d !== null)
}

/**
 * Estimate the shift from the benchmarks' time deltas: the median log ratio
 * (a few real changes cannot move it), and how many benchmarks agree.
 * Undefined with too few benchmarks.
 */
export function estimateShift(
  deltas: number[],
  opts: Pick<CompareOptions, 'abThreshold' | 'threshold'>
): RunShift | undefined {
  const logs = deltas.filter(d => d > -100).map(d => Math.log1p(d / 100))
  if (logs.length < SHIFT_MIN_BENCHMARKS) return undefined
  const m = median(logs)
  const percent = Math.expm1(m) * 100
  const agreeing = logs.filter(
    x => Math.sign(x) === Math.sign(m) && Math.abs(x) >= Math.abs(m) / 2
  ).length
  const applied =
    m !== 0 &&
    Math.abs(percent) >= Math.max(opts.threshold, opts.abThreshold) &&
    agreeing >= Math.ceil(SHIFT_MIN_AGREEING * logs.length)
  return { percent, benchmarks: logs.length, agreeing, applied }
}

/** A delta relative to the shift: how much more this benchmark moved than the run did. */
export function relativeDelta(deltaPercent: number, shift: RunShift): number {
  return ((1 + deltaPercent / 100) / (1 + shift.percent / 100) - 1) * 100
}

/** The comment's line on what the screen saw, once the judge has decided. */
export function shiftNote(s: RunShift): string {
  const size = `about ${Math.abs(s.percent).toFixed(0)}% ${s.percent > 0 ? 'slower' : 'faster'}`
  const seen = `This runner was ${size} than the baseline's (${s.agreeing} of ${s.benchmarks} benchmarks moved together, median ${formatDelta(s.percent)})`
  if (s.cause === 'unconfirmed')
    return `${seen}. The A/B could not run, so the screen's verdicts stand as measured.`
  if (s.cause === 'code')
    return `${seen}. The A/B on this runner confirmed ${s.sampleConfirmed} of ${s.sampled!.length} benchmarks sampled from the shift as regressions: the change itself slows them, so the screen's verdicts stand for the benchmarks it did not re-measure.`
  const sample =
    s.sampled && s.sampled.length > 0
      ? ` The A/B on this runner re-measured ${s.sampled.length} benchmarks sampled from the shift and confirmed ${s.sampleConfirmed ?? 0}, so the shift is the runner's, not the change's.`
      : ''
  return `${seen}; suspects are judged relative to that.${sample}`
}
