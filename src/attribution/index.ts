/**
 * Per-op function costs per benchmark (docs/design.md "Per-op function costs").
 *
 * A profile covers the whole test binary run: every benchmark, every -count
 * repetition, the b.N ramp-up runs, and GC. So a function's total time
 * divided by the printed b.N is wrong. Instead each sample is attributed to
 * the benchmark whose function is on its stack (`pkg.BenchmarkX`, or a
 * closure `pkg.BenchmarkX.funcN`, which is how sub-benchmark and
 * RunParallel bodies appear). From the timed runs' profiles, a function's
 * per-op cost is its share of that benchmark's samples times the
 * benchmark's median: ns/op for CPU, B/op for alloc_space, allocs/op for
 * alloc_objects. Shares do not depend on b.N, so results compare across
 * runs. From the profiling pass (differenceTables), it is what the function
 * spent per extra iteration, as measured: work that runs once per process
 * cancels in the difference, and work under b.StopTimer inside the loop,
 * which the timed median leaves out but a share would bill, is reported as
 * what it costs, the same in base and head, so it cancels in their Δ.
 */
import { isRuntimeInternal } from './internal.js'
import type { ContentionMeasure } from './contention.js'
import { heaviestPaths } from './paths.js'
import { hotLines, lineTables, type LineTables } from './lines.js'
export { LINES_KEPT } from './lines.js'

export { isRuntimeInternal } from './internal.js'
export { differenceTables, mergeTables, scaleTables } from './combine.js'
import { mergeTables } from './combine.js'
import {
  accumulate,
  goTracebackName,
  indexFrames,
  ProfileError,
  readProfile,
  sampleTypeIndex,
  type Profile
} from '../pprof/index.js'

/** A function's per-op cost within one benchmark. */
export interface PerOpCost {
  name: string
  /** Source file, relative to the repository root; absent outside it (stdlib, dependencies). */
  file?: string
  /** The function's first line in that file. */
  line?: number
  /** Per op, in the measure's unit (ns, B or allocs). */
  flat: number
  cum: number
  /**
   * flat with the runtime's internals folded into their nearest caller
   * outside them (isRuntimeInternal): what this function's own code costs,
   * allocator, map and GC work it causes included. Absent in bundles made
   * before it existed: read it as flat.
   */
  self?: number
  /**
   * For the functions that own most of the cost: the heaviest call path
   * from the benchmark's frame down to this function (runtime internals
   * left out), the benchmark's frame first.
   */
  path?: string[]
  /**
   * For a function in the repository (`file` set): its costliest source
   * lines, per op, as `go tool pprof -list` counts them (self as above).
   */
  lines?: LineCost[]
}

/** One source line's per-op cost within a function. */
export interface LineCost {
  line: number
  flat: number
  cum: number
  self: number
}

/** How many of a benchmark's functions, by self, carry their call path in the bundle. */
export const PATHS_KEPT = 5

/** The three measures we attribute, with the profile sample type and benchmark unit each uses. */
export const MEASURES = {
  cpu: { profile: 'cpu', sampleType: 'cpu', unit: 'ns/op' },
  alloc_space: { profile: 'mem', sampleType: 'alloc_space', unit: 'B/op' },
  alloc_objects: { profile: 'mem', sampleType: 'alloc_objects', unit: 'allocs/op' }
} as const

/** A measure of the CPU and heap profiles: cpu, alloc_space, alloc_objects. */
export type BaseMeasure = keyof typeof MEASURES

/**
 * A measure whose per-op function costs are computed: the three of
 * MEASURES, and the delay measures of the contention pass
 * (attribution/contention.ts).
 */
export type Measure = BaseMeasure | ContentionMeasure

/** flat/cum of every function within each benchmark group, as raw profile values. */
export interface GroupTables {
  /** Group (top-level benchmark function name, e.g. BenchmarkX) → function → [flat, cum, self]. */
  groups: Map<string, { total: number; functions: Map<string, Cost> }>
  /** Sum of values in samples with no benchmark function on the stack. */
  unattributed: number
  /** Sum of all values. */
  total: number
  /** Where each function is defined (absolute build path and start line), for source links. */
  sources: Map<string, { file: string; line: number }>
  /**
   * For the difference of two profiling runs: how many more iterations the
   * high run made. Values ÷ this are per-op costs as measured; without it,
   * per-op costs are shares of the timed median.
   */
  iterations?: number
  /**
   * The profile's sampling period in the sample type's unit, when it has
   * one: 10⁷ ns for a 100 Hz CPU profile, the heap sampling rate in bytes
   * for alloc_space. The per-op value of one sample follows from it.
   */
  period?: number
  /** Per group: a function → its heaviest call path (attribution/paths.ts). */
  paths?: Map<string, Map<string, string[]>>
  /** Per group: line costs of the functions in the files asked for (attribution/lines.ts). */
  lines?: LineTables
}

