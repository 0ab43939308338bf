/**
 * The Action's side of sharding (issue 18), its decisions: the shard
 * inputs, the artifact names, and joining a push's parts into the whole
 * baseline (shard/merge-parts.ts). The matrix end to end, with the real
 * dist/index.js, is test/action-shard.test.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSettings } from '../../../src/action/inputs.js'
import { baselineArtifact, partName, shardReportName } from '../../../src/action/shard.js'
import { readBundle, writeBundle, type Bundle } from '../../../src/bundle/index.js'
import { MergeError } from '../../../src/judge/merge-comparisons.js'
import { mergeParts, type BaselinePart } from '../../../src/shard/merge-parts.js'
import { SettingsError } from '../../../src/measure/settings.js'
import { tempDir } from '../../helpers/go.js'

const settingsWith = (inputs: Record<string, string>) => readSettings(n => inputs[n] ?? '')

describe('the shard inputs', () => {
  it('reads shard i/n for a matrix job and shards n for the merge job', () => {
    expect(settingsWith({ shard: '2/3' }).shard).toEqual({ index: 2, count: 3 })
    expect(settingsWith({ shard: '2/3' }).shards).toBeUndefined()
    const merge = settingsWith({ mode: 'merge', shards: '3' })
    expect(merge.mode).toBe('merge')
    expect(merge.shards).toBe(3)
    expect(settingsWith({}).shard).toBeUndefined()
  })

  it.each([
    [{ shard: '4/3' }, /input "shard" must be i\/n .*not "4\/3"/],
    [{ shard: '0/3' }, /input "shard" must be i\/n/],
    [{ shard: '1/257' }, /≤ 256/],
    [{ shard: 'two' }, /input "shard" must be i\/n/],
    [{ mode: 'merge' }, /input "shards" is empty; mode "merge" needs the shard count/],
    [{ mode: 'merge', shards: '0' }, /input "shards": invalid value "0"/],
    [{ mode: 'merge', shards: '3', shard: '1/3' }, /the merge job takes "shards"/],
    [{ shards: '3' }, /input "shards" is 3 but input "shard" is empty/],
    [{ shard: '1/2', shards: '3' }, /input "shards" is 3 but input "shard" is "1\/2"/]
  ])('refuses %j, saying what is allowed', (inputs, message) => {
    expect(() => settingsWith(inputs)).toThrow(SettingsError)
    expect(() => settingsWith(inputs)).toThrow(message)
  })

  it('names the artifacts from artifact-name and the shard', () => {
    const s = { index: 2, count: 3 }
    expect(partName('bench', s)).toBe('bench-shard-2-of-3')
    expect(shardReportName('bench', s)).toBe('bench-shard-2-of-3-report')
    expect(baselineArtifact({ artifactName: 'bench', shard: s })).toBe('bench-shard-2-of-3')
    expect(baselineArtifact({ artifactName: 'bench' })).toBe('bench')
  })
})

/** One shard's part: its packages, each with one benchmark and a profile file of its own. */
function part(
  index: number,
  count: number,
  pkgs: string[],
  assignment: Record<string, number>
): Bundle {
  return {
    schemaVersion: 1,
    tool: { name: 'benchgate', version: '0.1.0' },
    environment: {
      goVersion: 'go1.26.8',
      goos: 'linux',
      goarch: 'amd64',
      cpu: `CPU of shard ${index}`,
      gomaxprocs: 2,
      commit: 'c0ffee',
      ref: 'main',
      createdAt: '2026-12-01T00:00:00.000Z',
      settings: {
        shard: `${index}/${count}`,
        shardBalancedBy: 'benchmark counts',
        shardAssignment: assignment
      }
    },
    packages: pkgs.map(p => ({
      importPath: p,
      status: 'ok',
      profiles: { cpu: `profiles/${p.replace(/\W/g, '_')}.cpu.pprof` },
      durationMs: 100 * index
    })),
    benchmarks: pkgs.map(p => ({
      package: p,
      name: 'BenchmarkX-2',
      group: 'BenchmarkX',
      samples: { 'ns/op': [1, 2, 3] },
      iterations: [10, 10, 10],
      functions: {}
    }))
  }
}

async function onDisk(root: string, name: string, b: Bundle): Promise<BaselinePart> {
  const dir = join(root, name)
  mkdirSync(join(dir, 'profiles'), { recursive: true })
  for (const p of b.packages)
    writeFileSync(join(dir, p.profiles.cpu!), `profile of ${p.importPath}`)
  await writeBundle(dir, b)
  return { source: name, dir, bundle: b }
}

describe('mergeParts', () => {
  const assignment = { 'x.com/a': 1, 'x.com/b': 2, 'x.com/c': 2 }

  it('joins every part into one bundle that is balanced by, not followed', async () => {
    const root = tempDir('merge-parts')
    const parts = [
      await onDisk(root, 'shard 1/2', part(1, 2, ['x.com/a'], assignment)),
      await onDisk(root, 'shard 2/2', part(2, 2, ['x.com/b', 'x.com/c'], assignment))
    ]
    await mergeParts(parts, join(root, 'whole'))
    const { bundle } = await readBundle(join(root, 'whole'))
    expect(bundle.packages.map(p => [p.importPath, p.durationMs])).toEqual([
      ['x.com/a', 100],
      ['x.com/b', 200],
      ['x.com/c', 200]
    ])
    expect(bundle.benchmarks).toHaveLength(3)
    // No longer a part: the next push's shards balance by its durations.
    expect(bundle.environment.settings.shard).toBeUndefined()
    expect(bundle.environment.settings.mergedFrom).toEqual(['1/2', '2/2'])
    // Every part's profiles came along.
    for (const p of bundle.packages)
      expect(readFileSync(join(root, 'whole', p.profiles.cpu!), 'utf8')).toBe(
        `profile of ${p.importPath}`
      )
  })

  it('refuses parts whose shards balanced by different baselines', async () => {
    const root = tempDir('merge-parts-differ')
    const parts = [
      await onDisk(root, 'shard 1/2', part(1, 2, ['x.com/a'], assignment)),
      await onDisk(
        root,
        'shard 2/2',
        part(2, 2, ['x.com/b', 'x.com/c'], { ...assignment, 'x.com/a': 2 })
      )
    ]
    await expect(mergeParts(parts, join(root, 'whole'))).rejects.toThrow(
      /shard 2\/2 placed the packages otherwise than shard 1\/2.*Run the workflow again/
    )
  })

  it('refuses a package in two parts, and a bundle that is no part', async () => {
    const root = tempDir('merge-parts-overlap')
    const a = await onDisk(root, 'shard 1/2', part(1, 2, ['x.com/a'], assignment))
    const b = await onDisk(root, 'shard 2/2', part(2, 2, ['x.com/a', 'x.com/b'], assignment))
    await expect(mergeParts([a, b], join(root, 'w1'))).rejects.toThrow(
      /x\.com\/a is in both shard 1\/2 and shard 2\/2/
    )
    const plain = part(1, 1, ['x.com/z'], {})
    delete plain.environment.settings.shard
    const c = await onDisk(root, 'plain', plain)
    await expect(mergeParts([c], join(root, 'w2'))).rejects.toThrow(MergeError)
    await expect(mergeParts([], join(root, 'w3'))).rejects.toThrow(/no baseline part/)
  })
})
