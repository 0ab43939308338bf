/**
 * Fork pull requests and hardening, through the real Action against the
 * loopback GitHub: read-only tokens, the privileged comment mode on
 * workflow_run, forged reports, untrusted baselines, foreign comments,
 * concurrent runs, and hostile inputs.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Side } from '../src/compare/input.js'
import type { Comparison } from '../src/compare/model.js'
import { compare } from '../src/judge/judge.js'
import { marker } from '../src/report/markdown.js'
import { runAction, type ActionRun } from './helpers/action.js'
import { FakeGitHub, pushRun } from './helpers/fake-github.js'
import { extractZip } from '../src/github/unzip.js'
import { ROOT, tempDir } from './helpers/go.js'
import { zip } from './helpers/zip.js'

const TOKEN = 'ghs_forkTestToken0123456789'
const BASE_SHA = 'a'.repeat(40)
const HEAD_SHA = 'b'.repeat(40)
const OTHER_SHA = 'c'.repeat(40)
const repository = { default_branch: 'main', full_name: 'acme/widgets' }
/** A report as a fork's run wrote it, loosely typed: the tests rewrite it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ForkReport = { comparison: any }
const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  'working-directory': join(ROOT, 'fixtures', 'demo'),
  // The seeded regression is a build tag on one commit, which interleaved
  // A/B (built with the same tags on both sides) cannot see by design: these
  // flows test the baseline gate. test/gate.test.ts covers confirmed and ab.
  gate: 'baseline',
  count: '6',
  benchtime: '100ms',
  'github-token': TOKEN,
  ...extra
})
const REGRESSION = { 'go-test-flags': '-tags=benchgate_demo_regression' }
// Identical code under gate baseline is still called slower now and then
// (4.2% of comparisons in docs/verdict-quality.md): where a test is about the
// comment and not the verdict, the verdict must not fail the step.
const QUIET = { 'fail-on-regression': 'false' }
const prPayload = (number: number, headRepo: string) => ({
  repository,
  pull_request: {
    number,
    base: { ref: 'main', sha: BASE_SHA, repo: { full_name: 'acme/widgets' } },
    head: { sha: HEAD_SHA, repo: { full_name: headRepo } }
  }
})
const pr = (
  gh: FakeGitHub,
  runId: number,
  headRepo: string,
  extra: Record<string, string> = {},
  number = 7
): Promise<ActionRun> =>
  runAction(gh, {
    event: 'pull_request',
    payload: prPayload(number, headRepo),
    inputs: inputs(extra),
    ref: `refs/pull/${number}/merge`,
    sha: HEAD_SHA,
    runId
  })
const commentJob = (gh: FakeGitHub, runId: number): Promise<ActionRun> =>
  runAction(gh, {
    event: 'workflow_run',
    payload: {
      repository,
      workflow_run: {
        id: runId,
        head_sha: HEAD_SHA,
        event: 'pull_request',
        conclusion: 'failure',
        head_repository: { full_name: 'evil/widgets' }
      }
    },
    inputs: { mode: 'comment', 'github-token': TOKEN },
    ref: 'refs/heads/main',
    sha: BASE_SHA,
    runId: 9000 + runId
  })

function noToken(r: ActionRun): void {
  const logs = (r.stdout + r.stderr).split('\n').filter(l => !l.startsWith('::add-mask::'))
  expect(logs.join('\n')).not.toContain(TOKEN)
}

describe('fork pull requests', () => {
  const gh = new FakeGitHub()
  let refused: ActionRun
  let fork: ActionRun

  beforeAll(async () => {
    await gh.start()
    await runAction(gh, {
      event: 'push',
      payload: { repository },
      inputs: inputs(),
      ref: 'refs/heads/main',
      sha: BASE_SHA,
      runId: 1001
    })
    gh.completeRun(pushRun(1001, BASE_SHA), gh.uploads[0])
    gh.mergeBase = BASE_SHA
    // Same repository, but the token is read-only: 403 on the comment.
    gh.faults.push({
      method: 'POST',
      path: /\/issues\/\d+\/comments$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      times: 1
    })
    refused = await pr(gh, 3001, 'acme/widgets', QUIET)
    fork = await pr(gh, 3002, 'evil/widgets', REGRESSION)
  })
  afterAll(() => gh.stop())

  it('a 403 on the comment: the step still passes and uploads the report artifact', () => {
    expect(refused.code).toBe(0)
    expect(refused.stdout).toMatch(
      /::warning::benchgate: could not post the PR comment \(HTTP 403: Resource not accessible by integration/
    )
    expect(gh.uploads.map(u => u.name)).toContain('benchgate-baseline-report')
    expect(refused.summary).toContain('benchgate')
    noToken(refused)
  })

  it('a fork PR does not try to comment; it uploads the report and still applies the gate', () => {
    expect(gh.log.filter(r => r.method === 'POST' && /\/comments$/.test(r.url))).toHaveLength(1) // only the refused one
    expect(fork.stdout).toContain('pull request from a fork')
    expect(gh.uploads.filter(u => u.name === 'benchgate-baseline-report')).toHaveLength(2)
    expect(fork.code).toBe(1)
    noToken(fork)
  })

  it('mode comment on workflow_run posts the comment and a check run on the head SHA, running nothing', async () => {
    gh.completeRun(
      {
        id: 3002,
        event: 'pull_request',
        conclusion: 'failure',
        head_branch: 'feature',
        head_sha: HEAD_SHA,
        headRepo: 'evil/widgets'
      },
      gh.uploads[gh.uploads.length - 1]
    )
    // The fork run uploaded its flame graph too; GitHub lists it with the run's artifacts.
    const flame = gh.uploads.filter(u => u.name === 'benchgate-baseline-flamegraph').at(-1)!
    expect(flame.runBackendId).toBe('run-3002')
    gh.artifacts.push({
      id: flame.artifactId,
      runId: 3002,
      name: flame.name,
      expired: false,
      zip: flame.zip
    })
    gh.pulls.set(7, { headSha: HEAD_SHA, baseRepo: 'acme/widgets', headRepo: 'evil/widgets' })
    const r = await commentJob(gh, 3002)
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain('::group::') // no go test ran
    const ours = gh.comments.filter(c => c.body.includes(marker('benchgate-baseline')))
    expect(ours).toHaveLength(1)
    expect(ours[0].body).toContain('BenchmarkTokenize')
    // The link is to the fork run's own artifact, found through the API,
    // and says who made it.
    expect(ours[0].body).toMatch(
      new RegExp(
        `\\(http://github\\.localhost:\\d+/acme/widgets/actions/runs/3002/artifacts/${flame.artifactId}\\) of the changed benchmarks, made by the pull request's own run`
      )
    )
    expect(gh.checkRuns).toHaveLength(1)
    expect(gh.checkRuns[0]).toMatchObject({
      head_sha: HEAD_SHA,
      conclusion: 'failure',
      name: 'benchgate (benchgate-baseline into main)'
    })
    noToken(r)
  })

  /** The fork's last report, as JSON to alter. */
  const forkReport = async (): Promise<ForkReport> => {
    const dir = tempDir('forged')
    const upload = gh.uploads.filter(u => u.name === 'benchgate-baseline-report').at(-1)!
    await extractZip(upload.zip, dir)
    return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ForkReport
  }
  /** A finished fork run `id` whose report artifact holds `report`. */
  const forkRunWith = (id: number, report: unknown): void => {
    gh.runs.push({
      id,
      event: 'pull_request',
      conclusion: 'success',
      head_branch: 'feature',
      head_sha: HEAD_SHA,
      headRepo: 'evil/widgets'
    })
    gh.artifacts.push({
      id: id + 3000,
      runId: id,
      name: 'benchgate-baseline-report',
      expired: false,
      zip: zip([{ name: 'report.json', data: Buffer.from(JSON.stringify(report)) }])
    })
  }

  it('a report whose gate was forged green beside its regressions still fails the check', async () => {
    // The fork's own report, with gate.fail, the counts and every verdict rewritten.
    const report = await forkReport()
    const regressions = report.comparison.counts.regression
    const improvements = report.comparison.counts.improvement
    expect(regressions).toBeGreaterThan(0)
    report.comparison.gate = { fail: false, reasons: [] }
    report.comparison.verdict = 'unchanged'
    report.comparison.counts.regression = 0
    report.comparison.counts.improvement = 0
    for (const b of report.comparison.benchmarks) {
      b.verdict = 'unchanged'
      for (const m of b.metrics) m.verdict = 'unchanged'
    }
    // And the policy it carries loosened until nothing could regress: the
    // comment job judges by its own inputs, not these.
    Object.assign(report.comparison.options, {
      threshold: 1000,
      abThreshold: 1000,
      alpha: 0.0001,
      allocThreshold: 1000
    })
    forkRunWith(3003, report)
    const checks = gh.checkRuns.length
    const r = await commentJob(gh, 3003)
    expect(r.code).toBe(0)
    const check = gh.checkRuns[checks]
    expect(check.conclusion).toBe('failure')
    // The counts come back from the benchmarks' own numbers.
    expect(check.output.title).toBe(`${regressions} regression(s), ${improvements} improvement(s)`)
    const ours = gh.comments.filter(c => c.body.includes(marker('benchgate-baseline')))
    expect(ours.at(-1)!.body).toContain('the gate fails')
  })

  it('accepts regressions only by the label the API shows, never by a report that claims it', async () => {
    const report = await forkReport()
    expect(report.comparison.counts.regression).toBeGreaterThan(0)
    report.comparison.accepted = { label: 'benchgate-accept', by: 'maintainer', reasons: ['all'] }
    forkRunWith(3004, report)
    const checks = gh.checkRuns.length
    const claimed = await commentJob(gh, 3004)
    expect(claimed.code).toBe(0)
    expect(gh.checkRuns[checks].conclusion).toBe('failure')
    // A maintainer adds the label: the API says so, and the check passes.
    gh.labels.set(7, [{ name: 'benchgate-accept', by: 'maintainer' }])
    try {
      const accepted = await commentJob(gh, 3004)
      expect(accepted.code).toBe(0)
      expect(gh.checkRuns.at(-1)!.conclusion).toBe('success')
      const ours = gh.comments.filter(c => c.body.includes(marker('benchgate-baseline')))
      expect(ours.at(-1)!.body).toContain(
        'Accepted on purpose: the label `benchgate-accept`, added by @\u200bmaintainer,'
      )
    } finally {
      gh.labels.delete(7)
    }
  })

  it('a forged report (the PR number does not match the run) is refused with a clear message', async () => {
    gh.pulls.set(7, { headSha: OTHER_SHA, baseRepo: 'acme/widgets', headRepo: 'evil/widgets' })
    const comments = gh.comments.length
    const checks = gh.checkRuns.length
    const r = await commentJob(gh, 3002)
    expect(r.code).not.toBe(0)
    expect(r.stdout).toMatch(
      /::error::refusing to comment from run 3002's report: PR #7's head is c{40}, not the triggering run's b{40}/
    )
    expect(gh.comments).toHaveLength(comments)
    expect(gh.checkRuns).toHaveLength(checks)
  })
})

