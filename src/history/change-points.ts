/**
 * Change points of a history (issue 31): per benchmark and unit, the
 * series of medians, one a record, searched by E-Divisive means with a t
 * test (stats/edivisive.ts). Each change point names the commit that
 * starts the new segment (or the range, when the push carried several
 * commits or skipped the benchmark), the step, and the functions whose
 * own per-op cost moved most between the segments. A change of the
 * runner's CPU or Go version at the same record is an environment change,
 * not a regression.
 */
import type { Measure } from '../attribution/index.js'
import { betterDirection, isTimeUnit } from '../compare/model.js'
import { changePoints, type ChangePointOptions } from '../stats/edivisive.js'
import type { History, HistoryRecord } from './index.js'

/** A function's share of a change point's step. */
export interface FunctionStep {
  name: string
  /** Its own cost's change per op as a fraction of the benchmark's value before (0.05: 5 points of the step). */
  delta: number
  /** The same change per op, in the measure's unit. */
  perOp: number
}

/** One change point of one benchmark and unit. */
export interface HistoryChangePoint {
  package: string
  benchmark: string
  unit: string
  /** The first commit of the new segment. */
  commit: string
  /** `previous..commit` when commits between the two records were not measured. */
  range?: string
  time: string
  /** after / before − 1. */
  delta: number
  p: number
  before: number
  after: number
  kind: 'regression' | 'improvement' | 'environment'
  /** The runner before and after, when it changed at this record. */
  environment?: { from: string; to: string }
  /** The functions whose own cost moved most between the segments. */
  functions: FunctionStep[]
}

/** Functions named per change point. */
export const STEP_FUNCTIONS = 5

/** The measure whose function costs explain a unit. */
function measureOf(unit: string): Measure | undefined {
  if (isTimeUnit(unit)) return 'cpu'
  if (unit === 'B/op') return 'alloc_space'
  if (unit === 'allocs/op') return 'alloc_objects'
  return undefined
}

const runnerOf = (r: HistoryRecord): string =>
  `${r.runner.cpu || 'unknown CPU'}, ${r.runner.goVersion || 'unknown Go'}`

/** Every change point of every benchmark and unit, in history order, then by benchmark. */
export function historyChangePoints(h: History, o: ChangePointOptions = {}): HistoryChangePoint[] {
  // Each series: the records (by index) that measured it, and their medians.
  const series = new Map<
    string,
    { pkg: string; name: string; unit: string; at: number[]; xs: number[] }
  >()
  h.records.forEach((r, i) => {
    for (const b of r.benchmarks)
      for (const [unit, s] of Object.entries(b.units)) {
        const key = `${b.package}\u0000${b.name}\u0000${unit}`
        let e = series.get(key)
        if (!e) series.set(key, (e = { pkg: b.package, name: b.name, unit, at: [], xs: [] }))
        e.at.push(i)
        e.xs.push(s.median)
      }
  })
  const out: { order: number; cp: HistoryChangePoint }[] = []
  for (const e of series.values()) {
    const cps = changePoints(e.xs, o)
    const ends = [0, ...cps.map(c => c.index), e.xs.length]
    cps.forEach((c, k) => {
      const rec = h.records[e.at[c.index]]
      const prev = h.records[e.at[c.index - 1]]
      const gap =
        e.at[c.index] - e.at[c.index - 1] > 1 ||
        (rec.parent !== undefined && rec.parent !== prev.commit)
      const envChanged = runnerOf(rec) !== runnerOf(prev)
      const delta = c.before === 0 ? 0 : c.after / c.before - 1
      const worse = betterDirection(e.unit) === 'lower' ? delta > 0 : delta < 0
      out.push({
        order: e.at[c.index],
        cp: {
          package: e.pkg,
          benchmark: e.name,
          unit: e.unit,
          commit: rec.commit,
          ...(gap && prev.commit ? { range: `${prev.commit}..${rec.commit}` } : {}),
          time: rec.time,
          delta,
          p: c.p,
          before: c.before,
          after: c.after,
          kind: envChanged ? 'environment' : worse ? 'regression' : 'improvement',
          ...(envChanged ? { environment: { from: runnerOf(prev), to: runnerOf(rec) } } : {}),
          functions: functionSteps(
            h,
            e.pkg,
            e.name,
            measureOf(e.unit),
            e.at.slice(ends[k], c.index),
            e.at.slice(c.index, ends[k + 2]),
            c.before
          )
        }
      })
    })
  }
  return out
    .sort(
      (a, b) =>
        a.order - b.order ||
        (a.cp.package + a.cp.benchmark < b.cp.package + b.cp.benchmark ? -1 : 1)
    )
    .map(x => x.cp)
}

/**
 * The functions whose mean own cost per op moved most between the records
 * before and after a change point (records without function costs for
 * the benchmark are left out; a function absent from a record's list,
 * which keeps the leading ones, counts as 0 there).
 */
function functionSteps(
  h: History,
  pkg: string,
  name: string,
  measure: Measure | undefined,
  before: readonly number[],
  after: readonly number[],
  base: number
): FunctionStep[] {
  if (!measure) return []
  const lists = (at: readonly number[]) =>
    at.flatMap(i => {
      const b = h.records[i].benchmarks.find(x => x.package === pkg && x.name === name)
      const list = b?.functions?.[measure]
      return list && list.length > 0 ? [list] : []
    })
  const [lb, la] = [lists(before), lists(after)]
  if (lb.length === 0 || la.length === 0) return []
  const names = new Set([...lb, ...la].flatMap(l => l.map(f => f[0])))
  const meanOf = (ls: [string, number][][], fn: string) =>
    ls.reduce((s, l) => {
      const hit = l.find(f => f[0] === fn)
      return s + (hit ? hit[1] : 0)
    }, 0) / ls.length
  const steps = [...names].map(fn => {
    const perOp = meanOf(la, fn) - meanOf(lb, fn)
    return { name: fn, perOp, delta: base === 0 ? 0 : perOp / base }
  })
  return steps
    .filter(s => s.perOp !== 0)
    .sort((x, y) => Math.abs(y.perOp) - Math.abs(x.perOp))
    .slice(0, STEP_FUNCTIONS)
}

/** Baselines of main a pull request's trend shows. */
export const TREND_WINDOW = 20

/**
 * Main's recent medians of each benchmark's time unit, oldest first, at
 * most `window`, keyed by package and name (compare/model benchmarkKey).
 */
export function mainTrends(h: History, window = TREND_WINDOW): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const r of h.records.slice(-window))
    for (const b of r.benchmarks) {
      const unit = Object.keys(b.units).find(isTimeUnit)
      if (!unit) continue
      const key = `${b.package}\u0000${b.name}`
      out.set(key, [...(out.get(key) ?? []), b.units[unit].median])
    }
  return out
}
