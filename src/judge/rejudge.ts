/**
 * Re-judging a comparison that came from somewhere we do not trust: a
 * fork's report artifact, rebuilt by the comment job. Its verdicts, counts
 * and gate are recomputed from its numbers with our own rules, so a forged
 * `gate.fail: false` beside regressions, a time unit relabelled as noisy,
 * or a confirmation marked "not confirmed" against its own numbers cannot
 * turn the check green. What a fork can still forge is the numbers
 * themselves: it ran the benchmarks (docs/security.md).
 */
import { IDENTICAL_REASON } from '../bundle/index.js'
import {
  benchmarkKey,
  type BenchmarkComparison,
  type CompareOptions,
  type Comparison,
  type MetricComparison,
  betterDirection,
  isTimeUnit
} from '../compare/model.js'
import {
  countVerdicts,
  decideVerdicts,
  isAllocationUnit,
  overallVerdict,
  sortBenchmarks
} from '../compare/verdicts.js'
import { explain } from '../compare/functions.js'
import { SAME_TREE } from '../compare/lines.js'
import { applyContentionVerdicts, judgeContention } from '../compare/contention.js'
import { judgeScreen } from './judge.js'
import { applyConfirmation } from './confirmation.js'

/** A metric's kind and direction as its unit says, whatever the report claims. */
function trustedShape(m: MetricComparison): MetricComparison {
  // Allocation units are exact or noisy as their samples were (docs/design.md D11); a
  // fork may pick either, and neither gates without fail-on-alloc.
  const kind: MetricComparison['kind'] = isAllocationUnit(m.unit)
    ? m.kind === 'noisy'
      ? 'noisy'
      : 'exact'
    : isTimeUnit(m.unit)
      ? 'time'
      : m.kind === 'time'
        ? 'noisy'
        : m.kind
  // Whether the run shift explains a regression is the judge's call, made again here.
  const { explainedByShift, screen, ...rest } = m
  void explainedByShift
  // An A/B row keeps the screen's row it replaced, as the judge left it.
  const kept = screen && m.measuredBy === 'ab' ? { screen: trustedShape(screen) } : {}
  return { ...rest, ...kept, kind, better: betterDirection(m.unit) }
}

/**
 * Metric verdicts from the numbers: sample counts, Holm over each unit's
 * family (every benchmark given, so a merge corrects across its shards),
 * thresholds.
 */
export function metricVerdicts(
  list: readonly BenchmarkComparison[],
  opts: CompareOptions
): BenchmarkComparison[] {
  const out = list.map(b => ({ ...b, metrics: b.metrics.map(trustedShape) }))
  decideVerdicts(out, opts)
  // Contention rows: re-judged from their numbers, with our Holm and thresholds.
  judgeContention(out, opts)
  applyContentionVerdicts(out)
  return out
}

/** The screen's view of a benchmark: its confirmation is recomputed, not carried. */
function withoutConfirmation(b: BenchmarkComparison): BenchmarkComparison {
  const { confirmation, ...screen } = b
  void confirmation
  // The screen's own rows where the A/B's replaced them: what it nominated from.
  return { ...screen, metrics: b.metrics.map(m => (m.measuredBy === 'ab' && m.screen) || m) }
}

/** Recompute every verdict, the counts and the gate of an untrusted comparison. */
export function rejudge(c: Comparison): Comparison {
  return failMissingShards(judgeVerdicted(c, metricVerdicts(c.benchmarks, c.options)))
}

/**
 * A merged comparison's gate, failed by each shard that did not report
 * (docs/sharding.md): what a shard did not measure cannot pass. Applied by the
 * merge and again by every re-judge, so the comment job keeps the failure.
 */
export function failMissingShards(c: Comparison): Comparison {
  const missing = c.shards?.missing ?? []
  if (missing.length === 0) return c
  const reasons = [
    ...c.gate.reasons,
    ...missing.map(m => `shard ${m.source} did not report: ${m.reason}`)
  ]
  return { ...c, gate: { fail: true, reasons } }
}

