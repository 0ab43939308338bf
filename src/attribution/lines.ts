/**
 * Line costs, as `go tool pprof -list` counts them: within each benchmark
 * group, for each function whose source lies in the files asked for (the
 * repository's own), flat, cum and self per source line. A line is one
 * (function, line number) node: cum adds a sample's value once per sample,
 * flat goes to the innermost frame of the leaf, and self to the leaf-most
 * frame that is not a runtime internal, so the line that called the
 * allocator carries the allocation (attribution/index.ts).
 */
import type { FrameIndex, Profile } from '../pprof/index.js'
import type { Cost, LineCost } from './index.js'

/** How many lines a function keeps by self, and again by cum. */
export const LINES_KEPT = 8

/** Per group: function name → line number → [flat, cum, self], raw profile values. */
export type LineTables = Map<string, Map<string, Map<number, Cost>>>

/**
 * One line node per (function node, line number) of a kept function:
 * `lineNode[location][j]` is the node of that location's j-th frame, or -1.
 */
function lineNodes(
  profile: Profile,
  index: FrameIndex,
  keep: (node: number) => boolean
): { lineNode: Int32Array[]; nodeFn: number[]; nodeLine: number[] } {
  const lineNode: Int32Array[] = new Array(profile.locations.length)
  const ids = new Map<string, number>()
  const nodeFn: number[] = []
  const nodeLine: number[] = []
  const kept = Uint8Array.from(index.names, (_, n) => (keep(n) ? 1 : 0))
  profile.locations.forEach((loc, i) => {
    const f = index.frames[i]
    const out = new Int32Array(f.length).fill(-1)
    for (let j = 0; j < f.length && j < loc.lines.length; j++) {
      if (kept[f[j]] === 0) continue
      const key = `${f[j]}:${loc.lines[j].line}`
      let id = ids.get(key)
      if (id === undefined) {
        id = nodeFn.push(f[j]) - 1
        nodeLine.push(loc.lines[j].line)
        ids.set(key, id)
      }
      out[j] = id
    }
    lineNode[i] = out
  })
  return { lineNode, nodeFn, nodeLine }
}

/**
 * Line costs per group for the functions whose node `keep` accepts.
 * `bucketOf` is the group of a sample (or -1), as groupTables decides it;
 * `folded[n]` is 1 for runtime internals.
 */
export function lineTables(
  profile: Profile,
  valueIndex: number,
  index: FrameIndex,
  groupNames: readonly string[],
  bucketOf: (sample: number, from: number, to: number) => number,
  folded: Uint8Array,
  keep: (node: number) => boolean
): LineTables {
  const { lineNode, nodeFn, nodeLine } = lineNodes(profile, index, keep)
  const out: LineTables = new Map()
  if (nodeFn.length === 0) return out
  const n = nodeFn.length
  const acc = groupNames.map(() => new Float64Array(n * 3))
  const seen = new Int32Array(n).fill(-1)
  const { count, width, values, stackStart, stacks } = profile.samples
  for (let s = 0; s < count; s++) {
    const v = values[s * width + valueIndex]
    if (v === 0) continue
    const from = stackStart[s]
    const to = stackStart[s + 1]
    if (from === to) continue
    const b = bucketOf(s, from, to)
    if (b < 0) continue
    const a = acc[b]
    const leaf = lineNode[stacks[from]][0]
    if (leaf >= 0) a[leaf * 3] += v
    let selfDone = false
    for (let k = from; k < to; k++) {
      const loc = stacks[k]
      const f = index.frames[loc]
      const ln = lineNode[loc]
      for (let j = 0; j < f.length; j++) {
        const node = ln[j]
        if (!selfDone && folded[f[j]] === 0) {
          selfDone = true
          if (node >= 0) a[node * 3 + 2] += v
        }
        if (node >= 0 && seen[node] !== s) {
          seen[node] = s
          a[node * 3 + 1] += v
        }
      }
    }
  }
  acc.forEach((a, b) => {
    const functions = new Map<string, Map<number, Cost>>()
    for (let node = 0; node < n; node++) {
      if (a[node * 3 + 1] === 0 && a[node * 3] === 0) continue
      const name = index.names[nodeFn[node]]
      const lines = functions.get(name) ?? functions.set(name, new Map()).get(name)!
      const e = lines.get(nodeLine[node])
      if (e) {
        // Two function nodes renamed alike (instantiations) share their lines.
        e[0] += a[node * 3]
        e[1] += a[node * 3 + 1]
        e[2] = (e[2] ?? 0) + a[node * 3 + 2]
      } else lines.set(nodeLine[node], [a[node * 3], a[node * 3 + 1], a[node * 3 + 2]])
    }
    if (functions.size > 0) out.set(groupNames[b], functions)
  })
  return out
}

/** Sum line tables of several profiles into `into`. */
export function addLineTables(into: LineTables, from: LineTables): void {
  for (const [group, fns] of from) {
    const g = into.get(group) ?? into.set(group, new Map()).get(group)!
    for (const [name, lines] of fns) {
      const m = g.get(name) ?? g.set(name, new Map()).get(name)!
      for (const [line, [flat, cum, self = flat]] of lines) {
        const e = m.get(line)
        if (e) {
          e[0] += flat
          e[1] += cum
          e[2] = (e[2] ?? 0) + self
        } else m.set(line, [flat, cum, self])
      }
    }
  }
}

/**
 * One group's line costs of the high run beyond the low one (see
 * differenceTables): negative differences are noise and count 0, and
 * flat and self stay within cum.
 */
export function differenceLines(
  low: Map<string, Map<number, Cost>> | undefined,
  high: Map<string, Map<number, Cost>>
): Map<string, Map<number, Cost>> {
  const out = new Map<string, Map<number, Cost>>()
  for (const [name, lines] of high) {
    const l = low?.get(name)
    const m = new Map<number, Cost>()
    for (const [line, [flat, cum, self = flat]] of lines) {
      const [lf, lc, ls = lf] = l?.get(line) ?? [0, 0, 0]
      const dc = Math.max(0, cum - lc)
      const df = Math.min(dc, Math.max(0, flat - lf))
      const ds = Math.min(dc, Math.max(0, self - ls))
      if (dc > 0 || df > 0 || ds > 0) m.set(line, [df, dc, ds])
    }
    if (m.size > 0) out.set(name, m)
  }
  return out
}

/** A function's costliest lines per op: the top LINES_KEPT by self, then by cum, in line order. */
export function hotLines(lines: Map<number, Cost>, scale: number): LineCost[] {
  const all = [...lines].map(([line, [flat, cum, self = flat]]) => ({
    line,
    flat: flat * scale,
    cum: cum * scale,
    self: self * scale
  }))
  const bySelf = all.filter(l => l.self > 0).sort((a, b) => b.self - a.self || a.line - b.line)
  const byCum = [...all].sort((a, b) => b.cum - a.cum || a.line - b.line)
  const kept = new Set([...bySelf.slice(0, LINES_KEPT), ...byCum.slice(0, LINES_KEPT)])
  return [...kept].sort((a, b) => a.line - b.line)
}
