/**
 * `benchgate history` on a real history (issue 31): a two-package Go
 * module given fourteen real commits, one of which makes (*Store).Get
 * slower by calling a new checksum on every lookup. Each commit is
 * measured with `benchgate run`, as a push would record it; the history
 * of those bundles has its change point on that commit, in the
 * benchmarks that reach Get, and names the function the commit changed.
 * Also: the CSV Otava reads, the Markdown, and what bad input gets.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/go.js'
import { gitIn } from './helpers/repo.js'

const repo = tempDir('history-repo')
const out = tempDir('history-out')
const g = gitIn(repo)

const STORE = (extra: string, call: string) => `package store

// Store maps keys to values.
type Store struct{ m map[int]int }

// New fills a store with n keys.
func New(n int) *Store {
	s := &Store{m: make(map[int]int, n)}
	for i := 0; i < n; i++ {
		s.m[i] = i * 7
	}
	return s
}
${extra}
// Get looks a key up.
func (s *Store) Get(k int) int {
${call}	return s.m[k]
}
`
const CHECKSUM = `
var sink uint64

// checksum walks the store: the slowdown.
func (s *Store) checksum() {
	for k, v := range s.m {
		sink += uint64(k ^ v)
	}
}
`

/** The module at its first commit: store, and api which imports it. */
function writeModule(): void {
  writeFileSync(join(repo, 'go.mod'), 'module example.com/kv\n\ngo 1.22\n')
  mkdirSync(join(repo, 'store'), { recursive: true })
  mkdirSync(join(repo, 'api'), { recursive: true })
  writeFileSync(join(repo, 'store', 'store.go'), STORE('', ''))
  writeFileSync(
    join(repo, 'store', 'store_test.go'),
    'package store\n\nimport "testing"\n\nvar out int\n\nfunc BenchmarkGet(b *testing.B) {\n\ts := New(64)\n\tfor i := 0; i < b.N; i++ {\n\t\tout += s.Get(i & 63)\n\t}\n}\n\nfunc BenchmarkNew(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tout += len(New(16).m)\n\t}\n}\n'
  )
  writeFileSync(
    join(repo, 'api', 'api.go'),
    'package api\n\nimport "example.com/kv/store"\n\n// Sum adds the values of keys 0..n-1.\nfunc Sum(s *store.Store, n int) int {\n\tt := 0\n\tfor k := 0; k < n; k++ {\n\t\tt += s.Get(k)\n\t}\n\treturn t\n}\n'
  )
  writeFileSync(
    join(repo, 'api', 'api_test.go'),
    'package api\n\nimport (\n\t"testing"\n\n\t"example.com/kv/store"\n)\n\nvar out int\n\nfunc BenchmarkSum(b *testing.B) {\n\ts := store.New(64)\n\tfor i := 0; i < b.N; i++ {\n\t\tout += Sum(s, 8)\n\t}\n}\n'
  )
}

const COMMITS = 14
const SLOW = 9
const shas: string[] = []
const bundles: string[] = []

beforeAll(async () => {
  writeModule()
  await g('init', '-q', '-b', 'main')
  for (let i = 0; i < COMMITS; i++) {
    if (i > 0) {
      // Every commit changes something real; commit SLOW adds the checksum to Get.
      writeFileSync(join(repo, 'CHANGES.md'), `change ${i}\n`)
      if (i === SLOW)
        writeFileSync(join(repo, 'store', 'store.go'), STORE(CHECKSUM, '\ts.checksum()\n'))
      if (i === 4)
        writeFileSync(
          join(repo, 'api', 'api.go'),
          readFileSync(join(repo, 'api', 'api.go'), 'utf8').replace(
            'adds the values',
            'sums the values'
          )
        )
    }
    await g('add', '.')
    await g('commit', '-qm', i === SLOW ? 'store: checksum on every Get' : `change ${i}`)
    shas.push((await g('rev-parse', 'HEAD')).stdout.trim())
    const dir = join(out, `c${i}`)
    // 30ms a sample: enough CPU samples in every run for the records' function costs.
    const r = await cli(['run', '--count', '4', '--benchtime', '30ms', '--out', dir], { cwd: repo })
    expect(r.code, r.stderr.slice(-2000)).toBe(0)
    bundles.push(dir)
  }
}, 900_000)

