/**
 * Measure packages (docs/design.md D13): build every test binary once, in
 * parallel; calibrate each package; take every sample in a process of its
 * own at a fixed iteration count, interleaved across benchmarks and
 * packages; merge each package's samples' profiles into the one profile
 * per kind the bundle keeps. The result per package is what the bundle
 * builder takes, and what the front ends report.
 */
import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { goPprofMergeArgs, splitTestFlags } from '../gobench/args.js'
import { buildTestBinaries, type BuildEvent } from '../gobench/build.js'
import type { GoPackage } from '../gobench/discover.js'
import { describeFailure, packageStem, type PackageRun, type RunEvent } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import type { BenchResult } from '../gobench/parse.js'
import type { PackageMeasurement } from './bundle-builder.js'
import { calibratePackages, type Calibration, type CalibrationEvent } from './calibrate.js'
import { passProfilesOf, takeSamples, type BenchmarkSamples, type SampleEvent } from './samples.js'
import { passKey, type PassTarget } from './targets.js'
import type { PassProfiles } from './samples.js'

/** Progress of measuring packages. */
export type MeasureEvent = BuildEvent | CalibrationEvent | SampleEvent | RunEvent

/** How the packages are measured. */
export interface MeasureOptions {
  bench: string
  count: number
  benchtime: string
  /** The user's go test flags: build flags to `go test -c`, test flags to every run. */
  extraFlags: readonly string[]
  /** Where the merged profiles go (kept: the bundle's profiles directory). */
  profileDir: string
  /** Where test binaries go. */
  binaryDir: string
  /** Where the samples' own profiles go (scratch). */
  scratch: string
  /** Iteration counts to reuse (a baseline's), by passKey. */
  reuse?: ReadonlyMap<string, number>
  /**
   * After the build: the import paths of built packages that cannot have
   * changed (`run --since`, ab/since.ts). They are not measured.
   */
  unchanged?: (built: readonly { pkg: GoPackage; binary: string }[]) => Promise<ReadonlySet<string>>
}

/** What measuring the packages produced. */
export interface MeasuredPackages {
  runs: PackageRun[]
  measured: PackageMeasurement[]
  /** Every benchmark sampled, with its binary and fixed count (for the contention pass). */
  targets: PassTarget[]
  /** The test binary of each package that built, by import path. */
  binaries: Map<string, string>
  /** How many test binaries were built (each package at most once). */
  builds: number
  /** Every benchmark's samples: their results and profile files (in `scratch`). */
  samples: BenchmarkSamples[]
  /** Packages built but not measured: `unchanged` said they cannot differ. */
  unchanged: GoPackage[]
}

/** Build, calibrate and sample the packages; failures are recorded per package, never thrown. */
export async function measurePackages(
  go: GoToolchain,
  packages: readonly GoPackage[],
  o: MeasureOptions,
  onEvent: (e: MeasureEvent) => void = () => {}
): Promise<MeasuredPackages> {
  const flags = splitTestFlags(o.extraFlags)
  const built = await buildTestBinaries(
    go,
    packages,
    { binaryDir: o.binaryDir, buildFlags: flags.build },
    onEvent
  )
  const builtOk = built.flatMap(b => ('binary' in b ? [b] : []))
  const same = o.unchanged && builtOk.length > 0 ? await o.unchanged(builtOk) : new Set<string>()
  const ready = builtOk.filter(b => !same.has(b.pkg.importPath))
  const measuring = built.filter(b => !same.has(b.pkg.importPath))
  const calibrations = await calibratePackages(
    go,
    ready,
    {
      bench: o.bench,
      benchtime: o.benchtime,
      runFlags: flags.run,
      ...(o.reuse ? { reuse: o.reuse } : {})
    },
    onEvent
  )
  const targets = calibrations.flatMap(c => c.targets)
  const samples = await takeSamples(
    go,
    targets,
    { count: o.count, scratch: o.scratch, runFlags: flags.run },
    onEvent
  )
  const byCalibration = new Map(calibrations.map(c => [c.pkg.importPath, c]))
  const runs: PackageRun[] = []
  const measured: PackageMeasurement[] = []
  for (const [index, b] of measuring.entries()) {
    const pkg = b.pkg
    const c = byCalibration.get(pkg.importPath)
    const own = samples.filter(s => s.target.importPath === pkg.importPath)
    const run =
      'error' in b
        ? failedBuild(pkg, b.error, b.durationMs)
        : await sampledRun(go, c!, own, o.profileDir)
    runs.push(run)
    measured.push(measurementOf(run, own))
    onEvent({ type: 'package-end', index, total: measuring.length, run })
  }
  return {
    runs,
    measured,
    targets: samples.filter(s => s.results.length > 0).map(s => s.target),
    binaries: new Map(ready.map(b => [b.pkg.importPath, b.binary])),
    builds: built.length,
    samples,
    unchanged: builtOk.filter(b => same.has(b.pkg.importPath)).map(b => b.pkg)
  }
}

