/**
 * compare(base, head): benchstat-grade statistics per benchmark and unit,
 * verdicts, function and allocation deltas, and the gate (DESIGN.md
 * "Statistics", D3). Pure: two loaded sides in, a Comparison out.
 */
import type { Measure, PerOpCost } from '../attribution/index.js'
import { splitBenchName } from '../gobench/parse.js'
import { medianCI } from '../stats/ci.js'
import { holmAdjust } from '../stats/holm.js'
import { median } from '../stats/median.js'
import { choose, mannWhitneyU } from '../stats/utest.js'
import { wilcoxonSignedRank } from '../stats/wilcoxon.js'
import type { Side, SideBenchmark } from './input.js'

/** Every verdict a benchmark or metric can have. */
export const VERDICTS = [
  'regression',
  'improvement',
  'unchanged',
  'too-few-samples',
  'new',
  'removed',
  'failed'
] as const
export type Verdict = (typeof VERDICTS)[number]

/** Options of a comparison; defaults in COMPARE_DEFAULTS. */
export interface CompareOptions {
  /** Minimum |Δ| in percent for a time (or other noisy) metric to count. */
  threshold: number
  /**
   * The same for interleaved A/B verdicts (gate ab, and confirmation),
   * whose Δ is measured without drift between the sides; also the smallest
   * screen Δ that makes a benchmark a suspect.
   */
  abThreshold: number
  /** Significance level for Holm-adjusted p-values. */
  alpha: number
  /** B/op and allocs/op regress when the median grows by more than this percent. */
  allocThreshold: number
  /** Functions listed per changed benchmark and measure. */
  maxFunctions: number
  /** Allocation regressions fail the gate too. */
  failOnAlloc: boolean
  /**
   * The significance test for noisy units. `utest`: Mann-Whitney U, for
   * independent samples (benchstat's). `wilcoxon`: the signed-rank test on
   * per-round ratios, for interleaved A/B rounds where sample i of each side
   * comes from round i; a metric whose sides differ in length falls back to
   * the U test.
   */
  test: StatTest
}

export const STAT_TESTS = ['utest', 'wilcoxon'] as const
export type StatTest = (typeof STAT_TESTS)[number]

export const COMPARE_DEFAULTS: CompareOptions = {
  threshold: 5,
  abThreshold: 2.5,
  alpha: 0.05,
  allocThreshold: 0,
  maxFunctions: 10,
  failOnAlloc: false,
  test: 'utest'
}

/** The U test needs this many values per side before anything can be significant at 0.05. */
export const MIN_SAMPLES = 4
/** The signed-rank test needs this many rounds (2 / 2^6 = 0.031). */
export const MIN_ROUNDS = 6

/** One side's summary of one unit. */
export interface SideSummary {
  median: number
  n: number
  /** 95% CI of the median; present with ≥ 6 values. */
  ci?: { lo: number; hi: number }
}

export interface MetricComparison {
  unit: string
  /** time: the gating metric; noisy: U-tested; exact: compared as values (B/op, allocs/op). */
  kind: 'time' | 'noisy' | 'exact'
  better: 'lower' | 'higher'
  verdict: Verdict
  /** Raw two-sided p of `test` (for exact units: information only). */
  p: number | null
  /** The test behind `p`: Mann-Whitney U (as benchstat), or Wilcoxon signed-rank on paired rounds. */
  test: StatTest
  /** Holm–Bonferroni adjusted across every test of the same unit in this comparison (noisy units with ≥ 4 values per side). */
  pAdjusted: number | null
  /** benchstat's call: p ≤ alpha, no correction, no threshold (false where benchstat prints "~"). */
  significantUncorrected: boolean | null
  /** (head / base − 1) × 100, as benchstat computes it; null when base is 0. */
  deltaPercent: number | null
  base: SideSummary | null
  head: SideSummary | null
}

/** A function's per-op cost on both sides. */
export interface FunctionDelta {
  name: string
  base: { flat: number; cum: number }
  head: { flat: number; cum: number }
  delta: { flat: number; cum: number }
}

export interface MeasureDeltas {
  /** Largest changes among functions present on both sides. */
  changed: FunctionDelta[]
  /** In head only (within the bundles' top-K lists). */
  added: FunctionDelta[]
  /** In base only. */
  vanished: FunctionDelta[]
}

