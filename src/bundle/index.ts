/**
 * The result bundle: a directory holding results.json and the raw profiles.
 * The format is documented in docs/bundle.md and versioned by
 * `schemaVersion` (an integer major version): readers accept the versions
 * they know and refuse newer ones with a message that says what to do.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { FileError, readTextCapped } from '../files/index.js'
import { join } from 'node:path'
import type { Measure, PerOpCost } from '../attribution/index.js'
import {
  CONTENTION_METRICS,
  type ContentionMetric,
  type ContentionProfile
} from '../attribution/contention.js'
import { parseJson } from '../data/index.js'

/** The schema version this build writes and the newest it reads. */
export const SCHEMA_VERSION = 1
/** results.json larger than this is refused before it is parsed. */
export const MAX_RESULTS_BYTES = 512 * 1024 * 1024
/** File name of the results inside a bundle directory. */
export const RESULTS_FILE = 'results.json'

/** Where and how the run was made; compared to warn about unlike environments. */
export interface BundleEnvironment {
  goVersion: string
  goos: string
  goarch: string
  /** CPU model as `go test` printed it. */
  cpu: string
  gomaxprocs: number
  /** Git commit and ref of the code that was measured ("" when unknown). */
  commit: string
  ref: string
  /** ISO 8601. */
  createdAt: string
  /** The run settings, for reproduction. */
  settings: Record<string, unknown>
}

/** One package's outcome. */
export interface BundlePackage {
  importPath: string
  status: 'ok' | 'failed' | 'no-match'
  /** What went wrong (failed packages), with the tail of Go's output. */
  error?: string
  /** Profile paths relative to the bundle directory; absent when Go wrote none. */
  profiles: { cpu?: string; mem?: string }
  /**
   * Per measure, the fraction (0..1) of the profile's total that belongs to
   * no benchmark (package init, GC and runtime work outside benchmark stacks).
   */
  unattributed?: Partial<Record<Measure, number>>
  /** Problems reading the profiles; the benchmarks still have samples. */
  profileErrors?: string[]
  /** Wall time of its calibration and samples, in ms: what sharding balances by (shard/partition.ts). */
  durationMs?: number
}

/** One benchmark (full name, e.g. BenchmarkX/sub-8) of one package. */
export interface BundleBenchmark {
  package: string
  name: string
  /** The top-level benchmark function whose profile samples the function costs come from. */
  group: string
  /** unit → one value per -count run, in run order. */
  samples: Record<string, number[]>
  /** b.N of each run. */
  iterations: number[]
  /** Per-op function costs (docs/bundle.md): from the profiling pass, else share × median. */
  functions: Partial<Record<Measure, PerOpCost[]>>
  /**
   * Per measure: the benchmark's profiled total per op, and the per-op value
   * of one profile sample (the resolution its function costs move in).
   * Absent in bundles made before it existed, or without a sampling period.
   */
  sampling?: Partial<Record<Measure, Sampling>>
  /**
   * The contention pass (docs/contention.md), when block, mutex or trace
   * profiles were asked for: per metric, one per-op value per round. The
   * function costs of its delay measures are in `functions`.
   */
  contention?: BundleContention
}

/** A benchmark's contention pass in the bundle. */
export interface BundleContention {
  /** Rounds that ran; each gave one value per metric. */
  rounds: number
  /** The low and high iteration counts of each round. */
  counts: [number, number]
  /** metric → one per-op value per round, in round order. */
  metrics: Partial<Record<ContentionMetric, number[]>>
  /** Why a round or a profile is missing. */
  errors?: string[]
  /** The first round's high-run profiles, relative to the bundle (for `flame` and `go tool pprof`). */
  profiles?: Partial<Record<ContentionProfile, string>>
}

/** A measure's profiled total per op and the per-op value of one sample. */
export interface Sampling {
  total: number
  sample: number
}

/** The contents of results.json. */
export interface Bundle {
  schemaVersion: number
  tool: { name: 'benchgate'; version: string }
  environment: BundleEnvironment
  packages: BundlePackage[]
  /** Only what was measured. */
  benchmarks: BundleBenchmark[]
  /** Packages that were not measured, and why (an A/B: identical test binaries on both sides). */
  skipped?: BundleSkipped[]
}

/** The reason a skipped package records when its test binary and files are identical on both sides. */
export const IDENTICAL_REASON = 'identical test binary'