/** The samples' results round by round (every benchmark's first sample, then the second, …). */
export function resultsInRoundOrder(own: readonly BenchmarkSamples[]): BenchResult[] {
  return own
    .flatMap(s => s.results.map((r, round) => ({ r, round })))
    .sort((a, b) => a.round - b.round)
    .map(x => x.r)
}

/** A package that did not build. */
function failedBuild(pkg: GoPackage, error: string, durationMs: number): PackageRun {
  return {
    pkg,
    status: 'failed',
    results: [],
    failures: [],
    unfinished: [],
    config: {},
    error,
    durationMs
  }
}

/** A calibrated package with its samples: its results in round order, merged profiles, failures. */
async function sampledRun(
  go: GoToolchain,
  c: Calibration,
  own: readonly BenchmarkSamples[],
  profileDir: string
): Promise<PackageRun> {
  const results = resultsInRoundOrder(own)
  const brokenSample = own.find(s => s.error !== undefined)
  const run: PackageRun = {
    pkg: c.pkg,
    status:
      c.status === 'failed' || brokenSample ? 'failed' : results.length === 0 ? 'no-match' : 'ok',
    results,
    failures: [...c.failures, ...own.flatMap(s => s.failures ?? [])],
    unfinished: c.unfinished,
    config: Object.keys(c.config).length > 0 ? c.config : (own[0]?.config ?? {}),
    durationMs: c.durationMs + own.reduce((t, s) => t + s.durationMs, 0)
  }
  if (c.error) run.error = c.error
  else if (brokenSample)
    run.error = describeFailure(c.pkg, brokenSample.failedCode ?? 0, brokenSample.failures ?? [], [
      `${brokenSample.target.name} at ${brokenSample.target.iterations} iterations ${brokenSample.error}`,
      ...(brokenSample.failedLines ?? [])
    ])
  if (results.length > 0) Object.assign(run, await mergeSampleProfiles(go, own, profileDir, c.pkg))
  return run
}

/**
 * A package's samples' profiles merged into one per kind, in profileDir:
 * what the bundle keeps for flame graphs and `go tool pprof -diff_base`.
 */
export async function mergeSampleProfiles(
  go: GoToolchain,
  own: readonly BenchmarkSamples[],
  profileDir: string,
  pkg: { importPath: string; dir: string }
): Promise<{ cpuProfile?: string; memProfile?: string }> {
  const stem = packageStem(pkg.importPath)
  const cpu = own.flatMap(s => s.profiles.cpu)
  const mem = own.flatMap(s => s.profiles.mem)
  const out: { cpuProfile?: string; memProfile?: string } = {}
  const c = await mergeProfiles(go, cpu, join(profileDir, `${stem}.cpu.pprof`), pkg.dir)
  const m = await mergeProfiles(go, mem, join(profileDir, `${stem}.mem.pprof`), pkg.dir)
  if (c) out.cpuProfile = c
  if (m) out.memProfile = m
  return out
}

/**
 * One profile of several: pprof's own merge (`go tool pprof -proto`).
 * Undefined when it fails (the bundle then says the profile is missing).
 */
async function mergeProfiles(
  go: GoToolchain,
  files: readonly string[],
  output: string,
  cwd: string
): Promise<string | undefined> {
  if (files.length === 0) return undefined
  if (files.length === 1) {
    await copyFile(files[0], output)
    return output
  }
  const r = await go.run(goPprofMergeArgs(output, files), { cwd })
  return r.code === 0 ? output : undefined
}

/** One package as the bundle builder takes it; a missing profile is explained. */
export function measurementOf(
  run: PackageRun,
  own: readonly BenchmarkSamples[]
): PackageMeasurement {
  const profiles: PackageMeasurement['profiles'] = { cpu: [], mem: [] }
  const profileErrors: string[] = []
  if (run.results.length > 0)
    for (const kind of ['cpu', 'mem'] as const) {
      const file = kind === 'cpu' ? run.cpuProfile : run.memProfile
      if (file) profiles[kind].push(file)
      else profileErrors.push(`go tool pprof could not merge the samples' ${kind} profiles`)
    }
  return {
    importPath: run.pkg.importPath,
    status: run.status,
    error: run.error,
    results: run.results,
    profiles,
    config: run.config,
    profileErrors,
    durationMs: run.durationMs,
    pass: passMapOf(own)
  }
}

/** The samples' profiles the bundle builder differences, by passKey. */
export function passMapOf(own: readonly BenchmarkSamples[]): Map<string, PassProfiles> {
  const pass = new Map<string, PassProfiles>()
  for (const s of own) {
    const p = passProfilesOf(s)
    if (p) pass.set(passKey(s.target.importPath, s.target.name), p)
  }
  return pass
}
