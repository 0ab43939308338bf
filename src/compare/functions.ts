/**
 * Function deltas: per-op costs of one benchmark on both sides, matched by
 * name (DESIGN.md "File paths"), ranked, and the one-line explanation of a
 * changed benchmark that names the function that moved most.
 */
import type { Measure, PerOpCost } from '../attribution/index.js'
import { splitBenchName } from '../gobench/parse.js'
import type { SideBenchmark } from './input.js'
import type {
  BenchmarkComparison,
  FunctionDelta,
  MeasureDeltas,
  MetricComparison,
  Verdict
} from './model.js'
import { primaryMetric } from './verdicts.js'
import { formatDelta, formatP, signed } from './wording.js'

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

/** Per measure: the functions whose per-op cost changed, and those new or gone. */
export function functionDeltas(
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
export function explain(bc: BenchmarkComparison): string {
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
  const disagree = disagreement(bc, m)
  if (!top || (improving ? score(top) >= 0 : score(top) <= 0)) return what + disagree
  return `${what}: ${top.name} ${signed(score(top))} ${MEASURE_UNIT[measure]}${disagree}`
}

/**
 * When the units disagree — time slower while B/op improved, or the
 * reverse — the headline says so, so one never hides behind the other.
 */
export function disagreement(bc: BenchmarkComparison, shown: MetricComparison | undefined): string {
  const other = bc.metrics.filter(
    x =>
      x !== shown &&
      (x.verdict === 'regression' || x.verdict === 'improvement') &&
      x.verdict !== bc.verdict
  )
  return other.map(x => `; but ${x.unit} ${formatDelta(x.deltaPercent)} (${x.verdict})`).join('')
}