/** A function's raw [flat, cum, self] in one group; self defaults to flat. */
export type Cost = [flat: number, cum: number, self?: number]

/**
 * The benchmark group a function name belongs to, for a package's test
 * functions: `<importPath>.BenchmarkX` or `<importPath>_test.BenchmarkX`
 * (external test package), optionally followed by `.funcN…` closures.
 */
export function benchmarkGroup(functionName: string, importPath: string): string | undefined {
  for (const prefix of [`${importPath}.`, `${importPath}_test.`]) {
    if (!functionName.startsWith(prefix)) continue
    const rest = functionName.slice(prefix.length)
    const m = /^(Benchmark[^.]*)(?:\..*)?$/.exec(rest)
    if (m) return m[1]
  }
  return undefined
}

/**
 * Split one profile's samples by benchmark group and aggregate flat/cum
 * within each, with pprof's rules (cum once per sample per function; flat
 * to the innermost frame of the leaf). A sample belongs to the group of the
 * benchmark frame nearest its leaf.
 */
export function groupTables(
  profile: Profile,
  sampleType: string,
  importPath: string,
  source: string,
  /** Source files whose line costs to keep (the repository's); none without it. */
  keepFile?: (file: string) => boolean
): GroupTables {
  const vi = sampleTypeIndex(profile, sampleType, source)
  // Names for people: instantiations written as Go's tracebacks write them
  // and merged (names.ts, docs/design.md D10); benchmark functions cannot be generic, so
  // their names come through intact.
  const index = indexFrames(profile, goTracebackName)
  const groupNames: string[] = []
  const groupIds = new Map<string, number>()
  const nodeGroup = Int32Array.from(index.names, name => {
    const group = benchmarkGroup(name, importPath)
    if (group === undefined) return -1
    let id = groupIds.get(group)
    if (id === undefined) groupIds.set(group, (id = groupNames.push(group) - 1))
    return id
  })
  const { stacks } = profile.samples
  const frames = index.frames
  // The bucket of a sample: the benchmark frame nearest its leaf.
  const folded = Uint8Array.from(index.names, name => (isRuntimeInternal(name) ? 1 : 0))
  const bucketOf = (_s: number, from: number, to: number): number => {
    for (let k = from; k < to; k++) {
      const f = frames[stacks[k]]
      for (let j = 0; j < f.length; j++) if (nodeGroup[f[j]] >= 0) return nodeGroup[f[j]]
    }
    return -1
  }
  const acc = accumulate(profile, vi, index, groupNames.length, bucketOf, folded)
  const self = acc.self!
  const byGroup = heaviestPaths(profile, vi, index, nodeGroup, folded)
  const paths: NonNullable<GroupTables['paths']> = new Map()
  byGroup.forEach((p, b) => paths.set(groupNames[b], p))
  const groups: GroupTables['groups'] = new Map()
  groupNames.forEach((group, b) =>
    groups.set(group, { total: acc.totals[b], functions: bucketCosts(acc, self, b, index.names) })
  )
  const sources = frameSources(index)
  const period = samplePeriod(profile, vi)
  const out: GroupTables = {
    groups,
    unattributed: acc.unbucketed,
    total: acc.total,
    sources,
    paths
  }
  if (period !== undefined) out.period = period
  if (keepFile)
    out.lines = lineTables(profile, vi, index, groupNames, bucketOf, folded, n =>
      index.files[n] !== '' ? keepFile(index.files[n]) : false
    )
  return out
}

/** One bucket's [flat, cum, self] per function, for the functions it touched. */
export function bucketCosts(
  acc: { flat: Float64Array[]; cum: Float64Array[] },
  self: Float64Array[],
  b: number,
  names: readonly string[]
): Map<string, Cost> {
  const functions = new Map<string, Cost>()
  for (let i = 0; i < names.length; i++)
    if (acc.cum[b][i] !== 0 || acc.flat[b][i] !== 0)
      functions.set(names[i], [acc.flat[b][i], acc.cum[b][i], self[b][i]])
  return functions
}

/** Where each function of a frame index is defined (build path, start line), when known. */
export function frameSources(index: {
  names: readonly string[]
  files: readonly string[]
  startLines: ArrayLike<number>
}): Map<string, { file: string; line: number }> {
  const sources = new Map<string, { file: string; line: number }>()
  index.names.forEach((name, i) => {
    if (index.files[i]) sources.set(name, { file: index.files[i], line: index.startLines[i] })
  })
  return sources
}

/**
 * The value one sample stands for, in the sample type's unit: the period
 * when the profile's period type is the sample type's unit (CPU: cpu
 * nanoseconds; heap: space bytes, for alloc_space). Undefined otherwise
 * (alloc_objects is derived from alloc_space by the caller).
 */
export function samplePeriod(profile: Profile, vi: number): number | undefined {
  const pt = profile.periodType
  const st = profile.sampleTypes[vi]
  if (!pt || !(profile.period > 0) || pt.unit !== st.unit) return undefined
  return profile.period
}

