/**
 * Rebuilding a Comparison from JSON we did not make: a fork's report
 * artifact (github/report-artifact.ts) or a shard's comparison handed to
 * `merge`. Every field is type-checked and bounded; unknown fields are
 * dropped, and a malformed one is a ReportError that names it.
 */
import { isRepositoryPath } from '../bundle/index.js'
import { CONTENTION_FAMILIES } from '../attribution/contention.js'
import { contention } from './sanitize-contention.js'
import { arr, bool, fail, L, num, numOrNull, obj, oneOf, side, str } from './sanitize-fields.js'
export { REPORT_LIMITS, ReportError } from './sanitize-fields.js'
import {
  GATE_MODES,
  STAT_TESTS,
  type ConfirmationInfo,
  VERDICTS,
  type BenchmarkComparison,
  type Comparison,
  type FunctionCosts,
  type FunctionDelta,
  type LineDelta,
  type MetricComparison,
  type ShardsInfo,
  type SkippedPackage,
  type Verdict
} from './model.js'

/** A confidence interval of Δ in percent: a number below, a number or null (unbounded) above. */
function interval(v: unknown, where: string): { lo: number; hi: number | null } {
  const o = obj(v, where)
  return { lo: num(o.lo, `${where}.lo`), hi: numOrNull(o.hi, `${where}.hi`) }
}

function metric(v: unknown, where: string, nested = false): MetricComparison {
  const o = obj(v, where)
  const m: MetricComparison = {
    unit: str(o.unit, `${where}.unit`, L.unit),
    kind: oneOf(o.kind, ['time', 'noisy', 'exact'] as const, `${where}.kind`),
    better: oneOf(o.better, ['lower', 'higher'] as const, `${where}.better`),
    verdict: oneOf(o.verdict, VERDICTS, `${where}.verdict`),
    p: numOrNull(o.p, `${where}.p`),
    test: oneOf(o.test ?? 'utest', STAT_TESTS, `${where}.test`),
    pAdjusted: numOrNull(o.pAdjusted, `${where}.pAdjusted`),
    significantUncorrected:
      o.significantUncorrected === null ? null : o.significantUncorrected === true,
    deltaPercent: numOrNull(o.deltaPercent, `${where}.deltaPercent`),
    base: side(o.base, `${where}.base`),
    head: side(o.head, `${where}.head`)
  }
  if (o.interval !== undefined) m.interval = interval(o.interval, `${where}.interval`)
  if (o.detectable !== undefined) m.detectable = num(o.detectable, `${where}.detectable`)
  if (o.measuredBy !== undefined)
    m.measuredBy = oneOf(o.measuredBy, ['ab'] as const, `${where}.measuredBy`)
  // One level only: a screen row holds no screen row of its own.
  if (o.screen !== undefined && !nested && m.measuredBy === 'ab')
    m.screen = metric(o.screen, `${where}.screen`, true)
  return m
}

