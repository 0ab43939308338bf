import type { GoPackage } from './discover.js'
import type { BenchFailure, BenchResult } from './parse.js'

/** The outcome of one package's benchmarks: build, calibration and samples (measure/pipeline.ts). */
export interface PackageRun {
  pkg: GoPackage
  /** ok: ran and produced results; no-match: ran, but -bench matched nothing here; failed: Go failed. */
  status: 'ok' | 'no-match' | 'failed'
  results: BenchResult[]
  failures: BenchFailure[]
  /** Benchmarks whose name Go printed but whose result never came (their output cut it off, or they died). */
  unfinished: string[]
  /** Config lines in effect (goos, goarch, cpu, pkg). */
  config: Record<string, string>
  /** For failures: what went wrong, with the tail of Go's output. */
  error?: string
  /** The package's samples' profiles, merged; absent when no sample ran. */
  cpuProfile?: string
  memProfile?: string
  /** Calibration and samples, the package's share of the run (what a shard balances by). */
  durationMs: number
}

/** A package's outcome, once all its samples ran. */
export type RunEvent = { type: 'package-end'; index: number; total: number; run: PackageRun }

/** File-name-safe, collision-free stem for a package's files. */
export function packageStem(importPath: string): string {
  let hash = 2166136261
  for (let i = 0; i < importPath.length; i++)
    hash = Math.imul(hash ^ importPath.charCodeAt(i), 16777619)
  const safe = importPath.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80)
  return `${safe}-${(hash >>> 0).toString(16).padStart(8, '0')}`
}

const TAIL_LINES = 25

/**
 * What a failed run of a package's benchmarks says: the package, what
 * went wrong (a build failure, a panic, failing benchmarks), what to do,
 * and the last lines of Go's output.
 */
export function describeFailure(
  pkg: GoPackage,
  code: number,
  failures: BenchFailure[],
  lines: string[]
): string {
  const panic = failures.find(f => f.kind === 'panic')
  const failing = failures.filter(f => f.kind === 'benchmark').map(f => f.benchmark)
  let what = `go test exited with status ${code}`
  if (failures.some(f => f.kind === 'build')) what = 'does not build'
  else if (panic) what = `panicked${panic.benchmark ? ` in ${panic.benchmark}` : ''}`
  else if (failing.length > 0) what = `has failing benchmarks (${failing.join(', ')})`
  const tail = lines.filter(l => l.trim() !== '').slice(-TAIL_LINES)
  return `${pkg.importPath} ${what}. Fix it, or leave the package out with the packages input (--packages); the other packages still ran. Last lines of go test:\n${tail.join('\n')}`
}