/**
 * A suspect as its A/B measured it, rebuilt from what the comparison kept:
 * the time verdict recomputed here, the allocation rows the A/B measured,
 * and, when the A/B's profiles explained it, its function breakdown, so a
 * re-judged or merged confirmed regression still names its culprit and
 * leads with it (applyConfirmation keeps only what the A/B has).
 */
function abMeasured(
  b: BenchmarkComparison,
  time: MetricComparison,
  diffKnown: boolean
): BenchmarkComparison {
  const out: BenchmarkComparison = {
    package: b.package,
    name: b.name,
    verdict: time.verdict,
    metrics: [time, ...b.metrics.filter(m => m.measuredBy === 'ab')]
  }
  if (b.functionsFrom === 'ab' && b.functions) {
    out.functions = b.functions
    out.functionsFrom = 'ab'
    if (b.functionStats) out.functionStats = b.functionStats
  }
  if (out.verdict === 'regression') out.summary = explain(out, diffKnown)
  return out
}

/**
 * The rest of rejudge, on benchmarks whose metric verdicts are recomputed:
 * the screen's counts, then the gate, with the confirmation's own numbers
 * deciding its suspects. `confirmationP` replaces a suspect's adjusted p
 * (a merge's Holm across every shard's suspects), by benchmark key.
 */
export function judgeVerdicted(
  c: Comparison,
  benchmarks: BenchmarkComparison[],
  confirmationP?: ReadonlyMap<string, number | null>
): Comparison {
  const counts = countVerdicts(benchmarks)
  const screen = {
    ...c,
    benchmarks: benchmarks.map(withoutConfirmation),
    counts,
    verdict: overallVerdict(counts)
  }
  const confirmed = benchmarks.filter(b => b.confirmation)
  const diffKnown =
    c.hotLines !== undefined && 'between' in c.hotLines && c.hotLines.between !== SAME_TREE
  if (c.gateMode !== 'confirmed' || confirmed.length === 0) return judgeScreen(screen, c.gateMode)
  // The confirmation's own numbers decide it, as they did on the runner:
  // the A/B Δ against the A/B threshold and its Holm-adjusted p.
  const ab = {
    ...screen,
    options: { ...c.options, threshold: c.options.abThreshold },
    notes: [],
    // Cleared as identical on the runner: cleared again (judge/confirmation.ts).
    skipped: confirmed
      .filter(b => b.confirmation!.status === 'identical')
      .map(b => ({ package: b.package, reason: IDENTICAL_REASON, benchmarks: 0 })),
    benchmarks: sortBenchmarks(
      confirmed.flatMap(b => {
        const k = b.confirmation!
        // No numbers is not measured, whatever the status says: the screen's verdict stands.
        if (k.status === 'missing' || k.status === 'identical' || k.deltaPercent === null) return []
        const delta = k.deltaPercent ?? 0
        const key = benchmarkKey(b)
        const pAdjusted = confirmationP?.has(key) ? confirmationP.get(key)! : k.pAdjusted
        const significant = pAdjusted !== null && pAdjusted < c.options.alpha
        const regressed = significant && delta >= c.options.abThreshold
        // A sequential confirmation that neither showed nor ruled out a
        // regression stays open; without its interval nothing was ruled out.
        const open =
          k.test === 'sequential' &&
          !significant &&
          (k.interval?.hi === null ||
            k.interval === undefined ||
            k.interval.hi >= c.options.abThreshold)
        const time: MetricComparison = {
          unit: k.unit,
          kind: 'time',
          better: 'lower',
          verdict: regressed ? 'regression' : open ? 'inconclusive' : 'unchanged',
          ...(k.interval ? { interval: k.interval } : {}),
          p: k.p ?? pAdjusted,
          test: k.test,
          pAdjusted,
          significantUncorrected: null,
          deltaPercent: k.deltaPercent,
          base: null,
          head: null
        }
        return [{ ...abMeasured(b, time, diffKnown), confirmation: k }]
      })
    )
  }
  return applyConfirmation(screen, ab, c.confirmation?.rounds ?? 0, {
    base: c.confirmation?.base ?? { commit: '', ref: '' },
    elapsedMs: c.confirmation?.elapsedMs ?? 0
  })
}
