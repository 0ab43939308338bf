import { join } from 'node:path'
import { goTestArgs } from './args.js'
import type { GoPackage } from './discover.js'
import { BenchParser, type BenchFailure, type BenchResult } from './parse.js'
import type { GoToolchain } from './toolchain.js'

/** How each package's benchmarks are run. */
export interface PackageRunOptions {
  bench: string
  count: number
  benchtime: string
  timeout: string
  extraFlags: readonly string[]
  /** Where profiles go (kept), e.g. <bundle>/profiles. */
  profileDir: string
  /** Where test binaries go (scratch). */
  binaryDir: string
  env?: NodeJS.ProcessEnv
}

/** The outcome of one package's `go test`. */
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
  cpuProfile: string
  memProfile: string
  durationMs: number
}

/** Progress events, so front ends can show what is running. */
export type RunEvent =
  | { type: 'package-start'; index: number; total: number; pkg: GoPackage; argv: string[] }
  | { type: 'output'; pkg: GoPackage; line: string; stream: 'stdout' | 'stderr' }
  | {
      type: 'result'
      pkg: GoPackage
      result: BenchResult
      done: number
      expected: number | undefined
    }
  | { type: 'package-end'; index: number; total: number; run: PackageRun }

/** File-name-safe, collision-free stem for a package's files. */
export function packageStem(importPath: string): string {
  let hash = 2166136261
  for (let i = 0; i < importPath.length; i++)
    hash = Math.imul(hash ^ importPath.charCodeAt(i), 16777619)
  const safe = importPath.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80)
  return `${safe}-${(hash >>> 0).toString(16).padStart(8, '0')}`
}

const TAIL_LINES = 25

/** Run one `go test` per package (profile flags refuse several packages: docs/design.md D1), in order. */
export async function runPackages(
  go: GoToolchain,
  packages: readonly GoPackage[],
  options: PackageRunOptions,
  onEvent: (e: RunEvent) => void = () => {}
): Promise<PackageRun[]> {
  const runs: PackageRun[] = []
  for (let i = 0; i < packages.length; i++) {
    const pkg = packages[i]
    const stem = packageStem(pkg.importPath)
    const cpuProfile = join(options.profileDir, `${stem}.cpu.pprof`)
    const memProfile = join(options.profileDir, `${stem}.mem.pprof`)
    const argv = goTestArgs({
      bench: options.bench,
      count: options.count,
      benchtime: options.benchtime,
      timeout: options.timeout,
      cpuProfile,
      memProfile,
      binary: join(options.binaryDir, `${stem}.test`),
      extraFlags: options.extraFlags
    })
    onEvent({ type: 'package-start', index: i, total: packages.length, pkg, argv })
    const started = Date.now()
    const parser = new BenchParser()
    const lines: string[] = []
    let done = 0
    const proc = await go.run(argv, {
      cwd: pkg.dir,
      env: options.env,
      onLine: (line, stream) => {
        lines.push(line)
        if (lines.length > 400) lines.splice(0, lines.length - 200)
        onEvent({ type: 'output', pkg, line, stream })
        // go test writes benchmark output to stdout and build errors to stderr;
        // both go through the parser so failures are recognised either way.
        const result = parser.line(line)
        if (result) onEvent({ type: 'result', pkg, result, done: ++done, expected: undefined })
      }
    })
    const parsed = parser.finish()
    const failed = proc.code !== 0
    const run: PackageRun = {
      pkg,
      status: failed ? 'failed' : parsed.results.length === 0 ? 'no-match' : 'ok',
      results: parsed.results,
      failures: parsed.failures,
      unfinished: parsed.unfinished.map(u => u.name),
      config: parsed.config[pkg.importPath] ?? Object.values(parsed.config)[0] ?? {},
      cpuProfile,
      memProfile,
      durationMs: Date.now() - started
    }
    if (failed) run.error = describeFailure(pkg, proc.code, parsed.failures, lines)
    runs.push(run)
    onEvent({ type: 'package-end', index: i, total: packages.length, run })
  }
  return runs
}

function describeFailure(
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