export interface BenchmarkComparison {
  package: string
  name: string
  verdict: Verdict
  metrics: MetricComparison[]
  /** For regressions and improvements, when both sides have profiles. */
  functions?: Partial<Record<Measure, MeasureDeltas>>
  /** One line that explains the change: what moved, by how much, and where. */
  summary?: string
  /**
   * Set on suspects when the screen (against the baseline artifact) was
   * re-measured by interleaved A/B on the runner (gate: confirmed). Then
   * `metrics` describe the screen and `verdict` the outcome: a suspect
   * that is not confirmed is `unchanged`.
   */
  confirmation?: BenchmarkConfirmation
}

export interface BenchmarkConfirmation {
  /** confirmed: a significant time regression in the A/B too; not-confirmed: not; missing: the A/B did not measure it. */
  status: 'confirmed' | 'not-confirmed' | 'missing'
  unit: string
  deltaPercent: number | null
  /** Holm-adjusted across the suspects. */
  pAdjusted: number | null
  rounds: number
  test: StatTest
}

export interface GeomeanRow {
  unit: string
  base: number
  head: number
  deltaPercent: number
  /** Benchmarks included (positive medians on both sides). */
  n: number
}

export interface Comparison {
  schemaVersion: 1
  verdict: 'regression' | 'improvement' | 'unchanged' | 'too-few-samples'
  gate: { fail: boolean; reasons: string[] }
  options: CompareOptions
  counts: Record<Verdict, number>
  benchmarks: BenchmarkComparison[]
  geomean: GeomeanRow[]
  /** Environment differences between the sides. */
  warnings: string[]
  /** Limits of this comparison a reader should know (e.g. too few samples for the number of tests). */
  notes: string[]
  base: SideInfo
  head: SideInfo
  /** Which gate produced this verdict; absent means baseline (a plain comparison). */
  gateMode?: GateMode
  /** gate confirmed: how the suspects were re-measured. */
  confirmation?: ConfirmationInfo
}

export const GATE_MODES = ['confirmed', 'baseline', 'ab'] as const
/** confirmed: screen against the baseline, confirm suspects by A/B; baseline: the screen alone; ab: A/B only. */
export type GateMode = (typeof GATE_MODES)[number]

export interface ConfirmationInfo {
  /** The revision the suspects were re-measured against (the merge-base). */
  base: { commit: string; ref: string }
  rounds: number
  test: StatTest
  suspects: number
  confirmed: number
  /** Wall time of the confirmation runs. */
  elapsedMs: number
  /** Set when the A/B could not run; the screen's verdicts then stand. */
  error?: string
}

export interface SideInfo {
  label: string
  commit: string
  ref: string
  goVersion: string
}

/** Units measured in time per op: the gating metric. */
export function isTimeUnit(unit: string): boolean {
  return /^(ns|us|µs|ms|s|sec)\/op$/.test(unit)
}

/** Rates (`MB/s`, `ops/s`) are better when larger; everything else per op is better smaller. */
export function betterDirection(unit: string): 'lower' | 'higher' {
  return /\/s$/.test(unit) ? 'higher' : 'lower'
}

function unitKind(unit: string, units: Side['units']): MetricComparison['kind'] {
  if (unit === 'B/op' || unit === 'allocs/op' || units[unit]?.assume === 'exact') return 'exact'
  return isTimeUnit(unit) ? 'time' : 'noisy'
}

function summarize(values: readonly number[] | undefined): SideSummary | null {
  if (!values || values.length === 0) return null
  const ci = medianCI(values)
  return {
    median: median(values),
    n: values.length,
    ...(ci ? { ci: { lo: ci.lo, hi: ci.hi } } : {})
  }
}

function deltaPercent(base: number, head: number): number | null {
  if (base === head) return 0
  if (base === 0) return null
  return (head / base - 1) * 100
}

/** Benchmarks are matched across sides by package and full name. */
export const benchmarkKey = (b: { package: string; name: string }): string =>
  `${b.package}\u0000${b.name}`
const key = benchmarkKey

