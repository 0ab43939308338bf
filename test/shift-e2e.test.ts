/**
 * A slow runner, for real (issue 17, item 4): the head's screen runs while
 * CPU hogs (two per CPU) take half of each core or more, so every benchmark of the head run
 * is two or more times as slow as the baseline's; one benchmark (SHA) is also
 * seeded 40% slower in the code. `compare --confirm-base` on a quiet
 * machine must estimate the shift, not make every benchmark a suspect,
 * refute the shift on the other benchmarks it samples, confirm SHA, gate on SHA
 * alone, and say what it saw.
 *
 * The workload is bench/verdict-quality's (eight benchmarks; six here).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../src/compare/model.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { cli } from './helpers/cli.js'
import { ROOT, tempDir } from './helpers/go.js'
import { gitIn } from './helpers/repo.js'

const dir = tempDir('shift-e2e')
const repo = join(dir, 'repo')
const BENCH = '^Benchmark(Hash|Sort|Format|JSON|SHA|Chase)$'
const runArgs = (out: string): string[] => [
  'run',
  '--dir',
  repo,
  '--bench',
  BENCH,
  '--count',
  '6',
  '--benchtime',
  '50ms',
  '--out',
  out
]

let hogs: ChildProcess[] = []
/**
 * Two busy processes per CPU, at the benchmarks' own priority. With one
 * per CPU, the scheduler may leave the benchmark alone on a CPU for a
 * whole benchmark (three tasks on two CPUs); with two, every CPU has
 * at least one hog to share with, so the benchmark gets half a core or less.
 * Each hog is a session of its own, as benchgate's children are: with the
 * kernel's autogroup scheduling (Linux's default), CPU is shared between
 * sessions first, so hogs in the test's own session would take nothing
 * from benchmarks in theirs. Load from outside (other tenants of the
 * host) slows every session alike, and that is what this simulates.
 */
function startHogs(): void {
  hogs = [...cpus(), ...cpus()].map(() =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: true })
  )
}
function stopHogs(): void {
  for (const h of hogs) h.kill('SIGKILL')
  hogs = []
}
afterAll(stopHogs)

let c: Comparison
let code: number
let headBundleMedian: (name: string) => number
let baseBundleMedian: (name: string) => number

beforeAll(async () => {
  const g = gitIn(repo)
  cpSync(join(ROOT, 'bench', 'verdict-quality', 'workload'), repo, { recursive: true })
  await g('init', '-q', '-b', 'main')
  await g('add', '.')
  await g('commit', '-qm', 'base')
  const levels = join(repo, 'levels.go')
  const text = readFileSync(levels, 'utf8')
  const seeded = text.replace(/slowSHA(\s*)= 0/, 'slowSHA$1= 40')
  expect(seeded).not.toBe(text)
  const base = await cli(runArgs(join(dir, 'base')), { timeout: 300_000 })
  expect(base.code, base.stderr).toBe(0)
  await g('checkout', '-q', '-b', 'head')
  writeFileSync(levels, seeded)
  await g('commit', '-qam', 'head: SHA 40% slower')
  startHogs()
  const head = await cli(runArgs(join(dir, 'head')), { timeout: 300_000 })
  stopHogs()
  expect(head.code, head.stderr).toBe(0)
  const median = (side: string) => {
    const b = JSON.parse(readFileSync(join(dir, side, 'results.json'), 'utf8')) as {
      benchmarks: { name: string; samples: Record<string, number[]> }[]
    }
    return (name: string) => {
      const xs = [...b.benchmarks.find(x => x.name.startsWith(name))!.samples['ns/op']].sort(
        (p, q) => p - q
      )
      return (xs[2] + xs[3]) / 2
    }
  }
  baseBundleMedian = median('base')
  headBundleMedian = median('head')
  // On the quiet machine again: the A/B of the suspects on this runner.
  const r = await cli(
    [
      'compare',
      join(dir, 'base'),
      join(dir, 'head'),
      '--format',
      'json',
      '--confirm-base',
      'main',
      '--dir',
      repo,
      '--confirm-rounds',
      '10',
      '--out',
      join(dir, 'confirm')
    ],
    { cwd: repo, timeout: 600_000 }
  )
  code = r.code
  expect([0, 1], r.stderr).toContain(r.code)
  c = JSON.parse(r.stdout) as Comparison
}, 900_000)

describe('a head run on a slow runner', () => {
  it('was slower across the board (the hogs worked)', () => {
    // The CPU-bound ones slower in the head run, one of them by 30% or more
    // (either alone was seen as little as 23% slower on a CI machine); Chase
    // waits on memory more than on the CPU the hogs take, and was seen 9% slower.
    const ratios = ['BenchmarkHash', 'BenchmarkSort'].map(n => {
      const r = headBundleMedian(n) / baseBundleMedian(n)
      expect(r, n).toBeGreaterThan(1.1)
      return r
    })
    expect(Math.max(...ratios)).toBeGreaterThan(1.3)
    expect(headBundleMedian('BenchmarkChase') / baseBundleMedian('BenchmarkChase')).toBeGreaterThan(
      1
    )
  })

  it('estimates the shift and does not make every benchmark a suspect', () => {
    expect(c.shift?.applied).toBe(true)
    expect(c.shift!.percent).toBeGreaterThan(30)
    expect(c.shift!.benchmarks).toBe(6)
    // Suspects include the benchmarks sampled from the shift (up to 3);
    // those nominated by their own delta are fewer than all six.
    const sampled = c.shift!.sampled!.length
    expect(sampled).toBeGreaterThan(0)
    expect(sampled).toBeLessThanOrEqual(3)
    expect(c.confirmation!.suspects - sampled).toBeLessThan(6)
  })

  it('refutes the shift on its sample, confirms the seeded change, and gates on it alone', () => {
    // The hogs slow each benchmark by its own amount, so SHA may have moved
    // with the run and been sampled rather than suspected: then it is the
    // one sampled benchmark the A/B confirms, a minority, and the shift
    // stays the runner's.
    const shaSampled = c.shift!.sampled!.some(n => n.startsWith('BenchmarkSHA'))
    expect(c.shift).toMatchObject({ cause: 'runner', sampleConfirmed: shaSampled ? 1 : 0 })
    const sha = c.benchmarks.find(b => b.name.startsWith('BenchmarkSHA'))!
    expect(sha.confirmation?.status).toBe('confirmed')
    expect(sha.confirmation!.deltaPercent!).toBeGreaterThan(20)
    expect(c.gate.reasons.length).toBe(1)
    expect(c.gate.reasons[0]).toMatch(/^BenchmarkSHA/)
    expect(code).toBe(1)
    // What was not re-measured is the runner's, not a regression.
    for (const b of c.benchmarks.filter(x => !x.confirmation))
      expect(b.verdict, b.name).not.toBe('regression')
  })

  it('says in the comment what the screen saw', () => {
    const md = renderMarkdown(c, { key: 'k' })
    const pct = Math.abs(c.shift!.percent).toFixed(0)
    expect(md).toContain(
      `This runner was about ${pct}% slower than the baseline's (${c.shift!.agreeing} of 6 benchmarks moved together`
    )
    expect(md).toContain('suspects are judged relative to that')
  })
})
