/**
 * The sharded matrix with the example workflow's gate, `confirmed`, on a
 * real two-commit repository (issue 18, item 2): each pull-request shard
 * screens its packages against its baseline part and confirms its own
 * suspects by interleaved A/B against the merge-base, on its own runner;
 * the merge job judges the confirmations across every shard and fails.
 *
 * Six generated packages, three shards. The head commit makes p3's Work do
 * three passes instead of one: a change in the code, so the A/B (both
 * sides built alike, from their own revisions) sees it. The real
 * dist/index.js runs every job; GitHub is the loopback fake.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../src/compare/model.js'
import { marker } from '../src/report/markdown.js'
import { visibleText } from '../src/report/escape.js'
import { runAction, type ActionRun } from './helpers/action.js'
import { FakeGitHub, pushRun } from './helpers/fake-github.js'
import { tempDir } from './helpers/go.js'
import { gitIn, writeWorkModule } from './helpers/repo.js'

const dir = tempDir('action-shard-confirmed')
const mod = join(dir, 'mod')
const PKGS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']
const SEEDED = 'p3'
const TOKEN = 'ghs_fakeShardConfirmed0123456789'
const KEY = 'benchgate-baseline'
const PR = 21
const repository = { default_branch: 'main', full_name: 'acme/widgets' }

const comparisonOf = (r: ActionRun): Comparison =>
  JSON.parse(readFileSync(r.outputs['comparison-json'], 'utf8')) as Comparison

describe('a sharded matrix with gate confirmed', () => {
  const gh = new FakeGitHub()
  gh.liveArtifacts = true
  const g = gitIn(mod)
  let baseSha = ''
  let headSha = ''
  const shards: ActionRun[] = []
  let merge: ActionRun

  const job = (runId: number, extra: Record<string, string>): Promise<ActionRun> =>
    runAction(gh, {
      event: runId < 2000 ? 'push' : 'pull_request',
      payload:
        runId < 2000
          ? { repository }
          : {
              repository,
              pull_request: {
                number: PR,
                base: { ref: 'main', sha: baseSha, repo: { full_name: 'acme/widgets' } },
                head: { sha: headSha, repo: { full_name: 'acme/widgets' } }
              }
            },
      inputs: {
        'working-directory': mod,
        gate: 'confirmed',
        count: '6',
        benchtime: '20ms',
        'confirm-rounds': '8',
        'github-token': TOKEN,
        'artifact-name': KEY,
        ...extra
      },
      ref: runId < 2000 ? 'refs/heads/main' : `refs/pull/${PR}/merge`,
      sha: runId < 2000 ? baseSha : headSha,
      runId
    })

  beforeAll(async () => {
    await gh.start()
    writeWorkModule(mod, 'example.com/confirmed', PKGS)
    await g('init', '-q', '-b', 'main')
    await g('add', '.')
    await g('commit', '-qm', 'base')
    baseSha = (await g('rev-parse', 'HEAD')).stdout.trim()
    // The push: three shards record their parts, the merge job the whole.
    for (const i of [1, 2, 3]) {
      const r = await job(1001, { shard: `${i}/3` })
      expect(r.code, r.stdout.slice(-2000)).toBe(0)
    }
    const joined = await job(1001, { mode: 'merge', shards: '3' })
    expect(joined.code, joined.stdout.slice(-2000)).toBe(0)
    gh.runs.push(pushRun(1001, baseSha))
    gh.mergeBase = baseSha
    // The pull request: p3's Work makes three passes.
    writeFileSync(join(mod, SEEDED, 'passes.go'), `package ${SEEDED}\n\nconst passes = 3\n`)
    await g('commit', '-qam', `head: ${SEEDED} makes three passes`)
    headSha = (await g('rev-parse', 'HEAD')).stdout.trim()
    for (const i of [1, 2, 3]) shards.push(await job(2001, { shard: `${i}/3` }))
    merge = await job(2001, { mode: 'merge', shards: '3' })
  }, 600_000)
  afterAll(() => gh.stop())

  it('confirms the seeded regression in its own shard, by A/B against the merge-base', () => {
    for (const r of shards) {
      // A shard never fails on a regression and never comments: the merge decides.
      expect(r.code, r.stdout.slice(-2000)).toBe(0)
      expect(r.outputs['comment-url']).toBeUndefined()
    }
    const own = shards.map(comparisonOf)
    const holder = own.findIndex(c => c.benchmarks.some(b => b.package.endsWith(`/${SEEDED}`)))
    expect(holder).toBeGreaterThanOrEqual(0)
    const seeded = own[holder].benchmarks.find(b => b.package.endsWith(`/${SEEDED}`))!
    expect(seeded.confirmation?.status).toBe('confirmed')
    expect(seeded.confirmation!.deltaPercent!).toBeGreaterThan(50)
    expect(own[holder].confirmation!.base.commit).toBe(baseSha)
    expect(shards[holder].stdout).toMatch(
      /re-measuring only those by interleaved A\/B until each is decided \(at most 8 rounds, 120 s\)/
    )
    // Every package in exactly one shard's comparison: measured when the
    // pull request changed its test binary (the seeded one), else skipped
    // as identical (select: changed, the default).
    const last = (p: string) => p.split('/').pop()!
    const measured = [...new Set(own.flatMap(c => c.benchmarks.map(b => last(b.package))))]
    const skipped = own.flatMap(c => (c.skipped ?? []).map(s => last(s.package)))
    expect(measured).toEqual([SEEDED])
    expect([...measured, ...skipped].sort()).toEqual(PKGS)
  })

  it('the merge job fails on the confirmed regression and names it, its function and how it was confirmed', () => {
    expect(merge.code, merge.stdout.slice(-2000)).toBe(1)
    expect(merge.outputs.verdict).toBe('regression')
    const c = comparisonOf(merge)
    expect(c.gateMode).toBe('confirmed')
    expect(c.shards).toEqual({ merged: ['shard 1/3', 'shard 2/3', 'shard 3/3'], missing: [] })
    const regressed = c.benchmarks.filter(b => b.verdict === 'regression')
    expect(regressed.map(b => b.package)).toEqual([`example.com/confirmed/${SEEDED}`])
    expect(regressed[0].confirmation?.status).toBe('confirmed')
    expect(c.gate.fail).toBe(true)
    expect(c.gate.reasons.join('\n')).toMatch(/BenchmarkWork\S* ns\/op \+\d.*[6-8] A\/B rounds/)
    const posted = gh.comments.filter(x => x.issue === PR && x.body.startsWith(marker(KEY)))
    expect(posted).toHaveLength(1)
    const body = visibleText(posted[0].body)
    expect(body).toMatch(/Merged from 3 shards/)
    // The confirmed regression leads with its culprit, from the A/B rounds' profiles.
    const details = posted[0].body
      .split('\n')
      .find(l => l.includes('confirmed by A/B on this runner</summary>'))
    expect(details, posted[0].body).toContain(`example.com/confirmed/${SEEDED}.Work +`)
    expect(body).toContain("Function costs from the A/B rounds' profiles")
    expect(body).not.toContain('No function breakdown')
    expect(body).toMatch(/confirmed on this runner: \+\d+\.\d+% \(p=[\d.<]+, [6-8] rounds\)/)
  })
})
