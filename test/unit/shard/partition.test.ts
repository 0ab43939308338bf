/**
 * The shard partition (issue 18): complete, deterministic, balanced within
 * its cap, and stable when a package comes or goes. Checked on generated
 * package lists with a seeded generator, against the plain alternatives:
 * pure rendezvous hashing (stable, unbalanced) and greedy
 * longest-processing-time (balanced, reshuffles).
 */
import { describe, expect, it } from 'vitest'
import {
  MAX_SHARDS,
  SHARD_SLACK,
  parseShard,
  partition,
  preference,
  selectShard,
  shardWeights,
  type ShardItem
} from '../../../src/shard/partition.js'
import { rng } from '../../helpers/rng.js'

/** n packages with log-normal durations (a few slow ones, many quick ones), as a Go monorepo has. */
function packages(n: number, random: () => number, prefix = 'example.com/mono'): ShardItem[] {
  return Array.from({ length: n }, (_, i) => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    return {
      importPath: `${prefix}/pkg${i}/${Math.floor(random() * 1e6)}`,
      weight: 1000 * Math.exp(z)
    }
  })
}

/** Which shard each package is on. */
function placement(parts: string[][]): Map<string, number> {
  const m = new Map<string, number>()
  parts.forEach((ps, s) => ps.forEach(p => m.set(p, s)))
  return m
}

/** Packages of `before` that are on another shard in `after`. */
function moved(before: string[][], after: string[][]): number {
  const a = placement(after)
  let n = 0
  for (const [p, s] of placement(before)) if (a.has(p) && a.get(p) !== s) n++
  return n
}

/** Greedy longest-processing-time: the balanced, unstable alternative. */
function lpt(items: ShardItem[], count: number): string[][] {
  const loads = new Array<number>(count).fill(0)
  const out: string[][] = Array.from({ length: count }, () => [])
  for (const it of [...items].sort((a, b) => b.weight - a.weight)) {
    const s = loads.indexOf(Math.min(...loads))
    loads[s] += it.weight
    out[s].push(it.importPath)
  }
  return out
}

const load = (parts: string[][], items: ShardItem[]) => {
  const w = new Map(items.map(i => [i.importPath, i.weight]))
  return parts.map(ps => ps.reduce((a, p) => a + w.get(p)!, 0))
}

describe('parseShard', () => {
  it('takes i/n', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 })
    expect(parseShard(`${MAX_SHARDS}/${MAX_SHARDS}`)).toEqual({ index: 256, count: 256 })
  })

  it.each(['0/3', '4/3', '1/257', '3', '1/0', 'a/b', '1/3/5', '-1/3', ''])(
    'refuses %j, saying what it wants',
    text => {
      expect(() => parseShard(text, '--shard')).toThrow(
        `--shard must be i/n with 1 ≤ i ≤ n ≤ 256 (say 2/3 for the second of three shards), not "${text}"`
      )
    }
  )
})

describe('partition', () => {
  it('places every package exactly once, the same way every time', async () => {
    const items = packages(40, rng(1))
    const parts = partition(items, 3)
    expect(parts.flat().sort()).toEqual(items.map(i => i.importPath).sort())
    // Input order does not matter.
    expect(partition([...items].reverse(), 3)).toEqual(parts)
    // A run's shard is its part of that partition (weighed by benchmark counts).
    const counted = items.map(i => ({ ...i, weight: Math.max(1, Math.round(i.weight)) }))
    const found = counted.map(i => ({
      importPath: i.importPath,
      dir: '',
      hasBenchmarks: true,
      benchmarks: i.weight
    }))
    const { packages: mine } = await selectShard(found, { index: 2, count: 3 })
    expect(mine.map(p => p.importPath).sort()).toEqual(partition(counted, 3)[1])
  })

  it('keeps every shard within (1 + ε) × the mean load or the mean plus the heaviest package, and balances better than pure rendezvous', () => {
    let worstOurs = 0
    let worstHrw = 0
    let meanOurs = 0
    let meanHrw = 0
    const random = rng(2)
    for (let trial = 0; trial < 200; trial++) {
      const items = packages(30, random)
      const total = items.reduce((a, i) => a + i.weight, 0)
      const heaviest = Math.max(...items.map(i => i.weight))
      const cap = Math.max(heaviest, ((1 + SHARD_SLACK) * total) / 3)
      const ours = Math.max(...load(partition(items, 3), items))
      // Over the cap only when no shard had room: then the least loaded took it.
      expect(ours).toBeLessThanOrEqual(Math.max(cap, total / 3 + heaviest) * (1 + 1e-9))
      worstOurs = Math.max(worstOurs, ours / (total / 3))
      meanOurs += ours / (total / 3)
      // Pure rendezvous: every package on its first choice.
      const hrw: string[][] = [[], [], []]
      for (const i of items) hrw[preference(i.importPath, 3)[0]].push(i.importPath)
      const worst = Math.max(...load(hrw, items)) / (total / 3)
      worstHrw = Math.max(worstHrw, worst)
      meanHrw += worst
    }
    expect(worstHrw).toBeGreaterThan(1 + SHARD_SLACK)
    expect(worstOurs).toBeLessThan(worstHrw)
    expect(meanOurs / 200).toBeLessThan(meanHrw / 200)
  })

  it('moves few other packages when one is added, where greedy balancing reshuffles', () => {
    const random = rng(3)
    const ours: number[] = []
    const greedy: number[] = []
    for (let trial = 0; trial < 300; trial++) {
      const items = packages(30, random)
      const extra = packages(1, random, 'example.com/new')
      ours.push(moved(partition(items, 3), partition([...items, ...extra], 3)))
      greedy.push(moved(lpt(items, 3), lpt([...items, ...extra], 3)))
      // Removing one: the same bound.
      ours.push(moved(partition(items, 3), partition(items.slice(1), 3)))
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    // At most one shard's worth of the 30 (10), never every shard reshuffled;
    // usually none at all.
    expect(Math.max(...ours)).toBeLessThanOrEqual(10)
    expect(ours.filter(n => n === 0).length / ours.length).toBeGreaterThan(0.5)
    expect(mean(ours)).toBeLessThan(mean(greedy) / 3)
  })
})

describe('shardWeights', () => {
  it('balances by the baseline durations, the median for new packages, else benchmark counts', () => {
    const durations = new Map([
      ['a', 100],
      ['b', 300],
      ['c', 200]
    ])
    expect(shardWeights(['a', 'b', 'c', 'new'], durations)).toEqual([
      { importPath: 'a', weight: 100 },
      { importPath: 'b', weight: 300 },
      { importPath: 'c', weight: 200 },
      { importPath: 'new', weight: 200 }
    ])
    expect(shardWeights(['a', 'b'], new Map(), new Map([['a', 7]]))).toEqual([
      { importPath: 'a', weight: 7 },
      { importPath: 'b', weight: 1 }
    ])
  })
})
