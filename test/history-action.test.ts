/**
 * The history of main in the baseline artifact chain (issue 31), end to
 * end on the loopback GitHub: twelve pushes of a real Go module, each
 * recording its baseline with the whole history in it (history.json).
 * An old artifact that expires (410) costs nothing: the newer ones carry
 * its record. When the newest artifact is gone, the next push takes the
 * one before it and says which record is missing, in the history's gaps
 * and in the log. The push that slows the benchmark leads its summary
 * with the change point.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractZip } from '../src/github/unzip.js'
import type { History } from '../src/history/index.js'
import { runAction, type ActionRun } from './helpers/action.js'
import { FakeGitHub, pushRun, type FakeArtifact } from './helpers/fake-github.js'
import { tempDir } from './helpers/go.js'
import { gitIn, writeWorkModule } from './helpers/repo.js'

const TOKEN = 'ghs_fakeToken0123456789abcdef'
const repository = { default_branch: 'main', full_name: 'acme/widgets' }
const PUSHES = 12
/** The push whose commit makes Work five times slower. */
const SLOW = 8

describe('the history in the baseline artifact chain', () => {
  const gh = new FakeGitHub()
  const mod = tempDir('history-action')
  const g = gitIn(mod)
  const runs: ActionRun[] = []
  const artifacts: FakeArtifact[] = []
  const shas: string[] = []

  /** The history inside push i's artifact (1-based). */
  async function historyIn(i: number): Promise<History> {
    const dir = tempDir(`history-artifact-${i}`)
    await extractZip(artifacts[i - 1].zip, dir)
    return JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8')) as History
  }

  beforeAll(async () => {
    await gh.start()
    writeWorkModule(mod, 'example.com/hist', ['kv'])
    await g('init', '-q', '-b', 'main')
    for (let i = 1; i <= PUSHES; i++) {
      writeFileSync(join(mod, 'NOTES.md'), `push ${i}\n`)
      if (i === SLOW)
        writeFileSync(join(mod, 'kv', 'passes.go'), 'package kv\n\nconst passes = 5\n')
      await g('add', '.')
      await g('commit', '-qm', `push ${i}`)
      const sha = (await g('rev-parse', 'HEAD')).stdout.trim()
      shas.push(sha)
      // An old artifact expires on the way (push 3's, before push 7 runs);
      // the newest one is gone when push 12 runs.
      if (i === 7) artifacts[2].gone = true
      if (i === PUSHES) artifacts[PUSHES - 2].gone = true
      const r = await runAction(gh, {
        event: 'push',
        payload: { repository },
        inputs: {
          'working-directory': mod,
          count: '6',
          // Long enough for CPU samples in every run: the records keep function costs.
          benchtime: '50ms',
          'github-token': TOKEN
        },
        ref: 'refs/heads/main',
        sha,
        runId: 1000 + i
      })
      expect(r.code, r.stdout.slice(-3000)).toBe(0)
      runs.push(r)
      artifacts.push(gh.completeRun(pushRun(1000 + i, sha), gh.uploads[gh.uploads.length - 1]))
    }
  }, 900_000)
  afterAll(() => gh.stop())

  it('each baseline carries every record so far, an expired old artifact losing nothing', async () => {
    expect((await historyIn(1)).records.map(r => r.commit)).toEqual([shas[0]])
    const eleventh = await historyIn(11)
    expect(eleventh.records.map(r => r.commit)).toEqual(shas.slice(0, 11))
    expect(eleventh.gaps).toBeUndefined()
    // Each record: the runner and the benchmark's summary and functions.
    const r = eleventh.records[10]
    expect(r.runner.goVersion).toMatch(/^go1\./)
    const b = r.benchmarks[0]
    expect(b.name).toMatch(/^BenchmarkWork/)
    expect(b.units['ns/op'].n).toBe(6)
    expect(JSON.stringify(b.functions ?? null)).toContain('example.com/hist/kv.Work')
  })

  it('says which record is missing when the newest artifact is gone, and keeps the rest', async () => {
    const last = await historyIn(PUSHES)
    expect(last.records.map(r => r.commit)).toEqual([...shas.slice(0, 10), shas[11]])
    expect(last.gaps!.join('\n')).toMatch(
      new RegExp(
        `run ${1000 + PUSHES - 1} \\(${shas[PUSHES - 2].slice(0, 12)}\\): its baseline has expired, so its record .* missing`
      )
    )
    expect(runs[PUSHES - 1].stdout).toMatch(/::warning::benchgate: history: run 1011/)
  })

  it("a pull request's comment shows main's trend of a changed benchmark, and main's creep", async () => {
    await g('checkout', '-q', '-b', 'pr')
    writeFileSync(join(mod, 'kv', 'passes.go'), 'package kv\n\nconst passes = 9\n')
    await g('commit', '-qam', 'pr: nine passes')
    const head = (await g('rev-parse', 'HEAD')).stdout.trim()
    const pr = await runAction(gh, {
      event: 'pull_request',
      payload: {
        repository,
        pull_request: {
          number: 5,
          base: { ref: 'main', sha: shas[PUSHES - 1], repo: { full_name: 'acme/widgets' } },
          head: { sha: head, repo: { full_name: 'acme/widgets' } }
        }
      },
      inputs: {
        'working-directory': mod,
        count: '6',
        benchtime: '50ms',
        gate: 'baseline',
        'github-token': TOKEN
      },
      ref: 'refs/pull/5/merge',
      sha: head,
      runId: 2001
    })
    expect(pr.code, pr.stdout.slice(-3000)).toBe(1)
    const body = gh.comments[gh.comments.length - 1].body
    // 11 baselines in the history (one gone), then this pull request.
    expect(body).toMatch(/\*\*Main's trend\*\*/)
    expect(body).toMatch(/- `BenchmarkWork[^`]*` \(`example\.com\/hist\/kv`\): `[▁-█]{12}`/)
    // Pushes 1–5 ran one pass, 8–12 five: main crept by far more than the threshold.
    expect(body).toMatch(/main itself moved \+\d{3}\.\d% over these baselines \(creep\)/)
  })

  it('the push that slows Work leads its summary with the change point, and names Work', () => {
    const slow = runs[SLOW - 1]
    expect(slow.stdout).toMatch(
      /benchgate: history of 8 record\(s\); \d+ change point\(s\), [1-9]\d* at this push/
    )
    expect(slow.summary.trimStart()).toMatch(
      /^### benchgate history: [1-9]\d* change point\(s\) in 8 record\(s\)/
    )
    expect(slow.summary).toContain('`example.com/hist/kv.Work`')
    expect(slow.summary).toContain(shas[SLOW - 1].slice(0, 12))
    // (Whether the pushes before it have one depends on how quiet the
    // runner was: this file runs beside another, so it is not asked.)
  })
})
