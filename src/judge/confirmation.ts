/**
 * Confirmation's verdicts: which benchmarks the A/B re-measures (the
 * screen's suspects), and how its A/B comparison of them folds into the
 * screen. A suspect's time verdict is the A/B's; what it could not measure
 * keeps the screen's; only confirmed regressions (and, when asked, the
 * inconclusive) fail the gate.
 */
import {
  benchmarkKey,
  type BenchmarkComparison,
  type BenchmarkConfirmation,
  type Comparison,
  type ConfirmationInfo,
  type Screen
} from '../compare/model.js'
import {
  benchmarkVerdict,
  countVerdicts,
  isAllocationUnit,
  overallVerdict,
  sortBenchmarks
} from '../compare/verdicts.js'
import { IDENTICAL_REASON } from '../bundle/index.js'
import { disagreement } from '../compare/functions.js'
import { formatChange, formatDelta, formatInterval, formatP } from '../compare/wording.js'
import { gatesOnContention } from '../compare/contention.js'
import { explainedByShift, nominate, shiftCause, withoutBreakdown } from './nominate.js'
import { gateReasons, judgeScreen, recordBlocking, timeRegressed } from './judge.js'

/** Keys of the benchmarks whose A/B confirmed a time regression. */
function confirmedKeys(bs: BenchmarkComparison[]): Set<string> {
  return new Set(bs.filter(b => b.confirmation?.status === 'confirmed').map(benchmarkKey))
}

/** The benchmarks confirmation re-runs: the screen's nomination (judge/nominate.ts). */
export function suspectsOf(screen: Screen): BenchmarkComparison[] {
  const { suspects } = nominate(screen)
  return screen.benchmarks.filter(b => suspects.has(benchmarkKey(b)))
}

/**
 * The screen stands as judged: no suspects, or the A/B could not run
 * (`info.error`). A shift the screen saw is reported, and explains nothing
 * that was not re-measured.
 */
export function confirmationStands(screen: Screen, info: ConfirmationInfo): Comparison {
  const { shift } = nominate(screen)
  const said = shift?.applied && info.error ? { ...shift, cause: 'unconfirmed' as const } : shift
  return {
    ...judgeScreen(screen, 'confirmed'),
    confirmation: info,
    ...(said ? { shift: said } : {})
  }
}

/**
 * Fold an A/B comparison of the suspects into the screen: a suspect's time
 * verdict is the A/B's, its other metrics keep the screen's, and only
 * confirmed time regressions (plus exact allocation ones with failOnAlloc)
 * fail the gate.
 */
