/**
 * Taking samples (docs/design.md D13): every sample is a process of its
 * own that runs one benchmark (an exact -bench pattern, so sub-benchmarks
 * are apart) at its fixed iteration count, with its own CPU and heap
 * profiles. Rounds interleave the benchmarks of every package, and every
 * other round runs them in reverse, so drift on the runner spreads over
 * all of them. After the rounds, one short run per benchmark at a tenth
 * of its count: setup and the process's start cost the same in it as in
 * each sample, and cancel in the difference (bundle-builder.ts passTables).
 * The profiles of the samples themselves are the per-op costs: there is no
 * second profiling run.
 */
import { join } from 'node:path'
import type { ProfileFiles } from '../attribution/index.js'
import { goTestProfileArgs } from '../gobench/args.js'
import { BenchParser, type BenchResult } from '../gobench/parse.js'
import { packageStem } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { exactBenchPattern } from './select.js'
import type { PassTarget } from './targets.js'

/** The profiles of one benchmark's processes, and the iteration counts they ran at. */
export interface PassProfiles {
  /** The short run: one process at counts[0] iterations. */
  low: ProfileFiles
  /** Every sample: `processes` processes at counts[1] iterations each, profiles pooled. */
  high: ProfileFiles
  counts: [number, number]
  processes: number
}

/** One benchmark's samples. */
export interface BenchmarkSamples {
  target: PassTarget
  results: BenchResult[]
  profiles: ProfileFiles
  /** The short run, when the count allows one (at least 10 iterations) and it succeeded. */
  low?: { iterations: number; profiles: ProfileFiles }
  /** Config lines of the first sample (goos, goarch, cpu). */
  config: Record<string, string>
  /** Why the benchmark stopped being sampled: its process failed (the tail of its output). */
  error?: string
  failedCode?: number
  /** The lines the failed process printed, for the package's failure message. */
  failedLines?: string[]
  failures?: ReturnType<BenchParser['finish']>['failures']
  /** Wall time of its processes. */
  durationMs: number
}

/** Progress of the samples. */
export type SampleEvent = {
  type: 'sample'
  /** Samples taken so far, this one included, and how many there will be. */
  done: number
  total: number
  round: number
  rounds: number
  target: PassTarget
  /** ns/op of this sample, when it printed one. */
  nsPerOp?: number
  failed: boolean
}

/** The outcome of one sample's process. */
export interface SampleRun {
  code: number
  results: BenchResult[]
  config: Record<string, string>
  failures: ReturnType<BenchParser['finish']>['failures']
  lines: string[]
  files: ProfileFiles
}

/**
 * One process: run the target's benchmark, alone, at `iterations`, with
 * profiles under `scratch` named by `stem`. Only the target's own result
 * line counts (an exact pattern can also select a sibling named like it
 * minus a `-N` suffix).
 */
export async function runSample(
  go: GoToolchain,
  t: PassTarget,
  iterations: number,
  o: {
    scratch: string
    stem: string
    runFlags: readonly string[]
    cwd?: string
    binary?: string
    cpus?: string
  }
): Promise<SampleRun> {
  const cpu = join(o.scratch, `${o.stem}.cpu.pprof`)
  const mem = join(o.scratch, `${o.stem}.mem.pprof`)
  const argv = goTestProfileArgs({
    bench: exactBenchPattern([t.name]),
    iterations,
    cpuProfile: cpu,
    memProfile: mem,
    runFlags: o.runFlags
  })
  const parser = new BenchParser()
  const lines: string[] = []
  const r = await go.runTestBinary(o.binary ?? t.binary, argv, {
    cwd: o.cwd ?? t.cwd,
    onLine: line => {
      lines.push(line)
      if (lines.length > 400) lines.splice(0, lines.length - 200)
      parser.line(line)
    },
    ...(o.cpus ? { cpus: o.cpus } : {})
  })
  const parsed = parser.finish()
  return {
    code: r.code,
    results: parsed.results.filter(x => x.name === t.name).map(x => ({ ...x, pkg: t.importPath })),
    config: parsed.config[t.importPath] ?? Object.values(parsed.config)[0] ?? {},
    failures: parsed.failures,
    lines,
    files: { cpu: [cpu], mem: [mem] }
  }
}

