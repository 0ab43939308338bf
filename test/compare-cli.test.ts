/**
 * `benchgate compare` and `benchgate demo` through the built CLI: the demo
 * runs the real Go toolchain twice on fixtures/demo, the head with a seeded
 * CPU regression (Tokenize) and a seeded allocation (cloneWord).
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BenchmarkComparison, Comparison, FunctionDelta } from '../src/compare/model.js'
import { ROOT, tempDir } from './helpers/go.js'

const exec = promisify(execFile)
const CLI = join(ROOT, 'dist', 'cli.js')
const STATS = join(ROOT, 'fixtures', 'benchtext', 'stats')

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, [CLI, ...args], { maxBuffer: 64 << 20 }).then(
    r => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e
  )
}

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
      /^benchgate: verdict=regression regressions=10 improvements=1 unchanged=95 gate=fail$/m
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
    expect(ok.code).toBe(0) // n = 3: too few samples to call anything
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
  const top = (ds: FunctionDelta[], by: 'cum' | 'flat'): FunctionDelta =>
    [...ds].sort((a, b) => b.delta[by] - a.delta[by])[0]

  beforeAll(async () => {
    r = await cli([
      'demo',
      '--out',
      out,
      // Four runs a side: at n = 4 the U test's smallest p is 0.029, so
      // Holm leaves the screen nothing significant (a weak screen), and the
      // regression must be confirmed by the A/B, with its breakdown.
      '--count',
      '4',
      '--benchtime',
      '100ms',
      '--confirm-rounds',
      '8'
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
    expect(c.confirmation?.rounds).toBe(8)
    const tokenize = bench('BenchmarkTokenize')
    expect(tokenize.confirmation?.status).toBe('confirmed')
    // The screen did not call it (a weak screen); the A/B did, and its breakdown is the A/B's.
    expect(tokenize.metrics.find(m => m.unit === 'ns/op')!.verdict).not.toBe('regression')
    expect(tokenize.functionsFrom).toBe('ab')
    expect(tokenize.functions?.cpu).toBeDefined()
    expect(r.stderr).toMatch(/round 8\/8: head, base/)
    expect(c.gate.reasons).toContainEqual(
      expect.stringMatching(
        /^BenchmarkTokenize-\d+ ns\/op \+[\d.]+% .*8 A\/B rounds on this runner/
      )
    )
  })

  it('the seeded CPU function is the top CPU delta of the regressed benchmark', () => {
    const d = bench('BenchmarkTokenize').functions!.cpu!
    expect(top([...d.changed, ...d.added], 'cum').name).toBe('example.com/demo/textproc.Tokenize')
    expect(bench('BenchmarkTokenize').summary).toMatch(
      /^BenchmarkTokenize-\d+ \+[\d.]+% \(p=[\d.<]+\): example\.com\/demo\/textproc\.Tokenize \+\d+ ns\/op, confirmed by A\/B on this runner$/
    )
  })

  it('the seeded allocation is the top allocation delta', () => {
    const b = bench('BenchmarkIntern')
    expect(b.metrics.find(m => m.unit === 'allocs/op')!.verdict).toBe('regression')
    for (const measure of ['alloc_space', 'alloc_objects'] as const) {
      const d = b.functions![measure]!
      expect(top([...d.changed, ...d.added], 'flat').name).toBe(
        'example.com/demo/textproc.cloneWord'
      )
    }
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
  })

  it('prints the PR comment and writes the bundles and reports', () => {
    expect(r.stdout).toMatch(/^<!-- benchgate:demo -->/)
    expect(r.stdout).toContain('example\\.com/demo/textproc\\.Tokenize')
    expect(readFileSync(join(out, 'comment.md'), 'utf8')).toBe(r.stdout)
    expect(readFileSync(join(out, 'summary.md'), 'utf8').length).toBeGreaterThanOrEqual(
      r.stdout.length
    )
    expect(JSON.parse(readFileSync(join(out, 'base', 'results.json'), 'utf8')).schemaVersion).toBe(
      1
    )
  })
})
