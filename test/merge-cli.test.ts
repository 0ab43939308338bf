/**
 * `benchgate merge` end to end (issue 18, item 4): real `go test -bench`
 * output of three standard-library packages, one file per package and
 * side, compared per package as three shards would, then merged by the
 * built CLI. The oracle is the CLI's own `compare` of the same runs as one
 * file per side: the merge must agree with it benchmark by benchmark.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../src/compare/model.js'
import { cli } from './helpers/cli.js'
import { run, tempDir } from './helpers/go.js'

const dir = tempDir('merge-cli')
const PKGS = ['unicode/utf8', 'hash/fnv', 'encoding/hex']
const file = (side: string, i: number | 'all') => join(dir, `${side}-${i}.txt`)

/** Agreement is per benchmark: verdict, adjusted p, Δ. */
const byBenchmark = (c: Comparison) =>
  Object.fromEntries(
    c.benchmarks.map(b => [
      `${b.package} ${b.name}`,
      b.metrics.map(m => [m.unit, m.verdict, m.pAdjusted, m.deltaPercent])
    ])
  )

let merged: { code: number; stdout: string; stderr: string }
let whole: { code: number; stdout: string; stderr: string }

beforeAll(async () => {
  for (const side of ['base', 'head']) {
    const outs: string[] = []
    for (const [i, pkg] of PKGS.entries()) {
      const { stdout } = await run('go', [
        'test',
        '-run',
        '^$',
        '-bench',
        '.',
        '-benchmem',
        '-count',
        '6',
        '-benchtime',
        '2ms',
        pkg
      ])
      writeFileSync(file(side, i), stdout)
      outs.push(stdout)
    }
    writeFileSync(file(side, 'all'), outs.join(''))
  }
  for (const i of PKGS.keys()) {
    const r = await cli([
      'compare',
      file('base', i),
      file('head', i),
      '--format',
      'json',
      '--output',
      join(dir, `shard-${i + 1}.json`)
    ])
    // 0 all clear, 1 a regression, 3 suspects this screen could not confirm.
    expect([0, 1, 3], r.stderr).toContain(r.code)
  }
  merged = await cli([
    'merge',
    ...PKGS.map((_, i) => join(dir, `shard-${i + 1}.json`)),
    '--format',
    'json'
  ])
  whole = await cli(['compare', file('base', 'all'), file('head', 'all'), '--format', 'json'])
}, 600_000)

describe('benchgate merge, on real go test output', () => {
  it('agrees with one comparison of the same runs, benchmark by benchmark', () => {
    const m = JSON.parse(merged.stdout) as Comparison
    const w = JSON.parse(whole.stdout) as Comparison
    expect(m.benchmarks.length).toBeGreaterThan(20)
    expect(new Set(m.benchmarks.map(b => b.package))).toEqual(new Set(PKGS))
    expect(byBenchmark(m)).toEqual(byBenchmark(w))
    expect(m.counts).toEqual(w.counts)
    expect(m.gate).toEqual(w.gate)
    expect(merged.code).toBe(whole.code)
  })

  it('renders one comment that says what it merged', async () => {
    const r = await cli(['merge', join(dir, 'shard-1.json'), join(dir, 'shard-2.json')])
    expect(r.stdout).toContain('Merged from 2 shards (shard-1.json, shard-2.json)')
    expect(r.stdout).toContain('<!-- benchgate:default -->')
  })

  it('refuses a shard given twice: it overlaps itself', async () => {
    const r = await cli(['merge', join(dir, 'shard-1.json'), join(dir, 'shard-1.json')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /^benchgate: Benchmark\S* of unicode\/utf8 is in both .*shard-1\.json and .*shard-1\.json: the shards overlap/
    )
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('names a file that is not a comparison, and what merge wants', async () => {
    writeFileSync(join(dir, 'bench.txt'), readFileSync(file('base', 0)))
    writeFileSync(join(dir, 'empty.json'), '{}')
    const text = await cli(['merge', join(dir, 'bench.txt')])
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('bench.txt is not JSON')
    expect(text.stderr).toContain('merge takes the files `benchgate compare --format json` writes')
    const empty = await cli(['merge', join(dir, 'empty.json')])
    expect(empty.code).toBe(1)
    expect(empty.stderr).toMatch(
      /empty\.json is not a comparison benchgate can merge: .*comparison\.options/
    )
    const none = await cli(['merge'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Usage: benchgate merge <comparison.json>...')
  })

  it('keeps a hostile name inert in the comment and on the terminal', async () => {
    const c = JSON.parse(readFileSync(join(dir, 'shard-3.json'), 'utf8')) as Comparison
    c.benchmarks[0].name = 'BenchmarkX<img src=x onerror=alert(1)>\u001b]8;;http://evil\u0007|y'
    writeFileSync(join(dir, 'hostile.json'), JSON.stringify(c))
    const md = await cli(['merge', join(dir, 'hostile.json')])
    // As GitHub renders it (raw HTML allowed): the name is text in a code span.
    const html = new MarkdownIt({ html: true }).render(md.stdout)
    expect(html).not.toMatch(/<img/i)
    expect(html).toContain('<code>BenchmarkX&lt;img src=x onerror=alert(1)&gt;')
    expect(md.stdout).not.toContain('\u001b')
    const text = await cli(['merge', join(dir, 'hostile.json'), '--format', 'text'])
    expect(text.stdout).not.toContain('\u001b')
    expect(text.stdout).not.toContain('\u0007')
  })
})
