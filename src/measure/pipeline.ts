/**
 * The "measure" stage of the data flow: discover packages, measure them
 * (packages.ts: build once, calibrate, a process per sample), the
 * contention pass when asked for, then hand the results and profiles to
 * the bundle builder.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Bundle } from '../bundle/index.js'
import type { Git } from '../git/index.js'
import { discoverPackages, DiscoveryError, type GoPackage } from '../gobench/discover.js'
import { splitTestFlags } from '../gobench/args.js'
import type { PackageRun } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { IDENTICAL_REASON, readBundle } from '../bundle/index.js'
import { median } from '../stats/median.js'
import { buildBundle } from './bundle-builder.js'
import { measurePackages, type MeasureEvent, type MeasureOptions } from './packages.js'
import type { BenchmarkSamples } from './samples.js'
import type { ProfileFiles } from '../attribution/index.js'
import { passKey, type PassTarget } from './targets.js'
import { SettingsError, wantsContention, type RunSettings } from './settings.js'
import { contentionPass, traceUnsupported, type ContentionEvent } from './contention-pass.js'
import { repositoryRoot } from './sources.js'
import { selectShard, type ShardSelection } from '../shard/partition.js'

/** Events for progress display: discovery, then building, calibrating and sampling. */
export type PipelineEvent =
  | { type: 'discovered'; run: GoPackage[]; skipped: GoPackage[]; shard?: ShardSelection }
  | MeasureEvent
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
  /** Each package's test binary, by import path: kept only when settings.binaryDir was given. */
  binaries: Map<string, string>
  /** How many test binaries were built. */
  builds: number
  /**
   * Every benchmark's samples, their profiles kept under binaryDir when it
   * was given (confirmation pools them with its head rounds); else gone.
   */
  samples: BenchmarkSamples[]
}

/** What leaves out the packages that cannot differ from revision `ref` (ab/since.ts builds it). */
export interface RunSettingsUnchanged {
  ref: string
  filter: NonNullable<MeasureOptions['unchanged']>
}

