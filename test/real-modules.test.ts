/**
 * Per-op evidence on real code nobody here wrote: google/btree and
 * Masterminds/semver from the Go module proxy, each in a two-commit git
 * repository whose head injects a slowdown into one internal function and
 * an extra allocation into another. `benchgate ab` (built CLI, real Go,
 * interleaved rounds, the profiling pass on both sides) must flag the
 * benchmarks and name each injected function among the top three changes
 * of its measure, under the name a Go developer reads.
 */
import { execFile } from 'node:child_process'
import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BenchmarkComparison, Comparison } from '../src/compare/model.js'
import { ROOT, run, tempDir } from './helpers/go.js'

const exec = promisify(execFile)

/** The module's source from the proxy (pinned), copied into a fresh writable repo. */
async function moduleRepo(mod: string): Promise<string> {
  const { stdout } = await run('go', ['mod', 'download', '-json', mod])
  const dir = (JSON.parse(stdout) as { Dir: string }).Dir
  const repo = tempDir('module')
  cpSync(dir, repo, { recursive: true })
  chmodSync(repo, 0o755)
  await run('chmod', ['-R', 'u+w', repo])
  const g = (...args: string[]) =>
    run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo })
  await g('init', '-q', '-b', 'main')
  await g('add', '.')
  await g('commit', '-qm', 'base: as published')
  return repo
}

async function inject(repo: string, file: string, edits: [string, string][]): Promise<void> {
  let text = readFileSync(join(repo, file), 'utf8')
  for (const [from, to] of edits) {
    expect(text, `${file} has ${from}`).toContain(from)
    text = text.replace(from, to)
  }
  writeFileSync(join(repo, file), text)
  await run(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qam', 'head: injected'],
    { cwd: repo }
  )
}

async function ab(repo: string, bench: string): Promise<Comparison> {
  const r = await exec(
    process.execPath,
    [
      join(ROOT, 'dist', 'cli.js'),
      'ab',
      '--base',
      'HEAD~1',
      '--bench',
      bench,
      '--count',
      '8',
      '--benchtime',
      '100ms',
      '--format',
      'json',
      '--out',
      join(tempDir('module-ab'), 'o')
    ],
    { cwd: repo, maxBuffer: 64 << 20 }
  ).catch((e: { stdout: string; stderr: string; code: number }) => {
    if (e.code !== 1) throw new Error(`benchgate ab failed (${e.code}):\n${e.stderr}`)
    return e
  })
  return JSON.parse(r.stdout) as Comparison
}

/**
 * The first three functions of a measure in the comparison's ranked order:
 * beyond sampling noise first, then (at 8 rounds of 100ms, about 40 CPU
 * samples a benchmark) the likeliest within it, which the headline names.
 */
function topGrowth(b: BenchmarkComparison, measure: 'cpu' | 'alloc_space'): string[] {
  return (b.functions?.[measure] ?? []).slice(0, 3).map(f => f.name)
}

describe('google/btree v1.1.3 with an injected slowdown and allocation', () => {
  let c: Comparison
  beforeAll(async () => {
    const repo = await moduleRepo('github.com/google/btree@v1.1.3')
    await inject(repo, 'btree_generic.go', [
      [
        'func (n *node[T]) get(key T) (_ T, _ bool) {\n',
        'var benchgateSink int\n\nfunc (n *node[T]) get(key T) (_ T, _ bool) {\n\tfor spin := 0; spin < 400; spin++ {\n\t\tbenchgateSink += spin ^ benchgateSink\n\t}\n'
      ],
      [
        'func (t *BTreeG[T]) Get(key T) (_ T, _ bool) {\n',
        'var benchgateKeep []byte\n\nfunc (t *BTreeG[T]) Get(key T) (_ T, _ bool) {\n\tbenchgateKeep = make([]byte, 48+len(benchgateKeep)%2)\n'
      ]
    ])
    // Both Get benchmarks reach the slowed (*node[...]).get and the allocating
    // (*BTreeG[...]).Get: BenchmarkGet through the non-generic BTree wrapper.
    c = await ab(repo, '^BenchmarkGetG$|^BenchmarkGet$')
  })

  it('names the injected functions in the top 3 of every benchmark it flags', () => {
    const flagged = c.benchmarks.filter(b => b.verdict === 'regression')
    expect(flagged.map(b => b.name.replace(/-\d+$/, '')).sort()).toEqual([
      'BenchmarkGet',
      'BenchmarkGetG'
    ])
    for (const b of flagged) {
      expect(topGrowth(b, 'cpu'), b.name).toContain('github.com/google/btree.(*node[...]).get')
      if (b.metrics.find(m => m.unit === 'B/op')?.verdict === 'regression')
        expect(topGrowth(b, 'alloc_space'), b.name).toContain(
          'github.com/google/btree.(*BTreeG[...]).Get'
        )
    }
  })

  it('flags GetG and names the slowed (*node[...]).get and the allocating (*BTreeG[...]).Get', () => {
    const b = c.benchmarks.find(x => x.name.startsWith('BenchmarkGetG'))!
    expect(b.verdict).toBe('regression')
    expect(topGrowth(b, 'cpu')).toContain('github.com/google/btree.(*node[...]).get')
    expect(topGrowth(b, 'alloc_space')).toContain('github.com/google/btree.(*BTreeG[...]).Get')
    // GetG rebuilds its tree under b.StopTimer in the loop: ReplaceOrInsert
    // is untimed, unchanged work, and its per-op cost is the same on both
    // sides, so it is never the headline's culprit.
    expect(b.summary).not.toContain('ReplaceOrInsert')
    const cpu = b.functions?.cpu ?? []
    const growth = (name: string) => cpu.find(f => f.name === name)?.delta.self ?? 0
    expect(Math.abs(growth('github.com/google/btree.(*BTreeG[...]).ReplaceOrInsert'))).toBeLessThan(
      0.5 * growth('github.com/google/btree.(*node[...]).get')
    )
    // No name a Go developer would not write.
    const names = Object.values(b.functions ?? {}).flatMap(d => d ?? [])
    expect(names.filter(f => f.name.includes('go.shape'))).toEqual([])
  })
})

