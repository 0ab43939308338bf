/**
 * The comparison model: verdicts, options, per-metric and per-benchmark
 * results, and the Comparison that every report renders and that
 * `compare --format json` prints (docs/comparison.md). Types and
 * constants only.
 */
import type { Measure } from '../attribution/index.js'
import type { ContentionFamily } from '../attribution/contention.js'
import type { ContentionComparison } from './contention.js'
import type { RunShift } from './shift.js'

/** Every verdict a benchmark or metric can have. */
export const VERDICTS = [
  'regression',
  'improvement',
  'unchanged',
  'too-few-samples',
  'inconclusive',
  'new',
  'removed',
  'failed'
] as const
/** A benchmark's or a metric's verdict. */
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
  /** Minimum |Δ| in percent for a contention or scheduling metric to count (compare/contention.ts). */
  contentionThreshold: number
  /** Contention families whose regressions fail the gate; empty: report-only. */
  failOnContention: ContentionFamily[]
  /**
   * A confirmation that could not decide within its budget (`inconclusive`:
   * a regression above the threshold is neither shown nor ruled out) fails
   * the gate too. Absent: it does not.
   */
  failOnInconclusive?: boolean
  /**
   * `sequential`: the most rounds the confirmation could run, fixed before
   * the first (confirm-rounds): the group-sequential design's last look
   * (stats/group-sequential.ts). Absent: the rounds each benchmark has.
   */
  maxRounds?: number
}

/** The significance tests a comparison can use. */
export const STAT_TESTS = ['welch', 'utest', 'wilcoxon', 'sequential'] as const
/**
 * welch: Welch's t on log values, guarded by the U test (the screen's);
 * utest: Mann-Whitney U (benchstat's); wilcoxon: signed-rank on paired
 * rounds; sequential: the group-sequential test of paired rounds' log
 * ratios (confirmation; stats/group-sequential.ts).
 */
export type StatTest = (typeof STAT_TESTS)[number]

/** The defaults of every comparison option, as action.yml documents them. */
export const COMPARE_DEFAULTS: CompareOptions = {
  threshold: 5,
  abThreshold: 2.5,
  alpha: 0.05,
  allocThreshold: 0,
  maxFunctions: 10,
  failOnAlloc: false,
  test: 'welch',
  contentionThreshold: 10,
  failOnContention: []
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

/** One unit of one benchmark, compared: both sides' summaries, the test, the verdict. */
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
  /**
   * benchstat's call: its U test's p ≤ alpha, no correction, no threshold
   * (false where benchstat prints "~"). Under `welch` a regression needs it
   * too, so one wild sample cannot make a change significant.
   */
  significantUncorrected: boolean | null
  /**
   * `sequential`: the repeated confidence interval of Δ in percent at
   * level alpha (stats/group-sequential.ts), what an inconclusive verdict reports; hi is
   * null while the rounds cannot bound it.
   */
  interval?: { lo: number; hi: number | null }
  /**
   * `welch`: the smallest slowdown in percent this row's samples could have
   * shown (80% power, α over the comparison's time tests).
   */
  detectable?: number
  /** (head / base − 1) × 100, as benchstat computes it; null when base is 0. */
  deltaPercent: number | null
  base: SideSummary | null
  head: SideSummary | null
  /**
   * `ab`: on a confirmed suspect, an allocation unit whose numbers and
   * verdict are the A/B rounds', not the screen's.
   */
  measuredBy?: 'ab'
  /**
   * With `measuredBy: ab`: the screen's row of the same unit that the A/B's
   * replaced. It was a member of the screen's Holm family, so it is kept
   * for the verdict rule to form that family again (not shown).
   */
  screen?: MetricComparison
  /**
   * gate confirmed: a time regression of the screen that the run shift
   * explains (judge/nominate.ts); its verdict is then `unchanged`.
   */
  explainedByShift?: true
}

/** A function's per-op costs on one side, in the measure's unit. */
export interface FunctionCosts {
  flat: number
  cum: number
  /** flat with the runtime's internals folded in (attribution PerOpCost.self): what ranks it. */
  self: number
}

/** Whether a function is on both sides, new in head, or gone from it. */
export type FunctionStatus = 'changed' | 'new' | 'gone'

