/**
 * The "run" stage of the data flow: discover packages, run one `go test`
 * per package, attribute profile samples to benchmarks, write the bundle.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import {
  attributeProfiles,
  unattributedShares,
  type GroupTables,
  type Measure,
  type ProfileFiles
} from '../attribution/index.js'
import {
  SCHEMA_VERSION,
  writeBundle,
  type Bundle,
  type BundleBenchmark,
  type BundlePackage
} from '../bundle/index.js'
import { discoverPackages, DiscoveryError, type GoPackage } from '../gobench/discover.js'
import { splitBenchName } from '../gobench/parse.js'
import { runPackages, type PackageRun, type RunEvent } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { buildBenchmarks } from './benchmarks.js'
import type { RunSettings } from './settings.js'

const exec = promisify(execFile)

/** Version recorded in bundles. */
export const BENCHGATE_VERSION = '0.1.0'

/** Events for progress display: discovery, then the runner's events. */
export type PipelineEvent =
  | { type: 'discovered'; run: GoPackage[]; skipped: GoPackage[] }
  | RunEvent
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
  settings: RunSettings,
  onEvent: (e: PipelineEvent) => void = () => {}
): Promise<RunOutcome> {
  const dir = resolve(settings.dir)
  const discovered = await discoverPackages(go, dir, settings.packages)
  const withBenchmarks = discovered.filter(p => p.hasBenchmarks)
  const skipped = discovered.filter(p => !p.hasBenchmarks)
  onEvent({ type: 'discovered', run: withBenchmarks, skipped })
  if (withBenchmarks.length === 0) {
    throw new NoBenchmarksError(
      `none of the ${discovered.length} packages matched by ${settings.packages.join(' ')} under ${dir} declares a Benchmark function. Point the packages input (--packages) at code with benchmarks`
    )
  }

  const bundleDir = resolve(settings.out)
  await prepareOutDir(bundleDir)
  const profileDir = join(bundleDir, 'profiles')
  await mkdir(profileDir, { recursive: true })
  const binaryDir = await mkdtemp(join(tmpdir(), 'benchgate-bin-'))
  let runs: PackageRun[]
  try {
    runs = await runPackages(
      go,
      withBenchmarks,
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
  } finally {
    await rm(binaryDir, { recursive: true, force: true })
  }

  const failed = runs.filter(r => r.status === 'failed')
  if (runs.every(r => r.status === 'no-match')) {
    throw new NoBenchmarksError(
      `-bench regular expression ${JSON.stringify(settings.bench)} matched no benchmark in the ${runs.length} package(s) that have benchmarks (${runs
        .slice(0, 5)
        .map(r => r.pkg.importPath)
        .join(', ')}${runs.length > 5 ? ', …' : ''}). Check the bench input (--bench)`
    )
  }

  const packages: BundlePackage[] = []
  const benchmarks: BundleBenchmark[] = []
  const repoRoot = (await git(dir, ['rev-parse', '--show-toplevel'])) || dir
  for (const run of runs) {
    onEvent({ type: 'attributing', pkg: run.pkg.importPath })
    const { entry, benches } = await attribute(run, bundleDir, settings, repoRoot)
    packages.push(entry)
    benchmarks.push(...benches)
  }

  const bundle: Bundle = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'benchgate', version: BENCHGATE_VERSION },
    environment: await environment(go, dir, runs, settings),
    packages,
    benchmarks
  }
  await writeBundle(bundleDir, bundle)
  return { bundle, bundleDir, runs, failed }
}

/** Refuse to overwrite a non-empty directory that is not a bundle; clear an old bundle's profiles. */
async function prepareOutDir(dir: string): Promise<void> {
  if (existsSync(dir)) {
    const entries = await readdir(dir)
    if (entries.length > 0 && !entries.includes('results.json')) {
      throw new DiscoveryError(
        `output directory ${dir} is not empty and holds no results.json; choose an empty or new directory with --out`
      )
    }
    await rm(join(dir, 'profiles'), { recursive: true, force: true })
    await rm(join(dir, 'results.json'), { force: true })
  }
  await mkdir(dir, { recursive: true })
}

/** Per-op function costs for one package's benchmarks (DESIGN.md, D2). */
async function attribute(
  run: PackageRun,
  bundleDir: string,
  settings: RunSettings,
  repoRoot: string
): Promise<{ entry: BundlePackage; benches: BundleBenchmark[] }> {
  const importPath = run.pkg.importPath
  const entry: BundlePackage = { importPath, status: run.status, profiles: {} }
  if (run.error) entry.error = run.error
  let tables: Partial<Record<Measure, GroupTables>> = {}
  if (run.results.length > 0) {
    const errors: string[] = []
    const files: ProfileFiles = { cpu: [], mem: [] }
    for (const kind of ['cpu', 'mem'] as const) {
      const file = kind === 'cpu' ? run.cpuProfile : run.memProfile
      if (existsSync(file)) files[kind].push(file)
      else {
        errors.push(
          `go test wrote no ${kind} profile${run.status === 'failed' ? ' (the package failed before exiting normally)' : ''}`
        )
      }
    }
    const attributed = await attributeProfiles(files, importPath, settings.maxProfileBytes)
    tables = attributed.tables
    errors.push(...attributed.errors)
    for (const kind of ['cpu', 'mem'] as const) {
      for (const file of files[kind]) {
        if (attributed.decoded[kind].includes(file))
          entry.profiles[kind] = relative(bundleDir, file)
        else await rm(file, { force: true }) // unusable: do not ship it
      }
    }
    if (errors.length > 0) entry.profileErrors = errors
  } else {
    // Nothing ran here: do not keep empty profiles.
    await rm(run.cpuProfile, { force: true })
    await rm(run.memProfile, { force: true })
  }
  const unattributed = unattributedShares(tables)
  if (Object.keys(unattributed).length > 0) entry.unattributed = unattributed

  const benches = buildBenchmarks(importPath, run.results, tables, settings.topK, repoRoot)
  return { entry, benches }
}

async function environment(
  go: GoToolchain,
  dir: string,
  runs: PackageRun[],
  settings: RunSettings
): Promise<Bundle['environment']> {
  const env = await go.run(['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH'], { cwd: dir })
  let goEnv: Record<string, string> = {}
  try {
    goEnv = JSON.parse(env.stdout) as Record<string, string>
  } catch {
    // leave blank: the comparison then cannot warn about Go versions
  }
  const config = runs.find(r => r.results.length > 0)?.config ?? {}
  const first = runs.flatMap(r => r.results)[0]
  return {
    goVersion: goEnv.GOVERSION ?? '',
    goos: goEnv.GOOS ?? config.goos ?? '',
    goarch: goEnv.GOARCH ?? config.goarch ?? '',
    cpu: config.cpu ?? '',
    gomaxprocs: first ? splitBenchName(first.name).procs : availableParallelism(),
    commit: settings.commit ?? (await git(dir, ['rev-parse', 'HEAD'])),
    ref: settings.ref ?? (await git(dir, ['rev-parse', '--abbrev-ref', 'HEAD'])),
    createdAt: new Date().toISOString(),
    settings: {
      packages: settings.packages,
      bench: settings.bench,
      count: settings.count,
      benchtime: settings.benchtime,
      timeout: settings.timeout,
      extraFlags: settings.extraFlags,
      topK: settings.topK
    }
  }
}

async function git(dir: string, args: string[]): Promise<string> {
  try {
    return (await exec('git', args, { cwd: dir })).stdout.trim()
  } catch {
    return ''
  }
}
