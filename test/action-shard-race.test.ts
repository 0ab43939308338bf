/**
 * Every shard of a matrix reads the same baseline run, even when another
 * push run finishes while the shards start (issue 18): each reads only
 * runs that finished before its own run was created, which GitHub keeps
 * for every job and every re-run attempt. Without that, shard 1 would
 * balance by one baseline and shards 2 and 3 by a newer one; their parts
 * would place packages differently and the merge would have to refuse.
 *
 * The real dist/index.js runs every job against the loopback GitHub. The
 * two baselines the race is between are the real merged baseline of a
 * push matrix, with the package durations it balances by set: all alike
 * in one (two packages a shard), one package far heavier in the other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESULTS_FILE, type Bundle } from '../src/bundle/index.js'
import { extractZip } from '../src/github/unzip.js'
import { artifactPackages, runAction, type ActionRun } from './helpers/action.js'
import { FakeGitHub, pushRun } from './helpers/fake-github.js'
import { tempDir } from './helpers/go.js'
import { gitIn, writeWorkModule } from './helpers/repo.js'
import { zip } from './helpers/zip.js'

const dir = tempDir('action-shard-race')
const mod = join(dir, 'mod')
const PKGS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']
const KEY = 'benchgate-baseline'
const TOKEN = 'ghs_fakeShardRace0123456789'
const repository = { default_branch: 'main', full_name: 'acme/widgets' }
/** A run's creation time as the fake server gives it: its id in seconds. */
const createdAt = (runId: number): number => runId * 1000

/** The packages of each part a push run's shards uploaded, by shard. */
const parts = (gh: FakeGitHub, runId: number): Promise<string[][]> =>
  Promise.all([1, 2, 3].map(i => artifactPackages(gh, runId, `${KEY}-shard-${i}-of-3`)))

/** Every file under `root`, as zip entries named by their relative path. */
function entries(root: string): { name: string; data: Buffer }[] {
  return readdirSync(root, { recursive: true })
    .map(f => join(root, String(f)))
    .filter(f => statSync(f).isFile())
    .map(f => ({ name: relative(root, f), data: readFileSync(f) }))
}

/** The whole baseline of `from`, its package durations set by `durationOf`, as a new zip. */
async function withDurations(
  gh: FakeGitHub,
  from: number,
  durationOf: (pkg: string) => number
): Promise<Buffer> {
  const a = gh.artifacts.find(x => x.runId === from && x.name === KEY)!
  const out = join(dir, `whole-${from}-${durationOf('p0')}`)
  await extractZip(a.zip, out)
  const files = entries(out)
  const results = files.find(f => f.name === RESULTS_FILE)!
  const bundle = JSON.parse(results.data.toString('utf8')) as Bundle
  for (const p of bundle.packages) p.durationMs = durationOf(p.importPath.split('/').pop()!)
  results.data = Buffer.from(JSON.stringify(bundle))
  return zip(files)
}

