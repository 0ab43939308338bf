/**
 * Contention and scheduling verdicts (docs/contention.md): per benchmark
 * and metric of the contention pass, base's rounds against head's.
 *
 * Each round is its own pair of processes, so its per-op value is a real
 * sample: the U test compares the rounds, Holm–Bonferroni corrects within
 * each metric's family across benchmarks, and a change counts only when
 * it is significant, at least `contentionThreshold` percent, and, for a
 * delay, at least CONTENTION_FLOOR of the benchmark's own ns/op (a 3 ns
 * wait on a 20 µs benchmark explains nothing). With fewer than 4 rounds a
 * side no difference can be significant: too-few-samples. These verdicts
 * are report-only unless their family is in `failOnContention`.
 */
import {
  CONTENTION_MEASURES,
  CONTENTION_METRICS,
  type ContentionFamily,
  type ContentionMeasure,
  type ContentionMetric
} from '../attribution/contention.js'
import { mannWhitneyU } from '../stats/utest.js'
import { rankFunctions } from './functions.js'
import { formatChange, formatP, signed } from './wording.js'
import type { SideBenchmark } from './input.js'
import type { SourceView } from './lines.js'
import { deltaPercent, holmFamilies, summarize } from './verdicts.js'
import { maxOf } from '../data/index.js'
import {
  MIN_SAMPLES,
  type BenchmarkComparison,
  type CompareOptions,
  type FunctionDelta,
  type FunctionStats,
  type SideSummary,
  type Verdict
} from './model.js'

/** A delay change smaller than this share of the benchmark's ns/op is not a change. */
export const CONTENTION_FLOOR = 0.01

/** One contention metric of one benchmark, base against head. */
export interface ContentionRow {
  metric: ContentionMetric
  unit: string
  verdict: Verdict
  base: SideSummary | null
  head: SideSummary | null
  deltaPercent: number | null
  p: number | null
  pAdjusted: number | null
  /** Whether this row fails the gate (a regression in a family of failOnContention). */
  gates: boolean
}

/** A benchmark's contention comparison: its rows, and the delay measures' ranked functions. */
export interface ContentionComparison {
  rows: ContentionRow[]
  rounds: { base: number; head: number }
  functions?: Partial<Record<ContentionMeasure, FunctionDelta[]>>
  functionStats?: Partial<Record<ContentionMeasure, FunctionStats>>
  /** Where the rounds were measured: the baseline screen (sequential) or the A/B (interleaved). */
  measuredBy: 'baseline' | 'ab'
}

/**
 * A row's change in words: benchstat's `+212.00%`, or, when the base
 * measured none at all (a median of 0, so no percentage), the head's
 * value: `+93.8 ns/op from 0`.
 */
export function contentionDelta(r: ContentionRow): string {
  return formatChange(r, CONTENTION_METRICS[r.metric].unit)
}

/** Whether a row changed in the way that counts: see the module comment. */
function rowVerdict(r: ContentionRow, nsPerOp: number | undefined, opts: CompareOptions): Verdict {
  if (!r.base || !r.head) return r.base ? 'removed' : 'new'
  if (r.pAdjusted === null) return 'too-few-samples'
  const diff = r.head.median - r.base.median
  if (r.pAdjusted > opts.alpha || diff === 0) return 'unchanged'
  const big = r.deltaPercent === null || Math.abs(r.deltaPercent) >= opts.contentionThreshold
  const floor =
    CONTENTION_METRICS[r.metric].unit === 'ns/op' && nsPerOp !== undefined
      ? CONTENTION_FLOOR * nsPerOp
      : 0
  if (!big || Math.abs(diff) < floor) return 'unchanged'
  return diff > 0 ? 'regression' : 'improvement'
}

/**
 * Add `contention` to every benchmark both sides measured with the
 * contention pass, in place: rows with verdicts (Holm per metric across
 * the benchmarks), and the ranked functions of each delay measure, in the
 * direction of that measure's verdict.
 */
