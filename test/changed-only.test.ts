/**
 * A pull request pays for what it changes (issue 30): on a real
 * five-package module from the Go module proxy (github.com/segmentio/encoding
 * v0.5.4: ascii, iso8601, json, proto, thrift; json imports ascii and
 * iso8601, proto imports json), in a git repository given real changes:
 *
 * - json's Parse made slower: `run --since` measures json and proto (the
 *   packages whose test binaries contain json, by go list as the oracle)
 *   and nothing else; `compare` marks Parse as changed in the diff;
 * - a file under json/testdata/ changed: json alone is measured;
 * - README.md changed: nothing is measured, and the Action's pull request
 *   job says so, passes, and posts the comment.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bundle } from '../src/bundle/index.js'
import type { Comparison } from '../src/compare/model.js'
import { visibleText } from '../src/report/escape.js'
import { runAction, type ActionRun } from './helpers/action.js'
import { cli } from './helpers/cli.js'
import { FakeGitHub, pushRun } from './helpers/fake-github.js'
import { run, tempDir } from './helpers/go.js'
import { gitIn } from './helpers/repo.js'

const MODULE = 'github.com/segmentio/encoding'
const VERSION = 'v0.5.4'
const PKGS = ['ascii', 'iso8601', 'json', 'proto', 'thrift'].map(p => `${MODULE}/${p}`)
/**
 * A benchmark without sub-benchmarks in iso8601, json and proto; ascii's and
 * thrift's all have sub-benchmarks, so none of theirs matches (which
 * packages are measured is decided before -bench is applied).
 */
const BENCH = '^(BenchmarkParse|BenchmarkUnmarshalString|BenchmarkDecodeTag)$'
const TOKEN = 'ghs_fakeToken0123456789abcdef'
const repository = { default_branch: 'main', full_name: 'acme/widgets' }

const repo = tempDir('changed-only')
const out = tempDir('changed-only-out')
const g = gitIn(repo)
const rev = async (ref = 'HEAD') => (await g('rev-parse', ref)).stdout.trim()
const bundleOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Bundle
const measuredPackages = (b: Bundle) => [...new Set(b.benchmarks.map(x => x.package))].sort()
const skippedPackages = (b: Bundle) => (b.skipped ?? []).map(s => s.package).sort()

/** The packages (of PKGS) whose test binary links `pkg`: go list's answer, not ours. */
async function importersOf(pkg: string): Promise<string[]> {
  const outp: string[] = []
  for (const p of PKGS) {
    const { stdout } = await run('go', ['list', '-deps', '-test', p], { cwd: repo })
    if (stdout.split('\n').some(l => l === pkg || l.startsWith(`${pkg} [`))) outp.push(p)
  }
  return outp.sort()
}

/** `run --since REF` into out/name; the bundle and stderr. */
async function runSince(
  name: string,
  since: string,
  /** Count and benchtime: enough for a verdict, or (which packages run is all that counts) the least. */
  [count, benchtime] = ['2', '1ms']
): Promise<{ b: Bundle; stderr: string }> {
  const r = await cli(
    [
      'run',
      '--since',
      since,
      '--bench',
      BENCH,
      '--count',
      count,
      '--benchtime',
      benchtime,
      '--out',
      join(out, name)
    ],
    { cwd: repo }
  )
  expect(r.code, r.stderr.slice(-3000)).toBe(0)
  return { b: bundleOf(join(out, name)), stderr: r.stderr }
}

let base = ''
beforeAll(async () => {
  const { stdout } = await run('go', ['mod', 'download', '-json', `${MODULE}@${VERSION}`])
  const dir = (JSON.parse(stdout) as { Dir: string }).Dir
  cpSync(dir, repo, { recursive: true })
  await run('chmod', ['-R', 'u+w', repo])
  await g('init', '-q', '-b', 'main')
  await g('add', '.')
  await g('commit', '-qm', 'segmentio/encoding v0.5.4')
  base = await rev()
  const r = await cli(
    ['run', '--bench', BENCH, '--count', '6', '--benchtime', '20ms', '--out', join(out, 'base')],
    { cwd: repo }
  )
  expect(r.code, r.stderr.slice(-3000)).toBe(0)
}, 600_000)

