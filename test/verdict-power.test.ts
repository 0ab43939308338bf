/**
 * Verdicts that can say yes, for real (docs/design.md "Statistics",
 * "Sequential confirmation"):
 * - a generated module of 200 benchmarks at the default count, one 3×
 *   slower: the screen (Welch's test on logs, Holm over all 200) calls it,
 *   where the U test's smallest p at 6 samples, 2/924, times 200 cannot;
 * - a two-revision repository whose head makes one loop 5% slower and
 *   another 2× slower: sequential A/B calls both, stops the 2× one at the
 *   first look (6 rounds of 30), calls nothing in an identical revision;
 *   confirmation of the screen's suspects stops the 2× one after 6 too.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../src/compare/model.js'
import { cli } from './helpers/cli.js'
import { run, tempDir } from './helpers/go.js'
import { gitIn } from './helpers/repo.js'

/** 200 sub-benchmarks of one loop; with -tags slow the one named slow-117 does 3× the work. */
function writeWideModule(dir: string): void {
  mkdirSync(join(dir, 'wide'), { recursive: true })
  writeFileSync(join(dir, 'go.mod'), 'module example.com/wide\n\ngo 1.22\n')
  const loop = (n: string) =>
    `//go:noinline\nfunc ${n}(n int) uint64 {\n\tvar h uint64 = 1469598103934665603\n\tfor i := 0; i < n; i++ {\n\t\th = (h ^ uint64(i)) * 1099511628211\n\t}\n\treturn h\n}\n`
  writeFileSync(join(dir, 'wide', 'wide.go'), `package wide\n\n${loop('Mix')}`)
  writeFileSync(
    join(dir, 'wide', 'fast.go'),
    '//go:build !slow\n\npackage wide\n\nconst factor = 1\n'
  )
  writeFileSync(
    join(dir, 'wide', 'slow.go'),
    '//go:build slow\n\npackage wide\n\nconst factor = 3\n'
  )
  writeFileSync(
    join(dir, 'wide', 'wide_test.go'),
    `package wide\n\nimport (\n\t"fmt"\n\t"testing"\n)\n\nvar sink uint64\n\nfunc BenchmarkCase(b *testing.B) {\n\tfor c := 0; c < 200; c++ {\n\t\tn := 2000\n\t\tif c == 117 {\n\t\t\tn *= factor\n\t\t}\n\t\tb.Run(fmt.Sprintf("case-%03d", c), func(b *testing.B) {\n\t\t\tfor i := 0; i < b.N; i++ {\n\t\t\t\tsink = Mix(n)\n\t\t\t}\n\t\t})\n\t}\n}\n`
  )
}

describe('the screen in a suite of 200 benchmarks at the default count', () => {
  const dir = tempDir('wide')
  let c: Comparison

  beforeAll(async () => {
    writeWideModule(dir)
    const bench = async (tags: string[], file: string): Promise<void> => {
      const r = await run(
        'go',
        [
          'test',
          ...tags,
          '-run',
          '^$',
          '-bench',
          '.',
          '-count',
          '6',
          '-benchtime',
          '2000x',
          './...'
        ],
        { cwd: dir }
      )
      writeFileSync(join(dir, file), r.stdout)
    }
    await bench([], 'base.txt')
    await bench(['-tags', 'slow'], 'head.txt')
    const r = await cli(
      ['compare', join(dir, 'base.txt'), join(dir, 'head.txt'), '--format', 'json'],
      { cwd: dir }
    )
    c = JSON.parse(r.stdout) as Comparison
  })

  it('calls the 3× slower one a regression, after Holm over all 200', () => {
    expect(c.benchmarks).toHaveLength(200)
    const slow = c.benchmarks.find(b => b.name.startsWith('BenchmarkCase/case-117'))!
    expect(slow.verdict).toBe('regression')
    const m = slow.metrics.find(x => x.unit === 'ns/op')!
    expect(m.test).toBe('welch')
    expect(m.pAdjusted!).toBeLessThan(0.05)
    expect(m.deltaPercent!).toBeGreaterThan(150)
  })

  it('where the U test could not have: its p at 6 samples a side is at least 2/924', () => {
    const slow = c.benchmarks.find(b => b.name.startsWith('BenchmarkCase/case-117'))!
    const m = slow.metrics.find(x => x.unit === 'ns/op')!
    // benchstat's call, uncorrected, is the guard the Welch verdict needs too.
    expect(m.significantUncorrected).toBe(true)
    expect((2 / 924) * 200).toBeGreaterThan(0.05)
    expect(c.notes.join(' ')).not.toMatch(/no difference can be significant/)
  })
})