/**
 * Per-op costs for one benchmark: what each function spent per extra
 * iteration of a profiling pass (`tables.iterations`), or else its share of
 * the group's samples times the benchmark's median. A zero median (the
 * timed loop allocates nothing) attributes nothing. Keeps the top `topK`
 * by cum.
 */
export function perOpCosts(
  tables: GroupTables,
  group: string,
  median: number | undefined,
  topK: number,
  locate?: (name: string) => { file: string; line: number } | undefined
): PerOpCost[] {
  const g = tables.groups.get(group)
  // A zero median (e.g. 0 B/op) leaves nothing to attribute.
  if (!g || g.total === 0 || median === undefined || !Number.isFinite(median) || median === 0)
    return []
  const scale = tables.iterations !== undefined ? 1 / tables.iterations : median / g.total
  const out: PerOpCost[] = []
  for (const [name, [flat, cum, self = flat]] of g.functions) {
    const cost: PerOpCost = { name, flat: flat * scale, cum: cum * scale, self: self * scale }
    const src = locate?.(name)
    if (src) {
      Object.assign(cost, src)
      const lines = tables.lines?.get(group)?.get(name)
      if (lines) cost.lines = hotLines(lines, scale)
    }
    out.push(cost)
  }
  const byName = (a: PerOpCost, b: PerOpCost): number =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  out.sort((a, b) => b.cum - a.cum || b.flat - a.flat || byName(a, b))
  // The top by cum, and the top by self that cum alone would leave out.
  const kept = out.slice(0, topK)
  const names = new Set(kept.map(c => c.name))
  const bySelf = [...out].sort((a, b) => b.self! - a.self! || byName(a, b))
  for (const c of bySelf.slice(0, topK)) if (!names.has(c.name) && c.self! > 0) kept.push(c)
  const paths = tables.paths?.get(group)
  for (const c of bySelf.slice(0, PATHS_KEPT)) {
    const path = paths?.get(c.name)
    if (path && c.self! > 0) c.path = path
  }
  return kept
}

/**
 * A benchmark's profiled total per op in one measure, and the per-op value
 * of one sample when the profile has a sampling period: what the noise of
 * each function's per-op cost is judged by (compare/noise.ts).
 */
export function sampling(
  tables: GroupTables,
  group: string,
  median: number | undefined
): { total: number; sample?: number } | undefined {
  const g = tables.groups.get(group)
  if (!g || g.total === 0 || median === undefined || !Number.isFinite(median) || median === 0)
    return undefined
  const scale = tables.iterations !== undefined ? 1 / tables.iterations : median / g.total
  const total = g.total * scale
  return tables.period === undefined ? { total } : { total, sample: tables.period * scale }
}

/** A package's profiles, by kind; several per kind (A/B rounds) are merged. */
export interface ProfileFiles {
  cpu: string[]
  mem: string[]
}

/**
 * Decode a package's profiles into group tables per measure. A profile that
 * does not decode is reported in `errors` (a ProfileError message naming
 * the file), never thrown; `decoded` lists the files that were used.
 */
export async function attributeProfiles(
  files: ProfileFiles,
  importPath: string,
  maxBytes: number,
  /** Source files whose line costs to keep (groupTables). */
  keepFile?: (file: string) => boolean
): Promise<{
  tables: Partial<Record<Measure, GroupTables>>
  decoded: ProfileFiles
  errors: string[]
}> {
  const perMeasure: Partial<Record<Measure, GroupTables[]>> = {}
  const decoded: ProfileFiles = { cpu: [], mem: [] }
  const errors: string[] = []
  for (const kind of ['cpu', 'mem'] as const) {
    for (const file of files[kind]) {
      try {
        const profile = await readProfile(file, { maxBytes })
        decoded[kind].push(file)
        for (const [measure, m] of Object.entries(MEASURES) as [
          BaseMeasure,
          (typeof MEASURES)[BaseMeasure]
        ][]) {
          if (m.profile === kind)
            (perMeasure[measure] ??= []).push(
              groupTables(profile, m.sampleType, importPath, file, keepFile)
            )
        }
      } catch (err) {
        if (!(err instanceof ProfileError)) throw err
        errors.push(err.message)
      }
    }
  }
  const tables: Partial<Record<Measure, GroupTables>> = {}
  for (const [measure, list] of Object.entries(perMeasure) as [Measure, GroupTables[]][])
    tables[measure] = mergeTables(list)
  return { tables, decoded, errors }
}

/** Per measure, the fraction (0..1, six digits) of the profiles' total on no benchmark's stack. */
export function unattributedShares(
  tables: Partial<Record<Measure, GroupTables>>
): Partial<Record<Measure, number>> {
  const out: Partial<Record<Measure, number>> = {}
  for (const [measure, t] of Object.entries(tables) as [Measure, GroupTables][]) {
    out[measure] = t.total === 0 ? 0 : Number((t.unattributed / t.total).toPrecision(6))
  }
  return out
}
