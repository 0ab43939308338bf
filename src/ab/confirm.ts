/**
 * Screening, then confirmation (issue 7). The comparison against the
 * baseline artifact (made on main, on another runner, at another time)
 * screens for suspects; each suspect time regression is then re-measured
 * by interleaved A/B against the merge-base on this runner, that benchmark
 * only, and only a confirmed regression fails the gate.
 */
import {
  compare,
  benchmarkKey,
  benchmarkVerdict,
  countVerdicts,
  formatDelta,
  formatP,
  gateReasons,
  overallVerdict,
  type BenchmarkComparison,
  type CompareOptions,
  type Comparison,
  type ConfirmationInfo,
  type StatTest
} from '../compare/compare.js'
import { loadSide } from '../compare/input.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { runAb, type AbEvent, type AbSettings } from './index.js'
import { exactBenchPattern } from './select.js'

/**
 * The test for interleaved rounds. Chosen by bench/verdict-quality (see
 * docs/verdict-quality.md): the U test and the signed-rank test were run on
 * the same A/B rounds.
 */
export const AB_TEST: StatTest = 'utest'

/** Rounds of A/B per suspect, by default. */
export const CONFIRM_ROUNDS_DEFAULT = 20

/**
 * A suspect is what the screen cannot rule out: a time regression by its
 * own verdict; a time metric that got slower by at least the A/B threshold
 * with an uncorrected p ≤ α (benchstat's call); or one that got slower by
 * at least the threshold whatever its p, since the screen's p is the part
 * drift makes least reliable. The screen only nominates; the A/B decides,
 * so a broad net costs confirmation time, not false alarms.
 */
function isSuspect(b: BenchmarkComparison, opts: CompareOptions): boolean {
  return b.metrics.some(m => {
    if (m.kind !== 'time') return false
    if (m.verdict === 'regression') return true
    const d = m.deltaPercent
    if (d === null || m.better !== 'lower') return false
    return d >= opts.threshold || (m.significantUncorrected === true && d >= opts.abThreshold)
  })
}

/** The benchmarks confirmation re-runs. */
export function suspectsOf(screen: Comparison): BenchmarkComparison[] {
  return screen.benchmarks.filter(b => isSuspect(b, screen.options))
}

export type ConfirmSettings = Omit<AbSettings, 'bench' | 'packages' | 'only' | 'base'> & {
  /** The revision to re-measure against; a function is only called when there are suspects. */
  base: string | (() => Promise<{ sha: string; label: string }>)
}

/**
 * Re-measure the screen's suspects with A/B and fold the outcome into the
 * comparison. Nothing runs when there are no suspects. When the A/B cannot
 * run (say the merge-base is not in the clone), the screen's verdicts stand
 * and the error is recorded: a failure to confirm never lets a regression
 * through silently.
 */
export async function confirmSuspects(
  go: GoToolchain,
  screen: Comparison,
  s: ConfirmSettings,
  opts: CompareOptions,
  onEvent: (e: AbEvent) => void = () => {}
): Promise<Comparison> {
  const suspects = suspectsOf(screen)
  const started = Date.now()
  const info = (extra: Partial<ConfirmationInfo>): ConfirmationInfo => ({
    base: { commit: '', ref: typeof s.base === 'string' ? s.base : '' },
    rounds: s.rounds,
    test: AB_TEST,
    suspects: suspects.length,
    confirmed: 0,
    elapsedMs: Date.now() - started,
    ...extra
  })
  if (suspects.length === 0) return { ...screen, gateMode: 'confirmed', confirmation: info({}) }
  let ab: Comparison
  let label = ''
  try {
    const rev = typeof s.base === 'string' ? { sha: s.base, label: s.base } : await s.base()
    label = rev.label
    const { baseDir, headDir } = await runAb(
      go,
      {
        ...s,
        base: rev.sha,
        packages: ['./...'],
        only: new Set(suspects.map(b => b.package)),
        bench: exactBenchPattern(suspects.map(b => b.name))
      },
      onEvent
    )
    const [base, head] = await Promise.all([loadSide(baseDir), loadSide(headDir)])
    ab = compare(base, head, { ...opts, test: AB_TEST, threshold: opts.abThreshold })
  } catch (err) {
    return {
      ...screen,
      gateMode: 'confirmed',
      confirmation: info({ error: (err as Error).message })
    }
  }
  return applyConfirmation(screen, ab, s.rounds, {
    base: { commit: ab.base.commit, ref: label },
    elapsedMs: Date.now() - started
  })
}

/** Fold an A/B comparison of the suspects into the screen. Pure. */
export function applyConfirmation(
  screen: Comparison,
  ab: Comparison,
  rounds: number,
  info: Partial<ConfirmationInfo> = {}
): Comparison {
  const measured = new Map(ab.benchmarks.map(b => [benchmarkKey(b), b]))
  const benchmarks = screen.benchmarks.map(b => {
    if (!isSuspect(b, screen.options)) return b
    const a = measured.get(benchmarkKey(b))
    const m = a?.metrics.find(x => x.kind === 'time')
    const status = !m ? 'missing' : m.verdict === 'regression' ? 'confirmed' : 'not-confirmed'
    // Allocation and other metrics keep their screen verdicts.
    const others = benchmarkVerdict(b.metrics.filter(x => x.kind !== 'time'))
    const confirmed: BenchmarkComparison = {
      ...b,
      verdict:
        status === 'confirmed' ? 'regression' : others === 'too-few-samples' ? 'unchanged' : others,
      confirmation: {
        status,
        unit: m?.unit ?? 'ns/op',
        deltaPercent: m?.deltaPercent ?? null,
        pAdjusted: m?.pAdjusted ?? null,
        rounds,
        test: m?.test ?? ab.options.test
      }
    }
    return confirmed
  })
  const counts = countVerdicts(benchmarks)
  const reasons = benchmarks.flatMap(b => {
    const c = b.confirmation
    if (!c) return gateReasons(b, screen.options)
    const time =
      c.status === 'confirmed'
        ? [
            `${b.name} ${c.unit} ${formatDelta(c.deltaPercent)} (p=${formatP(c.pAdjusted)}, ${c.rounds} A/B rounds on this runner)`
          ]
        : []
    return [...time, ...gateReasons(b, screen.options, ['exact'])]
  })
  return {
    ...screen,
    benchmarks,
    counts,
    verdict: overallVerdict(counts),
    gate: { fail: reasons.length > 0, reasons },
    gateMode: 'confirmed',
    notes: [...screen.notes, ...ab.notes.map(n => `Confirmation: ${n}`)],
    confirmation: {
      base: { commit: ab.base.commit, ref: ab.base.ref },
      rounds,
      test: ab.options.test,
      suspects: benchmarks.filter(b => b.confirmation).length,
      confirmed: benchmarks.filter(b => b.confirmation?.status === 'confirmed').length,
      elapsedMs: 0,
      ...info
    }
  }
}
