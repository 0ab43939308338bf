/**
 * The real Action (dist/index.js) as a 3-shard matrix plus its merge job
 * (issue 18), against GitHub's protocols on 127.0.0.1: the shards' uploads
 * are listed to the merge job as a running run's artifacts are, and a
 * second upload of one name is refused until the first is deleted, as
 * GitHub does on a re-run.
 *
 * A generated module of fifteen benchmark packages (thirty when the wall
 * times in docs/sharding.md were measured; fewer keep CI within its time); on the pull request one package (gamma) is slower under a build
 * tag. The gate is baseline: A/B builds both sides with the same tags and
 * could not see it (gate.test.ts covers confirmation).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../src/compare/model.js'
import { marker } from '../src/report/markdown.js'
import { artifactPackages, runAction, type ActionRun } from './helpers/action.js'
import { FakeGitHub, pushRun } from './helpers/fake-github.js'
import { tempDir } from './helpers/go.js'
import { gitIn } from './helpers/repo.js'

const dir = tempDir('action-shard')
const mod = join(dir, 'mod')
/** Fifteen benchmark packages: p00 … p14, with gamma among them. */
const PKGS = Array.from({ length: 15 }, (_, i) =>
  i === 7 ? 'gamma' : `p${String(i).padStart(2, '0')}`
)
/** Every fifth package has two benchmarks, the others one. */
const benchmarksOf = (i: number): number => (i % 5 === 0 ? 2 : 1)
const BENCHMARKS = PKGS.reduce((a, _, i) => a + benchmarksOf(i), 0)
const TOKEN = 'ghs_fakeShardToken0123456789'
const KEY = 'benchgate-baseline'
const REGRESSION = '-tags=benchgate_shard_regression'

/** gamma's Work makes 4 passes under the tag, 1 without. */
async function writeModule(): Promise<void> {
  mkdirSync(mod, { recursive: true })
  writeFileSync(join(mod, 'go.mod'), 'module example.com/sharded\n\ngo 1.22\n')
  PKGS.forEach((p, i) => {
    mkdirSync(join(mod, p), { recursive: true })
    writeFileSync(
      join(mod, p, `${p}.go`),
      `package ${p}\n\n// Work sums n numbers, passes times.\nfunc Work(n int) int {\n\ts := 0\n\tfor k := 0; k < passes; k++ {\n\t\tfor i := 0; i < n; i++ {\n\t\t\ts += i ^ ${i}\n\t\t}\n\t}\n\treturn s\n}\n`
    )
    const seeded = p === 'gamma'
    writeFileSync(
      join(mod, p, 'seed_off.go'),
      `${seeded ? '//go:build !benchgate_shard_regression\n\n' : ''}package ${p}\n\nconst passes = 1\n`
    )
    if (seeded)
      writeFileSync(
        join(mod, p, 'seed_on.go'),
        `//go:build benchgate_shard_regression\n\npackage ${p}\n\nconst passes = 4\n`
      )
    const benches = Array.from(
      { length: benchmarksOf(i) },
      (_, k) =>
        `func BenchmarkWork${k}(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\t_ = Work(${2000 * (k + 1)})\n\t}\n}\n`
    ).join('\n')
    writeFileSync(join(mod, p, `${p}_test.go`), `package ${p}\n\nimport "testing"\n\n${benches}`)
  })
  const g = gitIn(mod)
  await g('init', '-q', '-b', 'main')
  await g('add', '.')
  await g('commit', '-qm', 'base')
}

const repository = { default_branch: 'main', full_name: 'acme/widgets' }
const prPayload = (headRepo = 'acme/widgets', number = 9) => ({
  repository,
  pull_request: {
    number,
    base: { ref: 'main', sha: 'bee5999', repo: { full_name: 'acme/widgets' } },
    head: { sha: 'feed999', repo: { full_name: headRepo } }
  }
})
const inputs = (extra: Record<string, string>): Record<string, string> => ({
  'working-directory': mod,
  gate: 'baseline',
  // 36 benchmarks: Holm needs 8 samples a side for any p to pass 0.05.
  count: '8',
  benchtime: '10ms',
  'github-token': TOKEN,
  'artifact-name': KEY,
  ...extra
})