describe('run --since on a real multi-package module', () => {
  it('measures the changed package and the one that imports it, and marks the changed function', async () => {
    await g('checkout', '-q', '-B', 'parse', base)
    const file = join(repo, 'json', 'json.go')
    const src = readFileSync(file, 'utf8')
    // Parse spins before it parses: a regression several times any noise.
    writeFileSync(
      file,
      src.replace(
        'func Parse(b []byte, x any, flags ParseFlags) ([]byte, error) {\n',
        'var parseSpin uint64\n\nfunc Parse(b []byte, x any, flags ParseFlags) ([]byte, error) {\n\tfor i := 0; i < 4000; i++ {\n\t\tparseSpin = parseSpin*31 + uint64(i)\n\t}\n'
      )
    )
    await g('commit', '-qam', 'json: Parse spins')
    const { b, stderr } = await runSince('parse', 'HEAD~1', ['6', '20ms'])
    const want = await importersOf(`${MODULE}/json`)
    expect(want).toEqual([`${MODULE}/json`, `${MODULE}/proto`])
    expect(measuredPackages(b)).toEqual(want)
    expect(skippedPackages(b)).toEqual(PKGS.filter(p => !want.includes(p)))
    expect(b.skipped!.every(s => s.reason === 'identical test binary')).toBe(true)
    expect(stderr).toMatch(/ascii: identical test binary and files; not measured/)

    const c = await cli(['compare', join(out, 'base'), join(out, 'parse'), '--format', 'json'], {
      cwd: repo
    })
    const cmp = JSON.parse(c.stdout) as Comparison
    // The skipped packages' baseline benchmarks are in no verdict.
    expect(cmp.benchmarks.map(x => x.package).every(p => want.includes(p))).toBe(true)
    expect(cmp.skipped!.map(s => s.package).sort()).toEqual(skippedPackages(b))
    expect(cmp.skipped!.find(s => s.package.endsWith('/iso8601'))!.benchmarks).toBe(1)
    const u = cmp.benchmarks.find(x => x.name.startsWith('BenchmarkUnmarshalString'))!
    expect(u.verdict).toBe('regression')
    const rows = u.functions!.cpu!
    const parse = rows.find(f => f.name === `${MODULE}/json.Parse`)!
    expect(parse.changedInDiff).toBe(true)
    // Functions the diff did not touch are not marked.
    expect(rows.filter(f => f.changedInDiff).map(f => f.name)).toEqual([parse.name])
    expect(u.summary).not.toMatch(/none of its top functions/)
    const md = await cli(['compare', join(out, 'base'), join(out, 'parse')], { cwd: repo })
    expect(md.stdout).toMatch(
      /\| `github\.com\/segmentio\/encoding\/json\.Parse` \| changed, ✏️ changed \|/
    )
    expect(md.stdout).toMatch(/3 package\(s\) not measured \(identical\)/)
  })

  it('measures the package whose testdata/ changed, and nothing else', async () => {
    await g('checkout', '-q', '-B', 'testdata', base)
    appendFileSync(join(repo, 'json', 'testdata', 'extra.json'), '{"a": 1}\n')
    await g('add', '.')
    await g('commit', '-qm', 'json: one more test input')
    const { b } = await runSince('testdata', 'HEAD~1')
    expect(measuredPackages(b)).toEqual([`${MODULE}/json`])
    expect(skippedPackages(b)).toEqual(PKGS.filter(p => !p.endsWith('/json')))
  })

  it('measures nothing when only the docs changed', async () => {
    await g('checkout', '-q', '-B', 'docs', base)
    appendFileSync(join(repo, 'README.md'), '\nOne more line of docs.\n')
    await g('commit', '-qam', 'docs')
    const { b } = await runSince('docs', 'HEAD~1')
    expect(b.benchmarks).toEqual([])
    expect(skippedPackages(b)).toEqual(PKGS)
    const c = await cli(['compare', join(out, 'base'), join(out, 'docs')], { cwd: repo })
    expect(c.code, c.stderr).toBe(0)
    expect(c.stdout).toMatch(/benchgate: nothing measured could change — 5 package\(s\)/)
  })

  it('refuses a --since that is not a commit, and says which flag', async () => {
    const r = await cli(
      ['run', '--since', 'no-such-ref', '--bench', BENCH, '--out', join(out, 'bad')],
      {
        cwd: repo
      }
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/--since "no-such-ref" is not a commit/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('the Action on a docs-only pull request', () => {
  const gh = new FakeGitHub()
  let pushed: ActionRun
  let pr: ActionRun
  const inputs = (extra: Record<string, string> = {}) => ({
    'working-directory': repo,
    bench: BENCH,
    // The baseline only has to exist: the pull request measures nothing.
    count: '2',
    benchtime: '1ms',
    'github-token': TOKEN,
    ...extra
  })

  beforeAll(async () => {
    await gh.start()
    await g('checkout', '-q', 'main')
    pushed = await runAction(gh, {
      event: 'push',
      payload: { repository },
      inputs: inputs(),
      ref: 'refs/heads/main',
      sha: base,
      runId: 1001
    })
    expect(pushed.code, pushed.stdout.slice(-3000)).toBe(0)
    gh.completeRun(pushRun(1001, base), gh.uploads[gh.uploads.length - 1])
    gh.mergeBase = base
    await g('checkout', '-q', '-B', 'docs-pr', base)
    appendFileSync(join(repo, 'README.md'), '\nA pull request that only edits docs.\n')
    await g('commit', '-qam', 'docs only')
    const head = await rev()
    pr = await runAction(gh, {
      event: 'pull_request',
      payload: {
        repository,
        pull_request: {
          number: 12,
          base: { ref: 'main', sha: base, repo: { full_name: 'acme/widgets' } },
          head: { sha: head, repo: { full_name: 'acme/widgets' } }
        }
      },
      inputs: inputs(),
      ref: 'refs/pull/12/merge',
      sha: head,
      runId: 2001
    })
  }, 600_000)
  afterAll(() => gh.stop())

  it('measures nothing, passes the gate, and says why in the comment', () => {
    expect(pr.code, pr.stdout.slice(-3000)).toBe(0)
    expect(pr.stdout).toMatch(/select: changed; building merge-base with main/)
    expect(pr.stdout).not.toMatch(/samples, \d+ round\(s\)/)
    expect(pr.outputs.verdict).toBe('unchanged')
    const c = JSON.parse(readFileSync(pr.outputs['comparison-json'], 'utf8')) as Comparison
    expect(c.benchmarks).toEqual([])
    expect(c.gate.fail).toBe(false)
    expect(c.skipped!.map(s => s.package).sort()).toEqual(PKGS)
    const body = visibleText(gh.comments[0].body)
    expect(body).toMatch(
      /benchgate: nothing measured could change — 5 package\(s\) with benchmarks have identical test binaries and files/
    )
    expect(body).toMatch(/Not measured: 5 package\(s\), holding \d+ of the baseline's benchmarks/)
  })
})
