/**
 * Line costs against the oracle: profiles Go writes now, of the workload
 * fixtures (recursion, inlining, allocation), and per source line the flat
 * and cum `go tool pprof -list` prints for every function of the workload.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { lineTables } from '../src/attribution/lines.js'
import { indexFrames, readProfile, sampleTypeIndex } from '../src/pprof/index.js'
import { ROOT, run } from './helpers/go.js'
import { pprofList } from './helpers/pprof-oracle.js'

const WORKLOAD = join(ROOT, 'fixtures', 'workload')
const dir = mkdtempSync(join(tmpdir(), 'benchgate-lines-'))
const PACKAGES = ['recursion', 'inlining', 'alloc'] as const

beforeAll(async () => {
  for (const pkg of PACKAGES)
    await run(
      'go',
      [
        'test',
        '-run=^$',
        '-bench=.',
        '-benchtime=150ms',
        '-memprofilerate=512',
        `-cpuprofile=${join(dir, `${pkg}.cpu.pprof`)}`,
        `-memprofile=${join(dir, `${pkg}.mem.pprof`)}`,
        `-o=${join(dir, `${pkg}.test`)}`,
        `./${pkg}`
      ],
      { cwd: WORKLOAD }
    )
}, 180_000)

/** Our line table of a whole profile: one bucket, nothing folded, every function kept. */
async function ours(
  file: string,
  sampleType: string
): Promise<Map<string, Map<number, { flat: number; cum: number }>>> {
  const profile = await readProfile(file)
  const index = indexFrames(profile)
  const vi = sampleTypeIndex(profile, sampleType, file)
  const t = lineTables(
    profile,
    vi,
    index,
    ['all'],
    () => 0,
    new Uint8Array(index.names.length),
    () => true
  )
  const out = new Map<string, Map<number, { flat: number; cum: number }>>()
  for (const [name, lines] of t.get('all') ?? []) {
    const m = new Map<number, { flat: number; cum: number }>()
    for (const [line, [flat, cum]] of lines) if (flat !== 0 || cum !== 0) m.set(line, { flat, cum })
    out.set(name, m)
  }
  return out
}

describe('line costs equal go tool pprof -list', () => {
  const W = { prefix: 'example.com/workload/', regex: '^example\\.com/workload/' }
  const cases = [
    ...PACKAGES.map(pkg => ({ pkg, kind: 'cpu', sampleType: 'cpu', unit: 'nanoseconds', ...W })),
    // Only the allocation fixture allocates in workload code.
    { pkg: 'alloc', kind: 'mem', sampleType: 'alloc_space', unit: 'bytes', ...W },
    { pkg: 'alloc', kind: 'mem', sampleType: 'alloc_objects', unit: 'count', ...W },
    // A committed profile of the standard library's own benchmarks, whose
    // source is in GOROOT: deep stacks, inlining, recursion.
    {
      pkg: 'encoding/json (committed)',
      file: join(ROOT, 'fixtures', 'profiles', 'encoding-json.cpu.pprof'),
      kind: 'cpu',
      sampleType: 'cpu',
      unit: 'nanoseconds',
      prefix: 'encoding/json.',
      regex: '^encoding/json\\.'
    }
  ]
  for (const c of cases)
    it(`${c.pkg} ${c.sampleType}: every function, line by line`, async () => {
      const file = 'file' in c && c.file ? c.file : join(dir, `${c.pkg}.${c.kind}.pprof`)
      const oracle = await pprofList(file, c.regex, c.sampleType, c.unit)
      const mine = await ours(file, c.sampleType)
      const workload = new Map([...mine].filter(([name]) => name.startsWith(c.prefix)))
      // The profile holds the workload's functions, with costs on their lines.
      expect(oracle.size).toBeGreaterThan(0)
      expect([...workload.keys()].sort()).toEqual([...oracle.keys()].sort())
      for (const [name, lines] of oracle) {
        const got = workload.get(name)!
        expect(new Map([...got].sort((a, b) => a[0] - b[0])), name).toEqual(
          new Map(
            [...lines].filter(([, v]) => v.flat !== 0 || v.cum !== 0).sort((a, b) => a[0] - b[0])
          )
        )
      }
    })
})