/** Run the benchmarks and write the bundle. Failed packages are recorded, not thrown. */
export async function runToBundle(
  go: GoToolchain,
  git: Git,
  settings: RunSettings & {
    /** Keep the test binaries here (for an A/B of the same head); a scratch directory otherwise. */
    binaryDir?: string
    /**
     * Leave out the packages that cannot differ from another revision
     * (ab/since.ts): `ref` names it in the bundle's settings (`since`).
     */
    unchanged?: RunSettingsUnchanged
  },
  onEvent: (e: PipelineEvent) => void = () => {}
): Promise<RunOutcome> {
  const dir = resolve(settings.dir)
  const { discovered, withBenchmarks, shard } = await packagesToRun(go, dir, settings, onEvent)
  await checkTraceSupport(go, dir, settings)
  const reuse = settings.iterationsFrom ? await reusableCounts(settings.iterationsFrom) : undefined
  const bundleDir = resolve(settings.out)
  await prepareOutDir(bundleDir)
  const scratch = await mkdtemp(join(tmpdir(), 'benchgate-bin-'))
  const sampleDir = settings.binaryDir ? join(settings.binaryDir, 'samples') : scratch
  if (settings.binaryDir) await mkdir(sampleDir, { recursive: true })
  try {
    const profileDir = join(bundleDir, 'profiles')
    await mkdir(profileDir, { recursive: true })
    const m = await measurePackages(
      go,
      withBenchmarks,
      {
        bench: settings.bench,
        count: settings.count,
        benchtime: settings.benchtime,
        extraFlags: settings.extraFlags,
        profileDir,
        binaryDir: settings.binaryDir ?? scratch,
        scratch: sampleDir,
        ...(reuse ? { reuse } : {}),
        ...(settings.unchanged ? { unchanged: settings.unchanged.filter } : {})
      },
      onEvent
    )
    const runs = m.runs
    const failed = runs.filter(r => r.status === 'failed')
    checkMatched(runs, settings.bench)
    const contention = await contentionOf(go, m.targets, scratch, settings, onEvent)
    const repoRoot = await repositoryRoot(git, dir)
    const measured = m.measured.map(x => {
      onEvent({ type: 'attributing', pkg: x.importPath })
      return { ...x, contention }
    })
    const bundle = await buildBundle(
      go,
      git,
      {
        dir: bundleDir,
        cwd: dir,
        repoRoot,
        modules: modulesOf(discovered),
        topK: settings.topK,
        maxProfileBytes: settings.maxProfileBytes,
        commit: settings.commit,
        ref: settings.ref,
        settings: {
          ...recordedSettings(settings, reuse !== undefined, shard),
          ...(settings.unchanged ? { since: settings.unchanged.ref } : {})
        },
        skipped: m.unchanged.map(p => ({ package: p.importPath, reason: IDENTICAL_REASON }))
      },
      measured
    )
    return {
      bundle,
      bundleDir,
      runs,
      failed,
      binaries: settings.binaryDir ? m.binaries : new Map(),
      builds: m.builds,
      samples: m.samples
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/**
 * The packages a run measures: those with benchmarks under `dir`, this
 * shard's share of them. Reports them (and the ones without benchmarks);
 * none at all is a NoBenchmarksError that says where to point.
 */
async function packagesToRun(
  go: GoToolchain,
  dir: string,
  settings: RunSettings,
  onEvent: (e: PipelineEvent) => void
): Promise<{ discovered: GoPackage[]; withBenchmarks: GoPackage[]; shard?: ShardSelection }> {
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
  return { discovered, withBenchmarks, ...(shard ? { shard } : {}) }
}

/** The settings a bundle records: what was asked for, whether counts came from a baseline, the shard. */
function recordedSettings(
  settings: RunSettings,
  reused: boolean,
  shard: ShardSelection | undefined
): Record<string, unknown> {
  return {
    packages: settings.packages,
    bench: settings.bench,
    count: settings.count,
    benchtime: settings.benchtime,
    timeout: settings.timeout,
    extraFlags: settings.extraFlags,
    topK: settings.topK,
    samples: SAMPLES_RECORDED,
    ...(reused ? { iterationsFrom: 'baseline' } : {}),
    ...(shard
      ? {
          shard: `${shard.index}/${shard.count}`,
          shardBalancedBy: shard.balancedBy,
          shardAssignment: shard.assignment
        }
      : {}),
    ...(wantsContention(settings.profiles) ? { profiles: settings.profiles } : {})
  }
}

/**
 * What a run leaves to an A/B of the same head (confirmation): its test
 * binaries (never built twice), each benchmark's fixed iteration count
 * (both sides then do the same work), and its samples' profiles (pooled
 * into the head's per-op costs). Empty maps when the binaries were not kept.
 */
export function headReuse(outcome: RunOutcome): {
  prebuilt: ReadonlyMap<string, string>
  iterations: ReadonlyMap<string, number>
  pool: ReadonlyMap<string, { iterations: number; profiles: ProfileFiles }>
} {
  const iterations = new Map<string, number>()
  const pool = new Map<string, { iterations: number; profiles: ProfileFiles }>()
  for (const x of outcome.samples) {
    const key = passKey(x.target.importPath, x.target.name)
    iterations.set(key, x.target.iterations)
    if (outcome.binaries.size > 0 && x.profiles.cpu.length > 0)
      pool.set(key, { iterations: x.target.iterations, profiles: x.profiles })
  }
  return { prebuilt: outcome.binaries, iterations, pool }
}

/** How a bundle's samples were taken, as its settings record it (docs/bundle.md). */
export const SAMPLES_RECORDED =
  'a process per sample at a fixed iteration count (-benchtime=Nx), and one run at a tenth of it per benchmark (docs/comparison.md)'

/** The modules of the discovered packages, for trimmed file names (measure/per-op.ts). */
export function modulesOf(packages: readonly GoPackage[]): { path: string; dir: string }[] {
  const out = new Map<string, string>()
  for (const p of packages) if (p.module) out.set(p.module.path, p.module.dir)
  return [...out].map(([path, moduleDir]) => ({ path, dir: moduleDir }))
}

/**
 * The fixed iteration counts a bundle's benchmarks ran at, by passKey (the
 * median b.N of a bundle made before counts were fixed): a pull request
 * reuses its baseline's, so both sides do the same work.
 */
export async function reusableCounts(dir: string): Promise<Map<string, number>> {
  const { bundle } = await readBundle(dir)
  const out = new Map<string, number>()
  for (const b of bundle.benchmarks)
    if (b.iterations.length > 0)
      out.set(passKey(b.package, b.name), Math.round(median(b.iterations)))
  return out
}

/** The contention pass, when asked for, after the samples and never beside them. */
async function contentionOf(
  go: GoToolchain,
  targets: readonly PassTarget[],
  scratch: string,
  settings: RunSettings,
  onEvent: (e: PipelineEvent) => void
): Promise<Awaited<ReturnType<typeof contentionPass>> | undefined> {
  if (!wantsContention(settings.profiles)) return undefined
  const runFlags = splitTestFlags(settings.extraFlags).run
  return contentionPass(go, targets, { scratch, runFlags, profiles: settings.profiles! }, onEvent)
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
  // No run at all: every package was left out as unchanged, which is an answer.
  if (runs.length === 0 || !runs.every(r => r.status === 'no-match')) return
  throw new NoBenchmarksError(
    `-bench regular expression ${JSON.stringify(bench)} matched no benchmark in the ${runs.length} package(s) that have benchmarks (${runs
      .slice(0, 5)
      .map(r => r.pkg.importPath)
      .join(', ')}${runs.length > 5 ? ', …' : ''}). Check the bench input (--bench)`
  )
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