function benchmark(v: unknown, where: string): BenchmarkComparison {
  const o = obj(v, where)
  const b: BenchmarkComparison = {
    package: str(o.package, `${where}.package`),
    name: str(o.name, `${where}.name`),
    verdict: oneOf(o.verdict, VERDICTS, `${where}.verdict`),
    metrics: arr(o.metrics, `${where}.metrics`, L.metrics).map((m, i) =>
      metric(m, `${where}.metrics[${i}]`)
    )
  }
  if (o.summary !== undefined) b.summary = str(o.summary, `${where}.summary`)
  // The judge's mark, for rendering; re-judging an untrusted report sets it again.
  if (o.blocks === true) b.blocks = true
  if (o.shard !== undefined) b.shard = str(o.shard, `${where}.shard`)
  if (o.functionsFrom !== undefined)
    b.functionsFrom = oneOf(o.functionsFrom, ['baseline', 'ab'] as const, `${where}.functionsFrom`)
  if (o.confirmation !== undefined) {
    const k = obj(o.confirmation, `${where}.confirmation`)
    b.confirmation = {
      status: oneOf(
        k.status,
        ['confirmed', 'not-confirmed', 'inconclusive', 'missing', 'identical'] as const,
        `${where}.confirmation.status`
      ),
      unit: str(k.unit, `${where}.confirmation.unit`, L.unit),
      deltaPercent: numOrNull(k.deltaPercent, `${where}.confirmation.deltaPercent`),
      ...(k.p === undefined ? {} : { p: numOrNull(k.p, `${where}.confirmation.p`) }),
      pAdjusted: numOrNull(k.pAdjusted, `${where}.confirmation.pAdjusted`),
      rounds: num(k.rounds, `${where}.confirmation.rounds`),
      test: oneOf(k.test, STAT_TESTS, `${where}.confirmation.test`),
      ...(k.interval === undefined
        ? {}
        : { interval: interval(k.interval, `${where}.confirmation.interval`) })
    }
  }
  if (o.functions !== undefined) {
    const f = obj(o.functions, `${where}.functions`)
    b.functions = {}
    for (const measure of MEASURE_KEYS) {
      if (f[measure] === undefined) continue
      const w = `${where}.functions.${measure}`
      b.functions[measure] = arr(f[measure], w, L.functions).map((x, i) =>
        functionDelta(x, `${w}[${i}]`)
      )
    }
  }
  if (o.functionStats !== undefined) {
    const f = obj(o.functionStats, `${where}.functionStats`)
    b.functionStats = {}
    for (const measure of MEASURE_KEYS) {
      if (f[measure] === undefined) continue
      const w = `${where}.functionStats.${measure}`
      const e = obj(f[measure], w)
      const samples = obj(e.samples, `${w}.samples`)
      b.functionStats[measure] = {
        samples: {
          base: numOrNull(samples.base, `${w}.samples.base`),
          head: numOrNull(samples.head, `${w}.samples.head`)
        },
        explained: numOrNull(e.explained, `${w}.explained`),
        withinNoise: num(e.withinNoise, `${w}.withinNoise`),
        fewSamples: bool(e.fewSamples, `${w}.fewSamples`)
      }
    }
  }
  if (o.contention !== undefined)
    b.contention = contention(o.contention, `${where}.contention`, functionDelta)
  return b
}

const MEASURE_KEYS = ['cpu', 'alloc_space', 'alloc_objects'] as const

function functionDelta(x: unknown, w: string): FunctionDelta {
  const e = obj(x, w)
  const costs = (k: string) => costsOf(e[k], `${w}.${k}`)
  const out: FunctionDelta = {
    name: str(e.name, `${w}.name`),
    status: oneOf(e.status, ['changed', 'new', 'gone'] as const, `${w}.status`),
    base: costs('base'),
    head: costs('head'),
    delta: costs('delta'),
    beyondNoise: bool(e.beyondNoise, `${w}.beyondNoise`),
    ...(e.changedInDiff === true ? { changedInDiff: true as const } : {})
  }
  if (e.path !== undefined)
    out.path = arr(e.path, `${w}.path`, L.path).map((x, i) => {
      const step = obj(x, `${w}.path[${i}]`)
      return {
        name: str(step.name, `${w}.path[${i}].name`),
        base: numOrNull(step.base, `${w}.path[${i}].base`),
        head: numOrNull(step.head, `${w}.path[${i}].head`),
        ...(step.changedInDiff === true ? { changedInDiff: true as const } : {})
      }
    })
  if (e.file !== undefined) {
    out.file = str(e.file, `${w}.file`, L.file)
    // It goes into a link: a plain path in the repository, no `..`.
    if (!isRepositoryPath(out.file)) fail(`${w}.file`)
  }
  if (e.lines !== undefined)
    out.lines = arr(e.lines, `${w}.lines`, L.lines).map((x, i) => lineDelta(x, `${w}.lines[${i}]`))
  return out
}

function costsOf(v: unknown, w: string): FunctionCosts {
  const p = obj(v, w)
  return {
    flat: num(p.flat, `${w}.flat`),
    cum: num(p.cum, `${w}.cum`),
    self: num(p.self, `${w}.self`)
  }
}