describe('a forged report artifact', () => {
  const gh = new FakeGitHub()
  beforeAll(() => gh.start())
  afterAll(() => gh.stop())

  it('claiming another pull request is refused, with nothing posted', async () => {
    // The fork's run (3100, head HEAD_SHA) uploads a report that names PR #8,
    // someone else's pull request, to comment on it with a forged verdict.
    const report = {
      schemaVersion: 1,
      repository: 'acme/widgets',
      prNumber: 8,
      headSha: HEAD_SHA,
      key: 'benchgate-baseline',
      noBaseline: 'forged',
      comparison: null
    }
    gh.runs.push({
      id: 3100,
      event: 'pull_request',
      conclusion: 'success',
      head_branch: 'feature',
      head_sha: HEAD_SHA,
      headRepo: 'evil/widgets'
    })
    gh.artifacts.push({
      id: 6100,
      runId: 3100,
      name: 'benchgate-baseline-report',
      expired: false,
      zip: zip([{ name: 'report.json', data: Buffer.from(JSON.stringify(report)) }])
    })
    gh.pulls.set(8, { headSha: OTHER_SHA, baseRepo: 'acme/widgets', headRepo: 'evil/widgets' })
    const r = await runAction(gh, {
      event: 'workflow_run',
      payload: {
        repository,
        workflow_run: {
          id: 3100,
          head_sha: HEAD_SHA,
          event: 'pull_request',
          conclusion: 'success',
          head_repository: { full_name: 'evil/widgets' }
        }
      },
      inputs: { mode: 'comment', 'github-token': TOKEN },
      ref: 'refs/heads/main',
      sha: BASE_SHA,
      runId: 9100
    })
    expect(r.code).not.toBe(0)
    expect(r.stdout).toMatch(
      /::error::refusing to comment from run 3100's report: PR #8's head is c{40}, not the triggering run's b{40}/
    )
    expect(gh.comments).toHaveLength(0)
    expect(gh.checkRuns).toHaveLength(0)
  })

  it('that is malformed is refused with a clear message', async () => {
    gh.runs.push({
      id: 3101,
      event: 'pull_request',
      conclusion: 'success',
      head_branch: 'feature',
      head_sha: HEAD_SHA,
      headRepo: 'evil/widgets'
    })
    const bad = {
      schemaVersion: 1,
      repository: 'acme/widgets',
      prNumber: 7,
      headSha: HEAD_SHA,
      key: 'benchgate-baseline',
      noBaseline: null,
      comparison: { verdict: 'pwned' }
    }
    gh.artifacts.push({
      id: 6101,
      runId: 3101,
      name: 'benchgate-baseline-report',
      expired: false,
      zip: zip([{ name: 'report.json', data: Buffer.from(JSON.stringify(bad)) }])
    })
    const r = await runAction(gh, {
      event: 'workflow_run',
      payload: {
        repository,
        workflow_run: { id: 3101, head_sha: HEAD_SHA, event: 'pull_request', conclusion: 'success' }
      },
      inputs: { mode: 'comment', 'github-token': TOKEN },
      ref: 'refs/heads/main',
      sha: BASE_SHA,
      runId: 9101
    })
    expect(r.code).not.toBe(0)
    expect(r.stdout).toMatch(/::error::the report artifact is malformed at comparison\.\w+/)
    expect(gh.comments).toHaveLength(0)
  })
})

