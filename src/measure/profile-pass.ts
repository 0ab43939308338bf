/**
 * The profiling pass (docs/comparison.md): per-op function costs that really are per
 * op. Each benchmark runs in processes of its own, selected by an exact
 * `-bench` pattern so sub-benchmarks are apart from their siblings, twice:
 * at a low and a high iteration count (`-benchtime=Nx`). Setup and other
 * fixed costs are the same in both runs and cancel in the difference
 * (attribution differenceTables). The timed runs stay as they were; this
 * pass only explains them.
 *
 * Cost: per benchmark, two processes of about a tenth and all of
 * min(1 s, max(benchtime, count × benchtime / 2)) of its work, plus two
 * process starts and the benchmark's setup twice each.
 */
import { join } from 'node:path'
import { goTestProfileArgs } from '../gobench/args.js'
import { packageStem } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import type { ProfileFiles } from '../attribution/index.js'
import type { BenchResult } from '../gobench/parse.js'
import { median } from '../stats/median.js'
import { exactBenchPattern } from './select.js'
import { minOf } from '../data/index.js'

/** One benchmark to profile: its package's test binary and where it runs. */
export interface PassTarget {
  importPath: string
  /** The full benchmark name as printed (`BenchmarkX/sub-2`). */
  name: string
  /** b.N of the timed runs (their median). */
  iterations: number
  /** ns/op of the fastest timed run, to size the runs; undefined when not timed. */
  nsPerOp: number | undefined
  binary: string
  cwd: string
}

/** The two profiles of one benchmark, and the iteration counts they ran at. */
export interface PassProfiles {
  low: ProfileFiles
  high: ProfileFiles
  counts: [number, number]
}

/** Progress of the pass. */
export type PassEvent = { type: 'profile'; index: number; total: number; name: string }

/**
 * How long the high run takes at most. A CPU profile samples at 100 Hz,
 * so a second gives about 100 samples of per-op work to share out; the
 * low run is a tenth of it and only has to carry the fixed costs. With a
 * shorter -benchtime the pass takes that instead, so it never costs more
 * than about one more timed run per benchmark.
 */
export const PASS_SECONDS = 1

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

/**
 * The iteration counts of the two runs. The high one takes as long as
 * half of all the timed runs together (count × benchtime / 2, so its
 * profile has about half their samples), at least one benchtime and at
 * most PASS_SECONDS; with an iteration-count benchtime, the timed b.N.
 * The low one is a tenth of it.
 */
export function passCounts(
  iterations: number,
  nsPerOp: number | undefined,
  benchtime: string,
  count = 1
): [number, number] {
  const seconds = durationSeconds(benchtime)
  const target =
    seconds === undefined
      ? undefined
      : Math.min(PASS_SECONDS, Math.max(seconds, (count * seconds) / 2))
  const wanted =
    target !== undefined && nsPerOp !== undefined && nsPerOp > 0
      ? (target * 1e9) / nsPerOp
      : iterations
  const high = Math.max(10, Math.round(Math.min(wanted, 1e9)))
  return [Math.max(1, Math.round(high / 10)), high]
}

/**
 * Profile each target at two iteration counts. A run that fails leaves its
 * benchmark out of the pass (the caller falls back to the timed runs'
 * profiles), never the whole package.
 */
export async function profilePass(
  go: GoToolchain,
  targets: readonly PassTarget[],
  s: {
    scratch: string
    runFlags: readonly string[]
    benchtime: string
    count: number
    /** Where to add each package's pass time (ms), by import path. */
    elapsedMs?: Map<string, number>
  },
  onEvent: (e: PassEvent) => void = () => {}
): Promise<Map<string, PassProfiles>> {
  const out = new Map<string, PassProfiles>()
  for (const [i, t] of targets.entries()) {
    onEvent({ type: 'profile', index: i, total: targets.length, name: t.name })
    const started = performance.now()
    const counts = passCounts(t.iterations, t.nsPerOp, s.benchtime, s.count)
    const stem = `${packageStem(t.importPath)}-p${i}`
    const files: ProfileFiles[] = []
    let ok = true
    for (const [k, n] of counts.entries()) {
      const cpu = join(s.scratch, `${stem}-${k}.cpu.pprof`)
      const mem = join(s.scratch, `${stem}-${k}.mem.pprof`)
      const argv = goTestProfileArgs({
        bench: exactBenchPattern([t.name]),
        iterations: n,
        cpuProfile: cpu,
        memProfile: mem,
        runFlags: s.runFlags
      })
      const r = await go.runTestBinary(t.binary, argv, { cwd: t.cwd })
      if (r.code !== 0) ok = false
      files.push({ cpu: [cpu], mem: [mem] })
    }
    if (ok) out.set(passKey(t.importPath, t.name), { low: files[0], high: files[1], counts })
    s.elapsedMs?.set(
      t.importPath,
      (s.elapsedMs.get(t.importPath) ?? 0) + performance.now() - started
    )
  }
  return out
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
