/**
 * `benchgate run --shard i/n` for real (issue 18): a generated module of
 * seven benchmark packages, run as three shards by the built CLI. Each
 * package must run in exactly one shard, the same one every time; the
 * bundles say which shard they are and how it was balanced, and record
 * each package's duration and every package's shard: a later run that
 * follows a part keeps every package where it was.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readBundle, type Bundle } from '../src/bundle/index.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/go.js'
import { gitIn } from './helpers/repo.js'

const dir = tempDir('shard-run')
const mod = join(dir, 'mod')
const PKGS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta']

/** Package i declares i + 1 benchmarks; eta also has a test file without any. */
function writeModule(): void {
  mkdirSync(mod, { recursive: true })
  writeFileSync(join(mod, 'go.mod'), 'module example.com/sharded\n\ngo 1.22\n')
  PKGS.forEach((p, i) => {
    mkdirSync(join(mod, p), { recursive: true })
    writeFileSync(
      join(mod, p, `${p}.go`),
      `package ${p}\n\n// Work sums a little.\nfunc Work(n int) int {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += i ^ ${i}\n\t}\n\treturn s\n}\n`
    )
    const benches = Array.from(
      { length: i + 1 },
      (_, k) =>
        `func BenchmarkWork${k}(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\t_ = Work(${100 * (k + 1)})\n\t}\n}\n`
    ).join('\n')
    writeFileSync(join(mod, p, `${p}_test.go`), `package ${p}\n\nimport "testing"\n\n${benches}`)
  })
  writeFileSync(
    join(mod, 'eta', 'other_test.go'),
    'package eta\n\nimport "testing"\n\nfunc TestNothing(t *testing.T) {}\n'
  )
}

const runArgs = (out: string, extra: string[] = []) => [
  'run',
  '--dir',
  mod,
  '--count',
  '1',
  '--benchtime',
  '100x',
  '--out',
  out,
  ...extra
]
const packagesOf = (b: Bundle) => b.packages.map(p => p.importPath).sort()

let whole: Bundle
const shards: Bundle[] = []
const logs: string[] = []

beforeAll(async () => {
  writeModule()
  const w = await cli(runArgs(join(dir, 'whole')), { timeout: 300_000 })
  expect(w.code, w.stderr).toBe(0)
  whole = (await readBundle(join(dir, 'whole'))).bundle
  for (const i of [1, 2, 3]) {
    const r = await cli(runArgs(join(dir, `shard-${i}`), ['--shard', `${i}/3`]), {
      timeout: 300_000
    })
    expect(r.code, r.stderr).toBe(0)
    logs.push(r.stderr)
    shards.push((await readBundle(join(dir, `shard-${i}`))).bundle)
  }
}, 600_000)

