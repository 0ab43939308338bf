/**
 * Contention rounds in an A/B (issue 16, item 4): base and head take turns
 * round by round (base, head; then head, base), as the timed rounds do, so
 * the per-round values are real samples measured side by side. A real git
 * repository of fixtures/contention whose second commit moves Add's mixing
 * inside its lock; `benchgate ab --profiles mutex` against the first.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../src/compare/model.js'
import { cli } from './helpers/cli.js'
import { ROOT, run, tempDir } from './helpers/go.js'

const repo = join(tempDir('contention-ab'), 'repo')
const git = (...args: string[]) =>
  run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo })

let ab: Awaited<ReturnType<typeof cli>>
let json: Comparison

beforeAll(async () => {
  cpSync(join(ROOT, 'fixtures', 'contention'), repo, { recursive: true })
  await git('init', '-q', '-b', 'main')
  await git('add', '.')
  await git('commit', '-q', '-m', 'narrow')
  const file = join(repo, 'lockmap', 'add_narrow.go')
  const text = readFileSync(file, 'utf8')
  const wide = text.replace('\tv := mix(key)\n\tc.mu.Lock()\n', '\tc.mu.Lock()\n\tv := mix(key)\n')
  expect(wide).not.toBe(text)
  writeFileSync(file, wide)
  await git('commit', '-q', '-am', 'wide')
  const out = join(repo, '..', 'out')
  ab = await cli(
    [
      'ab',
      '--dir',
      repo,
      '--base',
      'HEAD~1',
      '--bench',
      '^BenchmarkLockedMap$',
      '--count',
      '6',
      '--benchtime',
      '50ms',
      '--profiles',
      'mutex',
      '--contention-rounds',
      '6',
      '--out',
      out,
      '--format',
      'json'
    ],
    { timeout: 300_000 }
  )
  json = JSON.parse(ab.stdout) as Comparison
}, 400_000)

describe('benchgate ab --profiles mutex', () => {
  it('interleaves the contention rounds of base and head, after the timed rounds', () => {
    expect(ab.stderr).toMatch(/contention round 1\/6: base, head/)
    expect(ab.stderr).toMatch(/contention round 2\/6: head, base/)
    expect(ab.stderr.indexOf('round 6/6: head, base')).toBeLessThan(
      ab.stderr.indexOf('contention round 1/6')
    )
  })

  it('calls the widened lock a mutex regression measured by the A/B, at its call site', () => {
    const b = json.benchmarks.find(x => x.name.startsWith('BenchmarkLockedMap'))!
    expect(b.contention!.measuredBy).toBe('ab')
    expect(b.contention!.rounds).toEqual({ base: 6, head: 6 })
    const rows = b.contention!.rows.filter(r => r.metric.startsWith('mutex_'))
    expect(rows.map(r => r.metric).sort()).toEqual(['mutex_contentions', 'mutex_delay'])
    expect(rows.some(r => r.verdict === 'regression')).toBe(true)
    // Only mutex was asked for: no block or trace metrics, GC comes with it.
    expect(b.contention!.rows.map(r => r.metric)).not.toContain('sync_delay')
    expect(b.contention!.rows.map(r => r.metric)).toContain('gc_cycles')
    const top = b.contention!.functions!.mutex_delay![0]
    expect(top.name).toBe('example.com/contention/lockmap.(*Counter).Add')
    expect(top.delta.self).toBeGreaterThan(0)
    // Report-only without --fail-on-contention: the exit status follows time alone.
    expect(json.gate.reasons.some(r => /mutex/.test(r))).toBe(false)
  })
})
