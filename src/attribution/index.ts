/**
 * Per-op function costs per benchmark (DESIGN.md "Per-op function costs").
 *
 * A profile covers the whole test binary run: every benchmark, every -count
 * repetition, the b.N ramp-up runs, and GC. So a function's total time
 * divided by the printed b.N is wrong. Instead each sample is attributed to
 * the benchmark whose function is on its stack (`pkg.BenchmarkX`, or a
 * closure `pkg.BenchmarkX.funcN`, which is how sub-benchmark and
 * RunParallel bodies appear), and a function's per-op cost is its share of
 * that benchmark's samples times the benchmark's median: ns/op for CPU,
 * B/op for alloc_space, allocs/op for alloc_objects. Shares do not depend on
 * b.N, so results compare across runs.
 */
import { indexFrames, sampleTypeIndex, type Profile } from '../pprof/index.js'

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
}

/** The three measures we attribute, with the profile sample type and benchmark unit each uses. */
export const MEASURES = {
  cpu: { profile: 'cpu', sampleType: 'cpu', unit: 'ns/op' },
  alloc_space: { profile: 'mem', sampleType: 'alloc_space', unit: 'B/op' },
  alloc_objects: { profile: 'mem', sampleType: 'alloc_objects', unit: 'allocs/op' }
} as const

export type Measure = keyof typeof MEASURES

/** flat/cum of every function within each benchmark group, as raw profile values. */
export interface GroupTables {
  /** Group (top-level benchmark function name, e.g. BenchmarkX) → function → [flat, cum]. */
  groups: Map<string, { total: number; functions: Map<string, [number, number]> }>
  /** Sum of values in samples with no benchmark function on the stack. */
  unattributed: number
  /** Sum of all values. */
  total: number
  /** Where each function is defined (absolute build path and start line), for source links. */
  sources: Map<string, { file: string; line: number }>
}

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
  source: string
): GroupTables {
  const vi = sampleTypeIndex(profile, sampleType, source)
  const index = indexFrames(profile)
  const nodeGroup = index.names.map(name => benchmarkGroup(name, importPath))
  // Names in the frame index are pprof-simplified (names.ts); benchmark
  // functions cannot be generic, so their names come through intact.
  const { count, width, values, stackStart, stacks } = profile.samples
  const frames = index.frames
  const seen = new Int32Array(index.names.length).fill(-1)
  const groups: GroupTables['groups'] = new Map()
  let unattributed = 0
  let total = 0
  for (let s = 0; s < count; s++) {
    const v = values[s * width + vi]
    total += v
    if (v === 0) continue
    const from = stackStart[s]
    const to = stackStart[s + 1]
    let group: string | undefined
    for (let k = from; k < to && group === undefined; k++) {
      const f = frames[stacks[k]]
      for (let j = 0; j < f.length && group === undefined; j++) group = nodeGroup[f[j]]
    }
    if (group === undefined) {
      unattributed += v
      continue
    }
    let g = groups.get(group)
    if (!g) groups.set(group, (g = { total: 0, functions: new Map() }))
    g.total += v
    for (let k = from; k < to; k++) {
      const f = frames[stacks[k]]
      for (let j = 0; j < f.length; j++) {
        const node = f[j]
        if (seen[node] === s) continue
        seen[node] = s
        const name = index.names[node]
        const entry = g.functions.get(name)
        if (entry) entry[1] += v
        else g.functions.set(name, [0, v])
      }
    }
    const leaf = index.names[frames[stacks[from]][0]]
    ;(g.functions.get(leaf) as [number, number])[0] += v
  }
  const sources = new Map<string, { file: string; line: number }>()
  index.names.forEach((name, i) => {
    if (index.files[i]) sources.set(name, { file: index.files[i], line: index.startLines[i] })
  })
  return { groups, unattributed, total, sources }
}

/**
 * Per-op costs for one benchmark: each function's share of the group's
 * samples times the benchmark's median. Keeps the top `topK` by cum.
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
  const scale = median / g.total
  const out: PerOpCost[] = []
  for (const [name, [flat, cum]] of g.functions) {
    const cost: PerOpCost = { name, flat: flat * scale, cum: cum * scale }
    const src = locate?.(name)
    if (src) Object.assign(cost, src)
    out.push(cost)
  }
  out.sort(
    (a, b) => b.cum - a.cum || b.flat - a.flat || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  )
  return out.slice(0, topK)
}
