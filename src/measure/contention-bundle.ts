/**
 * A benchmark's contention pass (contention-pass.ts) as its bundle keeps
 * it: per metric one per-op value per round, the delay measures' function
 * costs, and the first round's high-run profiles for `flame` and
 * `go tool pprof`.
 */
import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  contentionTables,
  CONTENTION_MEASURES,
  type ContentionMeasure,
  type ContentionMetric,
  type ContentionProfile
} from '../attribution/contention.js'
import { differenceTables, mergeTables, type GroupTables } from '../attribution/index.js'
import type { BundleBenchmark, BundleContention } from '../bundle/index.js'
import type { ContentionProfiles } from './contention-pass.js'
import { bundleCosts, inRepository, round, type SourceRoots } from './per-op.js'
import { pushAll } from '../data/index.js'

/** What addContention needs of the bundle being built. */
export interface ContentionSpec extends SourceRoots {
  /** The bundle directory. */
  dir: string
  topK: number
  maxProfileBytes: number
  /** Bundle-relative stem of this benchmark's kept profiles (`profiles/pkg-3`). */
  keep: string
}

type Decoded = Awaited<ReturnType<typeof contentionTables>>

/** A group's total in one run's tables, 0 when the group or the table is absent. */
function totalOf(t: GroupTables | undefined, group: string): number {
  return t?.groups.get(group)?.total ?? 0
}

/**
 * Fill `b.contention` and the delay measures of `b.functions` from the
 * pass. Each round's per-op value is (high − low) ÷ (N_high − N_low); a
 * negative difference is noise and counts 0.
 */
export async function addContention(
  b: BundleBenchmark,
  c: ContentionProfiles,
  spec: ContentionSpec
): Promise<void> {
  const keepFile = inRepository(spec)
  const errors = [...c.errors]
  const decoded: { low: Decoded; high: Decoded }[] = []
  for (const r of c.rounds) {
    const [low, high] = await Promise.all([
      contentionTables(r.low.files, b.group, spec.maxProfileBytes, keepFile),
      contentionTables(r.high.files, b.group, spec.maxProfileBytes, keepFile)
    ])
    pushAll(pushAll(errors, low.errors), high.errors)
    decoded.push({ low, high })
  }
  const dn = c.counts[1] - c.counts[0]
  const perOp = (l: number, h: number): number => round(Math.max(0, h - l) / dn)
  const metrics: BundleContention['metrics'] = {}
  const push = (metric: ContentionMetric, v: number): void => void (metrics[metric] ??= []).push(v)
  decoded.forEach(({ low, high }, i) => {
    for (const measure of Object.keys(CONTENTION_MEASURES) as ContentionMeasure[])
      if (high.delay[measure] && low.delay[measure])
        push(
          measure,
          perOp(totalOf(low.delay[measure], b.group), totalOf(high.delay[measure], b.group))
        )
    for (const kind of ['block', 'mutex', 'sched'] as const)
      if (high.contentions[kind] && low.contentions[kind])
        push(
          kind === 'sched' ? 'sched_events' : `${kind}_contentions`,
          perOp(totalOf(low.contentions[kind], b.group), totalOf(high.contentions[kind], b.group))
        )
    const r = c.rounds[i]
    push('gc_cycles', perOp(r.low.gc.cycles, r.high.gc.cycles))
    push('gc_pause', perOp(r.low.gc.pauseNs, r.high.gc.pauseNs))
  })
  if (decoded.length > 0)
    for (const measure of Object.keys(CONTENTION_MEASURES) as ContentionMeasure[]) {
      const lows = decoded.map(d => d.low.delay[measure]).filter(t => t !== undefined)
      const highs = decoded.map(d => d.high.delay[measure]).filter(t => t !== undefined)
      if (lows.length !== decoded.length || highs.length !== decoded.length) continue
      const t = differenceTables(mergeTables(lows), mergeTables(highs), dn * decoded.length)
      // A median of 1 only passes perOpCosts' guard: with `iterations` set
      // the costs are per extra iteration, as measured.
      if (t) b.functions[measure] = bundleCosts(t, b.group, 1, spec.topK, spec)
    }
  const contention: BundleContention = { rounds: decoded.length, counts: c.counts, metrics }
  const first = c.rounds[0]?.high.files
  if (first) {
    const profiles: Partial<Record<ContentionProfile, string>> = {}
    for (const [kind, file] of Object.entries(first) as [ContentionProfile, string][]) {
      const name = `${spec.keep}.${kind}.pprof`
      await copyFile(file, join(spec.dir, name))
      profiles[kind] = name
    }
    contention.profiles = profiles
  }
  if (errors.length > 0) contention.errors = [...new Set(errors)].slice(0, 100)
  b.contention = contention
}