describe('the shards of one run, while another push run finishes', () => {
  const gh = new FakeGitHub()
  gh.liveArtifacts = true
  const race: ActionRun[] = []
  const control: ActionRun[] = []
  const pr: ActionRun[] = []
  let raceMerge: ActionRun
  let prMerge: ActionRun
  let rerun: ActionRun
  let firstPart2: string[] = []
  let nextArtifact = 90_000

  const job = (
    runId: number,
    extra: Record<string, string>,
    event: 'push' | 'pull_request' = 'push'
  ): Promise<ActionRun> =>
    runAction(gh, {
      event,
      payload:
        event === 'push'
          ? { repository }
          : {
              repository,
              pull_request: {
                number: 5,
                base: { ref: 'main', sha: 'push2400', repo: { full_name: 'acme/widgets' } },
                head: { sha: 'feed555', repo: { full_name: 'acme/widgets' } }
              }
            },
      inputs: {
        'working-directory': mod,
        gate: 'baseline',
        count: '2',
        benchtime: '5ms',
        'github-token': TOKEN,
        'artifact-name': KEY,
        ...extra
      },
      ref: event === 'push' ? 'refs/heads/main' : 'refs/pull/5/merge',
      sha: event === 'push' ? `push${runId}` : 'merge555',
      runId
    })
  /** A finished push run whose artifacts are these zips, finishing at `finishedAt`. */
  const finish = (runId: number, finishedAt: number, zips: Record<string, Buffer>): void => {
    gh.runs.push({
      ...pushRun(runId, `push${runId}`),
      updated_at: new Date(finishedAt).toISOString()
    })
    for (const [name, z] of Object.entries(zips))
      gh.artifacts.push({ id: nextArtifact++, runId, name, expired: false, zip: z })
  }

  beforeAll(async () => {
    await gh.start()
    writeWorkModule(mod, 'example.com/race', PKGS)
    const g = gitIn(mod)
    await g('init', '-q', '-b', 'main')
    await g('add', '.')
    await g('commit', '-qm', 'base')
    // A real push matrix makes the whole baseline the two below are made from.
    for (const i of [1, 2, 3]) expect((await job(1000, { shard: `${i}/3` })).code).toBe(0)
    expect((await job(1000, { mode: 'merge', shards: '3' })).code).toBe(0)
    // Run 1001: every package alike. Run 1002: p0 ten times the rest put together.
    const alike = await withDurations(gh, 1000, () => 1000)
    const heavy = await withDurations(gh, 1000, p => (p === 'p0' ? 50_000 : 1000))
    finish(1001, createdAt(1001) + 500, { [KEY]: alike })
    // Run 1003's shards: 1002 was created before 1003 and finishes after
    // 1003 was created, between its shard 1 and its shard 2.
    race.push(await job(1003, { shard: '1/3' }))
    finish(1002, createdAt(1003) + 60_000, { [KEY]: heavy })
    race.push(await job(1003, { shard: '2/3' }))
    race.push(await job(1003, { shard: '3/3' }))
    raceMerge = await job(1003, { mode: 'merge', shards: '3' })
    // A run created after 1002 finished reads 1002: what shards 2 and 3 would have read.
    for (const i of [1, 2, 3]) control.push(await job(2000, { shard: `${i}/3` }))
    // A pull request whose merge-base run (2400, with 1003's parts) finishes
    // after the pull request's run was created, between its shards 1 and 2.
    gh.runs.push(pushRun(1003, 'push1003'))
    gh.mergeBase = 'push2400'
    pr.push(await job(2500, { shard: '1/3' }, 'pull_request'))
    finish(
      2400,
      createdAt(2500) + 60_000,
      Object.fromEntries(
        gh.artifacts
          .filter(a => a.runId === 1003 && a.name.startsWith(`${KEY}-shard-`))
          .map(a => [a.name, a.zip])
      )
    )
    pr.push(await job(2500, { shard: '2/3' }, 'pull_request'))
    pr.push(await job(2500, { shard: '3/3' }, 'pull_request'))
    prMerge = await job(2500, { mode: 'merge', shards: '3' }, 'pull_request')
    // Later, after 35 more push runs (more than a page of the runs list),
    // shard 2 of run 1003 is re-run: a new attempt of the same run.
    firstPart2 = (await parts(gh, 1003))[1]
    for (let id = 3000; id < 3035; id++) gh.runs.push(pushRun(id, `push${id}`))
    rerun = await job(1003, { shard: '2/3' })
  }, 600_000)
  afterAll(() => gh.stop())

  it('the two baselines place the packages differently', async () => {
    for (const r of control) {
      expect(r.code, r.stdout.slice(-2000)).toBe(0)
      expect(r.stdout).toMatch(/balancing the shards by the durations of baseline run 1002/)
    }
    // Every package alike: two a shard. A heavy p0 takes a shard's share
    // on its own, so the others crowd onto the rest.
    const alike = await parts(gh, 1003)
    const heavy = await parts(gh, 2000)
    expect(alike.map(p => p.length)).toEqual([2, 2, 2])
    expect(heavy).not.toEqual(alike)
  })

  it('every shard of the run balances by the run that finished before the run was created, and the merge joins them', async () => {
    for (const r of race) expect(r.code, r.stdout.slice(-2000)).toBe(0)
    // The parts fit together: every package in exactly one.
    expect(raceMerge.code, raceMerge.stdout.slice(-2000)).toBe(0)
    expect(raceMerge.outputs.verdict).toBe('recorded')
    expect((await parts(gh, 1003)).flat().sort()).toEqual(PKGS)
    expect(await artifactPackages(gh, 1003, KEY)).toEqual(PKGS)
    for (const r of race) {
      expect(r.stdout).toMatch(/this run was created at \S+; every shard reads the newest baseline/)
      expect(r.stdout).toMatch(/balancing the shards by the durations of baseline run 1001/)
    }
    // The two that started after run 1002 finished say why they passed it over.
    for (const r of race.slice(1))
      expect(r.stdout).toMatch(/Skipping run 1002: finished after this run was created/)
  })

  it("a pull request's shards all compare with the same run, though its merge-base run finished in between", () => {
    for (const r of pr) {
      expect(r.code, r.stdout.slice(-2000)).toBe(0)
      expect(r.outputs['baseline-run-id']).toBe('1003')
    }
    for (const r of pr.slice(1)) expect(r.stdout).toMatch(/Skipping run 2400/)
    expect(prMerge.code, prMerge.stdout.slice(-2000)).toBe(0)
    expect(prMerge.stdout).not.toMatch(/::error/)
  })

  it('a shard re-run after a page of newer push runs reads the same run, and uploads the same part again', async () => {
    expect(rerun.code, rerun.stdout.slice(-2000)).toBe(0)
    expect(rerun.stdout).toMatch(/balancing the shards by the durations of baseline run 1001/)
    // Its earlier attempt's part was replaced by one that holds the same packages.
    expect(gh.deleted.map(a => `${a.runId} ${a.name}`)).toContain(`1003 ${KEY}-shard-2-of-3`)
    expect((await parts(gh, 1003))[1]).toEqual(firstPart2)
  })
})
