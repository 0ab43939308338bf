/**
 * Calibration: one short run of each package's test binary (Go's own
 * ramp-up, a tenth of the benchtime), which names the benchmarks that
 * `-bench` selects (sub-benchmarks are only known by running them) and
 * sizes each one's fixed iteration count: every later sample, on both
 * sides of a comparison, runs at `-benchtime=Nx` (docs/design.md D13).
 */
import { BenchParser, type BenchFailure } from '../gobench/parse.js'
import { calibrationArgs } from '../gobench/args.js'
import type { GoPackage } from '../gobench/discover.js'
import { describeFailure } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { durationSeconds, passKey, targetsOf, type PassTarget } from './targets.js'

/** The shortest calibration run per benchmark, in seconds, unless the benchtime itself is shorter. */
export const MIN_CALIBRATION_SECONDS = 0.01

/** Progress of calibration. */
export type CalibrationEvent =
  | { type: 'calibrate-start'; index: number; total: number; pkg: GoPackage; argv: string[] }
  | { type: 'output'; pkg: GoPackage; line: string; stream: 'stdout' | 'stderr' }
  | { type: 'calibrated'; index: number; total: number; result: Calibration }

/** One package's calibration. */
export interface Calibration {
  pkg: GoPackage
  binary: string
  /** The benchmarks to sample, each with its fixed iteration count. */
  targets: PassTarget[]
  /** ok; no-match: -bench selected nothing here; failed: the run failed (targets: those that finished). */
  status: 'ok' | 'no-match' | 'failed'
  error?: string
  failures: BenchFailure[]
  unfinished: string[]
  config: Record<string, string>
  durationMs: number
}

/**
 * The benchtime of the calibration run: a tenth of a duration (at least
 * MIN_CALIBRATION_SECONDS, at most the benchtime), or one iteration when
 * the user fixed the count themselves (`100x`): then the run only names
 * the benchmarks.
 */
export function calibrationBenchtime(benchtime: string): string {
  const seconds = durationSeconds(benchtime)
  if (seconds === undefined) return '1x'
  const s = Math.min(seconds, Math.max(seconds / 10, MIN_CALIBRATION_SECONDS))
  return `${Math.max(1, Math.round(s * 1e9))}ns`
}

/**
 * A benchmark's fixed iteration count: the user's own (`100x`), else as
 * many iterations as fill the benchtime at the calibrated ns/op (what
 * Go's ramp-up aims at), between 1 and Go's cap of 1e9.
 */
export function fixedIterations(
  benchtime: string,
  nsPerOp: number | undefined,
  calibrated: number
): number {
  const fixed = /^(\d+)x$/.exec(benchtime)
  if (fixed) return Math.max(1, Number(fixed[1]))
  const seconds = durationSeconds(benchtime) ?? 1
  const calibration = durationSeconds(calibrationBenchtime(benchtime)) ?? seconds
  const n =
    nsPerOp !== undefined && nsPerOp > 0
      ? (seconds * 1e9) / nsPerOp
      : (calibrated * seconds) / calibration
  return Math.max(1, Math.min(1e9, Math.ceil(n)))
}

/**
 * Calibrate each built package in turn (calibration is timed, so never two
 * at once). `reuse` gives the iteration counts of benchmarks a baseline
 * already fixed, by passKey: both sides then do the same work.
 */
export async function calibratePackages(
  go: GoToolchain,
  built: readonly { pkg: GoPackage; binary: string }[],
  o: {
    bench: string
    benchtime: string
    runFlags: readonly string[]
    reuse?: ReadonlyMap<string, number>
  },
  onEvent: (e: CalibrationEvent) => void = () => {}
): Promise<Calibration[]> {
  const out: Calibration[] = []
  for (const [index, { pkg, binary }] of built.entries()) {
    const argv = calibrationArgs({
      bench: o.bench,
      benchtime: calibrationBenchtime(o.benchtime),
      runFlags: o.runFlags
    })
    onEvent({ type: 'calibrate-start', index, total: built.length, pkg, argv })
    const started = Date.now()
    const parser = new BenchParser()
    const lines: string[] = []
    const r = await go.runTestBinary(binary, argv, {
      cwd: pkg.dir,
      onLine: (line, stream) => {
        lines.push(line)
        if (lines.length > 400) lines.splice(0, lines.length - 200)
        onEvent({ type: 'output', pkg, line, stream })
        parser.line(line)
      }
    })
    const parsed = parser.finish()
    const results = parsed.results.map(x => ({ ...x, pkg: pkg.importPath }))
    const targets = targetsOf(pkg.importPath, results, binary, pkg.dir).map(t => ({
      ...t,
      iterations:
        o.reuse?.get(passKey(t.importPath, t.name)) ??
        fixedIterations(o.benchtime, t.nsPerOp, t.iterations)
    }))
    const failed = r.code !== 0
    const result: Calibration = {
      pkg,
      binary,
      targets,
      status: failed ? 'failed' : targets.length === 0 ? 'no-match' : 'ok',
      failures: parsed.failures,
      unfinished: parsed.unfinished.map(u => u.name),
      config: parsed.config[pkg.importPath] ?? Object.values(parsed.config)[0] ?? {},
      durationMs: Date.now() - started
    }
    if (failed) result.error = describeFailure(pkg, r.code, parsed.failures, lines)
    out.push(result)
    onEvent({ type: 'calibrated', index, total: built.length, result })
  }
  return out
}
