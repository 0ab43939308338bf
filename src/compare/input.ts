/**
 * The two sides of a comparison, loaded from a result bundle or from a Go
 * benchmark text file (as `benchstat old.txt new.txt` takes them).
 */
import { stat } from 'node:fs/promises'
import { FileError, readTextCapped } from '../files/index.js'
import { join, resolve } from 'node:path'
import type { LineCost, Measure, PerOpCost } from '../attribution/index.js'
import {
  BundleError,
  readBundle,
  type BundleContention,
  type BundleEnvironment,
  type Sampling
} from '../bundle/index.js'
import { parseBenchOutput } from '../gobench/parse.js'
import { goTracebackName } from '../pprof/index.js'
import { table } from '../data/index.js'

/** One benchmark of one side. */
export interface SideBenchmark {
  package: string
  name: string
  samples: Record<string, number[]>
  /** The benchmark function whose profile samples the function costs come from. */
  group?: string
  functions?: Partial<Record<Measure, PerOpCost[]>>
  /** Per measure, the profiled total per op and one sample's per-op value (bundles only). */
  sampling?: Partial<Record<Measure, Sampling>>
  /** The contention pass's rounds (bundles only, when asked for). */
  contention?: BundleContention
}

/** One side of a comparison. */
export interface Side {
  /** The path it was loaded from, for messages. */
  label: string
  kind: 'bundle' | 'text'
  environment?: Partial<BundleEnvironment>
  benchmarks: SideBenchmark[]
  /** Packages that failed on this side. */
  failedPackages: Set<string>
  /** Absolute profile paths per package (bundles only). */
  profiles: Map<string, { cpu?: string; mem?: string }>
  /** Unit metadata (`Unit ns/op assume=exact`), from text input. */
  units: Record<string, Record<string, string>>
  /** The bundle directory (bundles only): contention profiles are relative to it. */
  dir?: string
  /** Packages this side did not measure, and why (bundles only). */
  skipped?: readonly { package: string; reason: string }[]
}

/** Two lists of one function's line costs (two instantiations), summed line by line. */
function mergeLines(a: readonly LineCost[], b: readonly LineCost[]): LineCost[] {
  const by = new Map(a.map(l => [l.line, { ...l }]))
  for (const l of b) {
    const e = by.get(l.line)
    if (e) {
      e.flat += l.flat
      e.cum += l.cum
      e.self += l.self
    } else by.set(l.line, { ...l })
  }
  return [...by.values()].sort((x, y) => x.line - y.line)
}

/**
 * Function names as people read them (docs/design.md D10): bundles written before names
 * were collapsed hold one entry per instantiation; they merge here, so an
 * old baseline matches a new head by name.
 */
function readableFunctions<B extends SideBenchmark>(b: B): B {
  if (!b.functions) return b
  const functions: NonNullable<SideBenchmark['functions']> = {}
  for (const [measure, list] of Object.entries(b.functions) as [Measure, PerOpCost[]][]) {
    const merged = new Map<string, PerOpCost>()
    for (const f of list ?? []) {
      const name = goTracebackName(f.name)
      const m = merged.get(name)
      if (m) {
        m.self = (m.self ?? m.flat) + (f.self ?? f.flat)
        m.flat += f.flat
        m.cum += f.cum
        if (f.lines) m.lines = mergeLines(m.lines ?? [], f.lines)
      } else merged.set(name, { ...f, name })
    }
    functions[measure] = [...merged.values()]
  }
  return { ...b, functions }
}

/** `go test -bench` text larger than this is refused: 20,000 benchmarks × 100 runs fit. */
export const MAX_BENCH_TEXT_BYTES = 256 * 1024 * 1024

/** Load a side: a bundle directory, a results.json, or a benchmark text file. */
export async function loadSide(path: string): Promise<Side> {
  let isDir = false
  try {
    isDir = (await stat(path)).isDirectory()
  } catch (err) {
    throw new BundleError(
      `${path}: cannot read it (${(err as Error).message}). Pass a bundle directory from \`benchgate run\` or a \`go test -bench\` output file`
    )
  }
  if (isDir || path.endsWith('results.json')) {
    const { dir, bundle } = await readBundle(path)
    const profiles = new Map<string, { cpu?: string; mem?: string }>()
    for (const p of bundle.packages) {
      profiles.set(p.importPath, {
        cpu: p.profiles.cpu ? resolve(dir, p.profiles.cpu) : undefined,
        mem: p.profiles.mem ? resolve(dir, p.profiles.mem) : undefined
      })
    }
    return {
      label: path,
      kind: 'bundle',
      environment: bundle.environment,
      benchmarks: bundle.benchmarks.map(readableFunctions),
      failedPackages: new Set(
        bundle.packages.filter(p => p.status === 'failed').map(p => p.importPath)
      ),
      ...(bundle.skipped ? { skipped: bundle.skipped } : {}),
      profiles,
      units: {},
      dir
    }
  }
  let text: string
  try {
    text = await readTextCapped(path, MAX_BENCH_TEXT_BYTES, 'the benchmark output')
  } catch (err) {
    if (err instanceof FileError) throw new BundleError(err.message)
    throw err
  }
  const parsed = parseBenchOutput(text)
  if (parsed.results.length === 0 && parsed.failures.length === 0) {
    throw new BundleError(
      `${path}: holds no benchmark results. Pass \`go test -bench\` output (or a benchgate bundle directory, e.g. ${join('benchgate-results')})`
    )
  }
  const byKey = new Map<string, SideBenchmark>()
  for (const r of parsed.results) {
    const key = `${r.pkg}\u0000${r.name}`
    let b = byKey.get(key)
    if (!b) byKey.set(key, (b = { package: r.pkg, name: r.name, samples: table() }))
    for (const m of r.measurements) (b.samples[m.unit] ??= []).push(m.value)
  }
  const config = Object.values(parsed.config)[0] ?? {}
  return {
    label: path,
    kind: 'text',
    environment: { goos: config.goos, goarch: config.goarch, cpu: config.cpu },
    benchmarks: [...byKey.values()],
    failedPackages: new Set(parsed.failures.map(f => f.pkg)),
    profiles: new Map(),
    units: parsed.units
  }
}
