/**
 * Merging the comparisons of a sharded run (docs/sharding.md) into one answer.
 *
 * Each shard measured, screened and confirmed its own packages on its own
 * runner; its comparison is one input here. The merge:
 * - refuses inputs that cannot be one run's: different options or gate,
 *   different commits, or a benchmark in two shards;
 * - recomputes every metric verdict with Holm across all benchmarks of all
 *   shards (a family per unit, as one unsharded comparison would have),
 *   and every confirmation with Holm across all shards' suspects, from
 *   their raw p;
 * - keeps what belongs to a runner per shard: which benchmarks were
 *   suspects, and the run shift they were judged by;
 * - names each shard's environment warnings, and fails when a shard did
 *   not report.
 */
import {
  benchmarkKey,
  type BenchmarkComparison,
  type Comparison,
  type GeomeanRow
} from '../compare/model.js'
import { ReportError } from '../compare/sanitize-fields.js'
import { sanitizeComparison } from '../compare/sanitize.js'
import { countVerdicts, holmFamilies, overallVerdict, sortBenchmarks } from '../compare/verdicts.js'
import { readTextCapped } from '../files/index.js'
import { shiftNote } from '../compare/shift.js'
import { failMissingShards, judgeVerdicted, metricVerdicts } from './rejudge.js'
import { maxOf, parseJson } from '../data/index.js'

import { MergeError } from '../shard/partition.js'
export { MergeError } from '../shard/partition.js'

/** One shard's comparison, and where it came from (a file, an artifact). */
export interface MergeInput {
  source: string
  comparison: Comparison
}

/** A shard that should have reported and did not, with what is known of why. */
export interface MissingShard {
  source: string
  reason: string
}

/** The first option two comparisons differ in, as `name: a vs b`. */
function optionDifference(a: Comparison, b: Comparison): string | undefined {
  const keys = new Set([...Object.keys(a.options), ...Object.keys(b.options)])
  for (const k of keys) {
    const x = JSON.stringify((a.options as unknown as Record<string, unknown>)[k])
    const y = JSON.stringify((b.options as unknown as Record<string, unknown>)[k])
    if (x !== y) return `${k} ${x} against ${y}`
  }
  if ((a.gateMode ?? 'baseline') !== (b.gateMode ?? 'baseline'))
    return `gate ${a.gateMode ?? 'baseline'} against ${b.gateMode ?? 'baseline'}`
  return undefined
}

/** Check that the inputs are shards of one run. */
function checkInputs(inputs: readonly MergeInput[]): void {
  if (inputs.length === 0) throw new MergeError('there is no comparison to merge')
  const first = inputs[0]
  const owner = new Map<string, string>()
  for (const x of inputs) {
    const diff = optionDifference(first.comparison, x.comparison)
    if (diff)
      throw new MergeError(
        `${x.source} was compared with other settings than ${first.source} (${diff}); compare every shard with the same options, then merge`
      )
    for (const side of ['base', 'head'] as const) {
      const a = first.comparison[side].commit
      const b = x.comparison[side].commit
      if (a && b && a !== b)
        throw new MergeError(
          `${x.source} measured ${side} ${b.slice(0, 12)}, ${first.source} ${a.slice(0, 12)}: the shards of one merge must measure the same commits`
        )
    }
    for (const b of x.comparison.benchmarks) {
      const k = benchmarkKey(b)
      const other = owner.get(k)
      if (other !== undefined)
        throw new MergeError(
          `${b.name} of ${b.package} is in both ${other} and ${x.source}: the shards overlap; run every shard with the same shard count, from the same baseline`
        )
      owner.set(k, x.source)
    }
  }
}

/** Holm across every shard's suspects, from their raw p (status missing: no test). */
function confirmationPs(inputs: readonly MergeInput[]): Map<string, number | null> {
  const tested: { key: string; p: number }[] = []
  for (const x of inputs)
    for (const b of x.comparison.benchmarks) {
      const k = b.confirmation
      if (!k || k.status === 'missing' || k.status === 'identical') continue
      if (k.p === undefined)
        throw new MergeError(
          `${x.source} has confirmations without their raw p (made by a benchgate older than merge); run that shard again`
        )
      if (k.p !== null) tested.push({ key: benchmarkKey(b), p: k.p })
    }
  const out = new Map<string, number | null>()
  holmFamilies(
    new Map([['confirmation', tested]]),
    t => t.p,
    (t, adjusted) => out.set(t.key, adjusted)
  )
  return out
}

