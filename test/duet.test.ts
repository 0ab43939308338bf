/**
 * Duet A/B rounds for real (issue 17, item 1): a temporary git repository
 * of the demo module whose head commit makes Checksum about 10% slower (11
 * passes instead of 10). `benchgate ab --schedule duet` starts base and
 * head together each round, pinned with taskset to disjoint CPUs, which
 * the test reads from each running process's own affinity. On one CPU the
 * rounds fall back to ABBA, and say so.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Bundle } from '../src/bundle/index.js'
import type { Comparison } from '../src/compare/model.js'
import { allowedCpus, duetPlan, parseCpuList } from '../src/ab/duet.js'
import { CLI, cli } from './helpers/cli.js'
import { run, tempDir } from './helpers/go.js'
import { gitIn, seededDemoRepo } from './helpers/repo.js'

const repo = tempDir('duet-repo')
const g = gitIn(repo)
// The fixed-round U test: what this file tests is the duet schedule; a
// 10% change in duet's ±20% rounds takes the group-sequential default test
// more than 16 rounds (docs/design.md D14).
const AB = [
  '--count',
  '16',
  '--benchtime',
  '50ms',
  '--bench',
  'Checksum',
  '--format',
  'json',
  '--test',
  'utest'
]

/**
 * The timed A/B rounds' CPU lists, sampled until `done`: per side, every
 * list seen, and every moment both sides ran at once, as [base, head].
 */
function watchAffinity(
  done: () => boolean
): Promise<{ base: Set<string>; head: Set<string>; together: [string, string][] }> {
  const seen = {
    base: new Set<string>(),
    head: new Set<string>(),
    together: [] as [string, string][]
  }
  return new Promise(resolve => {
    const tick = (): void => {
      const now: Partial<Record<'base' | 'head', string>> = {}
      for (const pid of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
          const side = /benchgate-ab-[^/]+\/(base|head)-.*\.test$/.exec(argv[0])?.[1]
          // The timed rounds only (profiles …-r<round>.cpu.pprof); the
          // profiling pass after them runs unpinned.
          if (!side || !argv.some(a => /^-test\.cpuprofile=.*-r\d+\.cpu\.pprof$/.test(a))) continue
          const m = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
          if (!m) continue
          seen[side as 'base' | 'head'].add(m[1])
          now[side as 'base' | 'head'] = m[1]
        } catch {
          // the process ended between the listing and the read
        }
      }
      if (now.base && now.head) seen.together.push([now.base, now.head])
      if (done()) resolve(seen)
      else setTimeout(tick, 50)
    }
    tick()
  })
}

beforeAll(() => seededDemoRepo(repo, 11))

describe('the duet plan', () => {
  it('halves the CPUs this job may use, and falls back below two', () => {
    expect(parseCpuList('0-3,8,10-11')).toEqual([0, 1, 2, 3, 8, 10, 11])
    expect(parseCpuList('0-')).toBeUndefined()
    expect(duetPlan([0, 1, 2, 3], true)).toEqual({ plan: { cpus: ['0,1', '2,3'], procs: 4 } })
    expect(duetPlan([4, 5, 6], true)).toEqual({ plan: { cpus: ['4', '5'], procs: 3 } })
    expect(duetPlan([0], true)).toMatchObject({
      fallback: expect.stringMatching(/at least 2 CPUs.*ABBA/)
    })
    expect(duetPlan([0, 1], false)).toMatchObject({ fallback: expect.stringMatching(/taskset/) })
    expect(allowedCpus().length).toBeGreaterThanOrEqual(1)
  })
})

describe.runIf(allowedCpus().length >= 2)('benchgate ab --schedule duet', () => {
  it('confirms a seeded 10% regression, pinning base and head to disjoint CPUs together', async () => {
    let finished = false
    const watching = watchAffinity(() => finished)
    const out = join(tempDir('duet-out'), 'o')
    const r = await cli(['ab', '--base', 'HEAD~1', '--schedule', 'duet', ...AB, '--out', out], {
      cwd: repo
    })
    finished = true
    const seen = await watching
    const c = JSON.parse(r.stdout) as Comparison
    const checksum = c.benchmarks.find(b => b.name.startsWith('BenchmarkChecksum'))!
    const ns = checksum.metrics.find(m => m.unit === 'ns/op')!
    expect(checksum.verdict, JSON.stringify(ns)).toBe('regression')
    const d = checksum.metrics.find(m => m.unit === 'ns/op')!.deltaPercent!
    expect(d).toBeGreaterThan(4)
    expect(d).toBeLessThan(20)
    expect(r.stderr).toMatch(/round 1\/16: base and head together \(duet, CPUs 0 \| 1\)/)
    expect(r.stderr).toMatch(/round 2\/16: base and head together \(duet, CPUs 1 \| 0\)/)
    // Each side ran pinned to one CPU, both halves over the rounds (they
    // swap), and whenever both ran at once they were on different CPUs.
    expect([...seen.base].sort()).toEqual(['0', '1'])
    expect([...seen.head].sort()).toEqual(['0', '1'])
    expect(seen.together.length).toBeGreaterThan(0)
    for (const [b, h] of seen.together) expect(b).not.toBe(h)
    // Same -test.cpu on both: the names match the timed runs' (-2 here).
    const bundle = JSON.parse(readFileSync(join(out, 'head', 'results.json'), 'utf8')) as Bundle
    expect(bundle.benchmarks[0].name).toMatch(/-2$/)
    expect(bundle.environment.settings.schedule).toBe('duet')
    const worktrees = (await g('worktree', 'list', '--porcelain')).stdout
      .split('\n')
      .filter(l => l.startsWith('worktree '))
    expect(worktrees).toHaveLength(1)
  })

  it('calls an identical revision unchanged', async () => {
    const r = await cli(
      [
        'ab',
        '--base',
        'HEAD',
        // The same tree on both sides: measured only when asked (D16).
        '--select',
        'all',
        '--schedule',
        'duet',
        ...AB,
        '--alpha',
        '0.001',
        '--out',
        join(tempDir('duet-out'), 'o')
      ],
      { cwd: repo }
    )
    const c = JSON.parse(r.stdout) as Comparison
    // Unchanged, or inconclusive where 8 rounds cannot rule out 2.5%: never a regression.
    expect(['unchanged', 'inconclusive']).toContain(
      c.benchmarks.find(b => b.name.startsWith('BenchmarkChecksum'))!.verdict
    )
    expect(c.gate.fail).toBe(false)
  })

  it('on one CPU falls back to ABBA with a notice, never silently', async () => {
    const r = await run(
      'taskset',
      [
        '--cpu-list',
        '0',
        process.execPath,
        CLI,
        'ab',
        '--base',
        'HEAD',
        // The same tree on both sides: measured only when asked (D16).
        '--select',
        'all',
        '--schedule',
        'duet',
        ...AB.slice(0, 6).map(a => (a === '16' ? '4' : a)),
        '--out',
        join(tempDir('duet-out'), 'o')
      ],
      { cwd: repo }
    ).catch((e: Error) => ({ stderr: e.message }))
    expect(r.stderr).toMatch(
      /notice: ab-schedule duet needs at least 2 CPUs .* this job may use 1; running the rounds ABBA instead/
    )
    expect(r.stderr).toMatch(/round 1\/4: base, head/)
  })
})
