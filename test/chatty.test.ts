/**
 * Benchmarks that print, end to end (fixtures/chatty, real go test): plain
 * lines, lines that look like Go's own failure reports (`# …`, `panic: …`),
 * output with no final newline, a workflow command, and custom units named
 * like Object members. `run` keeps every result, and `compare` judges them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Bundle } from '../src/bundle/index.js'
import { cli } from './helpers/cli.js'
import { ROOT, tempDir } from './helpers/go.js'

const NAMES = [
  'BenchmarkHashLine',
  'BenchmarkNoNewline',
  'BenchmarkObjectUnits',
  'BenchmarkPanicLine',
  'BenchmarkPlain',
  'BenchmarkQuiet',
  'BenchmarkWorkflowCommand'
]

describe('run on benchmarks that print', () => {
  const out = join(tempDir('chatty'), 'bundle')
  let r: Awaited<ReturnType<typeof cli>>
  let bundle: Bundle
  beforeAll(async () => {
    r = await cli([
      'run',
      '--dir',
      join(ROOT, 'fixtures', 'chatty'),
      '--count',
      '3',
      '--benchtime',
      '2000x',
      '--out',
      out
    ])
    bundle = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Bundle
  })

  it('keeps every result and exits 0, with no stack trace', () => {
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/)
    expect(r.code).toBe(0)
    expect(bundle.benchmarks.map(b => b.name.replace(/-\d+$/, '')).sort()).toEqual(NAMES)
    for (const b of bundle.benchmarks) expect(b.samples['ns/op']).toHaveLength(3)
  })

  it('keeps units named like Object members as units', () => {
    const b = bundle.benchmarks.find(x => x.name.startsWith('BenchmarkObjectUnits'))!
    expect(Object.keys(b.samples).sort()).toEqual(
      [
        'B/op',
        '__proto__',
        'allocs/op',
        'constructor',
        'hasOwnProperty',
        'ns/op',
        'toString',
        'valueOf'
      ].sort()
    )
    expect(b.samples['toString']).toEqual([1, 1, 1])
    expect(b.samples['__proto__']).toEqual([3, 3, 3])
  })

  it('compare reads the bundle and the text, units and all', async () => {
    const c = await cli(['compare', out, out, '--format', 'json'])
    expect(c.stderr).not.toMatch(/internal error/)
    expect(c.code).toBe(0)
    const cmp = JSON.parse(c.stdout) as {
      benchmarks: { name: string; metrics: { unit: string }[] }[]
    }
    expect(cmp.benchmarks).toHaveLength(NAMES.length)
    const text = join(ROOT, 'fixtures', 'benchtext', 'chatty.txt')
    const t = await cli(['compare', text, text, '--format', 'text'])
    expect(t.code).toBe(0)
    for (const unit of ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'])
      expect(t.stdout).toContain(unit)
  })
})
