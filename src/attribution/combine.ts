/**
 * Group tables combined: several profiles summed (every sample of a
 * benchmark), scaled, and the pooled samples minus the short run.
 */
import type { Cost, GroupTables } from './index.js'
import { addLineTables, differenceLines } from './lines.js'

/** Merge group tables of several profiles (sums of raw values), so shares cover all of them. */
export function mergeTables(tables: GroupTables[]): GroupTables {
  if (tables.length === 1) return tables[0]
  const out: GroupTables = { groups: new Map(), unattributed: 0, total: 0, sources: new Map() }
  // One period for all, or none: shares of mixed rates have no one sample value.
  const periods = new Set(tables.map(t => t.period))
  if (periods.size === 1 && tables[0].period !== undefined) out.period = tables[0].period
  // Paths are not summed: each function keeps the first profile's.
  out.paths = new Map()
  for (const t of tables)
    for (const [group, p] of t.paths ?? []) {
      const m = out.paths.get(group) ?? out.paths.set(group, new Map()).get(group)!
      for (const [name, path] of p) if (!m.has(name)) m.set(name, path)
    }
  if (tables.some(t => t.lines)) {
    out.lines = new Map()
    for (const t of tables) if (t.lines) addLineTables(out.lines, t.lines)
  }
  for (const t of tables) {
    out.unattributed += t.unattributed
    out.total += t.total
    for (const [k, v] of t.sources) if (!out.sources.has(k)) out.sources.set(k, v)
    for (const [group, g] of t.groups) {
      const m = out.groups.get(group) ?? {
        total: 0,
        functions: new Map<string, Cost>()
      }
      m.total += g.total
      for (const [name, [flat, cum, self = flat]] of g.functions) {
        const e = m.functions.get(name)
        if (e) {
          e[0] += flat
          e[1] += cum
          e[2] = (e[2] ?? 0) + self
        } else m.functions.set(name, [flat, cum, self])
      }
      out.groups.set(group, m)
    }
  }
  return out
}

/**
 * Tables with every value times `k`: the short run's fixed costs as `k`
 * samples paid them, before they are taken from the pooled samples
 * (differenceTables). Sources and paths are shared, not copied.
 */
export function scaleTables(t: GroupTables, k: number): GroupTables {
  if (k === 1) return t
  const cost = ([flat, cum, self = flat]: Cost): Cost => [flat * k, cum * k, self * k]
  const out: GroupTables = {
    groups: new Map(),
    unattributed: t.unattributed * k,
    total: t.total * k,
    sources: t.sources
  }
  if (t.period !== undefined) out.period = t.period
  if (t.paths) out.paths = t.paths
  for (const [group, g] of t.groups)
    out.groups.set(group, {
      total: g.total * k,
      functions: new Map([...g.functions].map(([name, c]) => [name, cost(c)]))
    })
  if (t.lines) {
    out.lines = new Map()
    for (const [group, byFunction] of t.lines)
      out.lines.set(
        group,
        new Map(
          [...byFunction].map(([name, lines]) => [
            name,
            new Map([...lines].map(([line, c]) => [line, cost(c)]))
          ])
        )
      )
  }
  return out
}

/**
 * Per-op tables from two profiles of the same benchmark, run in their own
 * processes at two iteration counts (`-benchtime=N1x` and `N2x`): what the
 * run at N2 spent beyond the run at N1, function by function. Everything
 * that does not scale with b.N — setup before `b.ResetTimer`, the `b.N = 1`
 * first run and the process's own start — is the same in both and cancels.
 * Divided by `iterations` (high − low), the difference is the cost of one
 * iteration. Work under `b.StopTimer` inside the loop does scale with b.N
 * and stays in, at its real cost. A function whose difference is negative
 * is sampling noise and counts 0. Undefined when the difference has no
 * positive total (too few samples to tell): the caller falls back.
 */
export function differenceTables(
  low: GroupTables,
  high: GroupTables,
  iterations?: number
): GroupTables | undefined {
  const out: GroupTables = { groups: new Map(), unattributed: 0, total: 0, sources: high.sources }
  if (iterations !== undefined) out.iterations = iterations
  if (high.period !== undefined && high.period === low.period) out.period = high.period
  if (high.paths) out.paths = high.paths
  for (const [group, h] of high.groups) {
    const l = low.groups.get(group)
    const total = h.total - (l?.total ?? 0)
    if (!(total > 0)) continue
    const functions = new Map<string, Cost>()
    for (const [name, [flat, cum, self = flat]] of h.functions) {
      const [lf, lc, ls = lf] = l?.functions.get(name) ?? [0, 0, 0]
      const dc = Math.max(0, cum - lc)
      // flat ≤ cum and self ≤ cum hold in each profile; keep them in the difference too.
      const df = Math.min(dc, Math.max(0, flat - lf))
      const ds = Math.min(dc, Math.max(0, self - ls))
      if (df > 0 || dc > 0 || ds > 0) functions.set(name, [df, dc, ds])
    }
    out.groups.set(group, { total, functions })
    out.total += total
    const lines = high.lines?.get(group)
    if (lines) (out.lines ??= new Map()).set(group, differenceLines(low.lines?.get(group), lines))
  }
  return out.groups.size > 0 ? out : undefined
}