/** Compare two sides. */
export function compare(base: Side, head: Side, options: Partial<CompareOptions> = {}): Comparison {
  const opts: CompareOptions = { ...COMPARE_DEFAULTS, ...options }
  const units = { ...base.units, ...head.units }
  const baseBy = new Map(base.benchmarks.map(b => [key(b), b]))
  const headBy = new Map(head.benchmarks.map(b => [key(b), b]))
  const keys = [...new Set([...baseBy.keys(), ...headBy.keys()])]

  const benchmarks: BenchmarkComparison[] = []
  // Noisy tests by unit, for Holm–Bonferroni within each unit's family.
  const families = new Map<string, MetricComparison[]>()
  for (const k of keys) {
    const b = baseBy.get(k)
    const h = headBy.get(k)
    const pkg = (b ?? h)!.package
    const name = (b ?? h)!.name
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
      const m = compareUnit(unit, b.samples[unit], h.samples[unit], unitKind(unit, units), opts)
      metrics.push(m)
      if (m.p !== null && m.kind !== 'exact' && m.verdict !== 'too-few-samples') {
        const family = m.kind === 'time' ? 'time' : unit
        ;(families.get(family) ?? families.set(family, []).get(family)!).push(m)
      }
    }
    benchmarks.push({ package: pkg, name, verdict: 'unchanged', metrics })
  }

  for (const family of families.values()) {
    const adjusted = holmAdjust(family.map(m => m.p as number))
    family.forEach((m, i) => {
      m.pAdjusted = adjusted[i]
      m.verdict = noisyVerdict(m, opts)
    })
  }

  for (const bc of benchmarks) {
    if (bc.metrics.length === 0) continue
    bc.verdict = benchmarkVerdict(bc.metrics)
    if (bc.verdict === 'regression' || bc.verdict === 'improvement') {
      const b = baseBy.get(key(bc))!
      const h = headBy.get(key(bc))!
      bc.functions = functionDeltas(b, h, opts.maxFunctions, bc.verdict)
      bc.summary = explain(bc)
    }
  }

  const counts = countVerdicts(benchmarks)
  const reasons = benchmarks.flatMap(bc => gateReasons(bc, opts))
  return {
    schemaVersion: 1,
    verdict: overallVerdict(counts),
    gate: { fail: reasons.length > 0, reasons },
    options: opts,
    counts,
    benchmarks: sortBenchmarks(benchmarks),
    geomean: geomean(benchmarks),
    warnings: environmentWarnings(base, head),
    notes: powerNotes(families.get('time') ?? [], opts.alpha),
    base: sideInfo(base),
    head: sideInfo(head)
  }
}

export function countVerdicts(list: readonly BenchmarkComparison[]): Record<Verdict, number> {
  return Object.fromEntries(
    VERDICTS.map(v => [v, list.filter(b => b.verdict === v).length])
  ) as Record<Verdict, number>
}

export function overallVerdict(counts: Record<Verdict, number>): Comparison['verdict'] {
  return counts.regression > 0
    ? 'regression'
    : counts.improvement > 0
      ? 'improvement'
      : counts['too-few-samples'] > 0 && counts.unchanged === 0
        ? 'too-few-samples'
        : 'unchanged'
}

/** Why this benchmark fails the gate: its time regressions, and allocation ones with failOnAlloc. */
export function gateReasons(
  bc: BenchmarkComparison,
  opts: CompareOptions,
  kinds: readonly MetricComparison['kind'][] = ['time', 'exact']
): string[] {
  const reasons: string[] = []
  for (const m of bc.metrics) {
    if (m.verdict !== 'regression' || !kinds.includes(m.kind)) continue
    if (m.kind === 'time')
      reasons.push(
        `${bc.name} ${m.unit} ${formatDelta(m.deltaPercent)} (p=${formatP(m.pAdjusted)})`
      )
    else if (m.kind === 'exact' && opts.failOnAlloc)
      reasons.push(`${bc.name} ${m.unit} ${formatDelta(m.deltaPercent)}`)
  }
  return reasons
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
  if (!base || !head) {
    m.verdict = base ? 'removed' : 'new'
    return m
  }
  const paired = opts.test === 'wilcoxon' && base.n === head.n && kind !== 'exact'
  m.test = paired ? 'wilcoxon' : 'utest'
  m.p = paired
    ? wilcoxonSignedRank(baseValues!, headValues!).p
    : mannWhitneyU(baseValues!, headValues!).p
  m.significantUncorrected = m.p <= opts.alpha
  if (kind === 'exact') {
    // B/op and allocs/op are deterministic for most code: compare the
    // medians as values, with their own threshold (D3). p stays for
    // information, but is not tested or adjusted.
    m.verdict = exactVerdict(base.median, head.median, m.better, opts.allocThreshold)
    return m
  }
  if (base.n < MIN_SAMPLES || head.n < MIN_SAMPLES || (paired && base.n < MIN_ROUNDS)) {
    // With fewer than 4 values per side (6 paired rounds) no difference
    // can reach p < 0.05: say so rather than guess. Kept out of the Holm
    // family.
    m.verdict = 'too-few-samples'
    return m
  }
  return m
}

