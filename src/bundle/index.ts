/**
 * The result bundle: a directory holding results.json and the raw profiles.
 * The format is documented in docs/bundle.md and versioned by
 * `schemaVersion` (an integer major version): readers accept the versions
 * they know and refuse newer ones with a message that says what to do.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Measure, PerOpCost } from '../attribution/index.js'

/** The schema version this build writes and the newest it reads. */
export const SCHEMA_VERSION = 1
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
  /**
   * Per-op function costs (share × median). Sub-benchmarks of one function
   * share its samples, so their lists differ only by their medians.
   */
  functions: Partial<Record<Measure, PerOpCost[]>>
}

/** The contents of results.json. */
export interface Bundle {
  schemaVersion: number
  tool: { name: 'benchgate'; version: string }
  environment: BundleEnvironment
  packages: BundlePackage[]
  benchmarks: BundleBenchmark[]
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
    text = await readFile(file, 'utf8')
  } catch (err) {
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
    data = JSON.parse(text)
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
  return b as Bundle
}
