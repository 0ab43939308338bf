/**
 * compareVerdicts(base, head): benchstat-grade statistics per benchmark and
 * unit, matching across the sides, and the verdicts (docs/design.md
 * "Statistics", D3). Pure: two loaded sides in, a Screen out. The gate is
 * the judge's (src/judge/judge.ts).
 */
import { medianCI } from '../stats/ci.js'
import { holmAdjust } from '../stats/holm.js'
import { median } from '../stats/median.js'
import { mannWhitneyU } from '../stats/utest.js'
import { wilcoxonSignedRank } from '../stats/wilcoxon.js'
import { welchLog } from '../stats/welch.js'
import { markDetectable, noiseNotes, powerNotes } from './power.js'
import { groupSequentialP, logRatios, repeatedInterval } from '../stats/group-sequential.js'
import type { Side, SideBenchmark } from './input.js'
import { IDENTICAL_REASON } from '../bundle/index.js'
import {
  benchmarkKey,
  COMPARE_DEFAULTS,
  MIN_ROUNDS,
  MIN_SAMPLES,
  VERDICTS,
  type BenchmarkComparison,
  type CompareOptions,
  type Comparison,
  type GeomeanRow,
  type MetricComparison,
  type Screen,
  type SideInfo,
  type SideSummary,
  type SkippedPackage,
  type Verdict,
  betterDirection,
  isTimeUnit
} from './model.js'
import { own, tableOf } from '../data/index.js'

function unitKind(unit: string, units: Side['units']): MetricComparison['kind'] {
  if (isAllocationUnit(unit) || own(units, unit)?.assume === 'exact') return 'exact'
  return isTimeUnit(unit) ? 'time' : 'noisy'
}

/** A side's median, count and the median's 95% CI (when there are enough values); null when empty. */
export function summarize(values: readonly number[] | undefined): SideSummary | null {
  if (!values || values.length === 0) return null
  const ci = medianCI(values)
  return {
    median: median(values),
    n: values.length,
    ...(ci ? { ci: { lo: ci.lo, hi: ci.hi } } : {})
  }
}

/** Head against base in percent: 0 when equal, null from a base of 0. */
export function deltaPercent(base: number, head: number): number | null {
  if (base === head) return 0
  if (base === 0) return null
  return (head / base - 1) * 100
}

const key = benchmarkKey

/** Statistics and verdicts per benchmark and unit; compareSides adds the function deltas. */
export function compareVerdicts(
  base: Side,
  head: Side,
  options: Partial<CompareOptions> = {}
): Screen {
  const opts: CompareOptions = { ...COMPARE_DEFAULTS, ...options }
  const units = tableOf({ ...base.units, ...head.units })
  const baseBy = new Map(base.benchmarks.map(b => [key(b), b]))
  const headBy = new Map(head.benchmarks.map(b => [key(b), b]))
  const keys = [...new Set([...baseBy.keys(), ...headBy.keys()])]

  const benchmarks: BenchmarkComparison[] = []
  const skipped = new Map(
    (head.skipped ?? []).map(s => [s.package, { ...s, benchmarks: 0 } as SkippedPackage])
  )
  for (const k of keys) {
    const b = baseBy.get(k)
    const h = headBy.get(k)
    const pkg = (b ?? h)!.package
    const name = (b ?? h)!.name
    const notMeasured = skipped.get(pkg)
    if (!h && notMeasured) {
      // Not measured (an identical test binary): in no verdict, not in Holm.
      notMeasured.benchmarks++
      continue
    }
    if (!h) {
      benchmarks.push({
        package: pkg,
        name,
        verdict: head.failedPackages.has(pkg) ? 'failed' : 'removed',
        metrics: []
      })
      continue
    }
    if (!b) {
      benchmarks.push({ package: pkg, name, verdict: 'new', metrics: [] })
      continue
    }
    const metrics: MetricComparison[] = []
    for (const unit of unionUnits(b, h)) {
      const m = compareUnit(
        unit,
        own(b.samples, unit),
        own(h.samples, unit),
        unitKind(unit, units),
        opts
      )
      metrics.push(m)
    }
    benchmarks.push({ package: pkg, name, verdict: 'unchanged', metrics })
  }
  const families = decideVerdicts(benchmarks, opts)
  const timeFamily = families.get('screen:time') ?? []
  markDetectable(benchmarks, timeFamily.length, opts.alpha, k => [
    baseBy.get(k)?.samples,
    headBy.get(k)?.samples
  ])

  const counts = countVerdicts(benchmarks)
  return {
    schemaVersion: 1,
    verdict: overallVerdict(counts),
    options: opts,
    counts,
    // In matching order; the judge ranks them worst first (sortBenchmarks).
    benchmarks,
    geomean: geomean(benchmarks),
    warnings: environmentWarnings(base, head),
    ...(skipped.size > 0 ? { skipped: [...skipped.values()] } : {}),
    notes: [
      ...skippedNotes([...skipped.values()]),
      ...powerNotes(timeFamily, opts.alpha),
      ...noiseNotes(benchmarks, opts.threshold, timeFamily.length)
    ],
    base: sideInfo(base),
    head: sideInfo(head)
  }
}