function exactVerdict(
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

function noisyVerdict(m: MetricComparison, opts: CompareOptions): Verdict {
  if (m.verdict === 'too-few-samples' || m.pAdjusted === null) return m.verdict
  const delta =
    m.deltaPercent ?? (m.base && m.head && m.head.median > m.base.median ? Infinity : -Infinity)
  if (!(m.pAdjusted < opts.alpha) || Math.abs(delta) < opts.threshold) return 'unchanged'
  const worse = m.better === 'lower' ? delta > 0 : delta < 0
  return worse ? 'regression' : 'improvement'
}

/** regression if any metric regressed; else improvement if any improved; else too few samples (time); else unchanged. */
export function benchmarkVerdict(metrics: MetricComparison[]): Verdict {
  if (metrics.some(m => m.verdict === 'regression')) return 'regression'
  if (metrics.some(m => m.verdict === 'improvement')) return 'improvement'
  if (metrics.some(m => m.kind === 'time' && m.verdict === 'too-few-samples'))
    return 'too-few-samples'
  return 'unchanged'
}

const VERDICT_ORDER: Record<Verdict, number> = {
  regression: 0,
  failed: 1,
  improvement: 2,
  'too-few-samples': 3,
  new: 4,
  removed: 5,
  unchanged: 6
}

/** Worst first: regressions by size, then failures, improvements, and the rest by name. */
function sortBenchmarks(list: BenchmarkComparison[]): BenchmarkComparison[] {
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

/**
 * Frames that sit on every stack of a benchmark (its own function and
 * closures, the testing harness, goroutine entry): their Δ is the whole
 * benchmark's Δ, so they explain nothing.
 */
function isEntryFrame(name: string, pkg: string, group: string | undefined): boolean {
  if (
    /^testing\./.test(name) ||
    name === 'runtime.goexit' ||
    name === 'runtime.main' ||
    name === 'main.main'
  )
    return true
  if (!group) return false
  for (const prefix of [`${pkg}.${group}`, `${pkg}_test.${group}`]) {
    if (name === prefix || name.startsWith(`${prefix}.`)) return true
  }
  return false
}

function functionDeltas(
  b: SideBenchmark,
  h: SideBenchmark,
  max: number,
  verdict: Verdict
): Partial<Record<Measure, MeasureDeltas>> | undefined {
  if (!b.functions || !h.functions) return undefined
  const group = h.group ?? b.group ?? splitBenchName(h.name).base
  const out: Partial<Record<Measure, MeasureDeltas>> = {}
  for (const measure of ['cpu', 'alloc_space', 'alloc_objects'] as Measure[]) {
    const bl = (b.functions[measure] ?? []).filter(f => !isEntryFrame(f.name, b.package, group))
    const hl = (h.functions[measure] ?? []).filter(f => !isEntryFrame(f.name, h.package, group))
    if (bl.length === 0 && hl.length === 0) continue
    const bm = new Map(bl.map(f => [f.name, f]))
    const hm = new Map(hl.map(f => [f.name, f]))
    const zero: PerOpCost = { name: '', flat: 0, cum: 0 }
    const delta = (name: string): FunctionDelta => {
      const x = bm.get(name) ?? zero
      const y = hm.get(name) ?? zero
      return {
        name,
        base: { flat: x.flat, cum: x.cum },
        head: { flat: y.flat, cum: y.cum },
        delta: { flat: y.flat - x.flat, cum: y.cum - x.cum }
      }
    }
    // CPU is ranked by cum (time under the function); allocations by flat
    // (the allocation site itself).
    const score = (d: FunctionDelta): number => (measure === 'cpu' ? d.delta.cum : d.delta.flat)
    const direction = verdict === 'improvement' ? -1 : 1
    const changed = [...bm.keys()]
      .filter(n => hm.has(n))
      .map(delta)
      .filter(d => score(d) !== 0)
      .sort((x, y) => direction * (score(y) - score(x)) || (x.name < y.name ? -1 : 1))
      .slice(0, max)
    const size = (side: { flat: number; cum: number }): number =>
      measure === 'cpu' ? side.cum : side.flat
    const added = [...hm.keys()]
      .filter(n => !bm.has(n))
      .map(delta)
      .sort(
        (x, y) =>
          size(y.head) - size(x.head) || y.head.cum - x.head.cum || (x.name < y.name ? -1 : 1)
      )
      .slice(0, max)
    const vanished = [...bm.keys()]
      .filter(n => !hm.has(n))
      .map(delta)
      .sort(
        (x, y) =>
          size(y.base) - size(x.base) || y.base.cum - x.base.cum || (x.name < y.name ? -1 : 1)
      )
      .slice(0, max)
    out[measure] = { changed, added, vanished }
  }
  return out
}

const MEASURE_UNIT: Record<Measure, string> = {
  cpu: 'ns/op',
  alloc_space: 'B/op',
  alloc_objects: 'allocs/op'
}

/** `BenchmarkDecode +12.3% (p=0.002): encoding/json.(*decodeState).object +180 ns/op` */
function explain(bc: BenchmarkComparison): string {
  const m = primaryMetric(bc)
  const what = m
    ? `${bc.name} ${m.kind === 'time' ? '' : `${m.unit} `}${formatDelta(m.deltaPercent)}${m.pAdjusted !== null ? ` (p=${formatP(m.pAdjusted)})` : ''}`
    : bc.name
  const measure: Measure =
    m?.kind === 'exact' ? (m.unit === 'B/op' ? 'alloc_space' : 'alloc_objects') : 'cpu'
  const d = bc.functions?.[measure]
  const improving = bc.verdict === 'improvement'
  const candidates = [
    ...(d?.changed ?? []),
    ...(improving ? (d?.vanished ?? []) : (d?.added ?? []))
  ]
  const score = (f: FunctionDelta): number => (measure === 'cpu' ? f.delta.cum : f.delta.flat)
  const top = candidates.sort((a, b) => (improving ? score(a) - score(b) : score(b) - score(a)))[0]
  if (!top || (improving ? score(top) >= 0 : score(top) <= 0)) return what
  return `${what}: ${top.name} ${signed(score(top))} ${MEASURE_UNIT[measure]}`
}

function signed(x: number): string {
  const r = Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(3))
  return `${x >= 0 ? '+' : ''}${r}`
}

/** `+12.34%`, as benchstat prints deltas. */
export function formatDelta(d: number | null): string {
  if (d === null) return '?'
  if (!Number.isFinite(d)) return d > 0 ? '+∞%' : '-∞%'
  return `${d >= 0 ? '+' : ''}${d.toFixed(2)}%`
}

/** p to three decimals; below 0.001 as `<0.001`. */
export function formatP(p: number | null): string {
  if (p === null) return '–'
  return p < 0.001 ? '<0.001' : p.toFixed(3)
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

/**
 * Holm–Bonferroni multiplies the smallest p by the number of tests m, and
 * with n samples per side the U test's smallest possible p is 2 / C(2n, n).
 * When even that cannot reach alpha, say so and how many samples would.
 */
function powerNotes(timeTests: MetricComparison[], alpha: number): string[] {
  const m = timeTests.length
  if (m === 0) return []
  // The smallest p the exact test can give: for the U test with sizes n1,
  // n2 (all of one side below all of the other) 2 / C(n1 + n2, n1); for the
  // signed-rank test over n rounds (every round worse) 2 / 2^n.
  const paired = timeTests.some(t => t.test === 'wilcoxon')
  const minP = (n1: number, n2: number): number =>
    paired ? 2 / 2 ** Math.min(n1, n2) : 2 / choose(n1 + n2, n1)
  const best = Math.min(...timeTests.map(t => minP(t.base?.n ?? 0, t.head?.n ?? 0)))
  if (best * m < alpha) return []
  const n = Math.max(...timeTests.map(t => Math.min(t.base?.n ?? 0, t.head?.n ?? 0)))
  let need = n + 1
  while (minP(need, need) * m >= alpha && need < 1000) need++
  return [
    `With ${m} time comparisons and at most ${n} ${paired ? 'paired rounds' : 'samples per side'}, no difference can be significant after Holm–Bonferroni correction (the smallest possible p is ${best.toPrecision(2)} × ${m}). Use ${paired ? 'rounds' : 'count'} ≥ ${need}, or fewer benchmarks.`
  ]
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
    goVersion: s.environment?.goVersion ?? ''
  }
}
