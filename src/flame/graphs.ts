/**
 * The `flame` and `diff` stage: two bundles (per changed benchmark, per
 * measure, in per-op cost) or two profiles (like `pprof -diff_base`), as
 * differential call trees and the ranked culprit table the comment shows.
 */
import { stat } from 'node:fs/promises'
import { callTrees, diffTree, profileCosts, pruneTree, totalTree } from '../attribution/flame.js'
import { MEASURES, type BaseMeasure, type Measure } from '../attribution/index.js'
import { BundleError } from '../bundle/index.js'
import { functionDeltas, rankFunctions } from '../compare/functions.js'
import { compareSides } from '../compare/index.js'
import { loadSide, type Side } from '../compare/input.js'
import {
  COMPARE_DEFAULTS,
  type BenchmarkComparison,
  type CompareOptions
} from '../compare/model.js'
import { sortBenchmarks } from '../compare/verdicts.js'
import { splitBenchName } from '../gobench/parse.js'
import { readProfile, type Profile } from '../pprof/index.js'
import { median } from '../stats/median.js'
import type { FlameGraph, FlameReport } from '../report/flame.js'
import { changedContention } from '../compare/contention.js'
import { contentionGraphs } from './contention-graphs.js'
import { own } from '../data/index.js'

export type { FlameGraph, FlameReport } from '../report/flame.js'

/** What to draw. */
export interface FlameOptions {
  /** Only benchmarks whose full name matches. */
  benchmark?: RegExp
  measure?: Measure
  /** Two profiles: the sample type (pprof's -sample_index). */
  sampleIndex?: string
  /** Two profiles: scale base so its total equals head's (pprof's -normalize). */
  normalize?: boolean
  compare?: Partial<CompareOptions>
  maxProfileBytes?: number
  /**
   * Two profiles: only the ranked tables, no call trees (`benchgate diff`
   * prints no graph): the graph's root holds the totals alone, and memory
   * stays proportional to the functions, not to the call paths.
   */
  tablesOnly?: boolean
}

/** At most this many benchmarks get graphs, the worst first. */
export const MAX_FLAME_BENCHMARKS = 40

const UNIT: Record<Measure, string> = {
  cpu: 'ns',
  alloc_space: 'B',
  alloc_objects: 'allocs',
  block_delay: 'ns',
  mutex_delay: 'ns',
  sync_delay: 'ns',
  syscall_delay: 'ns',
  net_delay: 'ns',
  sched_delay: 'ns'
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch (err) {
    throw new BundleError(
      `${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); pass a bundle directory from \`benchgate run\` or a pprof profile`
    )
  }
}

/** Build the graphs of two bundles or two profiles. */
export async function flameReport(
  basePath: string,
  headPath: string,
  opts: FlameOptions = {}
): Promise<FlameReport> {
  const [bd, hd] = await Promise.all([isDirectory(basePath), isDirectory(headPath)])
  if (bd !== hd)
    throw new BundleError(
      `${bd ? headPath : basePath} is a file and ${bd ? basePath : headPath} a directory: pass two bundle directories or two pprof profiles`
    )
  return bd ? fromBundles(basePath, headPath, opts) : fromProfiles(basePath, headPath, opts)
}

async function fromProfiles(
  basePath: string,
  headPath: string,
  opts: FlameOptions
): Promise<FlameReport> {
  const read = { maxBytes: opts.maxProfileBytes }
  // One after the other: decoding holds a profile's raw bytes and tables
  // at once, and two at a time doubled the peak for large profiles.
  const bp = await readProfile(basePath, read)
  const hp = await readProfile(headPath, read)
  const type = opts.sampleIndex ?? defaultType(hp)
  const trees = opts.tablesOnly ? totalTree : callTrees
  const bt = trees(bp, type, basePath).get('total')
  const ht = trees(hp, type, headPath).get('total')
  const baseScale = opts.normalize && bt && ht && bt.value > 0 ? ht.value / bt.value : 1
  const root = diffTree(bt, ht, baseScale, 1)
  const merged = pruneTree(root)
  const b = profileCosts(bp, type, basePath, baseScale)
  const h = profileCosts(hp, type, headPath)
  const max = opts.compare?.maxFunctions ?? COMPARE_DEFAULTS.maxFunctions
  const ranked = rankFunctions(
    { list: b.functions, all: b.functions, sampling: b.sampling },
    { list: h.functions, all: h.functions, sampling: h.sampling },
    max,
    root.head >= root.base ? 1 : -1
  )
  const notes = opts.normalize ? [`base scaled by ${baseScale.toPrecision(4)} to head's total`] : []
  return {
    base: basePath,
    head: headPath,
    graphs: [
      {
        title: `${type}: ${basePath} → ${headPath}`,
        subtitle: `total ${root.base} → ${root.head} ${h.unit}`,
        measure: type,
        unit: h.unit,
        root,
        merged,
        culprits: ranked.functions.filter(f => f.beyondNoise),
        stats: ranked.stats
      }
    ],
    notes
  }
}

/** pprof's default sample type: the profile's own default, else the last one. */
function defaultType(p: Profile): string {
  return p.defaultSampleType || p.sampleTypes[p.sampleTypes.length - 1]?.type || ''
}

