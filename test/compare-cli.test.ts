/**
 * `benchgate compare` and `benchgate demo` through the built CLI: the demo
 * runs the real Go toolchain twice on fixtures/demo, the head with a seeded
 * CPU regression (Tokenize) and a seeded allocation (cloneWord).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BenchmarkComparison, Comparison } from '../src/compare/model.js'
import { cli } from './helpers/cli.js'
import { ROOT, tempDir } from './helpers/go.js'

const STATS = join(ROOT, 'fixtures', 'benchtext', 'stats')

describe('benchgate compare on go test -bench text files (a benchstat replacement)', () => {
  it('prints JSON with the documented fields and a verdict line, and gates on time regressions', async () => {
    const r = await cli([
      'compare',
      join(STATS, 'strings-10a.txt'),
      join(STATS, 'strings-6.txt'),
      '--format',
      'json',
      '--threshold',
      '1'
    ])
    const c = JSON.parse(r.stdout) as Comparison
    expect(c.verdict).toBe('regression')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      // Welch's test on logs with the U guard: the four +164–212% of these
      // noisy samples (±20–130%) that it can call after Holm over 106.
      /^benchgate: verdict=regression regressions=4 improvements=0 unchanged=102 gate=fail$/m
    )
    const b = c.benchmarks[0]
    expect(Object.keys(b)).toEqual(
      expect.arrayContaining(['package', 'name', 'verdict', 'metrics'])
    )
    expect(Object.keys(b.metrics[0])).toEqual(
      expect.arrayContaining(['unit', 'verdict', 'p', 'pAdjusted', 'deltaPercent', 'base', 'head'])
    )
    expect(b.metrics[0].base).toMatchObject({ median: expect.any(Number), n: 10 })
  })

  it('passes identical inputs with exit status 0', async () => {
    const f = join(STATS, 'strings-10a.txt')
    const r = await cli(['compare', f, f, '--format', 'text'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^ns\/op\s+base\s+head\s+Δ\s+p\s+verdict/m)
    expect(r.stdout).toContain('verdict=unchanged')
  })

  it('writes --output and rejects bad options and inputs clearly', async () => {
    const out = join(tempDir('cmp'), 'report.md')
    const f = join(STATS, 'strings-3a.txt')
    const ok = await cli(['compare', f, join(STATS, 'strings-3b.txt'), '--output', out])
    // n = 3: too few samples to call anything, so a change of 5% or more is
    // a suspect nothing checked: not all clear (exit 3), and said how to check.
    expect(ok.code).toBe(3)
    expect(ok.stderr).toMatch(/suspect\(s\) not confirmed: .*--confirm-base/)
    expect(readFileSync(out, 'utf8')).toMatch(/^<!-- benchgate:default -->/)
    expect(readFileSync(out, 'utf8')).toContain('fewer than 4 samples')
    const bad = await cli(['compare', f, f, '--alpha', '2'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--alpha must be a number from 0.0001 to 0.5, not "2"')
    const missing = await cli(['compare', f, join(STATS, 'nope.txt')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/nope\.txt: cannot read it/)
  })
})

describe('benchgate demo end to end', () => {
  let r: { code: number; stdout: string; stderr: string }
  let c: Comparison
  const out = join(tempDir('demo'), 'out')
  const bench = (name: string): BenchmarkComparison =>
    c.benchmarks.find(b => b.name.startsWith(name))!

  beforeAll(async () => {
    r = await cli([
      'demo',
      '--out',
      out,
      // Four runs a side: the screen nominates, and the regression must be
      // confirmed by the A/B, with its breakdown. At most 10 rounds of
      // 200ms; a suspect the first look decides stops after 6, whose
      // profiles with the run's four samples pooled in hold about 200 CPU
      // samples of the head, enough to rank its functions.
      '--count',
      '4',
      '--benchtime',
      '200ms',
      '--confirm-rounds',
      '10'
    ])
    c = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as Comparison
  })

  it('exits 0 when it works: the gate fires on the seeded regression, as designed, and it says so', () => {
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('a pull request like this would fail its check (exit 1 in CI)')
    expect(c.gate.fail).toBe(true)
    expect(bench('BenchmarkTokenize').verdict).toBe('regression')
    // Checksum is unchanged; whether the screen nominates it depends on
    // this machine's drift, and an A/B false alarm at α is by design, so
    // only its being unchanged in the code is known here, not its verdict.
  })

  it('judges as the Action does by default: the screen, then A/B of its suspects on this machine', () => {
    expect(c.gateMode).toBe('confirmed')
    expect(c.confirmation?.error).toBeUndefined()
    expect(c.confirmation?.rounds).toBe(10)
    const tokenize = bench('BenchmarkTokenize')
    expect(tokenize.confirmation?.status).toBe('confirmed')
    // The A/B confirmed it, in at most the 10 rounds, and its breakdown is the A/B's.
    expect(tokenize.confirmation!.rounds).toBeLessThanOrEqual(10)
    expect(tokenize.functionsFrom).toBe('ab')
    expect(tokenize.functions?.cpu).toBeDefined()
    // The first look, in ABBA order, then each suspect stops once decided.
    expect(r.stderr).toMatch(/round 6\/10: head, base/)
    expect(c.gate.reasons).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^BenchmarkTokenize-\\d+ ns/op \\+[\\d.]+% .*${tokenize.confirmation!.rounds} A/B rounds on this runner`
        )
      )
    )
  })

  it('the seeded CPU function is the first row of the regressed benchmark, beyond noise', () => {
    const d = bench('BenchmarkTokenize').functions!.cpu!
    expect(d[0]).toMatchObject({ name: 'example.com/demo/textproc.Tokenize', beyondNoise: true })
    // The rows are in the order the comment shows them: by Δ self, beyond noise first.
    const shown = d.filter(f => f.beyondNoise)
    expect(shown.map(f => f.delta.self)).toEqual(
      [...shown.map(f => f.delta.self)].sort((x, y) => y - x)
    )
    expect(d.slice(shown.length).every(f => !f.beyondNoise)).toBe(true)
    expect(bench('BenchmarkTokenize').summary).toMatch(
      /^BenchmarkTokenize-\d+ \+[\d.]+% \(p=[\d.<]+\): example\.com\/demo\/textproc\.Tokenize \+\d+ ns\/op, confirmed by A\/B on this runner$/
    )
  })

  it('cloneWord, new in head, ranks first for BenchmarkIntern in CPU and in allocations', () => {
    const b = bench('BenchmarkIntern')
    expect(b.metrics.find(m => m.unit === 'allocs/op')!.verdict).toBe('regression')
    for (const measure of ['cpu', 'alloc_space', 'alloc_objects'] as const) {
      expect(b.functions![measure]![0]).toMatchObject({
        name: 'example.com/demo/textproc.cloneWord',
        status: 'new',
        beyondNoise: true
      })
    }
    // The call path to it, from the benchmark down, with each step's cum.
    expect(b.functions!.alloc_space![0].path?.map(s => s.name)).toEqual([
      'example.com/demo/textproc.BenchmarkIntern',
      'example.com/demo/textproc.Intern',
      'example.com/demo/textproc.cloneWord'
    ])
    expect(b.functions!.alloc_space![0].path![2]).toMatchObject({ base: null })
    expect(r.stdout).toContain('Call path to the first row')
    // Its CPU includes the allocator work it causes (self), which flat alone leaves out.
    const clone = b.functions!.cpu![0]
    expect(clone.head.self).toBeGreaterThan(clone.head.flat)
    expect(b.functionStats!.cpu!.samples.head).toBeGreaterThan(0)
  })

  it("cloneWord's hot lines start with the allocation the seed made roomy, its text from the checkout", () => {
    const clone = bench('BenchmarkIntern').functions!.alloc_space![0]
    expect(clone.file).toBe('fixtures/demo/textproc/textproc.go')
    const source = readFileSync(join(ROOT, clone.file!), 'utf8').split('\n')
    const top = clone.lines![0]
    expect(top).toMatchObject({ change: 'same', text: 'b := make([]byte, len(w), 512)' })
    expect(source[top.line! - 1].trim()).toBe(top.text)
    // All of the new function's bytes are on that line: base had none of them.
    expect(top.base.self).toBe(0)
    expect(top.head.self).toBeCloseTo(clone.head.self, 0)
    expect(c.hotLines).toEqual({ between: 'the same tree on both sides' })
    expect(r.stdout).toContain(
      'Hot lines of `example.com/demo/textproc.cloneWord` (`fixtures/demo/textproc/textproc.go`)'
    )
  })

  it('its self-check fails, naming what, when a seeded culprit is not ranked first or the gate did not fire', async () => {
    const { demoVerdict } = await import('../src/cli/commands/demo.js')
    expect(demoVerdict(c)).toBe(0)
    expect(demoVerdict({ ...c, gate: { fail: false, reasons: [] } })).toBe(1)
    expect(
      demoVerdict({ ...c, confirmation: { ...c.confirmation!, error: 'git worktree failed' } })
    ).toBe(1)
    const noBreakdown = {
      ...c,
      benchmarks: c.benchmarks.map(b =>
        b.name.startsWith('BenchmarkTokenize') ? { ...b, functions: {} } : b
      )
    }
    expect(demoVerdict(noBreakdown)).toBe(1)
    const noLines = {
      ...c,
      benchmarks: c.benchmarks.map(b =>
        b.name.startsWith('BenchmarkIntern')
          ? {
              ...b,
              functions: {
                ...b.functions,
                alloc_space: b.functions!.alloc_space!.map(f => ({ ...f, lines: undefined }))
              }
            }
          : b
      )
    }
    expect(demoVerdict(noLines)).toBe(1)
  })

  it('prints the PR comment and writes the bundles and reports', () => {
    expect(r.stdout).toMatch(/^<!-- benchgate:demo -->/)
    expect(r.stdout).toContain('| `example.com/demo/textproc.Tokenize` | changed |')
    expect(readFileSync(join(out, 'comment.md'), 'utf8')).toBe(r.stdout)
    expect(readFileSync(join(out, 'summary.md'), 'utf8').length).toBeGreaterThanOrEqual(
      r.stdout.length
    )
    expect(JSON.parse(readFileSync(join(out, 'base', 'results.json'), 'utf8')).schemaVersion).toBe(
      1
    )
  })
})
