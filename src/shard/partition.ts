/**
 * Sharding the benchmark packages across a job matrix (docs/sharding.md): which
 * packages shard i of n runs.
 *
 * The scheme is rendezvous (highest-random-weight) hashing with bounded
 * loads (Mirrokni, Thorup and Zadimoghaddam, "Consistent Hashing with
 * Bounded Loads", SODA 2018):
 * - every package ranks the shards by a hash of (package, shard); alone, it
 *   would go to its first choice, and adding or removing a package would
 *   move nothing else;
 * - to balance, packages are placed in a fixed order (by a hash of their
 *   import path, so a new package does not reorder the others), each on its
 *   highest-ranked shard whose load stays within a cap of (1 + ε) × the
 *   mean load (and at least the heaviest package); when none has room
 *   (heavy packages), the least loaded takes it, so no shard ends above
 *   the cap or the mean plus the heaviest package;
 * - the load of a package is its weight: its duration in the newest
 *   baseline when there is one, else its number of benchmarks, else 1.
 *
 * Deterministic: the same packages and weights give the same partition on
 * every runner, on push and on pull_request alike. selectShard applies it
 * to discovered packages, with the weights a baseline bundle recorded.
 */
import { createHash } from 'node:crypto'
import { readBundle } from '../bundle/index.js'
import type { GoPackage } from '../gobench/discover.js'

/** GitHub's limit on the jobs of one matrix. */
export const MAX_SHARDS = 256

/** How far above the mean a shard's load may go before packages spill to their next choice. */
export const SHARD_SLACK = 0.25

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

/** A package to place, with its load. */
export interface ShardItem {
  importPath: string
  weight: number
}

/** A malformed shard setting: says what it was and what is expected. */
export class ShardError extends Error {
  override name = 'ShardError'
}

/** Parse `i/n` (1 ≤ i ≤ n ≤ 256), as the shard input and --shard take it. */
export function parseShard(text: string, what = 'shard'): Shard {
  const m = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text)
  const index = m ? Number(m[1]) : NaN
  const count = m ? Number(m[2]) : NaN
  if (!m || index < 1 || count < 1 || index > count || count > MAX_SHARDS)
    throw new ShardError(
      `${what} must be i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (say 2/3 for the second of three shards), not "${text}"`
    )
  return { index, count }
}

/** A stable 64-bit hash of a string, as a bigint (the first 8 bytes of its SHA-256). */
function hash64(s: string): bigint {
  return createHash('sha256').update(s).digest().readBigUInt64BE(0)
}

/** The shards in the order `importPath` prefers them: highest rendezvous score first. */
export function preference(importPath: string, count: number): number[] {
  const scores = Array.from({ length: count }, (_, s) => ({
    s,
    h: hash64(`${importPath}\u0000${s + 1}`)
  }))
  scores.sort((a, b) => (a.h > b.h ? -1 : a.h < b.h ? 1 : a.s - b.s))
  return scores.map(x => x.s)
}

/**
 * Place every package on one of `count` shards. Returns, per shard (index
 * 0 for shard 1), its import paths, sorted. Weights must be positive and
 * finite; others count as 1.
 */
export function partition(items: readonly ShardItem[], count: number): string[][] {
  const weight = (w: number) => (Number.isFinite(w) && w > 0 ? w : 1)
  const unique = [...new Map(items.map(i => [i.importPath, weight(i.weight)])).entries()]
  const total = unique.reduce((a, [, w]) => a + w, 0)
  const heaviest = unique.reduce((a, [, w]) => Math.max(a, w), 0)
  const cap = Math.max(heaviest, ((1 + SHARD_SLACK) * total) / count)
  const order = unique
    .map(([p, w]) => ({ p, w, h: hash64(p) }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.p < b.p ? -1 : 1))
  const loads = new Array<number>(count).fill(0)
  const out: string[][] = Array.from({ length: count }, () => [])
  for (const { p, w } of order) {
    const prefs = preference(p, count)
    // Its first choice with room; when none has room (heavy packages late
    // in the order), the least loaded, first choices first on ties.
    const s =
      prefs.find(x => loads[x] + w <= cap * (1 + 1e-12)) ??
      prefs.reduce((best, x) => (loads[x] < loads[best] ? x : best), prefs[0])
    loads[s] += w
    out[s].push(p)
  }
  for (const ps of out) ps.sort()
  return out
}

/**
 * The weights to balance by: each package's duration in the newest
 * baseline (ms) where it was measured; packages it lacks get the median of
 * those it has; without a baseline, the number of benchmarks (or 1).
 */
