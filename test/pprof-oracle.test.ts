/**
 * flat/cum must equal `go tool pprof`'s exactly, on profiles that Go itself
 * wrote: our fixture packages (recursion, inlining, allocation, goroutines)
 * and three standard-library packages whose benchmarks nobody here wrote.
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readProfile } from '../src/pprof/index.js'
import { profilePackage, ROOT, run, tempDir, type ProfilePair } from './helpers/go.js'
import { pprofTop } from './helpers/pprof-oracle.js'

const WORKLOAD = join(ROOT, 'fixtures', 'workload')
const SOURCES: { name: string; pkg: string; cwd?: string; bench?: string }[] = [
  { name: 'recursion', pkg: './recursion', cwd: WORKLOAD },
  { name: 'inlining', pkg: './inlining', cwd: WORKLOAD },
  { name: 'alloc', pkg: './alloc', cwd: WORKLOAD },
  { name: 'parallel', pkg: './parallel', cwd: WORKLOAD },
  // Its encoding and decoding benchmarks; TypeFieldsCache, the Number
  // benchmarks and the encoder's parallel ones take over two minutes here.
  {
    name: 'encoding-json',
    pkg: 'encoding/json',
    bench: '^Benchmark(Code|Marshal|Unicode|Decoder|Unmarshal[SFIM]|Issue|Unmapped)'
  },
  { name: 'regexp', pkg: 'regexp' },
  { name: 'strings', pkg: 'strings' }
]
const CPU_TYPES = ['samples', 'cpu']
const MEM_TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']

const out = tempDir('oracle')
const pairs = new Map<string, ProfilePair>()

beforeAll(async () => {
  // Two at a time: the machine has two cores.
  const queue = [...SOURCES]
  const worker = async (): Promise<void> => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      pairs.set(
        s.name,
        await profilePackage(s.pkg, out, s.name, { cwd: s.cwd, benchtime: '10ms', bench: s.bench })
      )
    }
  }
  await Promise.all([worker(), worker()])
})

async function ours(file: string, sampleIndex?: string) {
  const args = [join(ROOT, 'dist', 'cli.js'), 'top', '--json', file]
  if (sampleIndex) args.push('--sample-index', sampleIndex)
  const { stdout } = await run(process.execPath, args)
  return JSON.parse(stdout) as {
    sampleType: string
    unit: string
    total: number
    functions: { name: string; flat: number; cum: number }[]
  }
}

describe.each(SOURCES.map(s => s.name))('%s', name => {
  const cases = [
    ...CPU_TYPES.map(t => ['cpu', t] as const),
    ...MEM_TYPES.map(t => ['mem', t] as const)
  ]
  it.each(cases)(
    '%s profile, sample type %s: flat, cum and total equal go tool pprof',
    async (kind, type) => {
      const file = pairs.get(name)![kind]
      const mine = await ours(file, type)
      const oracle = await pprofTop(file, type, mine.unit)
      expect(mine.sampleType).toBe(type)
      expect(mine.total).toBe(oracle.total)
      const got = new Map(mine.functions.map(f => [f.name, { flat: f.flat, cum: f.cum }]))
      expect(got).toEqual(oracle.functions)
      // Not a vacuous pass: allocation always happens (the runtime and testing
      // package allocate), and every CPU profile here has samples.
      if (type !== 'inuse_objects' && type !== 'inuse_space') {
        expect(oracle.functions.size).toBeGreaterThan(0)
        expect(oracle.total).toBeGreaterThan(0)
      }
    }
  )

  it('uses default_sample_type, else the last type, like pprof', async () => {
    const pair = pairs.get(name)!
    const cpu = await ours(pair.cpu)
    const mem = await ours(pair.mem)
    // Go's CPU profile sets no default: pprof takes the last type (cpu).
    expect(cpu.sampleType).toBe('cpu')
    // The allocs profile names alloc_space as its default.
    expect(mem.sampleType).toBe('alloc_space')
    const profile = await readProfile(pair.mem)
    expect(profile.defaultSampleType).toBe('alloc_space')
  })
})

describe('the ordering of top', () => {
  it('sorts by flat descending, then by name, and leaves out all-zero rows', async () => {
    const mine = await ours(pairs.get('strings')!.cpu)
    for (let i = 1; i < mine.functions.length; i++) {
      const [a, b] = [mine.functions[i - 1], mine.functions[i]]
      expect(a.flat > b.flat || (a.flat === b.flat && a.name < b.name)).toBe(true)
    }
    expect(mine.functions.every(f => f.flat !== 0 || f.cum !== 0)).toBe(true)
  })
})
