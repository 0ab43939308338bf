/**
 * The "measure" stage of the data flow: discover packages, run one
 * `go test` per package (docs/design.md D1), then hand the results and profiles to the
 * bundle builder.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Bundle } from '../bundle/index.js'
import type { Git } from '../git/index.js'
import { discoverPackages, DiscoveryError, type GoPackage } from '../gobench/discover.js'
import { splitTestFlags } from '../gobench/args.js'
import { packageStem, runPackages, type PackageRun, type RunEvent } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { buildBundle, type PackageMeasurement } from './bundle-builder.js'
import { profilePass, targetsOf, type PassEvent, type PassTarget } from './profile-pass.js'
import { SettingsError, wantsContention, type RunSettings } from './settings.js'
import { contentionPass, traceUnsupported, type ContentionEvent } from './contention-pass.js'
import { repositoryRoot } from './sources.js'
import { selectShard, type ShardSelection } from '../shard/partition.js'

/** Events for progress display: discovery, then the runner's events. */
export type PipelineEvent =
  | { type: 'discovered'; run: GoPackage[]; skipped: GoPackage[]; shard?: ShardSelection }
  | RunEvent
  | PassEvent
  | ContentionEvent
  | { type: 'attributing'; pkg: string }

/** No benchmark was run at all: the regex matched nothing, or no package has benchmarks. */
export class NoBenchmarksError extends Error {
  override name = 'NoBenchmarksError'
}

/** What a run produced. */
export interface RunOutcome {
  bundle: Bundle
  bundleDir: string
  runs: PackageRun[]
  failed: PackageRun[]
}

