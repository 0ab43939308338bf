/**
 * A pull request pays for what it changes (issue 30, first part): `benchgate
 * ab` does not measure a package whose test binaries and package files are
 * identical on both sides, records it in results.json's `skipped`, and says
 * so in the comparison. Real Go, a real four-package module in a git
 * repository: a leaf, a core package and an app that imports it, and a
 * package whose benchmark reads testdata/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Bundle } from '../src/bundle/index.js'
import type { Comparison } from '../src/compare/model.js'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/go.js'
import { gitIn } from './helpers/repo.js'

const repo = tempDir('identical-repo')
const g = gitIn(repo)
const out = tempDir('identical-out')

/** A package `name` with Work(n) = sum of i·k, and a BenchmarkWork; `extra` goes into its test file. */
function pkg(name: string, body: string, imports = '', bench = 'sink += Work(200)'): void {
  mkdirSync(join(repo, name), { recursive: true })
  writeFileSync(
    join(repo, name, `${name}.go`),
    `package ${name}\n\n${imports}\n// Work sums.\nfunc Work(n int) int {\n${body}\n}\n`
  )
  writeFileSync(
    join(repo, name, `${name}_test.go`),
    `package ${name}\n\nimport (\n\t"os"\n\t"testing"\n)\n\nvar sink int\n\nvar _ = os.ReadFile\n\nfunc BenchmarkWork(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\t${bench}\n\t}\n}\n`
  )
}

const SUM = '\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += i * 3\n\t}\n\treturn s'

/** ab of HEAD~1 against HEAD: the comparison and the head bundle. */
async function abOfLastCommit(
  to: string,
  extra: string[] = []
): Promise<{ c: Comparison; head: Bundle; stderr: string }> {
  const r = await cli(
    [
      'ab',
      '--base',
      'HEAD~1',
      '--count',
      '2',
      '--benchtime',
      '5ms',
      '--format',
      'json',
      ...extra,
      '--out',
      join(out, to)
    ],
    { cwd: repo }
  )
  expect([0, 1], r.stderr).toContain(r.code)
  return {
    c: JSON.parse(r.stdout) as Comparison,
    head: JSON.parse(readFileSync(join(out, to, 'head', 'results.json'), 'utf8')) as Bundle,
    stderr: r.stderr
  }
}

const measured = (b: Bundle) => [...new Set(b.benchmarks.map(x => x.package))].sort()
const skipped = (b: Bundle) => (b.skipped ?? []).map(s => s.package).sort()

describe('ab measures only what can differ', () => {
  let leaf: Awaited<ReturnType<typeof abOfLastCommit>>
  let core: Awaited<ReturnType<typeof abOfLastCommit>>
  let testdata: Awaited<ReturnType<typeof abOfLastCommit>>
  let docs: Awaited<ReturnType<typeof abOfLastCommit>>

  beforeAll(async () => {
    writeFileSync(join(repo, 'go.mod'), 'module example.com/mono\n\ngo 1.22\n')
    pkg('leaf', SUM)
    pkg('core', SUM)
    pkg('app', '\treturn core.Work(n) + 1', 'import "example.com/mono/core"\n')
    pkg('data', SUM, '', 'b, _ := os.ReadFile("testdata/in.txt"); sink += len(b) + Work(200)')
    mkdirSync(join(repo, 'data', 'testdata'), { recursive: true })
    writeFileSync(join(repo, 'data', 'testdata', 'in.txt'), 'one\n')
    writeFileSync(join(repo, 'README.md'), '# mono\n')
    await g('init', '-q', '-b', 'main')
    await g('add', '.')
    await g('commit', '-qm', 'base')
    // 1. A change to the leaf alone.
    writeFileSync(
      join(repo, 'leaf', 'leaf.go'),
      readFileSync(join(repo, 'leaf', 'leaf.go'), 'utf8').replace('i * 3', 'i * 5')
    )
    await g('commit', '-qam', 'leaf: another factor')
    leaf = await abOfLastCommit('leaf')
    // 2. A change to core, which app imports.
    writeFileSync(
      join(repo, 'core', 'core.go'),
      readFileSync(join(repo, 'core', 'core.go'), 'utf8').replace('i * 3', 'i * 7')
    )
    await g('commit', '-qam', 'core: another factor')
    core = await abOfLastCommit('core')
    // 3. A change to data's testdata/ only: its binary is the same.
    writeFileSync(join(repo, 'data', 'testdata', 'in.txt'), 'one\ntwo\n')
    await g('commit', '-qam', 'data: more input')
    testdata = await abOfLastCommit('testdata')
    // 4. Docs only.
    writeFileSync(join(repo, 'README.md'), '# mono\n\nMore words.\n')
    await g('commit', '-qam', 'docs')
    docs = await abOfLastCommit('docs')
  }, 600_000)

  it('a leaf change measures the leaf alone, and records the rest as identical', () => {
    expect(measured(leaf.head)).toEqual(['example.com/mono/leaf'])
    expect(skipped(leaf.head)).toEqual([
      'example.com/mono/app',
      'example.com/mono/core',
      'example.com/mono/data'
    ])
    expect(leaf.head.skipped!.every(s => s.reason === 'identical test binary')).toBe(true)
    expect(leaf.c.benchmarks.map(b => b.package)).toEqual(['example.com/mono/leaf'])
    expect(leaf.c.notes.join('\n')).toMatch(
      /Not measured: 3 package\(s\) whose test binary and package files are identical/
    )
    expect(leaf.stderr).toMatch(
      /example\.com\/mono\/core: identical test binary and files on both sides; not measured/
    )
  })

  it('a change to an imported package measures it and its importer', () => {
    expect(measured(core.head)).toEqual(['example.com/mono/app', 'example.com/mono/core'])
    expect(skipped(core.head)).toEqual(['example.com/mono/data', 'example.com/mono/leaf'])
  })

  it('a change to testdata/ alone is measured: the binary is the same, its input is not', () => {
    expect(measured(testdata.head)).toEqual(['example.com/mono/data'])
  })

  it('a docs-only change measures nothing, passes, and says why', () => {
    expect(measured(docs.head)).toEqual([])
    expect(skipped(docs.head)).toHaveLength(4)
    expect(docs.c.benchmarks).toEqual([])
    expect(docs.c.gate.fail).toBe(false)
    expect(docs.c.notes.join('\n')).toMatch(/Not measured: 4 package\(s\)/)
  })

  it('--select all measures every package, and a bad --select is refused', async () => {
    const { head } = await abOfLastCommit('all', ['--select', 'all'])
    expect(measured(head)).toHaveLength(4)
    expect(head.skipped).toBeUndefined()
    const bad = await cli(['ab', '--base', 'HEAD~1', '--select', 'some'], { cwd: repo })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--select must be changed or all, not "some"')
  })
})

