/**
 * Per-op contention and scheduling costs (docs/contention.md):
 * the block and mutex profiles, and the four profiles `go tool trace
 * -pprof` derives from an execution trace (sync, syscall, net, sched),
 * each with `contentions` and `delay` sample types.
 *
 * They come from a contention pass (measure/contention-pass.ts) in which
 * each process runs exactly one benchmark, so every sample of the process
 * belongs to it, including those of goroutines the benchmark started
 * (a worker, the other end of a channel), whose stacks carry no benchmark
 * frame. Two kinds of sample are left out, because their delay follows
 * the benchmark's wall time and is not contention:
 * - the testing harness's own waits: `testing.(*B).run1` waiting for the
 *   benchmark goroutine, RunParallel's WaitGroup;
 * - the runtime's own goroutines, every frame of whose stacks is runtime
 *   (the tracer's reader, GC workers).
 * Setup cancels between the pass's low and high runs, as for CPU.
 * A function's own cost folds the runtime and the sync package into their
 * nearest caller, so a lock's delay lands on the code that took the lock
 * (or, in the mutex profile, released it), the contended call site.
 */
import {
  accumulate,
  goTracebackName,
  indexFrames,
  ProfileError,
  readProfile,
  sampleTypeIndex,
  type Profile
} from '../pprof/index.js'
import { isRuntimeInternal } from './internal.js'
import { lineTables } from './lines.js'
import { bucketCosts, frameSources, type GroupTables } from './index.js'

/** The six delay measures whose function breakdowns are kept, with their profile and unit. */
export const CONTENTION_MEASURES = {
  block_delay: { profile: 'block', label: 'blocking (block profile)' },
  mutex_delay: { profile: 'mutex', label: 'mutex wait (mutex profile)' },
  sync_delay: { profile: 'sync', label: 'sync blocking (trace)' },
  syscall_delay: { profile: 'syscall', label: 'syscall blocking (trace)' },
  net_delay: { profile: 'net', label: 'network blocking (trace)' },
  sched_delay: { profile: 'sched', label: 'scheduler latency (trace)' }
} as const

/** A delay measure of CONTENTION_MEASURES: its function costs are ns of delay per op. */
export type ContentionMeasure = keyof typeof CONTENTION_MEASURES

/** The profiles of one contention-pass run, by kind; absent when not asked for or not written. */
export type ContentionProfile = (typeof CONTENTION_MEASURES)[ContentionMeasure]['profile']

/**
 * Every per-op metric of the contention pass: one value per round. Delay
 * metrics are ns/op, contentions contentions/op, GC cycles GCs/op and GC
 * pause ns/op (from GODEBUG=gctrace=1).
 */
export const CONTENTION_METRICS = {
  block_delay: { unit: 'ns/op', family: 'block', label: 'block delay' },
  block_contentions: { unit: 'events/op', family: 'block', label: 'blocking events' },
  mutex_delay: { unit: 'ns/op', family: 'mutex', label: 'mutex wait' },
  mutex_contentions: { unit: 'events/op', family: 'mutex', label: 'mutex contentions' },
  sync_delay: { unit: 'ns/op', family: 'sync', label: 'sync blocking' },
  syscall_delay: { unit: 'ns/op', family: 'syscall', label: 'syscall blocking' },
  net_delay: { unit: 'ns/op', family: 'net', label: 'network blocking' },
  sched_delay: { unit: 'ns/op', family: 'sched', label: 'scheduler latency' },
  sched_events: { unit: 'events/op', family: 'sched', label: 'goroutine wake-ups' },
  gc_cycles: { unit: 'GCs/op', family: 'gc', label: 'GC cycles' },
  gc_pause: { unit: 'ns/op', family: 'gc', label: 'GC pause' }
} as const

/** A metric of CONTENTION_METRICS. */
export type ContentionMetric = keyof typeof CONTENTION_METRICS

/** The families a team can gate on (`fail-on-contention`). */
export const CONTENTION_FAMILIES = [
  'block',
  'mutex',
  'sync',
  'syscall',
  'net',
  'sched',
  'gc'
] as const

/** One of CONTENTION_FAMILIES. */
export type ContentionFamily = (typeof CONTENTION_FAMILIES)[number]

