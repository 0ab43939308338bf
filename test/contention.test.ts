/**
 * The rest of Go's profiling toolbox, as ordinary pprof files (issue 16,
 * first part): block and mutex profiles from `go test`, and the four
 * profiles `go tool trace -pprof` derives from an execution trace, of a
 * fixture that contends on purpose. Our decoder and aggregation must
 * equal `go tool pprof -top` on every sample type, exactly, and `top`,
 * `flame` and `diff` take them as they are.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { aggregate, readProfile } from '../src/pprof/index.js'
import { cli } from './helpers/cli.js'
import { ROOT, run, tempDir } from './helpers/go.js'
import { pprofTop } from './helpers/pprof-oracle.js'

const dir = tempDir('contention')
const MODULE = join(ROOT, 'fixtures', 'contention')
const TRACE_KINDS = ['sync', 'syscall', 'net', 'sched'] as const

async function profileRun(tag: string, tags: string[] = []): Promise<void> {
  await run(
    'go',
    [
      'test',
      ...tags.map(t => `-tags=${t}`),
      '-run=^$',
      '-bench=.',
      '-benchtime=100ms',
      '-cpu=2',
      '-blockprofile',
      join(dir, `${tag}-block.pprof`),
      '-blockprofilerate=1',
      '-mutexprofile',
      join(dir, `${tag}-mutex.pprof`),
      '-mutexprofilefraction=1',
      '-trace',
      join(dir, `${tag}-trace.out`),
      '-o',
      join(dir, 'lockmap.test'),
      './lockmap'
    ],
    { cwd: MODULE }
  )
  // go tool trace writes each derived profile to stdout: kept as bytes.
  for (const kind of TRACE_KINDS)
    writeFileSync(
      join(dir, `${tag}-${kind}.pprof`),
      execFileSync('go', ['tool', 'trace', `-pprof=${kind}`, join(dir, `${tag}-trace.out`)], {
        maxBuffer: 256 << 20
      })
    )
}

beforeAll(async () => {
  // Run a is the seeded wide lock: its critical section outlasts
  // sync.Mutex's spinning, so a waiter parks and the mutex profile has
  // Add every time. The committed narrow lock (run b) may never park in
  // 100 ms on a fast host (a fresh clone's CI once saw no wait on it).
  await profileRun('a', ['contention_wide'])
  await profileRun('b')
}, 240_000)

const FILES = ['block', 'mutex', ...TRACE_KINDS]

describe('block, mutex and trace-derived profiles equal go tool pprof -top', () => {
  for (const kind of FILES)
    it(`${kind}: every sample type, every function, flat and cum`, async () => {
      const file = join(dir, `a-${kind}.pprof`)
      const profile = await readProfile(file)
      expect(profile.sampleTypes.map(t => t.type)).toEqual(['contentions', 'delay'])
      for (const t of profile.sampleTypes) {
        const ours = aggregate(profile, { sampleType: t.type, source: file })
        const oracle = await pprofTop(file, t.type, t.unit)
        expect(ours.total, `${kind} ${t.type} total`).toBe(oracle.total)
        // The fixture does no network I/O: that profile is empty; the others are not.
        if (kind !== 'net') expect(ours.functions.length, kind).toBeGreaterThan(2)
        expect(
          new Map(ours.functions.map(f => [f.name, { flat: f.flat, cum: f.cum }])),
          `${kind} ${t.type}`
        ).toEqual(oracle.functions)
      }
    })

  it('the fixture contends where it should: its widened lock, its channel, its writes', async () => {
    const top = async (kind: string): Promise<Map<string, { flat: number; cum: number }>> =>
      (await pprofTop(join(dir, `a-${kind}.pprof`), 'delay', 'nanoseconds')).functions
    const mutex = await top('mutex')
    expect(mutex.get('example.com/contention/lockmap.(*Counter).Add')?.cum ?? 0).toBeGreaterThan(0)
    const sync = await top('sync')
    expect(sync.get('example.com/contention/lockmap.PingPong')?.cum ?? 0).toBeGreaterThan(0)
    const syscall = await top('syscall')
    expect(syscall.get('example.com/contention/lockmap.WriteAll')?.cum ?? 0).toBeGreaterThan(0)
  })
})

describe('top, flame and diff take them unchanged', () => {
  it('top --json, flame and diff on two runs of the mutex and sched profiles', async () => {
    for (const kind of ['mutex', 'sched']) {
      const a = join(dir, `a-${kind}.pprof`)
      const b = join(dir, `b-${kind}.pprof`)
      const t = await cli(['top', a, '--sample-index', 'delay', '--json'])
      expect(t.code, t.stderr).toBe(0)
      expect((JSON.parse(t.stdout) as { unit: string }).unit).toBe('nanoseconds')
      const html = join(dir, `${kind}.html`)
      const f = await cli(['flame', a, b, '-o', html, '--sample-index', 'delay'])
      expect(f.code, f.stderr).toBe(0)
      expect(f.stderr).toMatch(/1 graph\(s\)/)
      const d = await cli(['diff', a, b, '--sample-index', 'contentions', '--format', 'json'])
      expect(d.code, d.stderr).toBe(0)
      const out = JSON.parse(d.stdout) as { graphs: { measure: string; unit: string }[] }
      expect(out.graphs[0]).toMatchObject({ measure: 'contentions', unit: 'count' })
    }
  })
})