describe('Masterminds/semver v3.3.1 with an injected slowdown and allocation', () => {
  let c: Comparison
  beforeAll(async () => {
    const repo = await moduleRepo('github.com/Masterminds/semver/v3@v3.3.1')
    // 1200 spins, about 1 µs: several times what the Strict benchmarks
    // cost (~200 ns), so the sides stay apart when a noisy host stretches
    // some base rounds 3× (a fresh clone's CI saw that with 300 spins).
    await inject(repo, 'version.go', [
      [
        'func StrictNewVersion(v string) (*Version, error) {\n',
        'var benchgateSink int\nvar benchgateKeep []byte\n\nfunc StrictNewVersion(v string) (*Version, error) {\n\tfor spin := 0; spin < 1200; spin++ {\n\t\tbenchgateSink += spin ^ benchgateSink\n\t}\n'
      ],
      [
        'func NewVersion(v string) (*Version, error) {\n',
        'func NewVersion(v string) (*Version, error) {\n\tbenchgateKeep = make([]byte, 256+len(benchgateKeep)%2)\n'
      ]
    ])
    c = await ab(
      repo,
      '^Benchmark(CoerceNewVersionSimple|StrictNewVersionPre|StrictNewVersionMeta|NewVersionSimple|NewVersionPre|NewVersionMeta)$'
    )
  })

  it('names the injected functions in the top 3 of every benchmark it flags', () => {
    const flagged = c.benchmarks.filter(b => b.verdict === 'regression')
    const strict = flagged.filter(b => /^Benchmark(Coerce|Strict)/.test(b.name))
    const loose = flagged.filter(b => /^BenchmarkNewVersion/.test(b.name))
    // The CPU slowdown is in StrictNewVersion, which all three of its benchmarks call.
    expect(strict).toHaveLength(3)
    for (const b of strict)
      expect(topGrowth(b, 'cpu'), b.name).toContain(
        'github.com/Masterminds/semver/v3.StrictNewVersion'
      )
    // The allocation is in NewVersion: each of its benchmarks allocates 256 B more per op.
    expect(loose).toHaveLength(3)
    for (const b of loose) {
      expect(b.metrics.find(m => m.unit === 'B/op')!.verdict, b.name).toBe('regression')
      expect(topGrowth(b, 'alloc_space'), b.name).toContain(
        'github.com/Masterminds/semver/v3.NewVersion'
      )
    }
  })

  it('names StrictNewVersion for the CPU regression and NewVersion for the allocation', () => {
    const strict = c.benchmarks.find(x => x.name.startsWith('BenchmarkCoerceNewVersionSimple'))!
    expect(strict.verdict).toBe('regression')
    expect(topGrowth(strict, 'cpu')).toContain('github.com/Masterminds/semver/v3.StrictNewVersion')
    const loose = c.benchmarks.find(x => x.name.startsWith('BenchmarkNewVersionSimple'))!
    expect(loose.verdict).toBe('regression')
    expect(loose.metrics.find(m => m.unit === 'B/op')!.verdict).toBe('regression')
    expect(topGrowth(loose, 'alloc_space')).toContain('github.com/Masterminds/semver/v3.NewVersion')
  })
})
