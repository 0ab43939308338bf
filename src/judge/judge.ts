/**
 * The judge: the one place that decides which flow a run takes, every
 * verdict's gate, what counts as a suspect, how a confirmation changes the
 * screen, when to comment, and whether the step fails. Pure: comparisons
 * and settings in, decisions out. The front ends ask it and publish what
 * it says; they never branch on gates themselves (docs/design.md D7, D8).
 */
import { compareSides } from '../compare/index.js'
import type { Side } from '../compare/input.js'
import type {
  BenchmarkComparison,
  CompareOptions,
  Comparison,
  GateMode,
  Screen,
  StatTest
} from '../compare/model.js'
import { sortBenchmarks, isAllocationUnit } from '../compare/verdicts.js'
import { formatChange, formatInterval, formatP } from '../compare/wording.js'
import { CONTENTION_METRICS } from '../attribution/contention.js'
import { contentionDelta, gatesOnContention } from '../compare/contention.js'

/**
 * The test of interleaved rounds (confirmation, gate ab, CLI ab):
 * group-sequential, so each benchmark's rounds stop as soon as it is decided
 * (stats/group-sequential.ts, judge/sequential.ts, docs/design.md "Sequential
 * confirmation"). The U test and the signed-rank test stay available as
 * fixed-round tests (`--test`), which run every round.
 */
export const AB_TEST: StatTest = 'sequential'

/**
 * The most A/B rounds a suspect gets under confirmation, by default: most
 * stop long before (judge/sequential.ts).
 */
export const CONFIRM_ROUNDS_DEFAULT = 30

/**
 * Seconds of confirmation rounds before the undecided suspects stop as
 * inconclusive, by default: about what 20 fixed rounds of 3 suspects at
 * 1s cost before (2 × 1 s × 20 × 3).
 */
export const CONFIRM_BUDGET_DEFAULT = 120

/**
 * What a run does, by event and gate:
 * - record: measure, and upload the baseline where due (push, schedule, dispatch);
 * - screen: measure, compare with the baseline artifact (gate baseline);
 * - confirm: the screen, then A/B of its suspects on this runner (gate confirmed);
 * - ab: A/B of everything against the base revision, no artifact (gate ab).
 */
export type Plan = 'record' | 'screen' | 'confirm' | 'ab'

/** Events a run (mode: run) supports. */
export const RUN_EVENTS = ['push', 'pull_request', 'workflow_dispatch', 'schedule'] as const

/** The flow for this event and gate; undefined for an event benchgate does not run on. */
export function planFor(event: string, gate: GateMode): Plan | undefined {
  if (!(RUN_EVENTS as readonly string[]).includes(event)) return undefined
  if (event !== 'pull_request') return 'record'
  switch (gate) {
    case 'ab':
      return 'ab'
    case 'baseline':
      return 'screen'
    case 'confirmed':
      return 'confirm'
  }
}

/**
 * Why this benchmark fails the gate: its time regressions, and its
 * allocation regressions (exact or noisy) with failOnAlloc. `which`
 * limits it to the allocations (a confirmed suspect's time is the A/B's).
 */
export function gateReasons(
  bc: BenchmarkComparison,
  opts: CompareOptions,
  which: 'all' | 'allocations' = 'all'
): string[] {
  const reasons: string[] = []
  for (const m of bc.metrics) {
    if (
      m.verdict === 'inconclusive' &&
      m.kind === 'time' &&
      which === 'all' &&
      opts.failOnInconclusive
    )
      reasons.push(
        `${bc.name} ${m.unit} inconclusive: ${formatInterval(m.interval)} (fail-on-inconclusive)`
      )
    if (m.verdict !== 'regression') continue
    if (m.kind === 'time' && which === 'all')
      reasons.push(`${bc.name} ${m.unit} ${formatChange(m)} (p=${formatP(m.pAdjusted)})`)
    else if (isAllocationUnit(m.unit) && opts.failOnAlloc)
      reasons.push(`${bc.name} ${m.unit} ${formatChange(m)}`)
  }
  // Contention gates only in the families a team asked for (fail-on-contention).
  const c = bc.contention
  for (const r of c?.rows ?? [])
    if (r.gates)
      reasons.push(
        `${bc.name} ${CONTENTION_METRICS[r.metric].label} ${contentionDelta(r)} (p=${formatP(r.pAdjusted)}, ${c!.rounds.head} ${c!.measuredBy === 'ab' ? 'A/B ' : ''}contention rounds)`
      )
  return reasons
}