export function compareContention(
  benchmarks: readonly BenchmarkComparison[],
  sides: (bc: BenchmarkComparison) => { base?: SideBenchmark; head?: SideBenchmark },
  opts: CompareOptions,
  measuredBy: ContentionComparison['measuredBy'],
  view?: SourceView
): void {
  const withRows: { bc: BenchmarkComparison; b: SideBenchmark; h: SideBenchmark }[] = []
  for (const bc of benchmarks) {
    const { base: b, head: h } = sides(bc)
    if (!b?.contention || !h?.contention) continue
    const rows: ContentionRow[] = []
    for (const metric of Object.keys(CONTENTION_METRICS) as ContentionMetric[]) {
      const bv = b.contention.metrics[metric]
      const hv = h.contention.metrics[metric]
      if (!bv && !hv) continue
      const base = summarize(bv)
      const head = summarize(hv)
      const row: ContentionRow = {
        metric,
        unit: CONTENTION_METRICS[metric].unit,
        verdict: 'unchanged',
        base,
        head,
        deltaPercent: base && head ? deltaPercent(base.median, head.median) : null,
        p: null,
        pAdjusted: null,
        gates: false
      }
      if (bv && hv && bv.length >= MIN_SAMPLES && hv.length >= MIN_SAMPLES)
        row.p = mannWhitneyU(bv, hv).p
      rows.push(row)
    }
    bc.contention = {
      rows,
      rounds: { base: b.contention.rounds, head: h.contention.rounds },
      measuredBy
    }
    withRows.push({ bc, b, h })
  }
  judgeContention(benchmarks, opts)
  for (const { bc, b, h } of withRows) addFunctions(bc.contention!, b, h, opts.maxFunctions, view)
}

/**
 * The verdicts and gates of every contention row, in place, from its
 * numbers alone: Holm over each metric's p-values across the benchmarks,
 * then rowVerdict. The comment job runs it again on a fork's report, so
 * what a fork wrote as verdicts never counts.
 */
export function judgeContention(
  benchmarks: readonly BenchmarkComparison[],
  opts: CompareOptions
): void {
  const families = new Map<ContentionMetric, ContentionRow[]>()
  for (const bc of benchmarks)
    for (const r of bc.contention?.rows ?? []) {
      r.pAdjusted = null
      if (r.p !== null && (r.base?.n ?? 0) >= MIN_SAMPLES && (r.head?.n ?? 0) >= MIN_SAMPLES)
        (families.get(r.metric) ?? families.set(r.metric, []).get(r.metric)!).push(r)
    }
  holmFamilies(
    families,
    r => r.p!,
    (r, adjusted) => (r.pAdjusted = adjusted)
  )
  const failOn = new Set<ContentionFamily>(opts.failOnContention)
  for (const bc of benchmarks) {
    const nsPerOp = bc.metrics.find(m => m.unit === 'ns/op')?.head?.median
    for (const r of bc.contention?.rows ?? []) {
      r.verdict = rowVerdict(r, nsPerOp, opts)
      r.gates = r.verdict === 'regression' && failOn.has(CONTENTION_METRICS[r.metric].family)
    }
  }
}

/**
 * The delay measure whose call sites explain a metric: its own for a
 * delay, its profile's delay for an event count (more mutex contentions:
 * where the mutex wait is), none for GC.
 */
export function delayMeasureOf(metric: ContentionMetric): ContentionMeasure | undefined {
  if (Object.hasOwn(CONTENTION_MEASURES, metric)) return metric as ContentionMeasure
  if (metric === 'block_contentions') return 'block_delay'
  if (metric === 'mutex_contentions') return 'mutex_delay'
  if (metric === 'sched_events') return 'sched_delay'
  return undefined
}