describe("the comment job's own policy and limits", () => {
  const gh = new FakeGitHub()
  beforeAll(() => gh.start())
  afterAll(() => gh.stop())
  /** A screen of one benchmark, +100% at p 0.002 (6 samples a side). */
  const screen = (): Comparison => {
    const side = (label: string, ns: number[]): Side => ({
      label,
      kind: 'text',
      benchmarks: [{ package: 'example.com/p', name: 'BenchmarkHot', samples: { 'ns/op': ns } }],
      failedPackages: new Set(),
      profiles: new Map(),
      units: {},
      environment: { commit: label === 'base' ? BASE_SHA : HEAD_SHA }
    })
    return compare(
      side('base', [100, 101, 102, 103, 104, 105]),
      side('head', [200, 201, 202, 203, 204, 205])
    )
  }
  let nextRun = 3200
  const post = async (
    comparison: unknown,
    inputs: Record<string, string> = {}
  ): Promise<ActionRun> => {
    const id = nextRun++
    gh.pulls.set(7, { headSha: HEAD_SHA, baseRepo: 'acme/widgets', headRepo: 'evil/widgets' })
    gh.runs.push({
      id,
      event: 'pull_request',
      conclusion: 'success',
      head_branch: 'feature',
      head_sha: HEAD_SHA,
      headRepo: 'evil/widgets'
    })
    const report = {
      schemaVersion: 1,
      repository: 'acme/widgets',
      prNumber: 7,
      headSha: HEAD_SHA,
      key: 'benchgate-baseline',
      noBaseline: null,
      comparison
    }
    gh.artifacts.push({
      id: id + 3000,
      runId: id,
      name: 'benchgate-baseline-report',
      expired: false,
      zip: zip([{ name: 'report.json', data: Buffer.from(JSON.stringify(report)) }])
    })
    return runAction(gh, {
      event: 'workflow_run',
      payload: {
        repository,
        workflow_run: {
          id,
          head_sha: HEAD_SHA,
          event: 'pull_request',
          conclusion: 'success',
          head_repository: { full_name: 'evil/widgets' }
        }
      },
      inputs: { mode: 'comment', 'github-token': TOKEN, ...inputs },
      ref: 'refs/heads/main',
      sha: BASE_SHA,
      runId: id + 6000
    })
  }

  it("judges with the job's own gate: a claimed confirmation it never ran does not clear a regression", async () => {
    const s = screen()
    expect(s.gate.fail).toBe(true)
    // The fork says: gate confirmed, and the suspect could not be measured.
    const forged = {
      ...s,
      gateMode: 'confirmed',
      gate: { fail: false, reasons: [] },
      verdict: 'unchanged',
      benchmarks: s.benchmarks.map(b => ({
        ...b,
        verdict: 'unchanged',
        confirmation: {
          status: 'missing',
          unit: 'ns/op',
          deltaPercent: null,
          p: null,
          pAdjusted: null,
          rounds: 0,
          test: 'wilcoxon'
        }
      })),
      confirmation: {
        base: { commit: BASE_SHA, ref: 'main' },
        rounds: 0,
        test: 'wilcoxon',
        suspects: 1,
        confirmed: 0,
        elapsedMs: 0
      }
    }
    for (const gate of ['baseline', 'confirmed']) {
      const checks = gh.checkRuns.length
      const r = await post(JSON.parse(JSON.stringify(forged)), { gate })
      expect(r.code).toBe(0)
      expect(gh.checkRuns[checks]).toMatchObject({
        conclusion: 'failure',
        name: 'benchgate (benchgate-baseline into main)'
      })
    }
  })

  it('a report with a hundred long notes still gets its comment and check, after a 422', async () => {
    const s = screen()
    const noisy = {
      ...s,
      notes: Array.from({ length: 100 }, (_, i) => `note ${i} ${'x'.repeat(1900)}`)
    }
    gh.refuseTooLong = 1
    const comments = gh.comments.length
    const checks = gh.checkRuns.length
    const r = await post(JSON.parse(JSON.stringify(noisy)), { gate: 'baseline' })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('posting the shorter report')
    expect(gh.checkRuns).toHaveLength(checks + 1)
    expect(gh.checkRuns[checks].conclusion).toBe('failure')
    const body = gh.comments.at(-1)!.body
    expect(gh.comments.length).toBeGreaterThanOrEqual(comments)
    expect(Buffer.byteLength(body)).toBeLessThan(60_000 / 4 + 1024)
    expect(body).toMatch(/\d+ more note\(s\) are in the job summary/)
    expect(body).toContain('BenchmarkHot')
  })
})