/** Work(n) loops n times; the head's consts make Five 5% and Double 100% slower. */
function writeSeqModule(dir: string, five: number, double: number): void {
  mkdirSync(join(dir, 'seq'), { recursive: true })
  writeFileSync(join(dir, 'go.mod'), 'module example.com/seq\n\ngo 1.22\n')
  writeFileSync(
    join(dir, 'seq', 'seq.go'),
    `package seq\n\n//go:noinline\nfunc Work(n int) uint64 {\n\tvar h uint64 = 1469598103934665603\n\tfor i := 0; i < n; i++ {\n\t\th = (h ^ uint64(i)) * 1099511628211\n\t}\n\treturn h\n}\n`
  )
  writeFileSync(
    join(dir, 'seq', 'sizes.go'),
    `package seq\n\nconst (\n\tfive   = ${five}\n\tdouble = ${double}\n\tsame   = 20000\n)\n`
  )
  writeFileSync(
    join(dir, 'seq', 'seq_test.go'),
    `package seq\n\nimport "testing"\n\nvar sink uint64\n\nfunc BenchmarkFive(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Work(five)\n\t}\n}\n\nfunc BenchmarkDouble(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Work(double)\n\t}\n}\n\nfunc BenchmarkSame(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Work(same)\n\t}\n}\n`
  )
}

describe('sequential A/B on a real two-revision repository', () => {
  const repo = tempDir('seq-repo')
  const g = gitIn(repo)
  const out = tempDir('seq-out')
  const RUN = ['--count', '6', '--benchtime', '100ms']
  let ab: { c: Comparison; stderr: string }
  let identical: Comparison
  let confirmed: { c: Comparison; stderr: string }

  beforeAll(async () => {
    writeSeqModule(repo, 20000, 20000)
    await g('init', '-q', '-b', 'main')
    await g('add', '.')
    await g('commit', '-qm', 'base')
    writeSeqModule(repo, 21000, 40000)
    await g('commit', '-qam', 'head: Five 5% and Double 2x slower')
    const abAgainst = async (ref: string, to: string, extra: string[] = []) => {
      const r = await cli(
        [
          'ab',
          '--base',
          ref,
          ...extra,
          '--count',
          '30',
          '--benchtime',
          '100ms',
          '--format',
          'json',
          '--out',
          join(out, to)
        ],
        { cwd: repo }
      )
      return { c: JSON.parse(r.stdout) as Comparison, stderr: r.stderr }
    }
    ab = await abAgainst('HEAD~1', 'ab')
    // --select all: an identical tree is otherwise not measured (D16); this
    // asks what the sequential test makes of no change.
    identical = (await abAgainst('HEAD', 'same', ['--select', 'all'])).c
    // The screen against a baseline run, then confirmation of its suspects.
    await g('checkout', '-q', 'HEAD~1')
    const base = await cli(['run', '--dir', repo, ...RUN, '--out', join(out, 'base')], {
      cwd: repo
    })
    expect(base.code, base.stderr).toBe(0)
    await g('checkout', '-q', 'main')
    const head = await cli(
      [
        'run',
        '--dir',
        repo,
        ...RUN,
        '--iterations-from',
        join(out, 'base'),
        '--out',
        join(out, 'head')
      ],
      { cwd: repo }
    )
    expect(head.code, head.stderr).toBe(0)
    const r = await cli(
      [
        'compare',
        join(out, 'base'),
        join(out, 'head'),
        '--confirm-base',
        'HEAD~1',
        '--confirm-rounds',
        '12',
        '--dir',
        repo,
        '--out',
        join(out, 'c'),
        '--format',
        'json'
      ],
      { cwd: repo }
    )
    confirmed = { c: JSON.parse(r.stdout) as Comparison, stderr: r.stderr }
  })

  const of = (c: Comparison, name: string) => c.benchmarks.find(b => b.name.startsWith(name))!
  const time = (c: Comparison, name: string) => of(c, name).metrics.find(m => m.unit === 'ns/op')!

  it('confirms the seeded 5% regression', () => {
    const five = time(ab.c, 'BenchmarkFive')
    expect(five.test).toBe('sequential')
    expect(five.verdict, ab.stderr).toBe('regression')
    expect(five.deltaPercent!).toBeGreaterThan(2.5)
    expect(ab.c.gate.fail).toBe(true)
  })

  it('stops the 2× regression after the first look: 6 rounds of the 30 allowed', () => {
    const double = time(ab.c, 'BenchmarkDouble')
    expect(double.verdict).toBe('regression')
    expect([double.base!.n, double.head!.n]).toEqual([6, 6])
    expect(ab.stderr).toMatch(/decided and stopped/)
  })

  it('does not call the unchanged one a regression', () => {
    expect(time(ab.c, 'BenchmarkSame').verdict).not.toBe('regression')
  })

  it('an identical revision: nothing regressed, nothing blocks', () => {
    expect(identical.benchmarks).toHaveLength(3)
    expect(identical.benchmarks.filter(b => b.verdict === 'regression')).toEqual([])
    expect(identical.gate.fail).toBe(false)
  })

  it('confirmation of the screen’s suspects stops the 2× one after 6 rounds too', () => {
    const double = of(confirmed.c, 'BenchmarkDouble')
    expect(double.confirmation, confirmed.stderr).toMatchObject({
      status: 'confirmed',
      rounds: 6,
      test: 'sequential'
    })
    expect(confirmed.c.confirmation!.rounds).toBe(12)
  })
})