describe('benchgate history on a real sequence of commits', () => {
  it('lands the change point on the slow commit and names the function it changed', async () => {
    const r = await cli(['history', ...bundles, '--format', 'json'], { cwd: repo })
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout) as {
      changePoints: {
        benchmark: string
        package: string
        unit: string
        commit: string
        delta: number
        p: number
        kind: string
        functions: { name: string; delta: number }[]
      }[]
      records: number
    }
    expect(j.records).toBe(COMMITS)
    const time = j.changePoints.filter(c => c.unit === 'ns/op')
    // Get and Sum reach the checksum; New does not.
    const get = time.find(c => c.benchmark.startsWith('BenchmarkGet'))!
    const sum = time.find(c => c.benchmark.startsWith('BenchmarkSum'))!
    for (const c of [get, sum]) {
      expect(c.commit).toBe(shas[SLOW])
      expect(c.kind).toBe('regression')
      expect(c.delta).toBeGreaterThan(1)
      expect(c.p).toBeLessThan(0.001)
      expect(c.functions[0].name).toBe('example.com/kv/store.(*Store).checksum')
      expect(c.functions[0].delta).toBeGreaterThan(0.5)
    }
    expect(time.filter(c => c.benchmark.startsWith('BenchmarkNew'))).toEqual([])
    // No time change point anywhere else.
    expect(time.every(c => c.commit === shas[SLOW])).toBe(true)
  })

  it('writes the text, Markdown and Otava CSV of the same history, and keeps the history it built', async () => {
    const hist = join(out, 'history.json')
    const text = await cli(['history', ...bundles, '--write-history', hist], { cwd: repo })
    expect(text.stdout).toMatch(new RegExp(`${shas[SLOW].slice(0, 12)}  regression  BenchmarkGet`))
    // The kept history reads back alone, to the same change points.
    const again = await cli(['history', hist, '--format', 'json'], { cwd: repo })
    const direct = await cli(['history', ...bundles, '--format', 'json'], { cwd: repo })
    expect(JSON.parse(again.stdout).changePoints).toEqual(JSON.parse(direct.stdout).changePoints)
    const md = await cli(['history', hist, '--format', 'markdown'], { cwd: repo })
    expect(md.stdout).toMatch(/### benchgate history: \d+ change point\(s\) in 14 record\(s\)/)
    expect(md.stdout).toContain('`example.com/kv/store.(*Store).checksum`')
    const csv = await cli(['history', hist, '--format', 'csv', '-o', join(out, 'h.csv')], {
      cwd: repo
    })
    expect(csv.code).toBe(0)
    const lines = readFileSync(join(out, 'h.csv'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(COMMITS + 1)
    const header = lines[0].split(',')
    expect(header.slice(0, 2)).toEqual(['time', 'commit'])
    expect(header.some(h => /^example\.com\/kv\/store\.BenchmarkGet(-\d+)?:ns\/op$/.test(h))).toBe(
      true
    )
    expect(lines[SLOW + 1].split(',')[1]).toBe(shas[SLOW])
  })

  it('refuses what is not a bundle or a history, and says what to pass', async () => {
    writeFileSync(join(out, 'bad.json'), '{"format": "something-else"}')
    const bad = await cli(['history', join(out, 'bad.json')], { cwd: repo })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/bad\.json: format is not what a benchgate history holds/)
    expect(bad.stderr).not.toMatch(/\n\s+at /)
    const none = await cli(['history', join(out, 'nowhere')], { cwd: repo })
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/is neither a result bundle .* nor a history file/)
    const flag = await cli(['history', ...bundles.slice(0, 2), '--max-p', '2'], { cwd: repo })
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain('--max-p must be a number from')
  })
})