/**
 * The benchmarks that get graphs: those named by --benchmark, else the
 * changed ones (time, allocations or contention), else all; at most
 * MAX_FLAME_BENCHMARKS, worst first. What is left out is said in `notes`.
 */
function pickBenchmarks(
  screen: ReturnType<typeof compareSides>,
  opts: FlameOptions,
  notes: string[]
): BenchmarkComparison[] {
  let picked = sortBenchmarks(screen.benchmarks).filter(b =>
    opts.benchmark
      ? opts.benchmark.test(b.name)
      : b.verdict === 'regression' || b.verdict === 'improvement' || changedContention(b).length > 0
  )
  if (picked.length === 0 && !opts.benchmark) {
    notes.push(
      'No benchmark changed significantly: every benchmark measured on both sides is shown.'
    )
    picked = sortBenchmarks(screen.benchmarks).filter(b => b.metrics.length > 0)
  }
  if (picked.length > MAX_FLAME_BENCHMARKS) {
    notes.push(
      `${picked.length - MAX_FLAME_BENCHMARKS} more benchmarks are left out; pick them with --benchmark.`
    )
    picked = picked.slice(0, MAX_FLAME_BENCHMARKS)
  }
  return picked
}

async function fromBundles(
  basePath: string,
  headPath: string,
  opts: FlameOptions
): Promise<FlameReport> {
  const [base, head] = await Promise.all([loadSide(basePath), loadSide(headPath)])
  const screen = compareSides(base, head, opts.compare)
  const notes: string[] = []
  const picked = pickBenchmarks(screen, opts, notes)
  const trees = new TreeCache(opts.maxProfileBytes)
  const graphs: FlameGraph[] = []
  const measures = opts.measure ? [opts.measure] : (Object.keys(MEASURES) as Measure[])
  for (const bc of picked) {
    const bb = base.benchmarks.find(x => x.package === bc.package && x.name === bc.name)
    const hb = head.benchmarks.find(x => x.package === bc.package && x.name === bc.name)
    if (!bb || !hb) continue
    const group = hb.group ?? splitBenchName(hb.name).base
    // A benchmark picked by name that did not change still gets its
    // ranking, in the direction its time moved.
    const time = bc.metrics.find(x => x.kind === 'time')
    const ranked = bc.functions
      ? { functions: bc.functions, stats: bc.functionStats ?? {} }
      : functionDeltas(
          bb,
          hb,
          screen.options.maxFunctions,
          (time?.deltaPercent ?? 0) < 0 ? 'improvement' : 'regression'
        )
    for (const measure of measures) {
      if (!Object.hasOwn(MEASURES, measure)) continue
      const m = MEASURES[measure as BaseMeasure]
      const [bt, ht] = await Promise.all([
        trees.get(base, bc.package, m.profile, m.sampleType, group),
        trees.get(head, bc.package, m.profile, m.sampleType, group)
      ])
      // Per op, as the comment's function costs are when no pass explained
      // them: each side's samples scaled to its median. A side with no
      // samples or a zero median (no allocations) has an empty tree.
      const scale = (t: typeof bt, values: number[] | undefined): number =>
        t && t.value > 0 && values && values.length > 0 ? median(values) / t.value : 0
      const bs = scale(bt, own(bb.samples, m.unit))
      const hs = scale(ht, own(hb.samples, m.unit))
      if (bs === 0 && hs === 0) continue
      const root = diffTree(bs > 0 ? bt : undefined, hs > 0 ? ht : undefined, bs, hs)
      const merged = pruneTree(root)
      const delta = bc.metrics.find(x => x.unit === (measure === 'cpu' ? 'ns/op' : m.unit))
      graphs.push({
        title: `${bc.name} (${bc.package})`,
        subtitle: `${bc.verdict}${delta?.deltaPercent != null ? `, ${delta.unit} ${delta.deltaPercent >= 0 ? '+' : ''}${delta.deltaPercent.toFixed(2)}%` : ''}`,
        measure,
        unit: UNIT[measure],
        root,
        merged,
        culprits: (ranked?.functions[measure] ?? []).filter(f => f.beyondNoise),
        ...(ranked?.stats[measure] ? { stats: ranked.stats[measure] } : {})
      })
    }
    graphs.push(
      ...(await contentionGraphs(bc, { base, head, bb, hb }, opts.measure, opts.maxProfileBytes))
    )
  }
  if (picked.some(b => b.name.includes('/')))
    notes.push(
      "Sub-benchmarks share their parent's frames in the timed runs' profiles: each graph shows the whole benchmark function, scaled to that sub-benchmark's per-op cost."
    )
  return { base: basePath, head: headPath, graphs, notes }
}

/** Each side's call trees, read once per package and sample type. */
class TreeCache {
  private readonly cache = new Map<string, Promise<ReturnType<typeof callTrees> | undefined>>()
  constructor(private readonly maxBytes?: number) {}

  async get(side: Side, pkg: string, kind: 'cpu' | 'mem', sampleType: string, group: string) {
    const file = side.profiles.get(pkg)?.[kind]
    if (!file) return undefined
    const key = `${file}\u0000${sampleType}`
    let p = this.cache.get(key)
    if (!p) {
      p = readProfile(file, { maxBytes: this.maxBytes }).then(profile =>
        callTrees(profile, sampleType, file, pkg)
      )
      this.cache.set(key, p)
    }
    return (await p)?.get(group)
  }
}