/** Wall time of each job, to report the sharded against the unsharded run. */
const walls: Record<string, number> = {}

async function job(
  gh: FakeGitHub,
  name: string,
  event: 'push' | 'pull_request',
  runId: number,
  extra: Record<string, string>,
  headRepo?: string,
  number?: number
): Promise<ActionRun> {
  const started = Date.now()
  const r = await runAction(gh, {
    event,
    payload: event === 'push' ? { repository } : prPayload(headRepo, number),
    inputs: inputs(extra),
    ref: event === 'push' ? 'refs/heads/main' : 'refs/pull/9/merge',
    sha: event === 'push' ? `push${runId}` : 'merge999',
    runId
  })
  walls[name] = Date.now() - started
  return r
}

/** The matrix of one run (its jobs one after another here; side by side on GitHub), then its merge job. */
async function matrix(
  gh: FakeGitHub,
  event: 'push' | 'pull_request',
  runId: number,
  extra: Record<string, string> = {},
  headRepo?: string
): Promise<{ shards: ActionRun[]; merge: ActionRun }> {
  const shards: ActionRun[] = []
  for (const i of [1, 2, 3])
    shards.push(
      await job(gh, `${runId} shard ${i}`, event, runId, { ...extra, shard: `${i}/3` }, headRepo)
    )
  const merge = await job(
    gh,
    `${runId} merge`,
    event,
    runId,
    { ...extra, mode: 'merge', shards: '3' },
    headRepo
  )
  return { shards, merge }
}

const ours = (gh: FakeGitHub) =>
  gh.comments.filter(c => c.issue === 9 && c.body.startsWith(marker(KEY)))
/** The comparison a job wrote (comparison-json is a path in its RUNNER_TEMP). */
const comparisonOf = (r: ActionRun): Comparison =>
  JSON.parse(readFileSync(r.outputs['comparison-json'], 'utf8')) as Comparison