describe('confirmation clears a suspect whose test binary cannot differ', () => {
  it('compare --confirm-base: identical at the base revision, cleared without rounds', async () => {
    // A build tag that makes Work spin, committed: the head bundle is made
    // with it and the baseline without, so the screen sees a slowdown that
    // no commit made. Confirmation builds both revisions with the tag.
    writeFileSync(
      join(repo, 'leaf', 'leaf.go'),
      'package leaf\n\n// Work sums, after spin extra steps.\nfunc Work(n int) int {\n\ts := 0\n\tfor i := 0; i < spin+n; i++ {\n\t\ts += i * 3\n\t}\n\treturn s\n}\n'
    )
    writeFileSync(
      join(repo, 'leaf', 'spin_on.go'),
      '//go:build benchgate_slow\n\npackage leaf\n\nconst spin = 3000\n'
    )
    writeFileSync(
      join(repo, 'leaf', 'spin_off.go'),
      '//go:build !benchgate_slow\n\npackage leaf\n\nconst spin = 0\n'
    )
    await g('add', '.')
    await g('commit', '-qm', 'leaf: a slow build variant')
    const runLeaf = (to: string, flags: string[] = []) =>
      cli(
        [
          'run',
          '--packages',
          './leaf',
          '--count',
          '6',
          '--benchtime',
          '5ms',
          '--out',
          join(out, to),
          ...flags
        ],
        { cwd: repo }
      )
    expect((await runLeaf('plain')).code).toBe(0)
    expect((await runLeaf('slow', ['--', '-tags=benchgate_slow'])).code).toBe(0)
    const r = await cli(
      [
        'compare',
        join(out, 'plain'),
        join(out, 'slow'),
        '--confirm-base',
        'HEAD',
        '--format',
        'json',
        '--out',
        join(out, 'confirm'),
        '--',
        '-tags=benchgate_slow'
      ],
      { cwd: repo }
    )
    expect(r.code, r.stderr).toBe(0)
    const c = JSON.parse(r.stdout) as Comparison
    const work = c.benchmarks.find(b => b.name.startsWith('BenchmarkWork'))!
    expect(work.confirmation?.status).toBe('identical')
    expect(work.confirmation?.rounds).toBe(0)
    expect(work.verdict).toBe('unchanged')
    expect(c.gate.fail).toBe(false)
    expect(r.stderr).toMatch(
      /example\.com\/mono\/leaf: identical test binary and files on both sides; not measured/
    )
    expect(r.stderr).not.toMatch(/round 1\//)
  })
})