describe('trust and hostile input', () => {
  const gh = new FakeGitHub()
  beforeAll(() => gh.start())
  afterAll(() => gh.stop())

  it('a fork run on a branch named main is never the baseline', async () => {
    gh.runs.push(pushRun(1800, BASE_SHA, 'evil/widgets'))
    gh.artifacts.push({
      id: 8800,
      runId: 1800,
      name: 'benchgate-baseline',
      expired: false,
      zip: Buffer.from('forged')
    })
    const r = await pr(gh, 4001, 'acme/widgets')
    expect(r.outputs.verdict).toBe('no-baseline')
    expect(gh.requests('GET', /\/actions\/artifacts\/8800\/zip$/)).toBe(0)
    expect(gh.requests('GET', /\/actions\/runs\/1800\/artifacts/)).toBe(0)
  })

  it('a comment with our marker written by someone else is left alone', async () => {
    gh.comments.push({
      id: 1,
      issue: 9,
      user: { login: 'mallory' },
      body: `${marker('benchgate-baseline')}\nfake results`
    })
    const r = await pr(gh, 4003, 'acme/widgets', QUIET, 9)
    expect(r.code).toBe(0)
    expect(gh.comments.find(c => c.id === 1)?.body).toContain('fake results')
    // Ours was created beside it, not written over it.
    expect(
      gh.comments
        .filter(c => c.issue === 9)
        .map(c => c.user.login)
        .sort()
    ).toEqual(['github-actions[bot]', 'mallory'])
  })

  it('two runs posting at the same time leave exactly one sticky comment', async () => {
    // Both runs' first lookups are held, so both see no comment and both create one.
    gh.barriers.push({ method: 'GET', path: /\/issues\/21\/comments$/, count: 2, waiting: [] })
    await Promise.all([pr(gh, 4004, 'acme/widgets', {}, 21), pr(gh, 4005, 'acme/widgets', {}, 21)])
    expect(gh.comments.filter(c => c.issue === 21)).toHaveLength(1)
    expect(gh.requests('POST', /\/issues\/21\/comments$/)).toBe(2) // both did create one
  })

  it.each(['$(id)', '-exec=/bin/sh'])(
    'a bench input %j reaches go test as one argv token',
    async bench => {
      const r = await pr(gh, 4010, 'acme/widgets', { bench })
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(` -test.bench=${bench} `)
      expect(r.stdout).toContain(
        `-bench regular expression ${JSON.stringify(bench)} matched no benchmark`
      )
    }
  )

  it('the token appears in no log line or error message, even when the API fails', async () => {
    gh.faults.push({
      method: 'GET',
      path: /\/actions\/workflows\/.*\/runs$/,
      status: 401,
      body: { message: `Bad credentials for ${TOKEN}` },
      times: 5
    })
    const r = await pr(gh, 4020, 'acme/widgets')
    noToken(r)
  })
})