export function shardWeights(
  packages: readonly string[],
  durations: ReadonlyMap<string, number>,
  benchmarks: ReadonlyMap<string, number> = new Map()
): ShardItem[] {
  const known = packages
    .map(p => durations.get(p))
    .filter((d): d is number => d !== undefined && Number.isFinite(d) && d > 0)
    .sort((a, b) => a - b)
  if (known.length === 0)
    return packages.map(p => ({ importPath: p, weight: Math.max(1, benchmarks.get(p) ?? 1) }))
  const median = known[Math.floor((known.length - 1) / 2)]
  return packages.map(p => {
    const d = durations.get(p)
    return { importPath: p, weight: d !== undefined && Number.isFinite(d) && d > 0 ? d : median }
  })
}

/** Every package's shard (1-based), as a sharded run recorded it in its bundles. */
export type ShardAssignment = Record<string, number>

/** This run's shard: which one, of how many packages, balanced by what. */
export interface ShardSelection {
  index: number
  count: number
  /** Packages with benchmarks across all shards. */
  of: number
  balancedBy: 'baseline durations' | 'benchmark counts' | "the baseline part's assignment"
  /** Where every package with benchmarks runs: what the next run that follows this one reads. */
  assignment: ShardAssignment
}

/**
 * The assignment a bundle recorded when it is one shard's part, checked:
 * the same shard count as this run, every entry a shard of it. Undefined
 * for an unsharded bundle.
 */
function recordedAssignment(
  settings: Record<string, unknown> | undefined,
  count: number,
  path: string
): ShardAssignment | undefined {
  const part = settings?.shard
  if (part === undefined) return undefined
  let n: number | undefined
  try {
    n = typeof part === 'string' ? parseShard(part).count : undefined
  } catch {
    n = undefined // not i/n: no valid assignment either, refused below
  }
  if (n !== undefined && n !== count)
    throw new ShardError(
      `${path} is shard ${String(part)} of a run of ${n} shards, and this run has ${count}: give every shard of a matrix the same count, or balance by an unsharded bundle`
    )
  const a = settings?.shardAssignment
  const valid =
    n !== undefined &&
    typeof a === 'object' &&
    a !== null &&
    !Array.isArray(a) &&
    Object.values(a).every(v => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= count)
  if (!valid)
    throw new ShardError(
      `${path} is one shard's part of a sharded run but records no valid assignment of packages to shards (made by an older benchgate?); balance by an unsharded bundle, or leave out the weights to balance by benchmark counts`
    )
  return a as ShardAssignment
}

/**
 * The packages of this shard (all of them without one).
 * - Given one shard's part of an earlier sharded run (a baseline part), it
 *   follows that run's assignment, so shard i runs exactly the packages
 *   whose baseline shard i holds; a package the assignment lacks (new)
 *   goes to its first rendezvous choice, which every shard computes alike.
 * - Given an unsharded bundle, it balances by the durations it recorded.
 * - Else by the packages' benchmark counts.
 * A shard left empty is an error that says why.
 */
export async function selectShard(
  packages: GoPackage[],
  shard: (Shard & { weightsFrom?: string }) | undefined
): Promise<{ packages: GoPackage[]; shard?: ShardSelection }> {
  if (!shard) return { packages }
  const durations = new Map<string, number>()
  let follow: ShardAssignment | undefined
  if (shard.weightsFrom) {
    const { bundle } = await readBundle(shard.weightsFrom)
    follow = recordedAssignment(bundle.environment.settings, shard.count, shard.weightsFrom)
    if (!follow)
      for (const p of bundle.packages)
        if (typeof p.durationMs === 'number') durations.set(p.importPath, p.durationMs)
  }
  const assignment: ShardAssignment = {}
  if (follow) {
    for (const p of packages)
      assignment[p.importPath] =
        follow[p.importPath] ?? preference(p.importPath, shard.count)[0] + 1
  } else {
    const items = shardWeights(
      packages.map(p => p.importPath),
      durations,
      new Map(packages.map(p => [p.importPath, p.benchmarks]))
    )
    partition(items, shard.count).forEach((ps, i) => {
      for (const p of ps) assignment[p] = i + 1
    })
  }
  const mine = packages.filter(p => assignment[p.importPath] === shard.index)
  if (mine.length === 0)
    throw new ShardError(
      follow
        ? `shard ${shard.index}/${shard.count} has no packages: none that ${shard.weightsFrom} assigned to it remains, and no new package chose it`
        : `shard ${shard.index}/${shard.count} has no packages: the partition put all ${packages.length} packages with benchmarks on the other ${shard.count - 1}, balancing their loads. Use fewer shards`
    )
  return {
    packages: mine,
    shard: {
      index: shard.index,
      count: shard.count,
      of: packages.length,
      balancedBy: follow
        ? "the baseline part's assignment"
        : durations.size > 0
          ? 'baseline durations'
          : 'benchmark counts',
      assignment
    }
  }
}

/** Shards (their parts or their comparisons) that cannot be merged: says which, and why. */
export class MergeError extends Error {
  override name = 'MergeError'
}
