/**
 * The -bench pattern that selects exactly the suspects, run through the
 * real Go test binary's matcher. (Folding an A/B into the screen is
 * test/unit/judge/judge.test.ts.)
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { exactBenchPattern } from '../src/measure/select.js'
import { splitTestFlags } from '../src/gobench/args.js'
import { run, tempDir } from './helpers/go.js'

describe('exactBenchPattern, through the real go test matcher', () => {
  const dir = tempDir('select')
  const bin = join(dir, 'sel.test')
  const names = async (pattern: string, cpu = '2'): Promise<string[]> => {
    const { stdout } = await run(bin, [
      '-test.run=^$',
      `-test.bench=${pattern}`,
      '-test.benchtime=1x',
      `-test.cpu=${cpu}`
    ])
    return stdout
      .split('\n')
      .filter(l => l.startsWith('Benchmark'))
      .map(l => l.split(/\s+/)[0])
      .sort()
  }
  let all: string[] = []

  beforeAll(async () => {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/sel\n\ngo 1.22\n')
    writeFileSync(
      join(dir, 'sel_test.go'),
      `package sel

import "testing"

func leaf(b *testing.B) {
	for i := 0; i < b.N; i++ {
	}
}

func BenchmarkA(b *testing.B) {
	for _, n := range []string{"x", "y", "size-8", "size", "a.b(c)|d", "x y", "[z]*"} {
		b.Run(n, leaf)
	}
}

func BenchmarkAB(b *testing.B) { leaf(b) }
func BenchmarkB(b *testing.B)  { leaf(b) }

func BenchmarkC(b *testing.B) {
	b.Run("n=1", func(b *testing.B) {
		b.Run("deep", leaf)
		b.Run("other", leaf)
	})
	b.Run("n=2", func(b *testing.B) { b.Run("deep", leaf) })
}
`
    )
    await run('go', ['test', '-c', '-o', bin, '.'], { cwd: dir })
    all = await names('.')
  })

  it('selects every subset exactly, metacharacters and all', async () => {
    expect(all).toHaveLength(12)
    expect(all).toContain('BenchmarkA/a.b(c)|d-2')
    expect(all).toContain('BenchmarkA/x_y-2')
    const subsets = [
      ['BenchmarkB-2'],
      ['BenchmarkA/x-2'],
      ['BenchmarkA/a.b(c)|d-2', 'BenchmarkA/[z]*-2'],
      ['BenchmarkA/size-8-2', 'BenchmarkAB-2'],
      ['BenchmarkC/n=1/deep-2', 'BenchmarkB-2', 'BenchmarkA/x_y-2'],
      all
    ]
    for (const s of subsets) expect(await names(exactBenchPattern(s))).toEqual([...s].sort())
  })

  it('with GOMAXPROCS 1 (no suffix printed), a name ending in -8 is still selected', async () => {
    const one = await names('.', '1')
    expect(one).toContain('BenchmarkA/size-8')
    expect(await names(exactBenchPattern(['BenchmarkA/size-8', 'BenchmarkB']), '1')).toEqual([
      'BenchmarkA/size',
      'BenchmarkA/size-8',
      'BenchmarkB'
    ])
    // The one over-selection, documented in select.ts: a sibling named like
    // the suspect minus its "-8" also runs, since "-8" may be the suffix.
  })

  it('splits go-test-flags for the A/B: build flags to go test -c, test flags to each run', async () => {
    const split = splitTestFlags([
      '-tags=x',
      '-cpu',
      '1,2',
      '-short',
      '-gcflags=-N -l',
      '-test.shuffle=1'
    ])
    expect(split).toEqual({
      build: ['-tags=x', '-gcflags=-N -l'],
      run: ['-test.cpu=1,2', '-test.short', '-test.shuffle=1']
    })
    // The real binary takes them: with -cpu 1,2 each benchmark runs twice.
    const { stdout } = await run(bin, [
      '-test.run=^$',
      '-test.bench=^BenchmarkB$',
      '-test.benchtime=1x',
      ...split.run
    ])
    expect(
      stdout
        .split('\n')
        .filter(l => l.startsWith('Benchmark'))
        .map(l => l.split(/\s+/)[0])
    ).toEqual(['BenchmarkB', 'BenchmarkB-2'])
  })
})
