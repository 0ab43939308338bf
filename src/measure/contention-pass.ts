/**
 * The contention pass (docs/contention.md): block, mutex and
 * trace-derived profiles, and GC cycles and pauses, per op.
 *
 * These collectors slow a benchmark down by up to 2.5× (block profiling at
 * rate 1: PingPong +80%; the tracer: +158%; docs/performance.md), so they
 * never run beside the timed runs that gate, nor beside the CPU and heap
 * profiles of the profiling pass. Each benchmark runs in processes of its
 * own, `rounds` times, each round a low and a high iteration count
 * (`-benchtime=Nx`): setup cancels in the difference, as in the profiling
 * pass, and each round gives one per-op value per metric, so base and head
 * are compared on real samples (the U test), not on one profile each.
 *
 * The high run is sized to CONTENTION_SECONDS of the benchmark's work: the
 * block and mutex profiles (rate and fraction 1 by default) and the
 * tracer record every event, so a tenth of a second holds thousands of
 * them, and `go tool trace -pprof` reads a trace in about 0.2 s per MB
 * (a 1 s trace of a channel ping-pong is 35 MB).
 */
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { goTestContentionArgs, goTraceProfileArgs } from '../gobench/args.js'
import { packageStem } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { parseGcTrace, type ContentionFiles, type GcTrace } from '../attribution/contention.js'
import { exactBenchPattern } from './select.js'
import { passKey, type PassTarget } from './targets.js'
import type { ProfileSettings } from './settings.js'

/** Seconds of work in a contention run at the high iteration count. */
export const CONTENTION_SECONDS = 0.1

/** A trace larger than this is not converted (its profiles are reported missing). */
export const MAX_TRACE_BYTES = 256 * 1024 * 1024

/** One run of the pass: its profiles and its GC trace. */
export interface ContentionRun {
  files: ContentionFiles
  gc: GcTrace
}

/** One benchmark's contention pass: per round, its low and high runs. */
export interface ContentionProfiles {
  counts: [number, number]
  rounds: { low: ContentionRun; high: ContentionRun }[]
  /** Why a round or a profile is missing, when one is. */
  errors: string[]
}

/** Progress of the pass. */
export type ContentionEvent = {
  type: 'contention'
  index: number
  total: number
  name: string
  round: number
  rounds: number
}

/** The iteration counts of a contention round: CONTENTION_SECONDS of work, and a tenth. */
export function contentionCounts(
  iterations: number,
  nsPerOp: number | undefined
): [number, number] {
  const wanted =
    nsPerOp !== undefined && nsPerOp > 0 ? (CONTENTION_SECONDS * 1e9) / nsPerOp : iterations
  const high = Math.max(20, Math.round(Math.min(wanted, 1e9)))
  return [Math.max(2, Math.round(high / 10)), high]
}

/** The GODEBUG a contention run gets: the user's, with the GC trace on. */
function gcDebugEnv(): NodeJS.ProcessEnv {
  const own = process.env.GODEBUG
  return { ...process.env, GODEBUG: own ? `${own},gctrace=1` : 'gctrace=1' }
}

/**
 * One run of one benchmark at `n` iterations with the asked-for collectors,
 * then the trace's four profiles. Returns the run, or an error message.
 */