export function applyConfirmation(
  screen: Screen,
  ab: Screen,
  rounds: number,
  info: Partial<ConfirmationInfo> = {}
): Comparison {
  const measured = new Map(ab.benchmarks.map(b => [benchmarkKey(b), b]))
  // A suspect whose package the A/B left out as identical is noise by construction.
  const cleared = new Set(
    (ab.skipped ?? []).filter(s => s.reason === IDENTICAL_REASON).map(s => s.package)
  )
  const nom = nominate(screen)
  const judged = sortBenchmarks(screen.benchmarks).map(b =>
    nom.suspects.has(benchmarkKey(b))
      ? confirmed(b, measured.get(benchmarkKey(b)), rounds, ab, cleared.has(b.package))
      : b
  )
  const shift = nom.shift && {
    ...nom.shift,
    ...(nom.shift.applied ? shiftCause(nom, confirmedKeys(judged)) : {})
  }
  // The runner's shift explains what the screen did not nominate; a change
  // that slowed everything (the sample confirmed) leaves the screen's verdicts.
  // Worst first by what was decided, so the order (and the gate's reasons)
  // is the same however the comparison is judged.
  const benchmarks = sortBenchmarks(
    shift?.applied && shift.cause === 'runner'
      ? judged.map(b => (b.confirmation ? b : explainedByShift(b)))
      : judged
  )
  const counts = countVerdicts(benchmarks)
  const reasons = benchmarks.flatMap(b => {
    const c = b.confirmation
    // Not measured is never passed: the screen's reasons stand.
    if (!c || c.status === 'missing') return gateReasons(b, screen.options)
    if (c.status === 'identical') return []
    const time =
      c.status === 'confirmed'
        ? [
            `${b.name} ${c.unit} ${formatDelta(c.deltaPercent)} (p=${formatP(c.pAdjusted)}, ${c.rounds} A/B rounds on this runner)`
          ]
        : c.status === 'inconclusive' && screen.options.failOnInconclusive
          ? [
              `${b.name} ${c.unit} inconclusive after ${c.rounds} A/B rounds: ${formatInterval(c.interval)} (fail-on-inconclusive)`
            ]
          : []
    return [...time, ...gateReasons(b, screen.options, 'allocations')]
  })
  const fails = reasons.length > 0
  return {
    ...screen,
    // The time that counts: what the A/B confirmed, or, where it measured
    // nothing, the screen's; a refuted suspect's does not.
    benchmarks: benchmarks.map(b => {
      const k = b.confirmation
      const time =
        k?.status === 'confirmed' ||
        (k?.status === 'inconclusive' && screen.options.failOnInconclusive === true) ||
        ((!k || k.status === 'missing') && timeRegressed(b))
      return recordBlocking(b, fails, time)
    }),
    counts,
    verdict: overallVerdict(counts),
    gate: { fail: fails, reasons },
    gateMode: 'confirmed',
    notes: [...screen.notes, ...ab.notes.map(n => `Confirmation: ${n}`)],
    ...(shift ? { shift } : {}),
    ...(benchmarks.some(b => b.functionsFrom === 'ab') && ab.hotLines
      ? { hotLines: ab.hotLines }
      : {}),
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

/**
 * One suspect after its A/B: the A/B decides time; the other metrics keep
 * their screen verdicts. A confirmed regression is explained by the A/B
 * rounds' own profiles (same runner, interleaved: the best evidence), so
 * its breakdown exists even when the screen's verdict did not ask for one,
 * and its direction follows the time regression that decided it.
 */
function confirmed(
  b: BenchmarkComparison,
  a: BenchmarkComparison | undefined,
  rounds: number,
  ab: Screen,
  identical: boolean
): BenchmarkComparison {
  if (identical && !a) return clearedAsIdentical(b)
  const m = a?.metrics.find(x => x.kind === 'time')
  const status = !m
    ? 'missing'
    : m.verdict === 'regression'
      ? 'confirmed'
      : m.verdict === 'inconclusive'
        ? 'inconclusive'
        : 'not-confirmed'
  // Allocation verdicts are the A/B's too, where it measured them: across
  // its rounds' processes, exact only if deterministic (docs/design.md D11).
  // Its numbers come with its verdict, so a row never shows one run's Δ
  // and another's call. The screen's row stays beside it (`screen`): it was
  // one of the screen's Holm family, which re-judging forms again.
  const metrics = b.metrics.map(x => {
    const y = isAllocationUnit(x.unit) ? a?.metrics.find(z => z.unit === x.unit) : undefined
    if (!y) return x
    const { screen, ...own } = x
    void screen
    return { ...y, measuredBy: 'ab' as const, screen: own }
  })
  const others = benchmarkVerdict(metrics.filter(x => x.kind !== 'time'))
  // What the A/B could not measure it could not clear: the screen's verdict stands.
  const verdict =
    status === 'missing'
      ? b.verdict
      : status === 'confirmed' || gatesOnContention(a?.contention ?? b.contention)
        ? 'regression'
        : status === 'inconclusive'
          ? 'inconclusive'
          : others === 'too-few-samples'
            ? 'unchanged'
            : others
  const out: BenchmarkComparison = {
    ...b,
    metrics,
    // The A/B's contention rounds decide, when it ran them.
    ...(a?.contention ? { contention: { ...a.contention, measuredBy: 'ab' as const } } : {}),
    verdict,
    confirmation: {
      status,
      unit: m?.unit ?? 'ns/op',
      deltaPercent: m?.deltaPercent ?? null,
      p: m?.p ?? null,
      pAdjusted: m?.pAdjusted ?? null,
      // Each suspect's own rounds: a sequential confirmation stops each when decided.
      rounds: m?.head?.n ?? a?.confirmation?.rounds ?? rounds,
      test: m?.test ?? ab.options.test,
      ...(m?.interval ? { interval: m.interval } : {})
    }
  }
  return explained(out, b, a, status)
}

/**
 * A suspect whose test binary and package files are identical at the base
 * revision: nothing in it can have changed, so whatever the screen saw
 * (time or allocations) is the baseline's runner and hour, not the pull
 * request. Unchanged, without rounds and without a breakdown.
 */
function clearedAsIdentical(b: BenchmarkComparison): BenchmarkComparison {
  const time = b.metrics.find(x => x.kind === 'time')
  const out: BenchmarkComparison = {
    ...b,
    verdict: 'unchanged',
    confirmation: {
      status: 'identical',
      unit: time?.unit ?? 'ns/op',
      deltaPercent: null,
      p: null,
      pAdjusted: null,
      rounds: 0,
      test: time?.test ?? 'utest'
    }
  }
  withoutBreakdown(out, true)
  return out
}

/**
 * A suspect's breakdown after its A/B: a confirmed regression's comes from
 * the A/B rounds' profiles, headed by the A/B's numbers and what the screen
 * saw; a benchmark that is no longer a change has none.
 */
function explained(
  out: BenchmarkComparison,
  b: BenchmarkComparison,
  a: BenchmarkComparison | undefined,
  status: BenchmarkConfirmation['status']
): BenchmarkComparison {
  const { verdict } = out
  if (status === 'confirmed' && a) {
    const m = a.metrics.find(x => x.kind === 'time')!
    const disagree = disagreement({ ...b, verdict }, undefined).replace(
      /^; but /,
      '; the screen saw '
    )
    out.summary = `${a.summary ?? `${b.name} ${m.unit} ${formatChange(m)}`}, confirmed by A/B on this runner${disagree}`
    if (a.functions) {
      out.functions = a.functions
      out.functionsFrom = 'ab'
      if (a.functionStats) out.functionStats = a.functionStats
      else delete out.functionStats
    } else withoutBreakdown(out)
  } else if (
    status !== 'missing' &&
    verdict !== 'regression' &&
    verdict !== 'improvement' &&
    verdict !== 'inconclusive'
  ) {
    // No longer a changed benchmark: no breakdown, no headline of a change.
    withoutBreakdown(out, true)
  }
  return out
}
