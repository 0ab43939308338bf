/**
 * The one bundle builder, used by `run` (sequential measurement) and by
 * the A/B runner: per package, attribute the profiles to benchmarks and
 * compute per-op function costs (share × median, docs/design.md D2), keep one usable
 * profile per kind for `go tool pprof -diff_base`, record the environment,
 * and write results.json.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join, relative } from 'node:path'
import {
  attributeProfiles,
  differenceTables,
  scaleTables,
  MEASURES,
  sampling,
  unattributedShares,
  type BaseMeasure,
  type GroupTables,
  type Measure
} from '../attribution/index.js'
import {
  SCHEMA_VERSION,
  type BundleSkipped,
  writeBundle,
  type Bundle,
  type BundleBenchmark,
  type BundlePackage
} from '../bundle/index.js'
import { gitOutput, type Git } from '../git/index.js'
import { goEnvArgs } from '../gobench/args.js'
import { splitBenchName, type BenchResult } from '../gobench/parse.js'
import { packageStem } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { median } from '../stats/median.js'
import { passKey } from './targets.js'
import type { PassProfiles } from './samples.js'
import { bundleCosts, inRepository, round, type SourceRoots } from './per-op.js'
import { addContention } from './contention-bundle.js'
import type { ContentionProfiles } from './contention-pass.js'
import { own, pushAll, table } from '../data/index.js'
import packageJson from '../../package.json' with { type: 'json' }

/** Version recorded in bundles: package.json's, bundled into dist/ by ncc, so a release records its own. */
export const BENCHGATE_VERSION: string = packageJson.version

/** What was measured for one package, on one side: results and profile files in run order. */
export interface PackageMeasurement {
  importPath: string
  status: BundlePackage['status']
  error?: string
  results: readonly BenchResult[]
  /** Profile files; every one that decodes counts toward the shares. */
  profiles: { cpu: string[]; mem: string[] }
  /** `go test` config lines (goos, goarch, cpu). */
  config: Record<string, string>
  /** Why a profile is missing, when the runner knows (e.g. the package failed). */
  profileErrors?: string[]
  /** Wall time of the timed run. */
  durationMs?: number
  /** Each benchmark's samples and short run (samples.ts), by passKey: per-op costs without fixed costs. */
  pass?: ReadonlyMap<string, PassProfiles>
  /** The contention pass's rounds per benchmark (contention-pass.ts), by passKey. */
  contention?: ReadonlyMap<string, ContentionProfiles>
}

/** Everything the builder needs besides the measurements. */
export interface BundleSpec extends SourceRoots {
  /** The bundle directory to write (it must exist or be creatable). */
  dir: string
  /** Where `go env` and git run: the module (or work tree) that was measured. */
  cwd: string
  topK: number
  maxProfileBytes: number
  /** Recorded as given; read from git in cwd when absent. */
  commit?: string
  ref?: string
  /** The run settings, for reproduction (docs/bundle.md). */
  settings: Record<string, unknown>
  /** Packages not measured, and why (docs/bundle.md `skipped`). */
  skipped?: readonly BundleSkipped[]
}

/** Attribute, build and write one bundle; returns it. */
export async function buildBundle(
  go: GoToolchain,
  git: Git,
  spec: BundleSpec,
  measured: readonly PackageMeasurement[]
): Promise<Bundle> {
  await mkdir(join(spec.dir, 'profiles'), { recursive: true })
  const packages: BundlePackage[] = []
  const benchmarks: BundleBenchmark[] = []
  for (const m of measured) {
    const { entry, tables } = await attributePackage(m, spec)
    packages.push(entry)
    const perBenchmark = await passTables(m, spec.maxProfileBytes, inRepository(spec))
    const built = buildBenchmarks(m.importPath, m.results, tables, spec.topK, spec, name =>
      perBenchmark.get(name)
    )
    for (const [i, b] of built.entries()) {
      const c = m.contention?.get(passKey(m.importPath, b.name))
      if (c)
        await addContention(b, c, {
          ...spec,
          keep: `profiles/${packageStem(m.importPath)}-${i}`
        })
    }
    pushAll(benchmarks, built)
  }
  const bundle: Bundle = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'benchgate', version: BENCHGATE_VERSION },
    environment: await environment(go, git, spec, measured),
    packages,
    benchmarks,
    ...(spec.skipped && spec.skipped.length > 0 ? { skipped: [...spec.skipped] } : {})
  }
  await writeBundle(spec.dir, bundle)
  return bundle
}