async function contentionRun(
  go: GoToolchain,
  t: PassTarget,
  n: number,
  stem: string,
  s: { runFlags: readonly string[]; profiles: ProfileSettings }
): Promise<ContentionRun | string> {
  const want = new Set(s.profiles.kinds)
  const files: ContentionFiles = {}
  const block = want.has('block') ? `${stem}.block.pprof` : undefined
  const mutex = want.has('mutex') ? `${stem}.mutex.pprof` : undefined
  const trace = want.has('trace') ? `${stem}.trace` : undefined
  const argv = goTestContentionArgs({
    bench: exactBenchPattern([t.name]),
    iterations: n,
    block: block ? { file: block, rate: s.profiles.blockRate } : undefined,
    mutex: mutex ? { file: mutex, fraction: s.profiles.mutexFraction } : undefined,
    trace,
    runFlags: s.runFlags
  })
  const r = await go.runTestBinary(t.binary, argv, { cwd: t.cwd, env: gcDebugEnv() })
  if (r.code !== 0) return `${t.name}: the contention run at ${n} iterations exited ${r.code}`
  if (block) files.block = block
  if (mutex) files.mutex = mutex
  if (trace) {
    const size = (await stat(trace).catch(() => undefined))?.size
    if (size === undefined) return `${t.name}: go test wrote no execution trace`
    if (size > MAX_TRACE_BYTES)
      return `${t.name}: its execution trace is ${Math.round(size / 2 ** 20)} MiB, over the ${MAX_TRACE_BYTES / 2 ** 20} MiB cap; drop trace from profiles for it or narrow bench`
    const kinds = ['sync', 'syscall', 'net', 'sched'] as const
    // Two conversions at a time: each reads the whole trace.
    for (let i = 0; i < kinds.length; i += 2) {
      const done = await Promise.all(
        kinds.slice(i, i + 2).map(async kind => {
          const out = `${stem}.${kind}.pprof`
          const c = await go.run(goTraceProfileArgs(kind, trace), { cwd: t.cwd, stdoutFile: out })
          if (c.code === 0) files[kind] = out
          return c.code === 0
            ? undefined
            : `go tool trace -pprof=${kind}: ${c.stderr.trim().split('\n').pop() ?? ''}`
        })
      )
      const failed = done.find(x => x !== undefined)
      if (failed) return `${t.name}: ${failed}`
    }
  }
  return { files, gc: parseGcTrace(r.stderr) }
}

/**
 * One round of the pass for one benchmark: its low and high runs. The
 * A/B runner calls it per round and side, interleaved; `contentionPass`
 * runs every round of one side.
 */
export async function contentionRound(
  go: GoToolchain,
  t: PassTarget,
  round: number,
  into: ContentionProfiles,
  s: { scratch: string; stem: string; runFlags: readonly string[]; profiles: ProfileSettings }
): Promise<void> {
  const runs: ContentionRun[] = []
  for (const [k, n] of into.counts.entries()) {
    const r = await contentionRun(go, t, n, join(s.scratch, `${s.stem}-c${round}-${k}`), s)
    if (typeof r === 'string') {
      into.errors.push(r)
      return
    }
    runs.push(r)
  }
  into.rounds.push({ low: runs[0], high: runs[1] })
}

/** A benchmark's empty pass record, sized by its timed runs. */
export function newContentionProfiles(t: PassTarget): ContentionProfiles {
  return { counts: contentionCounts(t.iterations, t.nsPerOp), rounds: [], errors: [] }
}

/**
 * Every round of the contention pass for one side's targets, by passKey.
 * A benchmark whose runs failed keeps its errors and the rounds that ran.
 */
export async function contentionPass(
  go: GoToolchain,
  targets: readonly PassTarget[],
  s: { scratch: string; runFlags: readonly string[]; profiles: ProfileSettings; prefix?: string },
  onEvent: (e: ContentionEvent) => void = () => {}
): Promise<Map<string, ContentionProfiles>> {
  const out = new Map<string, ContentionProfiles>()
  const rounds = s.profiles.rounds
  for (const [i, t] of targets.entries()) {
    const p = newContentionProfiles(t)
    const stem = `${s.prefix ?? ''}${packageStem(t.importPath)}-q${i}`
    for (let round = 0; round < rounds; round++) {
      onEvent({ type: 'contention', index: i, total: targets.length, name: t.name, round, rounds })
      await contentionRound(go, t, round, p, { ...s, stem })
    }
    out.set(passKey(t.importPath, t.name), p)
  }
  return out
}

/** The Go release a version string names (`go1.23.4`, `devel go1.24-abcd`), as [major, minor]. */
export function goRelease(version: string): [number, number] | undefined {
  const m = /go(\d+)\.(\d+)/.exec(version)
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

/**
 * Why `trace` cannot be collected with this Go, or undefined when it can:
 * `go tool trace -pprof` on the current trace format needs Go 1.23.
 */
export function traceUnsupported(goVersion: string): string | undefined {
  const r = goRelease(goVersion)
  if (r === undefined) return undefined
  if (r[0] > 1 || (r[0] === 1 && r[1] >= 23)) return undefined
  return `profiles: trace needs Go 1.23 or newer for go tool trace -pprof on the execution tracer's format, and this is ${goVersion}. Set up a newer Go (actions/setup-go with go-version: stable), or drop trace from profiles (block and mutex work on any Go)`
}