/** A function's per-op cost on both sides (0 on the side it is absent from). */
export interface FunctionDelta {
  name: string
  status: FunctionStatus
  base: FunctionCosts
  head: FunctionCosts
  delta: FunctionCosts
  /** Whether its Δ self exceeds what sampling noise explains (compare/noise.ts). */
  beyondNoise: boolean
  /**
   * On the first row only: the heaviest call path from the benchmark's
   * frame down to this function, each step with its cum per op on each side
   * (null where that side's list does not have it).
   */
  path?: PathStep[]
  /** The function's file in the repository, '/'-separated (absent outside it). */
  file?: string
  /**
   * The diff between the sides added, edited or deleted a line of its
   * declaration (compare/decls.ts); absent when it did not, or nothing
   * says (no diff, or the function is outside the repository).
   */
  changedInDiff?: true
  /**
   * For the top culprits in the repository: the source lines whose cost
   * changed most, matched between the revisions through their diff
   * (compare/lines.ts), in the order the comment shows them.
   */
  lines?: LineDelta[]
}

/** How a source line reached head: unchanged (at the same number or moved), edited, new, or gone. */
export type LineChange = 'same' | 'moved' | 'edited' | 'new' | 'gone'

/** One source line's per-op cost on both sides (0 where a side does not have it). */
export interface LineDelta {
  /** Its number in head; null when the line is gone. */
  line: number | null
  /** Its number in base; null when the line is new. */
  baseLine: number | null
  change: LineChange
  /** Its text in head (in base when gone), without leading indentation; absent when unknown. */
  text?: string
  /** An edited line's text in base. */
  baseText?: string
  base: FunctionCosts
  head: FunctionCosts
  delta: FunctionCosts
}

/** One frame of a call path, with its cum per op on each side. */
export interface PathStep {
  name: string
  base: number | null
  head: number | null
  /** The diff between the sides touched its declaration (as FunctionDelta.changedInDiff). */
  changedInDiff?: true
}

/** How one measure's ranked functions of a benchmark were judged. */
export interface FunctionStats {
  /** Profile samples behind the benchmark's profiled total, per side; null when unknown. */
  samples: { base: number | null; head: number | null }
  /** Fraction of the benchmark's profiled Δ per op that the rows beyond noise add up to; null when unknown or no Δ. */
  explained: number | null
  /** Changed functions left out of the comment as within sampling noise. */
  withinNoise: number
  /** Fewer than MIN_PROFILE_SAMPLES on both sides: only the first rank is reliable. */
  fewSamples: boolean
}

/** One benchmark, compared: its metrics, verdict, and for changed ones the function deltas. */
export interface BenchmarkComparison {
  package: string
  name: string
  verdict: Verdict
  metrics: MetricComparison[]
  /**
   * Set by the judge, true only: this benchmark's time regression (or a
   * contention regression a team gates on) is among the reasons the gate
   * fails. The report reads it; it never decides it again.
   */
  blocks?: true
  /** In a merged comparison: the shard that measured it (its runner, its suspects, its shift). */
  shard?: string
  /**
   * For regressions and improvements, when both sides have profiles: per
   * measure, the functions in the order the comment shows them — beyond
   * noise first, by the change of their own cost (self) in the verdict's
   * direction — then those within noise, which the comment leaves out.
   */
  functions?: Partial<Record<Measure, FunctionDelta[]>>
  /** Per measure, the resolution and coverage of `functions`. */
  functionStats?: Partial<Record<Measure, FunctionStats>>
  /**
   * Which profiles the function deltas come from: `baseline`, the screen
   * against the baseline artifact; `ab`, the interleaved A/B rounds on the
   * runner (gate ab, and suspects the confirmation decided).
   */
  functionsFrom?: 'baseline' | 'ab'
  /** One line that explains the change: what moved, by how much, and where. */
  summary?: string
  /**
   * Set on suspects when the screen (against the baseline artifact) was
   * re-measured by interleaved A/B on the runner (gate: confirmed). Then
   * `metrics` describe the screen and `verdict` the outcome: a suspect
   * that is not confirmed is `unchanged`.
   */
  confirmation?: BenchmarkConfirmation
  /**
   * Contention and scheduling per op (block, mutex, trace-derived, GC),
   * when both sides ran the contention pass (docs/contention.md).
   */
  contention?: ContentionComparison
}