/** Attribute one package's profiles; keep the first usable profile of each kind in the bundle. */
async function attributePackage(
  m: PackageMeasurement,
  spec: BundleSpec
): Promise<{ entry: BundlePackage; tables: Partial<Record<Measure, GroupTables>> }> {
  const entry: BundlePackage = { importPath: m.importPath, status: m.status, profiles: {} }
  if (m.durationMs !== undefined && Number.isFinite(m.durationMs))
    entry.durationMs = Math.round(m.durationMs)
  if (m.error) entry.error = m.error
  const inBundle = (f: string): boolean => !relative(spec.dir, f).startsWith('..')
  if (m.results.length === 0) {
    // Nothing ran here: do not keep empty profiles.
    for (const f of [...m.profiles.cpu, ...m.profiles.mem])
      if (inBundle(f)) await rm(f, { force: true })
    return { entry, tables: {} }
  }
  const { tables, decoded, errors } = await attributeProfiles(
    m.profiles,
    m.importPath,
    spec.maxProfileBytes,
    inRepository(spec)
  )
  const problems = [...(m.profileErrors ?? []), ...errors]
  if (problems.length > 0) entry.profileErrors = problems
  for (const kind of ['cpu', 'mem'] as const) {
    const keep = decoded[kind][0]
    const name = `profiles/${packageStem(m.importPath)}.${kind}.pprof`
    const target = join(spec.dir, name)
    if (keep) {
      if (keep !== target) await copyFile(keep, target)
      entry.profiles[kind] = name
    }
    // Unusable or extra profiles inside the bundle are not shipped.
    for (const f of m.profiles[kind]) if (f !== target && inBundle(f)) await rm(f, { force: true })
  }
  const unattributed = unattributedShares(tables)
  if (Object.keys(unattributed).length > 0) entry.unattributed = unattributed
  return { entry, tables }
}

/**
 * Per benchmark, the tables of its profiling pass: the high run minus the
 * low one, per measure. A benchmark or measure the pass could not explain
 * (a failed run, too few samples) is absent and falls back to the timed
 * runs' shares.
 */
async function passTables(
  m: PackageMeasurement,
  maxBytes: number,
  keepFile: ((file: string) => boolean) | undefined
): Promise<Map<string, Partial<Record<Measure, GroupTables>>>> {
  const out = new Map<string, Partial<Record<Measure, GroupTables>>>()
  for (const name of new Set(m.results.map(r => r.name))) {
    const p = m.pass?.get(passKey(m.importPath, name))
    if (!p) continue
    const [low, high] = await Promise.all([
      attributeProfiles(p.low, m.importPath, maxBytes, keepFile),
      attributeProfiles(p.high, m.importPath, maxBytes, keepFile)
    ])
    const tables: Partial<Record<Measure, GroupTables>> = {}
    for (const measure of Object.keys(MEASURES) as BaseMeasure[]) {
      const l = low.tables[measure]
      const h = high.tables[measure]
      // Each of the `processes` samples paid the fixed costs once, as the
      // short run did: k × low away from the pooled samples leaves k × (N −
      // n) iterations of per-op work.
      const k = p.processes
      const d =
        l && h ? differenceTables(scaleTables(l, k), h, k * (p.counts[1] - p.counts[0])) : undefined
      if (d) tables[measure] = d
    }
    out.set(name, tables)
  }
  return out
}