/** Run the benchmarks and write the bundle. Failed packages are recorded, not thrown. */
export async function runToBundle(
  go: GoToolchain,
  git: Git,
  settings: RunSettings,
  onEvent: (e: PipelineEvent) => void = () => {}
): Promise<RunOutcome> {
  const dir = resolve(settings.dir)
  const discovered = await discoverPackages(go, dir, settings.packages)
  const all = discovered.filter(p => p.hasBenchmarks)
  const skipped = discovered.filter(p => !p.hasBenchmarks)
  if (all.length === 0) {
    onEvent({ type: 'discovered', run: all, skipped })
    throw new NoBenchmarksError(
      `none of the ${discovered.length} packages matched by ${settings.packages.join(' ')} under ${dir} declares a Benchmark function. Point the packages input (--packages) at code with benchmarks`
    )
  }
  const { packages: withBenchmarks, shard } = await selectShard(all, settings.shard)
  onEvent({ type: 'discovered', run: withBenchmarks, skipped, ...(shard ? { shard } : {}) })

  await checkTraceSupport(go, dir, settings)
  const bundleDir = resolve(settings.out)
  await prepareOutDir(bundleDir)
  const scratch = await mkdtemp(join(tmpdir(), 'benchgate-bin-'))
  try {
    const runs = await runAll(
      go,
      withBenchmarks,
      settings,
      join(bundleDir, 'profiles'),
      scratch,
      onEvent
    )
    const failed = runs.filter(r => r.status === 'failed')
    checkMatched(runs, settings.bench)
    const passMs = new Map<string, number>()
    const { pass, contention } = await passes(go, runs, scratch, settings, onEvent, passMs)
    const repoRoot = await repositoryRoot(git, dir)
    const measured = runs.map(run => {
      onEvent({ type: 'attributing', pkg: run.pkg.importPath })
      // What the package cost this run, the pass included: what a shard balances by.
      const durationMs = run.durationMs + (passMs.get(run.pkg.importPath) ?? 0)
      return { ...measurementOf(run), durationMs, pass, contention }
    })
    const bundle = await buildBundle(
      go,
      git,
      {
        dir: bundleDir,
        cwd: dir,
        repoRoot,
        topK: settings.topK,
        maxProfileBytes: settings.maxProfileBytes,
        commit: settings.commit,
        ref: settings.ref,
        settings: {
          packages: settings.packages,
          bench: settings.bench,
          count: settings.count,
          benchtime: settings.benchtime,
          timeout: settings.timeout,
          extraFlags: settings.extraFlags,
          topK: settings.topK,
          profilePass: 'two iteration counts per benchmark (docs/comparison.md)',
          ...(shard
            ? {
                shard: `${shard.index}/${shard.count}`,
                shardBalancedBy: shard.balancedBy,
                shardAssignment: shard.assignment
              }
            : {}),
          ...(wantsContention(settings.profiles) ? { profiles: settings.profiles } : {})
        }
      },
      measured
    )
    return { bundle, bundleDir, runs, failed }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/**
 * After the timed runs, with the test binaries they built: the profiling
 * pass, then (when asked for) the contention pass, never beside them.
 */
async function passes(
  go: GoToolchain,
  runs: readonly PackageRun[],
  scratch: string,
  settings: RunSettings,
  onEvent: (e: PipelineEvent) => void,
  passMs?: Map<string, number>
): Promise<{
  pass: Awaited<ReturnType<typeof profilePass>>
  contention?: Awaited<ReturnType<typeof contentionPass>>
}> {
  const runFlags = splitTestFlags(settings.extraFlags).run
  const targets = passTargets(runs, scratch)
  const pass = await profilePass(
    go,
    targets,
    { scratch, runFlags, benchtime: settings.benchtime, count: settings.count, elapsedMs: passMs },
    onEvent
  )
  if (!wantsContention(settings.profiles)) return { pass }
  const profiles = settings.profiles!
  return {
    pass,
    contention: await contentionPass(go, targets, { scratch, runFlags, profiles }, onEvent)
  }
}

/**
 * Refuse, before any benchmark runs, a trace the Go toolchain cannot turn
 * into profiles (traceUnsupported), naming the version and what to do.
 */
export async function checkTraceSupport(
  go: GoToolchain,
  cwd: string,
  settings: Pick<RunSettings, 'profiles'>
): Promise<void> {
  if (!settings.profiles?.kinds.includes('trace')) return
  const r = await go.run(['env', 'GOVERSION'], { cwd })
  const why = r.code === 0 ? traceUnsupported(r.stdout.trim()) : undefined
  if (why) throw new SettingsError(why)
}

/** A -bench that matched nothing in any package is an error naming it. */
function checkMatched(runs: readonly PackageRun[], bench: string): void {
  if (!runs.every(r => r.status === 'no-match')) return
  throw new NoBenchmarksError(
    `-bench regular expression ${JSON.stringify(bench)} matched no benchmark in the ${runs.length} package(s) that have benchmarks (${runs
      .slice(0, 5)
      .map(r => r.pkg.importPath)
      .join(', ')}${runs.length > 5 ? ', …' : ''}). Check the bench input (--bench)`
  )
}

/** One `go test` per package, profiles into profileDir, test binaries into binaryDir. */
async function runAll(
  go: GoToolchain,
  packages: GoPackage[],
  settings: RunSettings,
  profileDir: string,
  binaryDir: string,
  onEvent: (e: PipelineEvent) => void
): Promise<PackageRun[]> {
  await mkdir(profileDir, { recursive: true })
  return runPackages(
    go,
    packages,
    {
      bench: settings.bench,
      count: settings.count,
      benchtime: settings.benchtime,
      timeout: settings.timeout,
      extraFlags: settings.extraFlags,
      profileDir,
      binaryDir
    },
    onEvent
  )
}

/** Every benchmark that ran, with its package's test binary. */
function passTargets(runs: readonly PackageRun[], binaryDir: string): PassTarget[] {
  return runs.flatMap(run => {
    const binary = join(binaryDir, `${packageStem(run.pkg.importPath)}.test`)
    if (run.results.length === 0 || !existsSync(binary)) return []
    return targetsOf(run.pkg.importPath, run.results, binary, run.pkg.dir)
  })
}

/** One package's `go test` as the builder takes it; a missing profile is explained. */
function measurementOf(run: PackageRun): PackageMeasurement {
  const profiles: PackageMeasurement['profiles'] = { cpu: [], mem: [] }
  const profileErrors: string[] = []
  if (run.results.length > 0) {
    for (const kind of ['cpu', 'mem'] as const) {
      const file = kind === 'cpu' ? run.cpuProfile : run.memProfile
      if (existsSync(file)) profiles[kind].push(file)
      else
        profileErrors.push(
          `go test wrote no ${kind} profile${run.status === 'failed' ? ' (the package failed before exiting normally)' : ''}`
        )
    }
  } else {
    profiles.cpu.push(run.cpuProfile)
    profiles.mem.push(run.memProfile)
  }
  return {
    importPath: run.pkg.importPath,
    status: run.status,
    error: run.error,
    results: run.results,
    profiles,
    config: run.config,
    profileErrors
  }
}

/** Refuse, before any work, a non-empty output directory that is not a bundle: it is the user's. */
export async function checkOutDir(dir: string): Promise<void> {
  if (!existsSync(dir)) return
  const entries = await readdir(dir)
  if (entries.length > 0 && !entries.includes('results.json')) {
    throw new DiscoveryError(
      `output directory ${dir} is not empty and holds no results.json; choose an empty or new directory with --out`
    )
  }
}

/** Refuse to overwrite a non-empty directory that is not a bundle; clear an old bundle's profiles. */
export async function prepareOutDir(dir: string): Promise<void> {
  await checkOutDir(dir)
  if (existsSync(dir)) {
    await rm(join(dir, 'profiles'), { recursive: true, force: true })
    await rm(join(dir, 'results.json'), { force: true })
  }
  await mkdir(dir, { recursive: true })
}
