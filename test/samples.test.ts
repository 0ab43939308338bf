/**
 * How samples are taken (docs/design.md D1, D13), observed from the
 * outside on real Go benchmarks (fixtures/pids): each benchmark body logs
 * its process id, the -test.benchtime its process got, its name and b.N.
 * Every sample is its own process at a fixed iteration count, packages
 * alternate, a pull request's run reuses its baseline's counts, the A/B of
 * confirmation runs both sides at them, and no test binary is built twice.
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAb } from '../src/ab/ab.js'
import { readBundle, type Bundle } from '../src/bundle/index.js'
import { LocalGit } from '../src/git/index.js'
import { LocalGo, type GoToolchain } from '../src/gobench/toolchain.js'
import { headReuse, runToBundle, type RunOutcome } from '../src/measure/pipeline.js'
import { RUN_DEFAULTS } from '../src/measure/settings.js'
import { gitIn } from './helpers/repo.js'
import { ROOT, tempDir } from './helpers/go.js'

/** The real toolchain, counting `go test -c` per package directory. */
function countingGo(): GoToolchain & { builds: string[] } {
  const go = new LocalGo()
  const builds: string[] = []
  return {
    builds,
    run: (args, o) => {
      if (args[0] === 'test' && args.includes('-c')) builds.push(o.cwd)
      return go.run(args, o)
    },
    runTestBinary: (binary, args, o) => go.runTestBinary(binary, args, o)
  }
}

interface Call {
  pid: number
  benchtime: string
  name: string
  n: number
}

function readLog(path: string): Call[] {
  if (!existsSync(path)) return []
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map(line => {
      const [pid, benchtime, name, n] = line.split(' ')
      return { pid: Number(pid), benchtime, name, n: Number(n) }
    })
}

/** A bundle benchmark's name without its -procs suffix, as b.Name() gives it. */
const bare = (name: string): string => name.replace(/-\d+$/, '')

describe('samples: a process each, at a fixed iteration count, interleaved (real Go)', () => {
  const dir = tempDir('samples')
  const repo = join(dir, 'repo')
  const log = join(dir, 'pids.log')
  const previous = process.env.BENCHGATE_TEST_PIDLOG
  let baseline: Bundle
  let head: RunOutcome
  let baselineCalls: Call[]
  const go = countingGo()
  const git = new LocalGit()
  const count = 3

  beforeAll(async () => {
    cpSync(join(ROOT, 'fixtures', 'pids'), repo, { recursive: true })
    const g = gitIn(repo)
    await g('init', '-q', '-b', 'main')
    await g('add', '.')
    await g('commit', '-qm', 'base')
    process.env.BENCHGATE_TEST_PIDLOG = log
    const settings = { ...RUN_DEFAULTS, dir: repo, packages: ['./...'], count, extraFlags: [] }
    await runToBundle(new LocalGo(), git, {
      ...settings,
      benchtime: '20ms',
      out: join(dir, 'baseline')
    })
    baseline = (await readBundle(join(dir, 'baseline'))).bundle
    baselineCalls = readLog(log)
    rmSync(log)
    // The pull request's run: another benchtime, the baseline's counts.
    head = await runToBundle(go, git, {
      ...settings,
      benchtime: '60ms',
      out: join(dir, 'head'),
      iterationsFrom: join(dir, 'baseline'),
      binaryDir: join(dir, 'bin')
    })
  }, 300_000)

  afterAll(() => {
    if (previous === undefined) delete process.env.BENCHGATE_TEST_PIDLOG
    else process.env.BENCHGATE_TEST_PIDLOG = previous
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs every sample in a process of its own, at the one fixed b.N of its benchmark', () => {
    expect(baseline.benchmarks.map(b => b.name).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BenchmarkSumSmall/),
        expect.stringMatching(/^BenchmarkProduct\/n=500/)
      ])
    )
    expect(baseline.benchmarks).toHaveLength(4)
    for (const b of baseline.benchmarks) {
      expect(b.iterations).toHaveLength(count)
      const n = b.iterations[0]
      expect(new Set(b.iterations)).toEqual(new Set([n]))
      // The processes that ran this benchmark at -benchtime=Nx: one per sample.
      const samples = baselineCalls.filter(
        c => c.benchtime === `${n}x` && c.name === bare(b.name) && c.n === n
      )
      expect(samples).toHaveLength(count)
      expect(new Set(samples.map(c => c.pid)).size).toBe(count)
      // No sample process ran anything else: Go's probe at b.N = 1, then N.
      for (const s of samples)
        expect(baselineCalls.filter(c => c.pid === s.pid)).toEqual([{ ...s, n: 1 }, s])
    }
  })

  it('alternates the packages from one sample to the next', () => {
    const fixed = new Set(baseline.benchmarks.map(b => `${b.iterations[0]}x`))
    const order = baselineCalls
      .filter(c => fixed.has(c.benchtime) && `${c.n}x` === c.benchtime)
      .map(c => c.name)
    const pkg = (name: string): string => (name.startsWith('BenchmarkSum') ? 'a' : 'b')
    expect(order).toHaveLength(count * 4)
    // a and b hold two benchmarks each: dealt out in turn, they alternate throughout.
    for (let i = 1; i < order.length; i++)
      if (i % 4 !== 0) expect(pkg(order[i])).not.toBe(pkg(order[i - 1]))
  })

  it('runs a pull request at its baseline’s iteration counts, whatever its own benchtime', () => {
    for (const b of head.bundle.benchmarks) {
      const base = baseline.benchmarks.find(x => x.name === b.name)!
      expect(b.iterations).toEqual(Array(count).fill(base.iterations[0]))
    }
  })

  it('builds each package’s test binary once, and confirmation reuses the head’s', async () => {
    expect(go.builds.sort()).toEqual([join(repo, 'a'), join(repo, 'b')])
    const reuse = headReuse(head)
    expect([...reuse.prebuilt.keys()].sort()).toEqual(['example.com/pids/a', 'example.com/pids/b'])
    rmSync(log, { force: true })
    const ab = await runAb(go, git, {
      dir: repo,
      packages: ['./...'],
      bench: '.',
      rounds: 2,
      benchtime: '60ms',
      buildFlags: [],
      base: 'HEAD',
      out: join(dir, 'ab'),
      topK: 10,
      maxProfileBytes: RUN_DEFAULTS.maxProfileBytes,
      // As confirmation does: the same tree on both sides is still measured.
      select: 'all',
      ...reuse
    })
    // Only the base side was built: in its worktree, once per package.
    expect(go.builds).toHaveLength(4)
    expect(go.builds.slice(2).every(d => !d.startsWith(repo))).toBe(true)
    // Both sides ran every benchmark at the baseline's count, a process per round.
    for (const side of [ab.baseDir, ab.headDir]) {
      const { bundle } = await readBundle(side)
      for (const b of bundle.benchmarks) {
        const base = baseline.benchmarks.find(x => x.name === b.name)!
        expect(b.iterations).toEqual([base.iterations[0], base.iterations[0]])
      }
    }
    const calls = readLog(log)
    for (const b of baseline.benchmarks) {
      const n = `${b.iterations[0]}x`
      const runs = calls.filter(
        c => c.benchtime === n && c.name === bare(b.name) && `${c.n}x` === n
      )
      expect(new Set(runs.map(c => c.pid)).size).toBe(4) // 2 rounds × 2 sides
    }
  }, 300_000)
})