/** A package a run did not measure. */
export interface BundleSkipped {
  package: string
  reason: string
}

/** A bundle that cannot be read or is not one this version understands. */
export class BundleError extends Error {
  override name = 'BundleError'
}

/** Write results.json into dir (profiles are written there by the runner). */
export async function writeBundle(dir: string, bundle: Bundle): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, RESULTS_FILE)
  await writeFile(file, JSON.stringify(bundle, null, 1) + '\n')
  return file
}

/** Read and check a bundle directory (or a path to its results.json). */
export async function readBundle(path: string): Promise<{ dir: string; bundle: Bundle }> {
  const file = path.endsWith('.json') ? path : join(path, RESULTS_FILE)
  const dir = path.endsWith('.json') ? join(path, '..') : path
  let text: string
  try {
    text = await readTextCapped(file, MAX_RESULTS_BYTES, 'the result bundle')
  } catch (err) {
    if (err instanceof FileError)
      throw new BundleError(`${err.message}. Pass a directory written by \`benchgate run\``)
    throw new BundleError(
      `${file}: cannot read the result bundle (${(err as Error).message}). Pass a directory written by \`benchgate run\``
    )
  }
  return { dir, bundle: parseBundle(text, file) }
}

/** Parse and check results.json text. */
export function parseBundle(text: string, file: string): Bundle {
  let data: unknown
  try {
    data = parseJson(text)
  } catch (err) {
    throw new BundleError(
      `${file}: not valid JSON (${(err as Error).message}); the bundle is corrupt. Re-run \`benchgate run\``
    )
  }
  const b = data as Partial<Bundle> | null
  if (!b || typeof b !== 'object' || typeof b.schemaVersion !== 'number') {
    throw new BundleError(`${file}: not a benchgate result bundle (no schemaVersion)`)
  }
  if (!Number.isInteger(b.schemaVersion) || b.schemaVersion < 1) {
    throw new BundleError(`${file}: invalid schemaVersion ${String(b.schemaVersion)}`)
  }
  if (b.schemaVersion > SCHEMA_VERSION) {
    throw new BundleError(
      `${file}: written with bundle schema version ${b.schemaVersion} by a newer benchgate; this version reads version ${SCHEMA_VERSION}. Upgrade benchgate, or regenerate the baseline with this version`
    )
  }
  if (!Array.isArray(b.benchmarks) || !Array.isArray(b.packages) || !b.environment) {
    throw new BundleError(`${file}: incomplete bundle (needs environment, packages and benchmarks)`)
  }
  for (const [i, bench] of b.benchmarks.entries()) {
    if (
      typeof bench?.name !== 'string' ||
      typeof bench.package !== 'string' ||
      typeof bench.samples !== 'object'
    ) {
      throw new BundleError(`${file}: benchmarks[${i}] lacks a name, package or samples`)
    }
  }
  checkShape(b as Bundle, file)
  return b as Bundle
}

/**
 * Check every field a reader uses has the type it must have, so that a
 * corrupt or forged bundle is a BundleError naming the file and the field,
 * never a TypeError deep in a comparison.
 */