/** The ranked functions of the delay measure of each changed row, in that row's direction. */
function addFunctions(
  c: ContentionComparison,
  b: SideBenchmark,
  h: SideBenchmark,
  max: number,
  view?: SourceView
): void {
  // Delays first, so a delay's own verdict sets its table's direction.
  const changed = [...c.rows]
    .filter(r => r.verdict === 'regression' || r.verdict === 'improvement')
    .sort((x, y) => Number(!delayMeasureOf(x.metric)) - Number(!delayMeasureOf(y.metric)))
  for (const row of changed) {
    const measure = delayMeasureOf(row.metric)
    if (!measure || c.functions?.[measure]) continue
    const bl = b.functions?.[measure] ?? []
    const hl = h.functions?.[measure] ?? []
    if (bl.length === 0 && hl.length === 0) continue
    const entry = (f: { name: string }): boolean => !/^testing\./.test(f.name)
    const r = rankFunctions(
      { list: bl.filter(entry), all: bl },
      { list: hl.filter(entry), all: hl },
      max,
      row.verdict === 'improvement' ? -1 : 1,
      view
    )
    // Delay is not sampled at a period, so no Poisson test applies: a row
    // under 1% of the largest change explains nothing and is left out.
    const largest = maxOf(
      r.functions.map(f => Math.abs(f.delta.self)),
      0
    )
    for (const f of r.functions)
      if (f.beyondNoise && Math.abs(f.delta.self) < 0.01 * largest) {
        f.beyondNoise = false
        r.stats.withinNoise++
      }
    r.functions.sort((x, y) => Number(y.beyondNoise) - Number(x.beyondNoise))
    ;(c.functions ??= {})[measure] = r.functions
    ;(c.functionStats ??= {})[measure] = r.stats
  }
}

/** Whether a contention comparison fails the gate: then its benchmark is a regression. */
export function gatesOnContention(c: ContentionComparison | undefined): boolean {
  return c?.rows.some(r => r.gates) ?? false
}

/**
 * After judgeContention: a benchmark with a gating contention regression
 * is a regression, whatever its time did; the headline names the metric
 * and its top call site when nothing else explains it.
 */
export function applyContentionVerdicts(benchmarks: BenchmarkComparison[]): void {
  for (const bc of benchmarks) {
    if (!gatesOnContention(bc.contention) || bc.verdict === 'regression') continue
    bc.verdict = 'regression'
    // A delay names its call site directly: delays first.
    const gating = changedContention(bc).filter(x => x.gates)
    const r = gating.find(x => Object.hasOwn(CONTENTION_MEASURES, x.metric)) ?? gating[0]
    const site = callSite(bc, r)
    bc.summary =
      `${bc.name} ${CONTENTION_METRICS[r.metric].label} ${contentionDelta(r)} (p=${formatP(r.pAdjusted)})` +
      (site ? `: ${site}` : '')
  }
}

/**
 * Where a changed row's delay moved most, in its direction: `pkg.(*T).Add
 * +8.2 ns/op` (`… of mutex wait` for an event count); undefined without
 * a breakdown.
 */
export function callSite(bc: BenchmarkComparison, r: ContentionRow): string | undefined {
  const measure = delayMeasureOf(r.metric)
  const sign = r.verdict === 'improvement' ? -1 : 1
  const top = measure && bc.contention?.functions?.[measure]?.find(f => sign * f.delta.self > 0)
  if (!top) return undefined
  const of = measure !== r.metric ? ` of ${CONTENTION_METRICS[measure].label}` : ''
  return `${top.name} ${signed(top.delta.self)} ns/op${of}`
}

/**
 * The rows of a benchmark that changed beyond noise: those that gate
 * first, then delays (they name a call site) before event counts, then by
 * the size of the change.
 */
export function changedContention(bc: BenchmarkComparison): ContentionRow[] {
  return (bc.contention?.rows ?? [])
    .filter(r => r.verdict === 'regression' || r.verdict === 'improvement')
    .sort(worseRowFirst)
}

/** The order of changed rows, within a benchmark and across them: see changedContention. */
export function worseRowFirst(a: ContentionRow, b: ContentionRow): number {
  const isDelay = (r: ContentionRow): number => Number(Object.hasOwn(CONTENTION_MEASURES, r.metric))
  return (
    Number(b.gates) - Number(a.gates) ||
    isDelay(b) - isDelay(a) ||
    Math.abs(b.deltaPercent ?? Infinity) - Math.abs(a.deltaPercent ?? Infinity)
  )
}