/** How many benchmarks have each verdict. */
export function countVerdicts(list: readonly BenchmarkComparison[]): Record<Verdict, number> {
  return Object.fromEntries(
    VERDICTS.map(v => [v, list.filter(b => b.verdict === v).length])
  ) as Record<Verdict, number>
}

/** The comparison's verdict from its counts: any regression, else any improvement, else … */
export function overallVerdict(counts: Record<Verdict, number>): Comparison['verdict'] {
  return counts.regression > 0
    ? 'regression'
    : counts.improvement > 0
      ? 'improvement'
      : counts['too-few-samples'] > 0 && counts.unchanged === 0
        ? 'too-few-samples'
        : 'unchanged'
}

function unionUnits(b: SideBenchmark, h: SideBenchmark): string[] {
  const order = [...Object.keys(b.samples), ...Object.keys(h.samples)]
  return [...new Set(order)]
}

function compareUnit(
  unit: string,
  baseValues: number[] | undefined,
  headValues: number[] | undefined,
  kind: MetricComparison['kind'],
  opts: CompareOptions
): MetricComparison {
  const base = summarize(baseValues)
  const head = summarize(headValues)
  const m: MetricComparison = {
    unit,
    kind,
    better: betterDirection(unit),
    verdict: 'unchanged',
    p: null,
    test: 'utest',
    pAdjusted: null,
    significantUncorrected: null,
    deltaPercent: base && head ? deltaPercent(base.median, head.median) : null,
    base,
    head
  }
  if (!base || !head) return m
  // docs/design.md D11: B/op and allocs/op are exact only when deterministic, every sample
  // equal on each side; otherwise they are noisy, with the U test and the
  // allocation threshold (noisyVerdict).
  if (kind === 'exact' && !(allEqual(baseValues!) && allEqual(headValues!))) m.kind = kind = 'noisy'
  const u = mannWhitneyU(baseValues!, headValues!).p
  m.significantUncorrected = u <= opts.alpha
  m.test = 'utest'
  m.p = u
  if (kind === 'exact') return m
  const ratios = opts.test === 'sequential' ? logRatios(baseValues!, headValues!) : null
  if (ratios) {
    // Paired rounds, tested as they were taken: valid at whichever look stopped them.
    const cap = opts.maxRounds ?? ratios.length
    const cs = repeatedInterval(ratios, opts.alpha, cap)
    m.test = 'sequential'
    m.p = groupSequentialP(ratios, cap)
    const hi = (Math.exp(cs.hi) - 1) * 100
    m.interval = { lo: (Math.exp(cs.lo) - 1) * 100, hi: Number.isFinite(hi) ? hi : null }
  } else if (opts.test === 'wilcoxon' && base.n === head.n) {
    m.test = 'wilcoxon'
    m.p = wilcoxonSignedRank(baseValues!, headValues!).p
    m.significantUncorrected = m.p <= opts.alpha
  } else if (opts.test === 'welch') {
    const w = welchLog(baseValues!, headValues!)
    if (w) {
      m.test = 'welch'
      m.p = w.p
    }
  }
  return m
}

/**
 * What the head side did not measure, grouped by why: its benchmarks are
 * not in the comparison, and not in Holm's family.
 */
export function skippedNotes(skipped: readonly SkippedPackage[]): string[] {
  const by = new Map<string, SkippedPackage[]>()
  for (const s of skipped) by.set(s.reason, [...(by.get(s.reason) ?? []), s])
  return [...by].map(([reason, pkgs]) => {
    const shown = pkgs
      .slice(0, 10)
      .map(p => p.package)
      .join(', ')
    const more = pkgs.length > 10 ? ` and ${pkgs.length - 10} more` : ''
    const n = pkgs.reduce((sum, p) => sum + p.benchmarks, 0)
    const held = n > 0 ? `, holding ${n} of the baseline's benchmarks,` : ''
    return reason === IDENTICAL_REASON
      ? `Not measured: ${pkgs.length} package(s)${held} whose test binary and package files are identical at the base revision, so their benchmarks cannot differ (\`select: all\` or \`--select all\` measures them): ${shown}${more}.`
      : `Not measured: ${pkgs.length} package(s)${held} (${reason}): ${shown}${more}.`
  })
}

