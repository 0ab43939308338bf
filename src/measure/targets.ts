/**
 * What gets sampled: one benchmark of one package, with its test binary
 * and its fixed iteration count (calibrate.ts), and the key it is filed
 * under across the samples, the contention pass and the bundle builder.
 */
import type { BenchResult } from '../gobench/parse.js'
import { median } from '../stats/median.js'
import { minOf } from '../data/index.js'

/** One benchmark to sample: its package's test binary and where it runs. */
export interface PassTarget {
  importPath: string
  /** The full benchmark name as printed (`BenchmarkX/sub-2`). */
  name: string
  /** The fixed b.N every sample runs at (before calibration: the median printed b.N). */
  iterations: number
  /** ns/op of the fastest run seen, to size the runs; undefined when none printed one. */
  nsPerOp: number | undefined
  binary: string
  cwd: string
}

/** Seconds of a Go duration (`1s`, `200ms`, `1m30s`); undefined for an iteration count (`100x`). */
export function durationSeconds(text: string): number | undefined {
  const unit: Record<string, number> = {
    ns: 1e-9,
    us: 1e-6,
    µs: 1e-6,
    ms: 1e-3,
    s: 1,
    m: 60,
    h: 3600
  }
  let total = 0
  let matched = ''
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(m[1]) * unit[m[2]]
    matched += m[0]
  }
  return matched === text && matched !== '' ? total : undefined
}

/** The key of one benchmark in the pass's results. */
export function passKey(importPath: string, name: string): string {
  return `${importPath}\u0000${name}`
}

/** The pass's targets for one package: each benchmark it ran, with its median b.N and fastest ns/op. */
export function targetsOf(
  importPath: string,
  results: readonly BenchResult[],
  binary: string,
  cwd: string
): PassTarget[] {
  const byName = new Map<string, { n: number[]; ns: number[] }>()
  for (const r of results) {
    const e = byName.get(r.name) ?? byName.set(r.name, { n: [], ns: [] }).get(r.name)!
    e.n.push(r.iterations)
    const ns = r.measurements.find(x => x.unit === 'ns/op')
    if (ns) e.ns.push(ns.value)
  }
  return [...byName].map(([name, e]) => ({
    importPath,
    name,
    iterations: median(e.n),
    // The fastest run is closest to the CPU an op costs: sized by it, the
    // pass gets its samples even when a busy machine stretched the others.
    nsPerOp: e.ns.length > 0 ? minOf(e.ns) : undefined,
    binary,
    cwd
  }))
}
