/**
 * Per-op costs that really are per op, on real Go benchmarks: a benchmark
 * that spends most of its wall time in setup before b.ResetTimer, whose
 * setup function costs about 0 ns/op; and two sub-benchmarks calling
 * different functions, each absent from the other's breakdown. Every
 * sample is a process of its own at a fixed iteration count
 * (measure/samples.ts); their pooled profiles minus a short run's, times
 * the number of samples, leave the per-op work.
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Bundle, BundleBenchmark } from '../src/bundle/index.js'
import { differenceTables, perOpCosts, type GroupTables } from '../src/attribution/index.js'
import { runToBundle } from '../src/measure/pipeline.js'
import { RUN_DEFAULTS } from '../src/measure/settings.js'
import { LocalGit } from '../src/git/index.js'
import { LocalGo } from '../src/gobench/toolchain.js'
import { median } from '../src/stats/median.js'
import { ROOT, tempDir } from './helpers/go.js'

describe('per-op costs without fixed costs, sub-benchmarks apart (real Go)', () => {
  let bundle: Bundle
  const by = (name: string): BundleBenchmark =>
    bundle.benchmarks.find(b => b.name.startsWith(name))!
  const cpu = (b: BundleBenchmark, fn: string) =>
    b.functions.cpu?.find(f => f.name === `example.com/perop.${fn}`)
  beforeAll(async () => {
    const r = await runToBundle(new LocalGo(), new LocalGit(), {
      ...RUN_DEFAULTS,
      packages: ['./...'],
      dir: join(ROOT, 'fixtures', 'perop'),
      // Half a second a sample: about 150 CPU samples of each benchmark pooled.
      count: 3,
      benchtime: '500ms',
      extraFlags: [],
      out: join(tempDir('perop'), 'bundle')
    })
    bundle = r.bundle
  })

  // A benchmark's profiled CPU per op: what its functions' costs are shares
  // of. (ns/op is wall time, which other processes on a busy machine stretch.)
  const total = (b: BundleBenchmark): number => b.sampling!.cpu!.total

  it('setup before b.ResetTimer costs about 0 ns/op; the loop gets the per-op cost', () => {
    const b = by('BenchmarkHeavySetup')
    const ns = total(b)
    // buildInput runs ~10^8 LCG steps per process, far more wall time than the timed loop.
    expect(cpu(b, 'buildInput')?.cum ?? 0).toBeLessThan(0.05 * ns)
    expect(cpu(b, 'scan')!.flat).toBeGreaterThan(0.7 * ns)
  })

  it('each sub-benchmark lists only what it calls', () => {
    const a = by('BenchmarkPair/a')
    const b = by('BenchmarkPair/b')
    expect(cpu(a, 'onlyA')!.flat).toBeGreaterThan(0.5 * total(a))
    expect(cpu(a, 'onlyB')).toBeUndefined()
    expect(cpu(b, 'onlyB')!.flat).toBeGreaterThan(0.5 * total(b))
    expect(cpu(b, 'onlyA')).toBeUndefined()
  })
})

describe('work under b.StopTimer inside the loop (real Go, base and head)', () => {
  // BenchmarkStopTimer refills its input with the timer stopped in every
  // iteration: refill (and StopTimer's own stop-the-world) cost several
  // times the timed scan. The head (-tags=perop_slow) makes scan four
  // times as slow and leaves refill alone.
  let base: BundleBenchmark
  let head: BundleBenchmark
  const fn = (b: BundleBenchmark, name: string) =>
    b.functions.cpu?.find(f => f.name === `example.com/perop.${name}`)
  const side = async (name: string, extraFlags: string[]): Promise<BundleBenchmark> => {
    const r = await runToBundle(new LocalGo(), new LocalGit(), {
      ...RUN_DEFAULTS,
      packages: ['./...'],
      bench: 'StopTimer',
      dir: join(ROOT, 'fixtures', 'perop'),
      count: 4,
      benchtime: '100ms',
      extraFlags,
      out: join(tempDir('stoptimer'), name)
    })
    return r.bundle.benchmarks.find(b => b.name.startsWith('BenchmarkStopTimer'))!
  }
  beforeAll(async () => {
    base = await side('base', [])
    head = await side('head', ['-tags=perop_slow'])
  })

  it('the timed function gets its own cost per op, not a share diluted by untimed work', () => {
    // The timed loop is scan alone: its CPU per op is about the timed ns/op
    // (less when other processes take the CPU, since ns/op is wall time).
    // A share of the timed median would give it about a seventh.
    const ns = median(base.samples['ns/op'])
    expect(fn(base, 'scan')!.flat).toBeGreaterThan(0.3 * ns)
    expect(fn(base, 'scan')!.flat).toBeLessThan(1.6 * ns)
    // refill is reported at what it costs per iteration, timer or no timer.
    // (3–4× scan on a quiet machine; about 20 samples of scan leave room for noise.)
    expect(fn(base, 'refill')!.flat).toBeGreaterThan(1.2 * fn(base, 'scan')!.flat)
  })

  it('untimed work that did not change does not change between base and head', () => {
    const d = (name: string) => fn(head, name)!.flat - fn(base, name)!.flat
    const scanGrowth = d('scan')
    // scan makes four passes instead of one: it grows by about three times its base cost.
    // (Noise of about 20 samples a side and drift between the runs leave room.)
    expect(scanGrowth).toBeGreaterThan(0.8 * fn(base, 'scan')!.flat)
    // As a share of the timed median, refill's billed cost would grow with
    // the timed work, by about 2.3× here; as measured it stays what it
    // costs. The bound leaves room for this machine drifting between the
    // base and head runs (+50% seen once under a full suite).
    expect(fn(head, 'refill')!.flat / fn(base, 'refill')!.flat).toBeLessThan(1.8)
  })
})

describe('differencing, in small', () => {
  it('fixed costs cancel in the difference; noise below zero counts 0, flat never above cum', () => {
    const table = (total: number, fns: Record<string, [number, number]>): GroupTables => ({
      groups: new Map([['BenchmarkX', { total, functions: new Map(Object.entries(fns)) }]]),
      unattributed: 0,
      total,
      sources: new Map()
    })
    // setup: 500 in both runs; work: 10 per op; low 10 ops, high 100 ops.
    const low = table(600, { setup: [500, 500], work: [100, 100], noisy: [5, 5], odd: [2, 9] })
    const high = table(1500, { setup: [500, 500], work: [1000, 1000], noisy: [3, 3], odd: [9, 10] })
    const d = differenceTables(low, high, 90)!
    const g = d.groups.get('BenchmarkX')!
    expect(g.total).toBe(900)
    expect(d.iterations).toBe(90)
    // Per op: the difference per extra iteration, whatever the timed median says.
    expect(perOpCosts(d, 'BenchmarkX', 3, 10)).toEqual([
      { name: 'work', flat: 10, cum: 10, self: 10 },
      { name: 'odd', flat: 1 / 90, cum: 1 / 90, self: 1 / 90 }
    ])
    // The timed loop allocates nothing (a zero median): nothing to attribute.
    expect(perOpCosts(d, 'BenchmarkX', 0, 10)).toEqual([])
    expect(g.functions.get('work')).toEqual([900, 900, 900])
    expect(g.functions.has('setup')).toBe(false)
    expect(g.functions.has('noisy')).toBe(false)
    expect(g.functions.get('odd')).toEqual([1, 1, 1])
    expect(differenceTables(high, low)).toBeUndefined()
  })
})