const lineNumber = (v: unknown, w: string): number | null =>
  v === null ? null : Number.isInteger(v) && (v as number) > 0 ? (v as number) : fail(w)

function lineDelta(x: unknown, w: string): LineDelta {
  const l = obj(x, w)
  const out: LineDelta = {
    line: lineNumber(l.line, `${w}.line`),
    baseLine: lineNumber(l.baseLine, `${w}.baseLine`),
    change: oneOf(l.change, ['same', 'moved', 'edited', 'new', 'gone'] as const, `${w}.change`),
    base: costsOf(l.base, `${w}.base`),
    head: costsOf(l.head, `${w}.head`),
    delta: costsOf(l.delta, `${w}.delta`)
  }
  if (l.text !== undefined) out.text = str(l.text, `${w}.text`, L.lineText)
  if (l.baseText !== undefined) out.baseText = str(l.baseText, `${w}.baseText`, L.lineText)
  return out
}

function hotLinesInfo(v: unknown): Comparison['hotLines'] {
  const h = obj(v, 'comparison.hotLines')
  return h.between !== undefined
    ? { between: str(h.between, 'comparison.hotLines.between', L.ref) }
    : { unavailable: str(h.unavailable, 'comparison.hotLines.unavailable') }
}

/** Rebuild a Comparison from untrusted JSON, keeping only well-typed known fields. */
export function sanitizeComparison(v: unknown): Comparison {
  const o = obj(v, 'comparison')
  const opts = obj(o.options, 'comparison.options')
  const gate = obj(o.gate, 'comparison.gate')
  const counts = obj(o.counts, 'comparison.counts')
  const info = (x: unknown, w: string) => {
    const s = obj(x, w)
    return {
      label: str(s.label, `${w}.label`),
      commit: str(s.commit, `${w}.commit`, L.commit),
      ref: str(s.ref, `${w}.ref`, L.ref),
      goVersion: str(s.goVersion, `${w}.goVersion`, L.goVersion),
      ...(s.cpu === undefined ? {} : { cpu: str(s.cpu, `${w}.cpu`, L.ref) })
    }
  }
  return {
    schemaVersion: 1,
    verdict: oneOf(
      o.verdict,
      ['regression', 'improvement', 'unchanged', 'too-few-samples'] as const,
      'comparison.verdict'
    ),
    gate: {
      fail: gate.fail === true,
      reasons: arr(gate.reasons, 'comparison.gate.reasons', L.reasons).map((r, i) =>
        str(r, `gate.reasons[${i}]`)
      )
    },
    options: {
      threshold: num(opts.threshold, 'options.threshold'),
      abThreshold: num(opts.abThreshold ?? opts.threshold, 'options.abThreshold'),
      alpha: num(opts.alpha, 'options.alpha'),
      allocThreshold: num(opts.allocThreshold, 'options.allocThreshold'),
      maxFunctions: num(opts.maxFunctions, 'options.maxFunctions'),
      failOnAlloc: opts.failOnAlloc === true,
      ...(opts.failOnInconclusive === true ? { failOnInconclusive: true } : {}),
      ...(opts.maxRounds !== undefined
        ? { maxRounds: num(opts.maxRounds, 'options.maxRounds') }
        : {}),
      test: oneOf(opts.test ?? 'utest', STAT_TESTS, 'options.test'),
      contentionThreshold: num(opts.contentionThreshold ?? 10, 'options.contentionThreshold'),
      failOnContention: arr(opts.failOnContention ?? [], 'options.failOnContention', 10).map(
        (x, i) => oneOf(x, CONTENTION_FAMILIES, `options.failOnContention[${i}]`)
      )
    },
    // A verdict newer than the report counts 0 (inconclusive came after schema 1's first reports).
    counts: Object.fromEntries(
      VERDICTS.map(k => [
        k,
        num(counts[k] ?? (k === 'inconclusive' ? 0 : undefined), `counts.${k}`)
      ])
    ) as Record<Verdict, number>,
    benchmarks: arr(o.benchmarks, 'comparison.benchmarks').map((b, i) =>
      benchmark(b, `benchmarks[${i}]`)
    ),
    geomean: arr(o.geomean, 'comparison.geomean', L.geomean).map((g, i) => {
      const x = obj(g, `geomean[${i}]`)
      return {
        unit: str(x.unit, `geomean[${i}].unit`, L.unit),
        base: num(x.base, 'geomean.base'),
        head: num(x.head, 'geomean.head'),
        deltaPercent: num(x.deltaPercent, 'geomean.deltaPercent'),
        n: num(x.n, 'geomean.n')
      }
    }),
    warnings: arr(o.warnings, 'comparison.warnings', L.warnings).map((w, i) =>
      str(w, `warnings[${i}]`)
    ),
    notes: arr(o.notes ?? [], 'comparison.notes', L.notes).map((w, i) => str(w, `notes[${i}]`)),
    base: info(o.base, 'comparison.base'),
    head: info(o.head, 'comparison.head'),
    ...(o.gateMode === undefined
      ? {}
      : { gateMode: oneOf(o.gateMode, GATE_MODES, 'comparison.gateMode') }),
    ...(o.confirmation === undefined ? {} : { confirmation: confirmationInfo(o.confirmation) }),
    ...(o.hotLines === undefined ? {} : { hotLines: hotLinesInfo(o.hotLines) }),
    ...(o.shards === undefined ? {} : { shards: shardsInfo(o.shards) }),
    ...(o.skipped === undefined ? {} : { skipped: skippedInfo(o.skipped) })
  }
}