/**
 * The one verdict rule: every metric's verdict from its numbers (its two
 * sides' medians and n, its test's p), then each benchmark's. The screen
 * (compareVerdicts), the re-judging of an untrusted report and the
 * sharded merge all decide through it, over every benchmark they are
 * given, so Holm covers the whole family. Returns the noisy families, by
 * who measured them and unit (`screen:B/op`; every time unit is one
 * family, `screen:time`).
 */
export function decideVerdicts(
  benchmarks: readonly BenchmarkComparison[],
  opts: CompareOptions
): Map<string, MetricComparison[]> {
  const families = new Map<string, MetricComparison[]>()
  // An A/B row's `screen` row is decided too: it belongs to the screen's family.
  const rows = (b: BenchmarkComparison): MetricComparison[] =>
    b.metrics.flatMap(m => (m.screen ? [m, m.screen] : [m]))
  for (const b of benchmarks)
    for (const m of rows(b)) {
      m.pAdjusted = null
      if (!m.base || !m.head) {
        m.verdict = m.base ? 'removed' : 'new'
        continue
      }
      if (m.kind === 'exact') {
        // B/op and allocs/op are deterministic for most code: compare the
        // medians as values, with their own threshold (docs/design.md D3).
        // p stays for information, but is not tested or adjusted.
        m.verdict = exactVerdict(m.base.median, m.head.median, m.better, opts.allocThreshold)
        continue
      }
      if (
        m.base.n < MIN_SAMPLES ||
        m.head.n < MIN_SAMPLES ||
        (m.test === 'wilcoxon' && m.base.n < MIN_ROUNDS)
      ) {
        // With fewer than 4 values per side (6 paired rounds) no difference
        // can reach p < 0.05: say so rather than guess. Kept out of Holm.
        m.verdict = 'too-few-samples'
        continue
      }
      if (m.p === null) {
        m.verdict = 'unchanged'
        continue
      }
      m.verdict = 'unchanged'
      // Rows the A/B measured were corrected among the A/B's rows, the
      // screen's among the screen's: two families, as they were tested.
      const family = `${m.measuredBy ?? 'screen'}:${m.kind === 'time' ? 'time' : m.unit}`
      ;(families.get(family) ?? families.set(family, []).get(family)!).push(m)
    }
  holmFamilies(
    families,
    m => m.p as number,
    (m, adjusted) => {
      m.pAdjusted = adjusted
      m.verdict = noisyVerdict(m, opts)
    }
  )
  for (const b of benchmarks) if (b.metrics.length > 0) b.verdict = benchmarkVerdict(b.metrics)
  return families
}

/**
 * Holm–Bonferroni within each family: `set` gets each member's adjusted p.
 * The metric verdicts and the contention rows both correct through it.
 */
export function holmFamilies<T>(
  families: ReadonlyMap<string, readonly T[]>,
  p: (item: T) => number,
  set: (item: T, adjusted: number) => void
): void {
  for (const family of families.values()) {
    const adjusted = holmAdjust(family.map(p))
    family.forEach((item, i) => set(item, adjusted[i]))
  }
}

function allEqual(values: readonly number[]): boolean {
  return values.every(v => v === values[0])
}

/** The allocation units, whose threshold is allocThreshold whether exact or noisy. */
export function isAllocationUnit(unit: string): boolean {
  return unit === 'B/op' || unit === 'allocs/op'
}

/** B/op and allocs/op as exact values: a change beyond the allocation threshold. */
export function exactVerdict(
  base: number,
  head: number,
  better: 'lower' | 'higher',
  threshold: number
): Verdict {
  if (base === head) return 'unchanged'
  const worse = better === 'lower' ? head > base : head < base
  const pct = base === 0 ? Infinity : Math.abs((head / base - 1) * 100)
  if (pct <= threshold) return 'unchanged'
  return worse ? 'regression' : 'improvement'
}

/**
 * A noisy metric's verdict from its Holm-adjusted p, its Δ and the
 * threshold. Welch's test also needs the U test's uncorrected call, so a
 * single wild sample cannot carry it. A sequential row that is not
 * significant is `unchanged` only when its repeated interval rules out a
 * regression above the threshold; else `inconclusive`.
 */
