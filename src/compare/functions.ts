/**
 * Function deltas: per-op costs of one benchmark on both sides, matched by
 * name (docs/design.md "File paths"), ranked, and the one-line explanation of a
 * changed benchmark that names the function that moved most.
 */
import type { Measure, PerOpCost } from '../attribution/index.js'
import { splitBenchName } from '../gobench/parse.js'
import type { SideBenchmark } from './input.js'
import type {
  BenchmarkComparison,
  FunctionCosts,
  FunctionDelta,
  FunctionStats,
  MetricComparison,
  Verdict
} from './model.js'
import { lineDeltas, type SourceView } from './lines.js'
import { changedInFile } from './decls.js'
import { beyondNoise, MIN_PROFILE_SAMPLES, sampleCount } from './noise.js'
import { primaryMetric } from './verdicts.js'
import { formatChange, formatP, signed } from './wording.js'

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

/**
 * Per measure: every function whose per-op cost differs between the sides,
 * in one ranked list (changed, new and gone together). The rank is the
 * change of the function's own cost (self: flat with the runtime's
 * internals folded in) in the verdict's direction, so the code that got
 * dearer comes first, above the ancestors whose cum merely contains it
 * and the helpers on every stack. Rows beyond sampling noise come first;
 * up to `max` of each kind are kept.
 */
export function functionDeltas(
  b: SideBenchmark,
  h: SideBenchmark,
  max: number,
  verdict: Verdict,
  /** Both revisions' sources, for hot lines; without it, none. */
  view?: SourceView
):
  | {
      functions: Partial<Record<Measure, FunctionDelta[]>>
      stats: Partial<Record<Measure, FunctionStats>>
    }
  | undefined {
  if (!b.functions || !h.functions) return undefined
  const group = h.group ?? b.group ?? splitBenchName(h.name).base
  const functions: Partial<Record<Measure, FunctionDelta[]>> = {}
  const stats: Partial<Record<Measure, FunctionStats>> = {}
  const direction = verdict === 'improvement' ? -1 : 1
  for (const measure of MEASURE_ORDER) {
    const bl = (b.functions[measure] ?? []).filter(f => !isEntryFrame(f.name, b.package, group))
    const hl = (h.functions[measure] ?? []).filter(f => !isEntryFrame(f.name, h.package, group))
    if (bl.length === 0 && hl.length === 0) continue
    const r = rankFunctions(
      { list: bl, all: b.functions[measure] ?? [], sampling: b.sampling?.[measure] },
      { list: hl, all: h.functions[measure] ?? [], sampling: h.sampling?.[measure] },
      max,
      direction,
      view
    )
    functions[measure] = r.functions
    stats[measure] = r.stats
  }
  return { functions, stats }
}

const MEASURE_ORDER: readonly Measure[] = ['cpu', 'alloc_space', 'alloc_objects']

/** One side of one measure, for rankFunctions. */
export interface RankSide {
  /** The functions to rank (entry frames left out). */
  list: readonly PerOpCost[]
  /** Every function of the side, for call paths and files. */
  all: readonly PerOpCost[]
  sampling?: { total: number; sample?: number }
}

/**
 * One measure's ranked list and its stats: the rows beyond noise first,
 * by Δ self in `direction`, then those within noise, up to `max` each.
 */