/** The packages the head did not measure: a package, a short reason, a count of benchmarks. */
function skippedInfo(v: unknown): SkippedPackage[] {
  return arr(v, 'comparison.skipped').map((x, i) => {
    const e = obj(x, `skipped[${i}]`)
    const n = num(e.benchmarks, `skipped[${i}].benchmarks`)
    return {
      package: str(e.package, `skipped[${i}].package`),
      reason: str(e.reason, `skipped[${i}].reason`, L.ref),
      benchmarks: Number.isInteger(n) && n >= 0 ? n : fail(`skipped[${i}].benchmarks`)
    }
  })
}

/** Which shards a merged comparison joined and lacks: at most a matrix's 256 each. */
function shardsInfo(v: unknown): ShardsInfo {
  const o = obj(v, 'comparison.shards')
  const named = (x: unknown, what: string) =>
    arr(x, what, 256).map((e, i) => {
      const m = obj(e, `${what}[${i}]`)
      return {
        source: str(m.source, `${what}[${i}].source`),
        reason: str(m.reason, `${what}[${i}].reason`)
      }
    })
  return {
    merged: arr(o.merged, 'shards.merged', 256).map((m, i) => str(m, `shards.merged[${i}]`)),
    missing: named(o.missing, 'shards.missing'),
    ...(o.unbaselined === undefined
      ? {}
      : { unbaselined: named(o.unbaselined, 'shards.unbaselined') })
  }
}

function confirmationInfo(v: unknown): ConfirmationInfo {
  const k = obj(v, 'comparison.confirmation')
  const base = obj(k.base, 'comparison.confirmation.base')
  return {
    base: {
      commit: str(base.commit, 'confirmation.base.commit', L.commit),
      ref: str(base.ref, 'confirmation.base.ref', L.ref)
    },
    rounds: num(k.rounds, 'confirmation.rounds'),
    test: oneOf(k.test, STAT_TESTS, 'confirmation.test'),
    suspects: num(k.suspects, 'confirmation.suspects'),
    confirmed: num(k.confirmed, 'confirmation.confirmed'),
    elapsedMs: num(k.elapsedMs, 'confirmation.elapsedMs'),
    ...(k.benchtime === undefined
      ? {}
      : { benchtime: str(k.benchtime, 'confirmation.benchtime', L.unit) }),
    ...(k.error === undefined ? {} : { error: str(k.error, 'confirmation.error') })
  }
}