describe('run --shard', () => {
  it('runs every package in exactly one shard', () => {
    expect(packagesOf(whole)).toHaveLength(7)
    const all = shards.flatMap(packagesOf)
    expect(all.sort()).toEqual(packagesOf(whole))
    for (const s of shards) expect(s.packages.length).toBeGreaterThan(0)
  })

  it('says which shard it is, in the bundle and in its progress', () => {
    shards.forEach((s, i) => {
      expect(s.environment.settings).toMatchObject({
        shard: `${i + 1}/3`,
        shardBalancedBy: 'benchmark counts'
      })
      expect(logs[i]).toContain(
        `${s.packages.length} package(s) with benchmarks in shard ${i + 1}/3 (of 7, balanced by benchmark counts)`
      )
    })
    expect(whole.environment.settings).not.toHaveProperty('shard')
  })

  it('records each package’s duration', () => {
    for (const p of whole.packages) expect(p.durationMs, p.importPath).toBeGreaterThan(0)
  })

  it('gives a shard the same packages every time, and balances by a baseline’s durations', async () => {
    const again = await cli(runArgs(join(dir, 'again'), ['--shard', '2/3']), { timeout: 300_000 })
    expect(again.code, again.stderr).toBe(0)
    expect(packagesOf((await readBundle(join(dir, 'again'))).bundle)).toEqual(packagesOf(shards[1]))
    const parts: Bundle[] = []
    for (const i of [1, 2, 3]) {
      const r = await cli(
        runArgs(join(dir, `weighed-${i}`), [
          '--shard',
          `${i}/3`,
          '--shard-weights',
          join(dir, 'whole')
        ]),
        { timeout: 300_000 }
      )
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toContain('balanced by baseline durations')
      parts.push((await readBundle(join(dir, `weighed-${i}`))).bundle)
    }
    expect(parts.flatMap(packagesOf).sort()).toEqual(packagesOf(whole))
  })

  it('follows a baseline part’s assignment: old packages stay, a new one lands in one shard', async () => {
    // The part records where every package ran.
    expect(shards[0].environment.settings?.shardAssignment).toEqual(
      Object.fromEntries(shards.flatMap((b, i) => packagesOf(b).map(p => [p, i + 1])))
    )
    // A new package, with many benchmarks (it would weigh a lot).
    mkdirSync(join(mod, 'theta'), { recursive: true })
    writeFileSync(join(mod, 'theta', 'theta.go'), 'package theta\n\nfunc Work() int { return 1 }\n')
    writeFileSync(
      join(mod, 'theta', 'theta_test.go'),
      'package theta\n\nimport "testing"\n\n' +
        Array.from(
          { length: 9 },
          (_, k) =>
            `func BenchmarkT${k}(b *testing.B) { for i := 0; i < b.N; i++ { _ = Work() } }\n`
        ).join('')
    )
    const followed: Bundle[] = []
    for (const i of [1, 2, 3]) {
      // Each shard follows its own part, as a pull request's shard job would.
      const r = await cli(
        runArgs(join(dir, `follow-${i}`), [
          '--shard',
          `${i}/3`,
          '--shard-weights',
          join(dir, `shard-${i}`)
        ]),
        { timeout: 300_000 }
      )
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toContain("balanced by the baseline part's assignment")
      followed.push((await readBundle(join(dir, `follow-${i}`))).bundle)
    }
    const all = followed.flatMap(packagesOf)
    expect(all.sort()).toEqual([...packagesOf(whole), 'example.com/sharded/theta'].sort())
    followed.forEach((b, i) => {
      const old = packagesOf(b).filter(p => !p.endsWith('/theta'))
      expect(old, `shard ${i + 1}`).toEqual(packagesOf(shards[i]))
    })
    rmSync(join(mod, 'theta'), { recursive: true })
  })

  it('ab --shard measures the same packages as run --shard', async () => {
    const g = gitIn(mod)
    await g('init', '-q', '-b', 'main')
    await g('add', '.')
    await g('commit', '-qm', 'base')
    const r = await cli(
      [
        'ab',
        '--base',
        'main',
        '--dir',
        mod,
        '--count',
        '2',
        '--benchtime',
        '100x',
        '--shard',
        '3/3',
        // One commit on both sides: every package is identical, so only
        // --select all measures them (what this test compares).
        '--select',
        'all',
        '--out',
        join(dir, 'ab'),
        '--format',
        'json'
      ],
      { cwd: mod, timeout: 300_000 }
    )
    expect([0, 1], r.stderr).toContain(r.code)
    for (const side of ['base', 'head'])
      expect(packagesOf((await readBundle(join(dir, 'ab', side))).bundle), side).toEqual(
        packagesOf(shards[2])
      )
  })

  it('refuses a malformed shard, and a shard the packages cannot fill, clearly', async () => {
    const bad = await cli(runArgs(join(dir, 'bad'), ['--shard', '4/3']))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--shard must be i/n with 1 ≤ i ≤ n ≤ 256')
    expect(bad.stderr).toContain('not "4/3"')
    // A part of a run with another shard count cannot be followed.
    const other = await cli(
      runArgs(join(dir, 'other'), ['--shard', '1/2', '--shard-weights', join(dir, 'shard-2')])
    )
    expect(other.code).toBe(1)
    expect(other.stderr).toContain('is shard 2/3 of a run of 3 shards, and this run has 2')
    const lone = await cli(runArgs(join(dir, 'lone'), ['--shard-weights', join(dir, 'whole')]))
    expect(lone.code).toBe(2)
    expect(lone.stderr).toContain('--shard-weights only applies with --shard i/n')
    // Seven packages on twelve shards: some shard is empty.
    const codes: string[] = []
    for (let i = 1; i <= 12; i++) {
      const r = await cli(runArgs(join(dir, `many-${i}`), ['--shard', `${i}/12`, '--bench', '^$x']))
      if (r.code === 1 && r.stderr.includes(`shard ${i}/12 has no packages`)) codes.push(r.stderr)
    }
    expect(codes.length).toBeGreaterThanOrEqual(5)
    expect(codes[0]).toMatch(
      /all 7 packages with benchmarks on the other 11, balancing their loads\. Use fewer shards/
    )
    expect(codes[0]).not.toMatch(/\n\s+at /)
  })

  it('compare --shard takes two parts of that shard only', async () => {
    const part = join(dir, 'shard-2')
    const same = await cli(['compare', part, part, '--shard', '2/3', '--format', 'text'])
    expect(same.code, same.stderr).toBe(0)
    const other = await cli(['compare', part, part, '--shard', '1/3'])
    expect(other.code).toBe(2)
    expect(other.stderr).toContain("is shard 2/3's part, not shard 1/3's")
    const whole = await cli(['compare', join(dir, 'whole'), part, '--shard', '2/3'])
    expect(whole.code).toBe(2)
    expect(whole.stderr).toContain("is not a shard's part (it was run without --shard)")
    expect(whole.stderr).not.toMatch(/\n\s+at /)
  })
})