export function noisyVerdict(m: MetricComparison, opts: CompareOptions): Verdict {
  if (m.verdict === 'too-few-samples' || m.pAdjusted === null) return m.verdict
  const threshold = isAllocationUnit(m.unit) ? opts.allocThreshold : opts.threshold
  const delta =
    m.deltaPercent ?? (m.base && m.head && m.head.median > m.base.median ? Infinity : -Infinity)
  const significant =
    m.pAdjusted < opts.alpha && (m.test !== 'welch' || m.significantUncorrected === true)
  // An equal median is no change, however the U test ranks the rest (at the
  // allocation threshold's default of 0 it was an "improvement" of +0.00%).
  if (!significant || delta === 0 || Math.abs(delta) < threshold) {
    const i = m.interval
    const open =
      i && (m.better === 'lower' ? i.hi === null || i.hi >= threshold : -i.lo >= threshold)
    return m.test === 'sequential' && open && !significant ? 'inconclusive' : 'unchanged'
  }
  const worse = m.better === 'lower' ? delta > 0 : delta < 0
  return worse ? 'regression' : 'improvement'
}

/** regression if any metric regressed; else inconclusive (time); else improvement if any improved; else too few samples (time); else unchanged. */
export function benchmarkVerdict(metrics: MetricComparison[]): Verdict {
  if (metrics.some(m => m.verdict === 'regression')) return 'regression'
  if (metrics.some(m => m.kind === 'time' && m.verdict === 'inconclusive')) return 'inconclusive'
  if (metrics.some(m => m.verdict === 'improvement')) return 'improvement'
  if (metrics.some(m => m.kind === 'time' && m.verdict === 'too-few-samples'))
    return 'too-few-samples'
  return 'unchanged'
}

const VERDICT_ORDER: Record<Verdict, number> = {
  regression: 0,
  failed: 1,
  inconclusive: 2,
  improvement: 3,
  'too-few-samples': 4,
  new: 5,
  removed: 6,
  unchanged: 7
}

/** Worst first: regressions by size, then failures, improvements, and the rest by name. */
export function sortBenchmarks(list: readonly BenchmarkComparison[]): BenchmarkComparison[] {
  const size = (b: BenchmarkComparison): number => Math.abs(primaryMetric(b)?.deltaPercent ?? 0)
  return [...list].sort(
    (a, b) =>
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      size(b) - size(a) ||
      (a.package + a.name < b.package + b.name ? -1 : 1)
  )
}

/** The metric a benchmark is summarised by: its time metric, else its first changed one. */
export function primaryMetric(b: BenchmarkComparison): MetricComparison | undefined {
  return (
    b.metrics.find(m => m.kind === 'time' && m.verdict === b.verdict) ??
    b.metrics.find(m => m.verdict === b.verdict && b.verdict !== 'unchanged') ??
    b.metrics.find(m => m.kind === 'time') ??
    b.metrics[0]
  )
}

function geomean(list: BenchmarkComparison[]): GeomeanRow[] {
  const acc = new Map<string, { lb: number; lh: number; n: number }>()
  for (const bc of list) {
    for (const m of bc.metrics) {
      if (!m.base || !m.head || !(m.base.median > 0) || !(m.head.median > 0)) continue
      const a = acc.get(m.unit) ?? { lb: 0, lh: 0, n: 0 }
      a.lb += Math.log(m.base.median)
      a.lh += Math.log(m.head.median)
      a.n++
      acc.set(m.unit, a)
    }
  }
  return [...acc].map(([unit, a]) => {
    const base = Math.exp(a.lb / a.n)
    const head = Math.exp(a.lh / a.n)
    return { unit, base, head, deltaPercent: (head / base - 1) * 100, n: a.n }
  })
}

function environmentWarnings(base: Side, head: Side): string[] {
  const b = base.environment ?? {}
  const h = head.environment ?? {}
  const out: string[] = []
  const check = (label: string, x: unknown, y: unknown): void => {
    if (x !== undefined && y !== undefined && x !== '' && y !== '' && x !== y) {
      out.push(`${label} differs: base ${String(x)}, head ${String(y)}`)
    }
  }
  check('Go version', b.goVersion, h.goVersion)
  check('GOOS/GOARCH', b.goos && `${b.goos}/${b.goarch}`, h.goos && `${h.goos}/${h.goarch}`)
  check('CPU', b.cpu, h.cpu)
  check('GOMAXPROCS', b.gomaxprocs, h.gomaxprocs)
  return out
}

function sideInfo(s: Side): SideInfo {
  return {
    label: s.label,
    commit: s.environment?.commit ?? '',
    ref: s.environment?.ref ?? '',
    goVersion: s.environment?.goVersion ?? '',
    ...(s.environment?.cpu ? { cpu: s.environment.cpu } : {})
  }
}
