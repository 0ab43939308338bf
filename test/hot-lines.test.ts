/**
 * Hot lines, matched by content through git diff: the mapping against the
 * truth of a file whose every line is unique, and end to end on a Go
 * module in a real git repository whose head inserts lines above the hot
 * loop and edits a line of it to cost more.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { lineDeltas } from '../src/compare/lines.js'
import type { Comparison, FunctionDelta } from '../src/compare/model.js'
import { baseToHead, headToBase, parseHunks } from '../src/compare/hunks.js'
import { cli } from './helpers/cli.js'
import { run, tempDir } from './helpers/go.js'

const cliIn = (args: string[], cwd: string) => cli(args, { cwd })

function gitIn(repo: string) {
  return (...args: string[]) =>
    run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo })
}

describe('lines matched through git diff', () => {
  // Every line unique, so where each went is known by its text alone.
  const base = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`)
  const edits: Record<string, (lines: string[]) => string[]> = {
    'lines inserted above': l => [...l.slice(0, 5), 'new a', 'new b', 'new c', ...l.slice(5)],
    'the hot line edited': l => l.map(x => (x === 'line 20' ? 'line 20, edited' : x)),
    'lines deleted above': l => l.filter(x => x !== 'line 3' && x !== 'line 4'),
    'a block replaced by a longer one': l => [
      ...l.slice(0, 10),
      'r1',
      'r2',
      'r3',
      'r4',
      ...l.slice(12)
    ],
    'everything at once': l =>
      [...l.slice(0, 2), 'top', ...l.slice(2)]
        .filter(x => x !== 'line 30')
        .map(x => (x === 'line 20' ? 'line 20, edited' : x))
  }
  for (const [what, edit] of Object.entries(edits))
    it(`${what}: every unchanged line finds its text, every edit its position`, async () => {
      const repo = tempDir('diff-repo')
      const g = gitIn(repo)
      await g('init', '-q', '-b', 'main')
      writeFileSync(join(repo, 'f.go'), base.join('\n') + '\n')
      await g('add', '.')
      await g('commit', '-qm', 'base')
      const head = edit(base)
      writeFileSync(join(repo, 'f.go'), head.join('\n') + '\n')
      const { stdout } = await g('diff', '--unified=0', 'HEAD', '--', 'f.go')
      const hunks = parseHunks(stdout)
      expect(hunks.length).toBeGreaterThan(0)
      for (const [i, text] of base.entries()) {
        const m = baseToHead(hunks, i + 1)
        const at = head.indexOf(text)
        if (at >= 0) expect(m, text).toEqual({ line: at + 1, edited: false })
        else if (text === 'line 20' && head.includes('line 20, edited'))
          expect(m, text).toEqual({ line: head.indexOf('line 20, edited') + 1, edited: true })
        else if (m) expect(m.edited, text).toBe(true)
      }
      for (const [i, text] of head.entries()) {
        const m = headToBase(hunks, i + 1)
        const at = base.indexOf(text)
        if (at >= 0) expect(m, text).toEqual({ line: at + 1, edited: false })
        else if (!text.includes('edited') && !/^r\d$/.test(text)) expect(m, text).toBeUndefined()
      }
    })

  it('rows: a moved line keeps its base cost, an edited one shows both texts, a new one none', () => {
    const hunks = [
      { baseStart: 5, baseCount: 0, headStart: 6, headCount: 3 },
      { baseStart: 20, baseCount: 1, headStart: 23, headCount: 1 }
    ]
    const c = (line: number, self: number) => ({ line, flat: self, cum: self, self })
    const rows = lineDeltas(
      {
        hunks,
        base: base,
        head: [
          ...base.slice(0, 5),
          'new a',
          'new b',
          'new c',
          ...base.slice(5).map(x => (x === 'line 20' ? '\tline 20, edited' : x))
        ]
      },
      [c(10, 100), c(20, 50)],
      [c(13, 101), c(23, 400), c(7, 30)],
      1
    )
    expect(rows.map(r => [r.line, r.baseLine, r.change, r.delta.self])).toEqual([
      [23, 20, 'edited', 350],
      [7, null, 'new', 30],
      [13, 10, 'moved', 1]
    ])
    expect(rows[0].text).toBe('line 20, edited')
    expect(rows[0].baseText).toBe('line 20')
    expect(rows[1].text).toBe('new b')
  })
})

const GO_MOD = 'module example.com/hot\n\ngo 1.22\n'
const SUM = (extra: string, edited: string) => `package hot

// Sum mixes every value twice: a steady loop, then one the head edits.
func Sum(xs []uint64) uint64 {
	var s uint64
${extra}	for _, x := range xs {
		s += x * x % 7
	}
	for _, x := range xs {
		${edited}
	}
	return s
}
`
const BASE_LINE = 's ^= x >> 3'
const HEAD_LINE =
  'for k := uint64(0); k < 12; k++ { s ^= (x>>k)*2654435761%1000003 + k*k%13 + (x^k)%17 }'
const BENCH = `package hot

import "testing"

var sink uint64

func BenchmarkSum(b *testing.B) {
	xs := make([]uint64, 4096)
	for i := range xs {
		xs[i] = uint64(i)*7919 + 1
	}
	for i := 0; i < b.N; i++ {
		sink += Sum(xs)
	}
}
`

describe('hot lines end to end', () => {
  const repo = tempDir('hot-repo')
  const out = tempDir('hot-out')
  const g = gitIn(repo)
  let baseSha = ''
  const RUN = ['run', '--count', '5', '--benchtime', '100ms']

  beforeAll(async () => {
    mkdirSync(join(repo, 'hot'))
    writeFileSync(join(repo, 'go.mod'), GO_MOD)
    writeFileSync(join(repo, 'hot', 'hot_test.go'), BENCH)
    writeFileSync(join(repo, 'hot', 'hot.go'), SUM('', BASE_LINE))
    await g('init', '-q', '-b', 'main')
    await g('add', '.')
    await g('commit', '-qm', 'base')
    baseSha = (await g('rev-parse', 'HEAD')).stdout.trim()
    const b = await cliIn([...RUN, '--out', join(out, 'base')], repo)
    expect(b.code, b.stderr).toBe(0)
    // Head: three lines inserted above both loops, and the second loop's body made ~12× dearer.
    writeFileSync(
      join(repo, 'hot', 'hot.go'),
      SUM('\t// Three lines\n\t// inserted above\n\t_ = len(xs)\n', HEAD_LINE)
    )
    await g('commit', '-qam', 'head: a dearer mix, and lines above it')
    const h = await cliIn([...RUN, '--out', join(out, 'head')], repo)
    expect(h.code, h.stderr).toBe(0)
  }, 240_000)

  const sumOf = (c: Comparison): FunctionDelta => {
    const b = c.benchmarks.find(x => x.name.startsWith('BenchmarkSum'))!
    expect(b.verdict).toBe('regression')
    const f = b.functions!.cpu!.find(x => x.name === 'example.com/hot/hot.Sum')!
    expect(f, JSON.stringify(b.functions!.cpu!.map(x => x.name))).toBeDefined()
    return f
  }

  const expectMatched = (f: FunctionDelta): void => {
    expect(f.file).toBe('hot/hot.go')
    const lines = f.lines!
    expect(lines.length).toBeGreaterThan(0)
    // The edited line is first, at its head number, paired with the line it replaced.
    const top = lines[0]
    expect(top).toMatchObject({ line: 13, baseLine: 10, change: 'edited', text: HEAD_LINE })
    expect(top.baseText).toBe(BASE_LINE)
    expect(top.delta.self).toBeGreaterThan(0)
    // No line of the unchanged code is blamed as new: each found its base
    // line, three above it below the inserted lines 6-8, the same above them.
    for (const l of lines.slice(1)) {
      if (l.change === 'new') expect(l.line! >= 6 && l.line! <= 8, JSON.stringify(l)).toBe(true)
      else if (l.line! > 8)
        expect([l.change, l.baseLine], JSON.stringify(l)).toEqual(['moved', l.line! - 3])
      else expect([l.change, l.baseLine], JSON.stringify(l)).toEqual(['same', l.line])
    }
    // The steady loop's line, where about half of base's time went, kept its base cost.
    const steady = lines.find(l => l.text === 's += x * x % 7')
    if (steady) expect(steady.base.self).toBeGreaterThan(0)
  }

  it('with the head checked out: base commit against the work tree', async () => {
    const r = await cliIn(
      ['compare', join(out, 'base'), join(out, 'head'), '--format', 'json'],
      repo
    )
    const c = JSON.parse(r.stdout) as Comparison
    expect(c.hotLines).toEqual({ between: `${baseSha.slice(0, 12)}..the work tree` })
    expectMatched(sumOf(c))
    const md = await cliIn(['compare', join(out, 'base'), join(out, 'head')], repo)
    expect(md.stdout).toContain('Hot lines of `example.com/hot/hot.Sum` (`hot/hot.go`)')
    expect(md.stdout).toMatch(/\| L13 \(edited\) \| \+[\d.]+/)
  })

  it('with the base checked out: the two commits, texts from git', async () => {
    const clone = tempDir('hot-clone')
    await run('git', ['clone', '-q', repo, clone])
    await run('git', ['checkout', '-q', baseSha], { cwd: clone })
    const r = await cliIn(
      ['compare', join(out, 'base'), join(out, 'head'), '--format', 'json'],
      clone
    )
    const c = JSON.parse(r.stdout) as Comparison
    expect((c.hotLines as { between: string }).between).toMatch(
      new RegExp(`^${baseSha.slice(0, 12)}\\.\\.[0-9a-f]{12}$`)
    )
    expectMatched(sumOf(c))
  })

  it('compare --confirm-base re-measures the suspects at the benchtime the bundles were made at', async () => {
    const confirm = (...more: string[]) =>
      cliIn(
        [
          'compare',
          join(out, 'base'),
          join(out, 'head'),
          '--confirm-base',
          baseSha,
          '--confirm-rounds',
          '6',
          ...more
        ],
        repo
      )
    const r = await confirm('--out', join(out, 'confirm'), '--format', 'json')
    const c = JSON.parse(r.stdout) as Comparison
    expect(c.confirmation, r.stderr).toMatchObject({ rounds: 6, benchtime: '100ms' })
    expect(c.confirmation!.error).toBeUndefined()
    expect(c.benchmarks.find(b => b.name.startsWith('BenchmarkSum'))!.confirmation?.status).toBe(
      'confirmed'
    )
    expect(r.stderr).toMatch(/round 6\/6/)
    const md = await confirm('--benchtime', '50ms', '--out', join(out, 'confirm2'))
    expect(md.stdout).toContain(
      '(up to 6 rounds of 50ms, group-sequential test, each suspect stopped once decided'
    )
  })

  it('outside the repository: no hot lines, and the report says why', async () => {
    const elsewhere = tempDir('hot-elsewhere')
    const e = gitIn(elsewhere)
    await e('init', '-q', '-b', 'main')
    await e('commit', '-q', '--allow-empty', '-m', 'another project')
    const r = await cliIn(
      ['compare', join(out, 'base'), join(out, 'head'), '--format', 'json'],
      elsewhere
    )
    const c = JSON.parse(r.stdout) as Comparison
    expect(c.hotLines).toEqual({
      unavailable: `the base commit ${baseSha} is not in the clone`
    })
    expect(sumOf(c).lines).toBeUndefined()
    const md = await cliIn(['compare', join(out, 'base'), join(out, 'head')], elsewhere)
    expect(md.stdout).toContain(`No hot lines: the base commit ${baseSha} is not in the clone`)
  })
})