/** Whether a benchmark's time metric regressed (or, failing on it, stayed inconclusive), as its metrics say. */
export function timeRegressed(b: BenchmarkComparison, opts?: CompareOptions): boolean {
  return b.metrics.some(
    m =>
      m.kind === 'time' &&
      (m.verdict === 'regression' ||
        (m.verdict === 'inconclusive' && opts?.failOnInconclusive === true))
  )
}

/**
 * The judge's record of what blocks: a failing gate, and this benchmark's
 * time regression (`time`, as the gate counted it) or a contention
 * regression a team gates on. A stale mark from elsewhere is dropped.
 */
export function recordBlocking(
  b: BenchmarkComparison,
  fails: boolean,
  time: boolean
): BenchmarkComparison {
  const { blocks, ...rest } = b
  void blocks
  return fails && (time || gatesOnContention(b.contention)) ? { ...rest, blocks: true } : rest
}

/**
 * The gate of a comparison whose verdicts stand as measured: the baseline
 * screen, or an A/B. `mode` is recorded (absent: a plain comparison). The
 * benchmarks are ranked worst first.
 */
export function judgeScreen(screen: Screen, mode?: GateMode): Comparison {
  // Worst first, reasons too: the same order however the benchmarks came.
  const sorted = sortBenchmarks(screen.benchmarks)
  const reasons = sorted.flatMap(bc => gateReasons(bc, screen.options))
  return {
    ...screen,
    benchmarks: sorted.map(b =>
      recordBlocking(b, reasons.length > 0, timeRegressed(b, screen.options))
    ),
    gate: { fail: reasons.length > 0, reasons },
    ...(mode ? { gateMode: mode } : {})
  }
}

/** Compare two sides and judge them as a plain comparison (CLI `compare`, tests). */
export function compare(base: Side, head: Side, options: Partial<CompareOptions> = {}): Comparison {
  return judgeScreen(compareSides(base, head, options))
}

/**
 * Options for an interleaved A/B verdict: the A/B test, and the A/B
 * threshold, since its Δ is measured without drift between the sides.
 * `threshold` (a front end's explicit choice) overrides the latter;
 * `rounds` is the most rounds the A/B may run (the sequential design's cap).
 */
export function abOptions(
  opts: CompareOptions,
  rounds: number,
  threshold?: number
): CompareOptions {
  return { ...opts, test: AB_TEST, threshold: threshold ?? opts.abThreshold, maxRounds: rounds }
}

/** Judge an A/B of everything (gate ab, CLI `ab`), measured against `baseLabel`. */
export function judgeAb(ab: Screen, baseLabel?: string): Comparison {
  const c = judgeScreen(fromAb(ab), 'ab')
  return baseLabel ? { ...c, base: { ...c.base, ref: baseLabel } } : c
}

/** Mark a comparison's function deltas as measured by the A/B rounds. */
function fromAb(ab: Screen): Screen {
  return {
    ...ab,
    benchmarks: ab.benchmarks.map(b => ({
      ...b,
      ...(b.functions ? { functionsFrom: 'ab' as const } : {}),
      ...(b.contention ? { contention: { ...b.contention, measuredBy: 'ab' as const } } : {})
    }))
  }
}

/** When the sticky comment is created (an existing one is always updated). */
export type CommentPolicy = 'always' | 'on-change' | 'on-regression' | 'never'

/** Whether this comparison calls for a new comment under the policy. */
export function shouldComment(policy: CommentPolicy, c: Comparison): boolean {
  switch (policy) {
    case 'always':
      return true
    case 'on-change':
      return (
        c.counts.regression +
          c.counts.improvement +
          c.counts.failed +
          c.counts.new +
          c.counts.removed >
        0
      )
    case 'on-regression':
      return c.counts.regression > 0
    case 'never':
      return false
  }
}

/** Whether the step fails on this comparison, and the message that says why. */
export function gateFailure(c: Comparison, failOnRegression: boolean): string | undefined {
  if (!c.gate.fail || !failOnRegression) return undefined
  return `benchgate: ${c.gate.reasons.length} significant regression(s): ${c.gate.reasons.slice(0, 5).join('; ')}`
}

/** Whether packages that failed to run their benchmarks fail the step (they always do). */
export function packageFailure(failed: readonly string[]): string | undefined {
  if (failed.length === 0) return undefined
  return `benchgate: ${failed.length} package(s) failed to run their benchmarks: ${failed.join(', ')}`
}