/**
 * Turn parsed result lines and attributed profiles into bundle benchmarks:
 * one entry per full benchmark name with every sample, and per-op function
 * costs (docs/design.md D2): per extra iteration of the profiling pass where it explained
 * the benchmark, else share × median of the timed runs' profiles.
 */
export function buildBenchmarks(
  importPath: string,
  results: readonly BenchResult[],
  tables: Partial<Record<Measure, GroupTables>>,
  topK: number,
  roots: SourceRoots,
  /** Tables of the profiling pass for one benchmark, which take precedence per measure. */
  passFor: (name: string) => Partial<Record<Measure, GroupTables>> | undefined = () => undefined
): BundleBenchmark[] {
  const byName = new Map<string, BundleBenchmark>()
  for (const r of results) {
    let b = byName.get(r.name)
    if (!b) {
      b = {
        package: importPath,
        name: r.name,
        group: splitBenchName(r.name).base,
        samples: table(),
        iterations: [],
        functions: {}
      }
      byName.set(r.name, b)
    }
    b.iterations.push(r.iterations)
    for (const m of r.measurements) (b.samples[m.unit] ??= []).push(m.value)
  }
  for (const b of byName.values()) {
    const pass = passFor(b.name)
    const found: Partial<Record<Measure, { total: number; sample?: number }>> = {}
    for (const measure of Object.keys(MEASURES) as BaseMeasure[]) {
      const t = pass?.[measure] ?? tables[measure]
      const values = own(b.samples, MEASURES[measure].unit)
      if (!t || !values) continue
      b.functions[measure] = bundleCosts(t, b.group, median(values), topK, roots)
      const s = sampling(t, b.group, median(values))
      if (s) found[measure] = s
    }
    if (found.alloc_objects)
      found.alloc_objects.sample = objectsSample(found.alloc_space, found.alloc_objects)
    for (const [measure, s] of Object.entries(found) as [
      Measure,
      { total: number; sample?: number }
    ][])
      if (s.sample !== undefined)
        (b.sampling ??= {})[measure] = { total: round(s.total), sample: round(s.sample) }
  }
  return [...byName.values()]
}

/**
 * A heap profile's period is in bytes, so one sample of alloc_objects is
 * worth the objects of one sample's bytes: the bytes of one sample times
 * the benchmark's objects per byte.
 */
function objectsSample(
  space: { total: number; sample?: number } | undefined,
  objects: { total: number; sample?: number } | undefined
): number | undefined {
  if (!space?.sample || !objects || !(space.total > 0)) return objects?.sample
  return (space.sample * objects.total) / space.total
}

/** Where and how the run was made: Go's own answer, the CPU line, git. */
async function environment(
  go: GoToolchain,
  git: Git,
  spec: BundleSpec,
  measured: readonly PackageMeasurement[]
): Promise<Bundle['environment']> {
  const env = await go.run(goEnvArgs(), { cwd: spec.cwd })
  let goEnv: Record<string, string> = {}
  try {
    goEnv = JSON.parse(env.stdout) as Record<string, string>
  } catch {
    // leave blank: the comparison then cannot warn about Go versions
  }
  const config = measured.find(r => r.results.length > 0)?.config ?? {}
  const first = measured.flatMap(r => r.results)[0]
  return {
    goVersion: goEnv.GOVERSION ?? '',
    goos: goEnv.GOOS ?? config.goos ?? '',
    goarch: goEnv.GOARCH ?? config.goarch ?? '',
    cpu: config.cpu ?? '',
    gomaxprocs: first ? splitBenchName(first.name).procs : availableParallelism(),
    commit: spec.commit ?? (await gitOutput(git, spec.cwd, ['rev-parse', 'HEAD'])) ?? '',
    ref: spec.ref ?? (await gitOutput(git, spec.cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])) ?? '',
    createdAt: new Date().toISOString(),
    settings: spec.settings
  }
}