/** How a suspect fared when it was re-measured by A/B on the runner. */
export interface BenchmarkConfirmation {
  /**
   * confirmed: a significant time regression in the A/B too; not-confirmed:
   * not; inconclusive: its rounds could neither show nor rule out a
   * regression above the threshold; missing: the A/B did not measure it;
   * identical: cleared without rounds, its package's test binary and files
   * being identical at the base revision (docs/design.md D16).
   */
  status: 'confirmed' | 'not-confirmed' | 'inconclusive' | 'missing' | 'identical'
  /** With a sequential test: the repeated confidence interval of Δ in percent at level alpha (hi null: unbounded). */
  interval?: { lo: number; hi: number | null }
  unit: string
  deltaPercent: number | null
  /** The A/B's raw p, before Holm (what a merge corrects across shards); absent from older comparisons. */
  p?: number | null
  /** Holm-adjusted across the suspects. */
  pAdjusted: number | null
  rounds: number
  test: StatTest
}

/** The geometric mean of one unit over every benchmark measured on both sides. */
export interface GeomeanRow {
  unit: string
  base: number
  head: number
  deltaPercent: number
  /** Benchmarks included (positive medians on both sides). */
  n: number
}

/** A whole comparison, judged: what every report renders and `compare --format json` prints. */
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
  /** gate confirmed: the head run's shift against the baseline, as the screen estimated it. */
  shift?: RunShift
  /**
   * How hot lines were matched between the revisions (`between`, e.g.
   * `3f2a1c9d0b7e..the work tree`), or why there are none (`unavailable`).
   * Absent when nobody asked for sources (text input, tests).
   */
  hotLines?: { between: string } | { unavailable: string }
  /** A merge of a sharded run's comparisons (docs/sharding.md): which shards it joined, which it lacks. */
  shards?: ShardsInfo
  /**
   * Packages the head did not measure, and why (its bundle's `skipped`),
   * with how many of the base's benchmarks they hold: those are in no
   * verdict and not in Holm's family (docs/design.md D16).
   */
  skipped?: SkippedPackage[]
  /**
   * Regressions accepted on purpose by the pull request's `accept-label`
   * (judge/accept.ts): the label, who added it, the gate reasons it let
   * through. Set by the job from the API, never read from a report.
   */
  accepted?: { label: string; by: string | null; reasons: string[] }
}

/** A package the head did not measure (an identical test binary). */
export interface SkippedPackage {
  package: string
  reason: string
  /** The base's benchmarks in it, left out of the comparison (0 when the base skipped it too). */
  benchmarks: number
}

/** The shards a merged comparison came from. */
export interface ShardsInfo {
  /** The shards whose comparisons were merged, e.g. "shard 2/3". */
  merged: string[]
  /** Shards that did not report; each one fails the gate. */
  missing: { source: string; reason: string }[]
  /** Shards that reported but had no baseline to compare with; they do not fail the gate. */
  unbaselined?: { source: string; reason: string }[]
}

/** The gates a pull request can be judged by. */
export const GATE_MODES = ['confirmed', 'baseline', 'ab'] as const
/** confirmed: screen against the baseline, confirm suspects by A/B; baseline: the screen alone; ab: A/B only. */
export type GateMode = (typeof GATE_MODES)[number]

/** How the suspects of a screen were re-measured (gate confirmed). */
export interface ConfirmationInfo {
  /** The revision the suspects were re-measured against (the merge-base). */
  base: { commit: string; ref: string }
  rounds: number
  test: StatTest
  suspects: number
  confirmed: number
  /** Wall time of the confirmation runs. */
  elapsedMs: number
  /** The -benchtime each A/B round ran at (by default the one the bundles were made at). */
  benchtime?: string
  /** Set when the A/B could not run; the screen's verdicts then stand. */
  error?: string
}

/** Where one side came from: its label, commit, ref and Go version. */
export interface SideInfo {
  label: string
  commit: string
  ref: string
  goVersion: string
  /** The CPU model go test printed, when known: a merge names each shard's runner by it. */
  cpu?: string
}

/** Units measured in time per op: the gating metric. */
export function isTimeUnit(unit: string): boolean {
  return /^(ns|us|µs|ms|s|sec)\/op$/.test(unit)
}

/** Rates (`MB/s`, `ops/s`) are better when larger; everything else per op is better smaller. */
export function betterDirection(unit: string): 'lower' | 'higher' {
  return /\/s$/.test(unit) ? 'higher' : 'lower'
}

/** Benchmarks are matched across sides by package and full name. */
export const benchmarkKey = (b: { package: string; name: string }): string =>
  `${b.package}\u0000${b.name}`

/** A comparison before the judge has decided its gate: the statistics and verdicts. */
export type Screen = Omit<Comparison, 'gate' | 'gateMode' | 'confirmation'>