export function rankFunctions(
  b: RankSide,
  h: RankSide,
  max: number,
  direction: 1 | -1,
  view?: SourceView
): { functions: FunctionDelta[]; stats: FunctionStats } {
  const sb = b.sampling
  const sh = h.sampling
  const bm = new Map(b.list.map(f => [f.name, costs(f)]))
  const hm = new Map(h.list.map(f => [f.name, costs(f)]))
  const rank = (x: FunctionDelta, y: FunctionDelta): number =>
    direction * (y.delta.self - x.delta.self) ||
    direction * (y.delta.cum - x.delta.cum) ||
    (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)
  // Only the `max` best of each kind are kept: a profile of 300,000
  // functions must not hold a row for each until the end.
  const beyondTop = new TopK(max, rank)
  const withinTop = new TopK(max, rank)
  const consider = (name: string): void => {
    const d = row(name, bm.get(name), hm.get(name), sb?.sample, sh?.sample)
    if (d.delta.self === 0 && d.delta.cum === 0) return
    if (d.beyondNoise) beyondTop.push(d)
    else if (d.delta.self !== 0) withinTop.push(d)
  }
  for (const name of bm.keys()) consider(name)
  for (const name of hm.keys()) if (!bm.has(name)) consider(name)
  const beyond = beyondTop.result()
  const within = withinTop.result()
  if (beyond[0]) addPath(beyond[0], b.all, h.all)
  addFiles([...beyond, ...within], b.all, h.all)
  if (view) {
    addLines(beyond, b.all, h.all, view, direction)
    markChanged([...beyond, ...within], b.all, h.all, view)
  }
  const samples = {
    base: sampleCount(sb?.total, sb?.sample),
    head: sampleCount(sh?.total, sh?.sample)
  }
  const totalDelta = sb && sh ? sh.total - sb.total : undefined
  const shown = beyond.slice(0, max).reduce((sum, d) => sum + d.delta.self, 0)
  return {
    functions: [...beyond.slice(0, max), ...within.slice(0, max)],
    stats: {
      samples,
      explained:
        totalDelta !== undefined && totalDelta !== 0 && samples.base !== null
          ? Number((shown / totalDelta).toFixed(3))
          : null,
      withinNoise: withinTop.count,
      // The side with the cost carries the ranks: a cost new in head has
      // few samples in base by nature.
      fewSamples:
        samples.base !== null &&
        samples.head !== null &&
        Math.max(samples.base, samples.head) < MIN_PROFILE_SAMPLES
    }
  }
}

/**
 * The first `max` of everything pushed, in `order`, as sorting it all and
 * slicing would give them, in O(max) memory: the buffer is sorted and cut
 * back to `max` whenever it reaches twice that. `order` must be total.
 */
class TopK<T> {
  private items: T[] = []
  /** How many were pushed in all. */
  count = 0
  constructor(
    private readonly max: number,
    private readonly order: (a: T, b: T) => number
  ) {}

  push(item: T): void {
    this.count++
    if (this.max <= 0) return
    this.items.push(item)
    if (this.items.length >= 2 * this.max) this.trim()
  }

  result(): T[] {
    this.trim()
    return this.items
  }

  private trim(): void {
    this.items.sort(this.order)
    if (this.items.length > this.max) this.items.length = this.max
  }
}

/** The top row's call path, from the side where it costs more, with each step's cum on both. */
function addPath(top: FunctionDelta, base: readonly PerOpCost[], head: readonly PerOpCost[]): void {
  const find = (list: readonly PerOpCost[]) => list.find(f => f.name === top.name)?.path
  const grew = top.delta.self >= 0
  const path = (grew ? find(head) : find(base)) ?? find(head) ?? find(base)
  if (!path || path[path.length - 1] !== top.name) return
  const cum = (list: readonly PerOpCost[]) => new Map(list.map(f => [f.name, f.cum]))
  const [bc, hc] = [cum(base), cum(head)]
  top.path = path.map(name => ({ name, base: bc.get(name) ?? null, head: hc.get(name) ?? null }))
}

/** Each row's file in the repository, from head (or base, for a function gone from head). */
function addFiles(
  rows: FunctionDelta[],
  base: readonly PerOpCost[],
  head: readonly PerOpCost[]
): void {
  const files = new Map<string, string>()
  for (const f of [...base, ...head]) if (f.file) files.set(f.name, f.file)
  for (const r of rows) {
    const file = files.get(r.name)
    if (file) r.file = file
  }
}

/**
 * Mark the rows, and the first row's call path, whose function's
 * declaration the diff between the sides touched (compare/decls.ts). A
 * step of the path is found in either side's functions for its file.
 */
function markChanged(
  rows: FunctionDelta[],
  base: readonly PerOpCost[],
  head: readonly PerOpCost[],
  view: SourceView
): void {
  const files = new Map<string, string>()
  for (const f of [...base, ...head]) if (f.file) files.set(f.name, f.file)
  const changed = (name: string): boolean => {
    const file = files.get(name)
    const source = file === undefined ? undefined : view.files.get(file)
    return source !== undefined && changedInFile(name, source)
  }
  for (const r of rows) {
    if (changed(r.name)) r.changedInDiff = true
    for (const step of r.path ?? []) if (changed(step.name)) step.changedInDiff = true
  }
}

/** How many of the top rows beyond noise get their hot lines. */
export const HOT_FUNCTIONS = 3

/**
 * Hot lines for the first HOT_FUNCTIONS rows that are in the repository,
 * in the same file on both sides, with line costs on either.
 */