/** Packages whose frames are the blocking machinery, not the call site: folded like the runtime. */
function isBlockingMachinery(name: string): boolean {
  if (isRuntimeInternal(name)) return true
  const head = name.split(/[([]/, 1)[0]
  const dot = head.indexOf('.', head.lastIndexOf('/') + 1)
  const pkg = head.slice(0, dot)
  return ['sync', 'sync/atomic', 'syscall', 'os', 'net'].includes(pkg)
}

/**
 * Whether a sample is left out: the testing harness waiting for its
 * benchmark (the innermost frame outside the blocking machinery is in
 * package testing), or the runtime's own goroutines (the tracer's reader,
 * GC workers: every frame is machinery), whose waits follow the wall clock.
 * Also what the contention flame graph leaves out.
 */
export function harnessWait(
  names: readonly string[],
  frames: ArrayLike<ArrayLike<number>>,
  stack: ArrayLike<number>,
  from: number,
  to: number
): boolean {
  for (let k = from; k < to; k++) {
    const f = frames[stack[k]]
    for (let j = 0; j < f.length; j++) {
      const name = names[f[j]]
      if (isBlockingMachinery(name)) continue
      return name.startsWith('testing.')
    }
  }
  return true
}

/**
 * One process's samples of one sample type as the tables of one group (the
 * benchmark the process ran), the harness's waits left out (unattributed).
 */
export function processTables(
  profile: Profile,
  sampleType: string,
  group: string,
  source: string,
  keepFile?: (file: string) => boolean
): GroupTables {
  const vi = sampleTypeIndex(profile, sampleType, source)
  const index = indexFrames(profile, goTracebackName)
  const { stacks } = profile.samples
  const frames = index.frames
  const folded = Uint8Array.from(index.names, name => (isBlockingMachinery(name) ? 1 : 0))
  const bucketOf = (_s: number, from: number, to: number): number =>
    harnessWait(index.names, frames, stacks, from, to) ? -1 : 0
  const acc = accumulate(profile, vi, index, 1, bucketOf, folded)
  const functions = bucketCosts(acc, acc.self!, 0, index.names)
  const out: GroupTables = {
    groups: new Map([[group, { total: acc.totals[0], functions }]]),
    unattributed: acc.unbucketed,
    total: acc.total,
    sources: frameSources(index)
  }
  if (keepFile)
    out.lines = lineTables(profile, vi, index, [group], bucketOf, folded, n =>
      index.files[n] !== '' ? keepFile(index.files[n]) : false
    )
  return out
}

/** The profiles whose event counts are metrics of their own (`<profile>_contentions`, `sched_events`). */
export type CountedProfile = 'block' | 'mutex' | 'sched'

/** The profile files of one contention-pass run, by kind. */
export type ContentionFiles = Partial<Record<ContentionProfile, string>>

/**
 * Decode one run's contention profiles into tables per measure (delay) and
 * per contentions metric. A profile that does not decode is reported in
 * `errors`, never thrown.
 */
export async function contentionTables(
  files: ContentionFiles,
  group: string,
  maxBytes: number,
  keepFile?: (file: string) => boolean
): Promise<{
  delay: Partial<Record<ContentionMeasure, GroupTables>>
  contentions: Partial<Record<CountedProfile, GroupTables>>
  errors: string[]
}> {
  const delay: Partial<Record<ContentionMeasure, GroupTables>> = {}
  const contentions: Partial<Record<CountedProfile, GroupTables>> = {}
  const errors: string[] = []
  for (const [measure, m] of Object.entries(CONTENTION_MEASURES) as [
    ContentionMeasure,
    (typeof CONTENTION_MEASURES)[ContentionMeasure]
  ][]) {
    const file = files[m.profile]
    if (file === undefined) continue
    try {
      const profile = await readProfile(file, { maxBytes })
      delay[measure] = processTables(profile, 'delay', group, file, keepFile)
      if (m.profile === 'block' || m.profile === 'mutex' || m.profile === 'sched')
        contentions[m.profile] = processTables(profile, 'contentions', group, file)
    } catch (err) {
      if (!(err instanceof ProfileError)) throw err
      errors.push(err.message)
    }
  }
  return { delay, contentions, errors }
}

/** GC cycles and the sum of their stop-the-world pauses, from a process's GODEBUG=gctrace=1 lines. */
export interface GcTrace {
  cycles: number
  pauseNs: number
}

/**
 * Read the runtime's GC trace (`gc 7 @0.019s 2%: 0.011+0.52+0.003 ms
 * clock, …`): each line is one cycle; its pause is the two stop-the-world
 * phases, sweep termination (the first clock figure) and mark termination
 * (the third). Other lines are ignored.
 */
export function parseGcTrace(stderr: string): GcTrace {
  let cycles = 0
  let pauseNs = 0
  for (const m of stderr.matchAll(/^gc \d+ @[\d.]+s \d+%: ([\d.]+)\+[\d.]+\+([\d.]+) ms clock/gm)) {
    cycles++
    pauseNs += (Number(m[1]) + Number(m[2])) * 1e6
  }
  return { cycles, pauseNs }
}