describe('a sharded matrix with its merge job', () => {
  const gh = new FakeGitHub()
  gh.liveArtifacts = true
  let push1: { shards: ActionRun[]; merge: ActionRun }
  let push2: { shards: ActionRun[]; merge: ActionRun }
  const pr: Record<string, ActionRun> = {}
  const early: Record<string, ActionRun> = {}
  let firstComment: { id: number; body: string }
  let unsharded: ActionRun
  const prJob = (name: string, extra: Record<string, string>) =>
    job(gh, `7001 ${name}`, 'pull_request', 7001, { 'go-test-flags': REGRESSION, ...extra }).then(
      r => (pr[name] = r)
    )

  beforeAll(async () => {
    await gh.start()
    await writeModule()
    // Before any push: a pull request's shards have no baseline part.
    for (const i of [1, 2, 3])
      early[`shard ${i}`] = await job(
        gh,
        `5001 shard ${i}`,
        'pull_request',
        5001,
        { shard: `${i}/3` },
        undefined,
        12
      )
    early.merge = await job(
      gh,
      '5001 merge',
      'pull_request',
      5001,
      { mode: 'merge', shards: '3' },
      undefined,
      12
    )
    push1 = await matrix(gh, 'push', 6001)
    gh.runs.push(pushRun(6001, 'push6001'))
    push2 = await matrix(gh, 'push', 6002)
    gh.runs.push(pushRun(6002, 'push6002'))
    gh.mergeBase = 'push6002'
    // The pull request's matrix, in which shard 2 fails before it measures
    // (a bad input, as a broken job would), then the merge job.
    await prJob('shard 1', { shard: '1/3' })
    await prJob('shard 2', { shard: '2/3', benchtime: 'forever' })
    await prJob('shard 3', { shard: '3/3' })
    await prJob('merge', { mode: 'merge', shards: '3' })
    firstComment = { ...ours(gh)[0] }
    // Re-run shard 2, and shard 1 too (its artifact exists: the upload
    // replaces it), then the merge job.
    await prJob('shard 2 again', { shard: '2/3' })
    await prJob('shard 1 again', { shard: '1/3' })
    await prJob('merge again', { mode: 'merge', shards: '3' })
    // The same head as one unsharded job, on another PR so that it keeps a comment of its own.
    unsharded = await job(
      gh,
      'unsharded',
      'pull_request',
      7002,
      { 'go-test-flags': REGRESSION },
      undefined,
      10
    )
  }, 900_000)
  afterAll(async () => {
    await gh.stop()
    const slowest = Math.max(
      ...['shard 1 again', 'shard 2 again', 'shard 3'].map(n => walls[`7001 ${n}`])
    )
    // Reported, never asserted: docs/sharding.md records them.
    // eslint-disable-next-line no-console
    console.log(
      `benchgate sharded e2e wall times (ms): ${JSON.stringify({ ...walls, 'pull request as a 3-job matrix (slowest shard + merge)': slowest + walls['7001 merge again'], 'pull request as one job': walls.unsharded })}`
    )
  })

  it('before any baseline, the shards measure nothing and the merge says how to make one, passing', () => {
    for (const i of [1, 2, 3]) {
      const r = early[`shard ${i}`]
      expect(r.code, r.stdout).toBe(0)
      expect(r.outputs.verdict).toBe('no-baseline')
      expect(r.stdout).not.toContain('::group::') // no go test ran
    }
    expect(early.merge.code, early.merge.stdout).toBe(0)
    expect(early.merge.outputs.verdict).toBe('no-baseline')
    const posted = gh.comments.filter(c => c.issue === 12)
    expect(posted).toHaveLength(1)
    expect(posted[0].body).toContain('no baseline yet')
    expect(posted[0].body).toMatch(/run this workflow on a push to `main`/)
  })

  it('on push, each shard uploads its part and the merge job joins them into the whole baseline', async () => {
    for (const r of [...push1.shards, push1.merge, ...push2.shards, push2.merge])
      expect(r.code, r.stderr + r.stdout).toBe(0)
    for (const run of [6001, 6002]) {
      const parts = await Promise.all(
        [1, 2, 3].map(i => artifactPackages(gh, run, `${KEY}-shard-${i}-of-3`))
      )
      // Every package in exactly one part, and about a third in each (at
      // least a fifth: the bounded loads let a shard of heavy packages hold fewer).
      expect(parts.flat().sort()).toEqual([...PKGS].sort())
      for (const p of parts) expect(p.length).toBeGreaterThanOrEqual(PKGS.length / 5)
      expect(await artifactPackages(gh, run, KEY)).toEqual([...PKGS].sort())
    }
    // The first push balanced by benchmark counts; the second by the first's durations.
    expect(push1.shards[0].stdout).toMatch(/balanced by benchmark counts/)
    expect(push2.shards[0].stdout).toMatch(/durations of baseline run 6001/)
    expect(push2.shards[0].stdout).toMatch(/balanced by baseline durations/)
  })

  it('names a shard that failed, fails the merge, and still shows the shards that reported', () => {
    expect(pr['shard 2'].code).toBe(1)
    for (const n of ['shard 1', 'shard 3']) {
      expect(pr[n].code, pr[n].stderr).toBe(0)
      // A shard never comments: the merge job does.
      expect(pr[n].outputs['comment-url']).toBeUndefined()
      expect(pr[n].stdout).toMatch(/balanced by the baseline part's assignment/)
    }
    expect(pr.merge.code).toBe(1)
    expect(pr.merge.stdout).toMatch(/::error.*shard 2\/3 did not report/)
    expect(firstComment.body).toMatch(/shard 2\/3 did not report/i)
    const c = comparisonOf(pr.merge)
    expect(c.shards?.missing.map(m => m.source)).toEqual(['2/3'])
    expect(c.shards?.merged).toEqual(['shard 1/3', 'shard 3/3'])
    expect(c.benchmarks.length).toBeGreaterThan(0)
    expect(c.benchmarks.length).toBeLessThan(BENCHMARKS)
  })

  it('after a re-run, the merge updates the one comment: the regression, its package and function, and a failed gate', () => {
    for (const n of ['shard 1 again', 'shard 2 again']) expect(pr[n].code, pr[n].stderr).toBe(0)
    // Shard 1's earlier report was replaced, as upload-artifact's overwrite does.
    expect(gh.deleted.map(a => `${a.runId} ${a.name}`)).toContain(`7001 ${KEY}-shard-1-of-3-report`)
    const merged = pr['merge again']
    expect(merged.code).toBe(1)
    expect(merged.outputs.verdict, merged.stdout).toBe('regression')
    expect(ours(gh)).toHaveLength(1)
    expect(ours(gh)[0].id).toBe(firstComment.id)
    const body = ours(gh)[0].body
    expect(body).not.toMatch(/did not report/)
    expect(body).toMatch(/Merged from 3 shards/)
    // The seeded package's benchmark and its function, in the one comment.
    const gamma = body.slice(body.indexOf('<summary>BenchmarkWork0'))
    expect(gamma).toContain('example.com/sharded/gamma')
    expect(body).toContain('example.com/sharded/gamma.Work')
    const c = comparisonOf(merged)
    expect(c.shards).toEqual({
      merged: ['shard 1/3', 'shard 2/3', 'shard 3/3'],
      missing: []
    })
    expect(c.benchmarks.filter(b => b.verdict === 'regression').map(b => b.package)).toContain(
      'example.com/sharded/gamma'
    )
    // Every benchmark of the fifteen packages, from three shards.
    expect(c.benchmarks).toHaveLength(BENCHMARKS)
  })

  it('gives the seeded regression the verdict one unsharded job gives against the whole baseline', () => {
    expect(unsharded.code, unsharded.stdout).toBe(1)
    const merged = comparisonOf(pr['merge again'])
    const whole = comparisonOf(unsharded)
    const gamma = (c: Comparison) =>
      c.benchmarks.filter(b => b.package.endsWith('/gamma')).map(b => [b.name, b.verdict])
    expect(gamma(merged)).toEqual(gamma(whole))
    // gamma has one benchmark (index 7 is not a multiple of five), and it regressed.
    expect(gamma(whole)).toEqual([[expect.stringMatching(/^BenchmarkWork0(-\d+)?$/), 'regression']])
    expect(whole.benchmarks).toHaveLength(merged.benchmarks.length)
  })

  it('from a fork, the merge job hands off to mode comment, which keeps a missing shard failing the check', async () => {
    const fork = { event: 'pull_request' as const, runId: 7101, headRepo: 'evil/widgets' }
    for (const i of [1, 2, 3])
      await job(
        gh,
        `7101 shard ${i}`,
        fork.event,
        fork.runId,
        {
          shard: `${i}/3`,
          // What this checks is the hand-off, not the verdicts: a short
          // measurement. Shard 3 breaks before it measures.
          ...(i === 3 ? { count: '0' } : { count: '2', benchtime: '2ms' })
        },
        fork.headRepo,
        11
      )
    const merge = await job(
      gh,
      '7101 merge',
      fork.event,
      fork.runId,
      { mode: 'merge', shards: '3' },
      fork.headRepo,
      11
    )
    expect(merge.outputs['comment-url']).toBeUndefined()
    expect(gh.comments.filter(c => c.issue === 11)).toHaveLength(0)
    expect(gh.artifacts.some(a => a.runId === 7101 && a.name === `${KEY}-report`)).toBe(true)

    gh.pulls.set(11, { headSha: 'feed999', baseRepo: 'acme/widgets', headRepo: fork.headRepo })
    const comment = await runAction(gh, {
      event: 'workflow_run',
      payload: {
        repository,
        workflow_run: {
          id: fork.runId,
          head_sha: 'feed999',
          event: 'pull_request',
          conclusion: 'failure',
          head_repository: { full_name: fork.headRepo }
        }
      },
      inputs: { mode: 'comment', 'github-token': TOKEN },
      ref: 'refs/heads/main',
      sha: 'push6002',
      runId: 7199
    })
    expect(comment.code, comment.stdout).toBe(0)
    const posted = gh.comments.filter(c => c.issue === 11)
    expect(posted).toHaveLength(1)
    expect(posted[0].body).toMatch(/shard 3\/3 did not report/i)
    // The two shards that ran are still shown.
    expect(posted[0].body).toMatch(/Merged from 2 shards/)
    const check = gh.checkRuns.find(c => c.head_sha === 'feed999')
    expect(check?.conclusion).toBe('failure')
  })
})