/**
 * The order of one round: the packages' benchmarks dealt out in turn (one
 * of each package, then the next of each), so no package runs as a block.
 */
export function interleave(targets: readonly PassTarget[]): PassTarget[] {
  const byPackage = new Map<string, PassTarget[]>()
  for (const t of targets)
    (byPackage.get(t.importPath) ?? byPackage.set(t.importPath, []).get(t.importPath)!).push(t)
  const lists = [...byPackage.values()]
  const out: PassTarget[] = []
  for (let i = 0; out.length < targets.length; i++)
    for (const l of lists) if (i < l.length) out.push(l[i])
  return out
}

/** The short run's iteration count: a tenth of the samples', or none below 10. */
export function lowIterations(n: number): number | undefined {
  const low = Math.floor(n / 10)
  return low >= 1 ? low : undefined
}

/**
 * Take `count` samples of every target, round by round, then the short
 * runs. A benchmark whose process fails is not sampled again; its package
 * is reported failed by the caller.
 */
export async function takeSamples(
  go: GoToolchain,
  targets: readonly PassTarget[],
  o: { count: number; scratch: string; runFlags: readonly string[] },
  onEvent: (e: SampleEvent) => void = () => {}
): Promise<BenchmarkSamples[]> {
  const order = interleave(targets)
  const all = order.map((target): BenchmarkSamples => ({
    target,
    results: [],
    profiles: { cpu: [], mem: [] },
    config: {},
    durationMs: 0
  }))
  const total = o.count * order.length
  let done = 0
  for (let round = 0; round < o.count; round++) {
    const indices = order.map((_, i) => (round % 2 === 0 ? i : order.length - 1 - i))
    for (const i of indices) {
      const s = all[i]
      if (s.error !== undefined) {
        done++
        continue
      }
      const started = performance.now()
      const r = await runSample(go, s.target, s.target.iterations, {
        scratch: o.scratch,
        stem: `${packageStem(s.target.importPath)}-b${i}-s${round}`,
        runFlags: o.runFlags
      })
      s.durationMs += performance.now() - started
      const failed = r.code !== 0 || r.results.length === 0
      if (failed) failSample(s, r)
      else {
        s.results.push(...r.results)
        s.profiles.cpu.push(...r.files.cpu)
        s.profiles.mem.push(...r.files.mem)
        if (Object.keys(s.config).length === 0) s.config = r.config
      }
      const ns = r.results[0]?.measurements.find(m => m.unit === 'ns/op')?.value
      onEvent({
        type: 'sample',
        done: ++done,
        total,
        round,
        rounds: o.count,
        target: s.target,
        ...(ns !== undefined ? { nsPerOp: ns } : {}),
        failed
      })
    }
  }
  for (const [i, s] of all.entries()) await lowRun(go, s, i, o)
  return all
}

/** Record a failed sample: its benchmark is sampled no more. */
function failSample(s: BenchmarkSamples, r: SampleRun): void {
  s.error =
    r.code !== 0
      ? `exited with status ${r.code}`
      : `printed no result for ${s.target.name} at ${s.target.iterations} iterations`
  s.failedCode = r.code
  s.failedLines = r.lines
  s.failures = r.failures
}

/** The short run of one sampled benchmark; a failure leaves it out (per-op costs fall back to shares). */
async function lowRun(
  go: GoToolchain,
  s: BenchmarkSamples,
  i: number,
  o: { scratch: string; runFlags: readonly string[] }
): Promise<void> {
  const low = lowIterations(s.target.iterations)
  if (s.error !== undefined || s.results.length === 0 || low === undefined) return
  const started = performance.now()
  const r = await runSample(go, s.target, low, {
    scratch: o.scratch,
    stem: `${packageStem(s.target.importPath)}-b${i}-low`,
    runFlags: o.runFlags
  })
  s.durationMs += performance.now() - started
  if (r.code === 0 && r.results.length > 0) s.low = { iterations: low, profiles: r.files }
}

/** The profiles the bundle builder differences, or undefined without a short run. */
export function passProfilesOf(s: BenchmarkSamples): PassProfiles | undefined {
  if (!s.low || s.profiles.cpu.length === 0) return undefined
  return {
    low: s.low.profiles,
    high: s.profiles,
    counts: [s.low.iterations, s.target.iterations],
    processes: s.profiles.cpu.length
  }
}