function checkShape(b: Bundle, file: string): void {
  const fail = (where: string, what: string, v: unknown): never => {
    const shown = JSON.stringify(v)
    throw new BundleError(
      `${file}: ${where} must be ${what}, not ${shown === undefined ? 'missing' : shown.slice(0, 60)}; the bundle is corrupt or was not written by benchgate. Re-run \`benchgate run\``
    )
  }
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
  const optString = (o: Record<string, unknown>, k: string, where: string): void => {
    if (o[k] !== undefined && typeof o[k] !== 'string') fail(`${where}.${k}`, 'a string', o[k])
  }
  const env = b.environment as unknown
  if (!isObj(env)) fail('environment', 'an object', env)
  const e = env as Record<string, unknown>
  for (const k of ['goVersion', 'goos', 'goarch', 'cpu', 'commit', 'ref', 'createdAt'])
    optString(e, k, 'environment')
  if (e.gomaxprocs !== undefined && typeof e.gomaxprocs !== 'number')
    fail('environment.gomaxprocs', 'a number', e.gomaxprocs)
  b.packages.forEach((p, i) => {
    const where = `packages[${i}]`
    if (!isObj(p)) fail(where, 'an object', p)
    if (typeof p.importPath !== 'string') fail(`${where}.importPath`, 'a string', p.importPath)
    if (!['ok', 'failed', 'no-match'].includes(p.status as string))
      fail(`${where}.status`, 'ok, failed or no-match', p.status)
    if (!isObj(p.profiles)) fail(`${where}.profiles`, 'an object', p.profiles)
    for (const kind of ['cpu', 'mem'] as const) {
      const f = p.profiles[kind]
      if (f === undefined) continue
      // A path inside the bundle: relative, no `..`.
      if (typeof f !== 'string' || f.startsWith('/') || f.split(/[\\/]/).includes('..'))
        fail(`${where}.profiles.${kind}`, 'a path inside the bundle', f)
    }
    optString(p as unknown as Record<string, unknown>, 'error', where)
  })
  if (b.skipped !== undefined) {
    if (!Array.isArray(b.skipped)) fail('skipped', 'an array', b.skipped)
    b.skipped.forEach((x, i) => {
      if (!isObj(x)) fail(`skipped[${i}]`, 'an object', x)
      for (const k of ['package', 'reason'])
        if (typeof (x as unknown as Record<string, unknown>)[k] !== 'string')
          fail(`skipped[${i}].${k}`, 'a string', (x as unknown as Record<string, unknown>)[k])
    })
  }
  b.benchmarks.forEach((bench, i) => {
    const where = `benchmarks[${i}]`
    if (!isObj(bench.samples)) fail(`${where}.samples`, 'an object', bench.samples)
    for (const [unit, values] of Object.entries(bench.samples)) {
      if (!Array.isArray(values))
        fail(`${where}.samples[${JSON.stringify(unit)}]`, 'an array', values)
      values.forEach((v, j) => {
        if (typeof v !== 'number' || !Number.isFinite(v))
          fail(`${where}.samples[${JSON.stringify(unit)}][${j}]`, 'a finite number', v)
      })
    }
    if (bench.iterations !== undefined && !Array.isArray(bench.iterations))
      fail(`${where}.iterations`, 'an array', bench.iterations)
    optString(bench as unknown as Record<string, unknown>, 'group', where)
    checkProfiled(bench, where, { fail, isObj, optString })
  })
}

/** checkShape's checks, which name the file in their errors. */
interface ShapeChecks {
  fail: (where: string, what: string, v: unknown) => never
  isObj: (v: unknown) => v is Record<string, unknown>
  optString: (o: Record<string, unknown>, k: string, where: string) => void
}

/** A benchmark's `sampling` and `functions`: the optional, profile-derived fields. */
function checkProfiled(
  bench: BundleBenchmark,
  where: string,
  { fail, isObj, optString }: ShapeChecks
): void {
  if (bench.sampling !== undefined) {
    if (!isObj(bench.sampling)) fail(`${where}.sampling`, 'an object', bench.sampling)
    for (const [measure, v] of Object.entries(bench.sampling)) {
      const w = `${where}.sampling.${measure}`
      if (!isObj(v)) fail(w, 'an object', v)
      for (const k of ['total', 'sample'] as const)
        if (typeof v[k] !== 'number' || !Number.isFinite(v[k]) || v[k] < 0)
          fail(`${w}.${k}`, 'a finite number, 0 or more', v[k])
    }
  }
  if (bench.contention !== undefined)
    checkContention(bench.contention, `${where}.contention`, fail, isObj)
  if (bench.functions === undefined) return
  if (!isObj(bench.functions)) fail(`${where}.functions`, 'an object', bench.functions)
  for (const [measure, list] of Object.entries(bench.functions)) {
    const w = `${where}.functions.${measure}`
    if (!Array.isArray(list)) fail(w, 'an array', list)
    ;(list as unknown[]).forEach((f, j) => {
      if (!isObj(f)) fail(`${w}[${j}]`, 'an object', f)
      const fn = f as Record<string, unknown>
      if (typeof fn.name !== 'string') fail(`${w}[${j}].name`, 'a string', fn.name)
      for (const k of ['flat', 'cum'])
        if (typeof fn[k] !== 'number' || !Number.isFinite(fn[k]))
          fail(`${w}[${j}].${k}`, 'a finite number', fn[k])
      if (fn.self !== undefined && (typeof fn.self !== 'number' || !Number.isFinite(fn.self)))
        fail(`${w}[${j}].self`, 'a finite number', fn.self)
      if (
        fn.path !== undefined &&
        (!Array.isArray(fn.path) || fn.path.length > 64 || fn.path.some(x => typeof x !== 'string'))
      )
        fail(`${w}[${j}].path`, 'a list of at most 64 function names', fn.path)
      optString(fn, 'file', `${w}[${j}]`)
      if (fn.file !== undefined && !isRepositoryPath(fn.file as string))
        fail(`${w}[${j}].file`, 'a path inside the repository', fn.file)
      if (fn.line !== undefined && !isLineNumber(fn.line))
        fail(`${w}[${j}].line`, 'a line number', fn.line)
      if (fn.lines !== undefined) checkLines(fn.lines, `${w}[${j}].lines`, fail)
    })
  }
}

