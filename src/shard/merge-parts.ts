/**
 * Joining the baseline parts of a sharded push (docs/sharding.md) into one whole
 * bundle: what the next push's shards balance by, and what an unsharded
 * job can compare with. The parts must be one run's: one shard count,
 * every shard once, one assignment, no package twice.
 */
import { constants } from 'node:fs'
import { copyFile, mkdir, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { RESULTS_FILE, writeBundle, type Bundle } from '../bundle/index.js'
import { MergeError, parseShard, type ShardAssignment } from './partition.js'

/** One shard's part: where it was read from, and its bundle. */
export interface BaselinePart {
  source: string
  dir: string
  bundle: Bundle
}

/** The assignment a part recorded, as a canonical string to compare parts by. */
function assignmentKey(b: Bundle): string {
  const a = (b.environment.settings.shardAssignment ?? {}) as ShardAssignment
  return JSON.stringify(Object.entries(a).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
}

/** Check that the parts are the shards of one run; throws a MergeError naming the first that is not. */
function checkParts(parts: readonly BaselinePart[]): void {
  if (parts.length === 0) throw new MergeError('there is no baseline part to merge')
  const first = parts[0]
  const owner = new Map<string, string>()
  for (const p of parts) {
    const shard = p.bundle.environment.settings.shard
    if (typeof shard !== 'string')
      throw new MergeError(`${p.source} is not one shard's part (its bundle records no shard)`)
    parseShard(shard, `${p.source}'s shard`)
    if (assignmentKey(p.bundle) !== assignmentKey(first.bundle))
      throw new MergeError(
        `${p.source} placed the packages otherwise than ${first.source}: the shards balanced by different baselines (one finished while they started). Run the workflow again`
      )
    for (const pkg of p.bundle.packages) {
      const other = owner.get(pkg.importPath)
      if (other !== undefined)
        throw new MergeError(`${pkg.importPath} is in both ${other} and ${p.source}`)
      owner.set(pkg.importPath, p.source)
    }
  }
}

/**
 * Copy a part's files (its profiles; not its results.json) into `out`,
 * file by file, refusing to overwrite: two parts never share a profile
 * name (each names its package), so a clash means they are not one run's.
 */
async function copyPart(dir: string, out: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  for (const e of entries) {
    if (!e.isFile()) continue
    const rel = relative(dir, join(e.parentPath, e.name))
    if (rel === RESULTS_FILE) continue
    await mkdir(join(out, rel, '..'), { recursive: true })
    try {
      await copyFile(join(dir, rel), join(out, rel), constants.COPYFILE_EXCL)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST')
        throw new MergeError(`two parts hold ${rel}: they are not the shards of one run`)
      throw err
    }
  }
}

/**
 * Write the whole bundle of a sharded run into `out`: every part's
 * profiles, and one results.json with all packages and benchmarks and the
 * first part's environment, no longer marked as a shard (so it is
 * balanced by, not followed).
 */
export async function mergeParts(parts: readonly BaselinePart[], out: string): Promise<Bundle> {
  checkParts(parts)
  for (const p of parts) await copyPart(p.dir, out)
  const first = parts[0].bundle
  const settings = { ...first.environment.settings }
  delete settings.shard
  delete settings.shardBalancedBy
  const bundle: Bundle = {
    ...first,
    environment: {
      ...first.environment,
      settings: { ...settings, mergedFrom: parts.map(p => p.bundle.environment.settings.shard) }
    },
    packages: parts.flatMap(p => p.bundle.packages),
    benchmarks: parts.flatMap(p => p.bundle.benchmarks)
  }
  await writeBundle(out, bundle)
  return bundle
}