/** One unit's geometric mean over all shards, from each shard's mean and count. */
function mergeGeomeans(rows: readonly GeomeanRow[]): GeomeanRow[] {
  const byUnit = new Map<string, GeomeanRow[]>()
  for (const r of rows) (byUnit.get(r.unit) ?? byUnit.set(r.unit, []).get(r.unit)!).push(r)
  return [...byUnit].map(([unit, rs]) => {
    const n = rs.reduce((a, r) => a + r.n, 0)
    const mean = (pick: (r: GeomeanRow) => number) =>
      Math.exp(rs.reduce((a, r) => a + r.n * Math.log(pick(r)), 0) / n)
    const base = mean(r => r.base)
    const head = mean(r => r.head)
    return { unit, base, head, deltaPercent: (head / base - 1) * 100, n }
  })
}

/**
 * Which CPU each shard ran on, when the shards' runners differ: each
 * shard's verdicts are against its own part of the baseline, made on
 * whatever runner that push job had.
 */
function runnerNotes(inputs: readonly MergeInput[]): string[] {
  const cpu = (x: MergeInput, side: 'base' | 'head') => x.comparison[side].cpu ?? 'an unknown CPU'
  const models = new Set(inputs.flatMap(x => [cpu(x, 'base'), cpu(x, 'head')]))
  if (models.size <= 1) return []
  return [
    `The shards ran on different CPUs: ${inputs.map(x => `${x.source} on ${cpu(x, 'head')} (its baseline part on ${cpu(x, 'base')})`).join('; ')}. Each shard is compared with its own part only.`
  ]
}

/**
 * Merge shard comparisons into one, judged as one: its verdicts, counts
 * and gate. Missing shards are named in the gate and fail it; shards that
 * had no baseline are named in the notes and do not.
 */
export function mergeComparisons(
  inputs: readonly MergeInput[],
  missing: readonly MissingShard[] = [],
  unbaselined: readonly MissingShard[] = []
): Comparison {
  checkInputs(inputs)
  const first = inputs[0].comparison
  const opts = first.options
  const verdicted = metricVerdicts(
    inputs.flatMap(x => x.comparison.benchmarks),
    opts
  )
  const ps = confirmationPs(inputs)
  let at = 0
  const judged = inputs.map(x => {
    const mine = verdicted.slice(at, (at += x.comparison.benchmarks.length))
    const c = judgeVerdicted(x.comparison, mine, ps)
    return {
      source: x.source,
      c: { ...c, benchmarks: c.benchmarks.map(b => ({ ...b, shard: x.source })) }
    }
  })
  const benchmarks: BenchmarkComparison[] = sortBenchmarks(judged.flatMap(j => j.c.benchmarks))
  const counts = countVerdicts(benchmarks)
  const reasons = worstFirst(
    judged.flatMap(j => j.c.gate.reasons),
    benchmarks
  )
  const shifts = judged.flatMap(j =>
    j.c.shift?.applied ? [`${j.source}: ${shiftNote(j.c.shift)}`] : []
  )
  const notes = [
    `Merged from ${inputs.length} shard${inputs.length === 1 ? '' : 's'} (${inputs.map(x => x.source).join(', ')}); p-values are corrected across all ${benchmarks.length} benchmarks.`,
    ...missing.map(
      m => `Shard ${m.source} did not report (${m.reason}); its benchmarks are not here.`
    ),
    ...unbaselined.map(
      m =>
        `Shard ${m.source} had no baseline to compare with (${m.reason}); its benchmarks are not here.`
    ),
    ...shifts,
    ...runnerNotes(inputs),
    ...new Set(judged.flatMap(j => j.c.notes))
  ]
  const confirmations = judged.flatMap(j => (j.c.confirmation ? [j.c.confirmation] : []))
  const out: Comparison = {
    ...first,
    benchmarks,
    counts,
    verdict: overallVerdict(counts),
    gate: { fail: reasons.length > 0, reasons },
    geomean: mergeGeomeans(judged.flatMap(j => j.c.geomean)),
    warnings: judged.flatMap(j => j.c.warnings.map(w => `${j.source}: ${w}`)),
    notes,
    ...(judged.some(j => j.c.skipped) ? { skipped: judged.flatMap(j => j.c.skipped ?? []) } : {}),
    shards: {
      merged: inputs.map(x => x.source),
      missing: [...missing],
      ...(unbaselined.length > 0 ? { unbaselined: [...unbaselined] } : {})
    }
  }
  delete out.shift
  if (confirmations.length > 0) {
    const errors = confirmations.flatMap(k => (k.error ? [k.error] : []))
    out.confirmation = {
      ...confirmations[0],
      suspects: benchmarks.filter(b => b.confirmation).length,
      confirmed: benchmarks.filter(b => b.confirmation?.status === 'confirmed').length,
      // The shards ran side by side: the merge waited for the longest.
      elapsedMs: maxOf(
        confirmations.map(k => k.elapsedMs),
        0
      ),
      ...(errors.length > 0 ? { error: errors.join('; ') } : {})
    }
  }
  return failMissingShards(out)
}