function addLines(
  top: readonly FunctionDelta[],
  base: readonly PerOpCost[],
  head: readonly PerOpCost[],
  view: SourceView,
  direction: 1 | -1
): void {
  let done = 0
  for (const r of top) {
    if (done >= HOT_FUNCTIONS) break
    const b = base.find(f => f.name === r.name)
    const h = head.find(f => f.name === r.name)
    const file = h?.file ?? b?.file
    const source = file === undefined ? undefined : view.files.get(file)
    if (!source || (b?.file !== undefined && h?.file !== undefined && b.file !== h.file)) continue
    const lines = lineDeltas(source, b?.lines ?? [], h?.lines ?? [], direction)
    if (lines.length === 0) continue
    r.lines = lines
    done++
  }
}

function costs(f: PerOpCost): FunctionCosts {
  return { flat: f.flat, cum: f.cum, self: f.self ?? f.flat }
}

const NONE: FunctionCosts = { flat: 0, cum: 0, self: 0 }

function row(
  name: string,
  x: FunctionCosts | undefined,
  y: FunctionCosts | undefined,
  sampleBase: number | undefined,
  sampleHead: number | undefined
): FunctionDelta {
  const base = x ?? NONE
  const head = y ?? NONE
  return {
    name,
    status: !x ? 'new' : !y ? 'gone' : 'changed',
    base,
    head,
    delta: { flat: head.flat - base.flat, cum: head.cum - base.cum, self: head.self - base.self },
    beyondNoise: beyondNoise(base.self, head.self, sampleBase, sampleHead)
  }
}

const MEASURE_UNIT: Record<Measure, string> = {
  cpu: 'ns/op',
  alloc_space: 'B/op',
  alloc_objects: 'allocs/op',
  block_delay: 'ns/op',
  mutex_delay: 'ns/op',
  sync_delay: 'ns/op',
  syscall_delay: 'ns/op',
  net_delay: 'ns/op',
  sched_delay: 'ns/op'
}

/** `BenchmarkDecode +12.3% (p=0.002): encoding/json.(*decodeState).object +180 ns/op` */
export function explain(
  bc: BenchmarkComparison,
  /** A diff between the sides marked the changed functions (changedInDiff). */
  diffKnown = false
): string {
  const m = primaryMetric(bc)
  const what = m
    ? `${bc.name} ${m.kind === 'time' ? '' : `${m.unit} `}${formatChange(m)}${m.pAdjusted !== null ? ` (p=${formatP(m.pAdjusted)})` : ''}`
    : bc.name
  const measure: Measure =
    m?.kind === 'exact' ? (m.unit === 'B/op' ? 'alloc_space' : 'alloc_objects') : 'cpu'
  // The first row that moved the way the verdict says: beyond noise if
  // any is, else the likeliest one, marked as within noise.
  const improving = bc.verdict === 'improvement'
  const top = (bc.functions?.[measure] ?? []).find(f =>
    improving ? f.delta.self < 0 : f.delta.self > 0
  )
  const disagree = disagreement(bc, m)
  if (!top) return what + disagree
  const noise = top.beyondNoise ? '' : ' (within sampling noise)'
  const untouched =
    diffKnown && bc.verdict === 'regression' ? notChangedHere(bc.functions?.[measure] ?? []) : ''
  return `${what}: ${top.name} ${signed(top.delta.self)} ${MEASURE_UNIT[measure]}${noise}${untouched}${disagree}`
}

/** The top rows a regression's headline checks against the diff. */
const TOP_CHECKED = 3

/**
 * When none of a regression's top rows (the first TOP_CHECKED that grew)
 * is a function the diff changed: say so, and name the changed functions
 * on the first row's call path, if any; else where such a slowdown comes
 * from. Empty when one of them was changed.
 */
function notChangedHere(rows: readonly FunctionDelta[]): string {
  const top = rows.filter(f => f.delta.self > 0).slice(0, TOP_CHECKED)
  if (top.length === 0 || top.some(f => f.changedInDiff)) return ''
  const onPath = (top[0].path ?? []).filter(s => s.changedInDiff).map(s => s.name)
  return onPath.length > 0
    ? `; none of its top functions was changed in this diff, but on its call path ${onPath.slice(-3).join(', ')} ${onPath.length === 1 ? 'was' : 'were'}`
    : '; none of its top functions was changed in this diff: the slowdown came from what they call or use (a callee, a constant, a type), inlining, code layout or a dependency'
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
  return other.map(x => `; but ${x.unit} ${formatChange(x)} (${x.verdict})`).join('')
}