/** A benchmark's `contention`: known metrics only, finite values of at most 1000 rounds. */
function checkContention(
  c: unknown,
  w: string,
  fail: ShapeChecks['fail'],
  isObj: ShapeChecks['isObj']
): void {
  if (!isObj(c)) fail(w, 'an object', c)
  const o = c as Record<string, unknown>
  if (!isCount(o.rounds)) fail(`${w}.rounds`, 'a whole number of rounds', o.rounds)
  if (!Array.isArray(o.counts) || o.counts.length !== 2 || !o.counts.every(isCount))
    fail(`${w}.counts`, 'two iteration counts', o.counts)
  if (!isObj(o.metrics)) fail(`${w}.metrics`, 'an object', o.metrics)
  for (const [metric, values] of Object.entries(o.metrics as Record<string, unknown>)) {
    if (!Object.hasOwn(CONTENTION_METRICS, metric))
      fail(`${w}.metrics`, `keyed by ${Object.keys(CONTENTION_METRICS).join(', ')}`, metric)
    if (
      !Array.isArray(values) ||
      values.length > 1000 ||
      values.some(v => typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    )
      fail(`${w}.metrics.${metric}`, 'a list of at most 1000 per-op values, 0 or more', values)
  }
  if (
    o.errors !== undefined &&
    (!Array.isArray(o.errors) || o.errors.length > 100 || o.errors.some(x => typeof x !== 'string'))
  )
    fail(`${w}.errors`, 'a list of at most 100 messages', o.errors)
  if (o.profiles !== undefined) {
    if (!isObj(o.profiles)) fail(`${w}.profiles`, 'an object', o.profiles)
    for (const [kind, f] of Object.entries(o.profiles as Record<string, unknown>))
      if (
        !['block', 'mutex', 'sync', 'syscall', 'net', 'sched'].includes(kind) ||
        typeof f !== 'string' ||
        !isRepositoryPath(f)
      )
        fail(`${w}.profiles.${kind}`, 'a path inside the bundle', f)
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e12
}

/**
 * A relative, '/'-separated path with no `..`, `.`, `.git` or empty
 * segment: a file in the repository. `.git` in any case, and with the
 * trailing dots or spaces Windows drops (`.GIT`, `.Git.`), is git's
 * directory on a case-insensitive file system too.
 */
export function isRepositoryPath(p: string): boolean {
  return (
    p !== '' &&
    p.length <= 1024 &&
    !p.includes('\\') &&
    !p.includes('\u0000') &&
    p
      .split('/')
      .every(
        seg =>
          seg !== '' &&
          seg !== '.' &&
          seg !== '..' &&
          seg.toLowerCase().replace(/[. ]+$/, '') !== '.git'
      )
  )
}

function isLineNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9
}

/** A function's `lines`: at most 64 of {line, flat, cum, self}. */
function checkLines(lines: unknown, w: string, fail: ShapeChecks['fail']): void {
  if (!Array.isArray(lines) || lines.length > 64) fail(w, 'a list of at most 64 line costs', lines)
  ;(lines as unknown[]).forEach((l, k) => {
    const o = l as Record<string, unknown> | null
    if (typeof o !== 'object' || o === null || !isLineNumber(o.line))
      fail(`${w}[${k}].line`, 'a line number', o?.line)
    for (const key of ['flat', 'cum', 'self'])
      if (typeof o![key] !== 'number' || !Number.isFinite(o![key]))
        fail(`${w}[${k}].${key}`, 'a finite number', o![key])
  })
}