/**
 * The shards' gate reasons in the merged benchmarks' order (worst first),
 * as one unsharded comparison lists them: a reason begins with the name of
 * its benchmark; one that names none (a shard) keeps its place after them.
 */
function worstFirst(reasons: readonly string[], sorted: readonly BenchmarkComparison[]): string[] {
  const rank = new Map<string, number>()
  sorted.forEach((b, i) => {
    if (!rank.has(b.name)) rank.set(b.name, i)
  })
  const names = [...rank.keys()].sort((x, y) => y.length - x.length)
  const at = (r: string): number => {
    const name = names.find(n => r.startsWith(`${n} `))
    return name === undefined ? sorted.length : rank.get(name)!
  }
  return reasons
    .map((r, i) => ({ r, i, at: at(r) }))
    .sort((x, y) => x.at - y.at || x.i - y.i)
    .map(x => x.r)
}

/**
 * Re-judge a merged comparison from somewhere we do not trust (a fork's
 * merged report, in mode comment) as the merge judged it: Holm across all
 * benchmarks, and each shard's suspects and shift within that shard, by
 * the shard each benchmark records. rejudge() alone would nominate over
 * the union, as if one runner had measured everything.
 */
export function rejudgeMerged(c: Comparison): Comparison {
  const shards = c.shards!
  const sources = [...new Set([...shards.merged, ...c.benchmarks.map(b => b.shard ?? '')])]
  const inputs = sources
    .map((source, i) => ({
      source,
      comparison: {
        ...c,
        benchmarks: c.benchmarks.filter(b => (b.shard ?? '') === source),
        geomean: i === 0 ? c.geomean : [],
        warnings: [],
        notes: []
      }
    }))
    .filter(x => x.comparison.benchmarks.length > 0 || shards.merged.includes(x.source))
  if (inputs.length === 0) return failMissingShards(c)
  const out = mergeComparisons(inputs, shards.missing, shards.unbaselined ?? [])
  // What is shown as measured stays as reported; only the judgement is ours.
  return {
    ...out,
    geomean: c.geomean,
    warnings: c.warnings,
    notes: [...new Set([...out.notes, ...c.notes])]
  }
}

/** A shard's comparison file larger than this is refused before parsing. */
export const MAX_SHARD_COMPARISON_BYTES = 64 * 1024 * 1024

/**
 * Read one shard's comparison (`compare --format json` output), checked
 * field by field as a fork's report is: a shard ran the PR's code.
 */
export async function readMergeInput(path: string, source = path): Promise<MergeInput> {
  const text = await readTextCapped(path, MAX_SHARD_COMPARISON_BYTES, `comparison ${source}`)
  let data: unknown
  try {
    data = parseJson(text)
  } catch (err) {
    throw new MergeError(
      `${source} is not JSON (${(err as Error).message}); merge takes the files \`benchgate compare --format json\` writes`
    )
  }
  try {
    return { source, comparison: sanitizeComparison(data) }
  } catch (err) {
    if (err instanceof ReportError)
      throw new MergeError(
        `${source} is not a comparison benchgate can merge: ${err.message}. Give merge the files \`benchgate compare --format json\` writes`
      )
    throw err
  }
}
