/**
 * The real Action (dist/index.js) end to end on the demo module, against
 * GitHub's protocols served on 127.0.0.1: the real Octokit (with retry and
 * throttling) and the real @actions/artifact talk to the fake server.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Comparison } from '../src/compare/model.js'
import { escapeText } from '../src/report/escape.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './helpers/go.js'
import { FakeGitHub, pushRun } from './helpers/fake-github.js'
import { runAction, type ActionRun } from './helpers/action.js'

const TOKEN = 'ghs_fakeToken0123456789abcdef'
const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  'working-directory': join(ROOT, 'fixtures', 'demo'),
  // The seeded regression is a build tag on one commit, which interleaved
  // A/B (built with the same tags on both sides) cannot see by design: these
  // flows test the baseline gate. test/gate.test.ts covers confirmed and ab.
  gate: 'baseline',
  count: '6',
  benchtime: '100ms',
  'github-token': TOKEN,
  'artifact-name': 'benchgate-baseline',
  ...extra
})
const REGRESSION = { 'go-test-flags': '-tags=benchgate_demo_regression' }
const repository = { default_branch: 'main', full_name: 'acme/widgets' }
const prPayload = (headSha: string) => ({
  repository,
  pull_request: {
    number: 7,
    base: { ref: 'main', sha: 'base000', repo: { full_name: 'acme/widgets' } },
    head: { sha: headSha, repo: { full_name: 'acme/widgets' } }
  }
})

async function push(
  gh: FakeGitHub,
  runId: number,
  sha: string,
  extra: Record<string, string> = {}
): Promise<ActionRun> {
  const r = await runAction(gh, {
    event: 'push',
    payload: { repository },
    inputs: inputs(extra),
    ref: 'refs/heads/main',
    sha,
    runId
  })
  // GitHub attaches the uploaded artifact to the finished run.
  gh.completeRun(pushRun(runId, sha), gh.uploads[gh.uploads.length - 1])
  return r
}

function pr(
  gh: FakeGitHub,
  runId: number,
  extra: Record<string, string> = REGRESSION
): Promise<ActionRun> {
  return runAction(gh, {
    event: 'pull_request',
    payload: prPayload('head777'),
    inputs: inputs(extra),
    ref: 'refs/pull/7/merge',
    sha: 'merge777',
    runId
  })
}

function noToken(r: ActionRun): void {
  // The one place it may appear: the ::add-mask:: command that tells the runner to mask it.
  const logs = (r.stdout + r.stderr).split('\n').filter(l => !l.startsWith('::add-mask::'))
  expect(logs.join('\n')).not.toContain(TOKEN)
  expect(r.stdout).toContain(`::add-mask::${TOKEN}`)
  expect(r.summary).not.toContain(TOKEN)
}

describe('the Action on push and pull_request', () => {
  const gh = new FakeGitHub()
  let first: ActionRun
  let uploaded: ActionRun
  let regressed: ActionRun
  let rerun: ActionRun

  beforeAll(async () => {
    await gh.start()
    first = await pr(gh, 500, {})
    uploaded = await push(gh, 1001, 'aaa111')
    gh.mergeBase = 'aaa111'
    regressed = await pr(gh, 2001)
    rerun = await pr(gh, 2002)
  })
  afterAll(() => gh.stop())

  it('(d) with no baseline yet, passes and says how to create one', () => {
    expect(first.code).toBe(0)
    expect(first.outputs.verdict).toBe('no-baseline')
    expect(first.summary).toContain('no baseline yet')
    expect(first.summary).toMatch(/run this workflow on a push to `main`/)
    noToken(first)
  })

  it('(a) a push to main uploads the bundle as the artifact', () => {
    expect(uploaded.code).toBe(0)
    // One baseline; the pull requests after it upload their flame graphs.
    expect(gh.uploads.filter(u => !/-(flamegraph|verdict)$/.test(u.name))).toHaveLength(1)
    expect(gh.uploads[0].name).toBe('benchgate-baseline')
    expect(gh.uploads[0].runBackendId).toBe('run-1001')
    // A real zip (PK\x03\x04) holding results.json.
    expect(gh.uploads[0].zip.subarray(0, 4).toString('hex')).toBe('504b0304')
    expect(gh.uploads[0].zip.includes(Buffer.from('results.json'))).toBe(true)
    expect(uploaded.outputs['bundle-path']).toMatch(/benchgate\/head$/)
    expect(uploaded.summary).toContain('Uploaded as the baseline artifact')
    noToken(uploaded)
  })

  it('(b) a PR with the seeded regression downloads that artifact, comments once, and fails', () => {
    const artifactId = gh.uploads[0].artifactId
    expect(
      gh.requests('GET', new RegExp(`/actions/artifacts/${artifactId}/zip$`))
    ).toBeGreaterThanOrEqual(1)
    expect(regressed.outputs['baseline-run-id']).toBe('1001')
    expect(regressed.code).toBe(1)
    expect(regressed.outputs.verdict).toBe('regression')
    expect(Number(regressed.outputs.regressions)).toBeGreaterThanOrEqual(1)
    expect(regressed.outputs['comment-url']).toMatch(/#issuecomment-\d+$/)
    expect(regressed.outputs['report-path']).toMatch(/comment\.md$/)
    expect(regressed.outputs['comparison-json']).toMatch(/comparison\.json$/)
    // The one sticky comment names the seeded function in the regressed benchmark's table.
    expect(gh.comments).toHaveLength(1)
    const body = gh.comments[0].body
    expect(body.startsWith('<!-- benchgate:benchgate-baseline -->')).toBe(true)
    const tokenize = body.slice(body.indexOf('<summary>BenchmarkTokenize'))
    expect(tokenize).toMatch(/\| \[?`example\.com\/demo\/textproc\.Tokenize`/)
    // Summary, annotations, final verdict line, gate.
    expect(regressed.summary).toContain('benchgate:')
    // Annotation properties are %-escaped by @actions/core (':' is %3A).
    expect(regressed.stdout).toMatch(
      /::warning title=benchgate%3A BenchmarkTokenize-\d+ \(example\.com\/demo\/textproc\) regressed::/
    )
    expect(regressed.stdout).toMatch(/benchgate: verdict=regression .* gate=fail/)
    expect(regressed.stdout).toMatch(/::error::benchgate: \d+ significant regression/)
    noToken(regressed)
  })

  it('(b) uploads the differential flame graph and links it from the comment and the summary', () => {
    const flame = gh.uploads.filter(u => u.name === 'benchgate-baseline-flamegraph')
    // The regressed PR and its rerun; not the first PR, which had no baseline.
    expect(flame).toHaveLength(2)
    expect(flame[0].runBackendId).toBe('run-2001')
    expect(flame[0].zip.includes(Buffer.from('benchgate-flame.html'))).toBe(true)
    const link = new RegExp(
      `\\[Differential flame graph\\]\\(http://github\\.localhost:\\d+/acme/widgets/actions/runs/2001/artifacts/${flame[0].artifactId}\\)`
    )
    expect(regressed.summary).toMatch(link)
    // The sticky comment was updated by the rerun: its link is the rerun's artifact.
    expect(gh.comments[0].body).toContain(`/actions/runs/2002/artifacts/${flame[1].artifactId})`)
    expect(regressed.stdout).toMatch(/uploaded the flame graph \(\d+ graphs\) as artifact \d+/)
    expect(regressed.outputs['flamegraph-url']).toMatch(/\/actions\/runs\/2001\/artifacts\/\d+$/)
  })

  it('(b) links functions to source at the head commit', () => {
    expect(gh.comments[0].body).toMatch(
      /\]\(http:\/\/github\.localhost:\d+\/acme\/widgets\/blob\/head777\/fixtures\/demo\/textproc\/textproc\.go#L\d+\)/
    )
  })

  it('(c) rerunning the PR updates the same comment instead of adding one', () => {
    expect(rerun.code).toBe(1)
    expect(gh.comments).toHaveLength(1)
    expect(gh.requests('PATCH', /\/issues\/comments\/\d+$/)).toBeGreaterThanOrEqual(2)
    expect(gh.requests('POST', /\/issues\/7\/comments$/)).toBe(1)
  })

  it('logs the builds, one group per package’s calibration, and the samples with progress', () => {
    expect(regressed.stdout).toMatch(/\[1\/1\] built example\.com\/demo\/textproc; [\d.]+s elapsed/)
    expect(regressed.stdout).toMatch(
      /::group::\[1\/1\] example\.com\/demo\/textproc: calibrating \([\d.]+s\)/
    )
    expect(regressed.stdout).toContain('::endgroup::')
    expect(regressed.stdout).toMatch(
      /sample \d+\/\d+ \(round \d+\/\d+\) example\.com\/demo\/textproc Benchmark\S+; [\d.]+s elapsed/
    )
  })
})

describe('(e) faults', () => {
  // What this checks is the network's fault, not the profiles: a fifth of
  // the benchtime is enough.
  const SHORT = { benchtime: '20ms' }
  const shortPr = (server: FakeGitHub, runId: number) =>
    pr(server, runId, { ...REGRESSION, ...SHORT })

  // Retries, rate limits, expired and corrupt artifacts are the client's and
  // baseline.ts's, tested in process (test/unit/github/baseline.test.ts);
  // the whole Action shows that a fault leaves the step passing.
  it('a corrupt artifact zip: a clear message, no crash, the step passes', async () => {
    const broken = new FakeGitHub()
    await broken.start()
    try {
      broken.runs.push(pushRun(1700, 'ccc333'))
      broken.artifacts.push({
        id: 7777,
        runId: 1700,
        name: 'benchgate-baseline',
        expired: false,
        zip: Buffer.from('PK\x03\x04 this is not really a zip file at all')
      })
      const r = await shortPr(broken, 3004)
      expect(r.code).toBe(0)
      expect(r.outputs.verdict).toBe('no-baseline')
      expect(r.stdout).toMatch(/run 1700 could not be used: (corrupt zip|not a zip file)/)
      expect(r.stdout).toMatch(
        /::warning::benchgate: none of the 1 candidate runs has a usable artifact/
      )
      expect(r.stderr).not.toMatch(/\n\s+at /)
    } finally {
      await broken.stop()
    }
  })
})

describe('(f) a report over the size limit', () => {
  const gh = new FakeGitHub()
  const wide = (extra: Record<string, string> = {}): Record<string, string> =>
    inputs({
      'working-directory': join(ROOT, 'fixtures', 'many'),
      // 61 regressions, each with its breakdown, overflow the comment;
      // Welch's test on logs calls 8x slowdowns after Holm over 61 at count
      // 6, even with one base sample stretched 3x.
      count: '6',
      benchtime: '200x',
      // The screen decides: an A/B of 61 suspects is not what this tests.
      gate: 'baseline',
      ...extra
    })
  let r: ActionRun

  beforeAll(async () => {
    await gh.start()
    await runAction(gh, {
      event: 'push',
      payload: { repository },
      inputs: wide(),
      ref: 'refs/heads/main',
      sha: 'aaa111',
      runId: 1001
    })
    gh.completeRun(pushRun(1001, 'aaa111'), gh.uploads[0])
    r = await runAction(gh, {
      event: 'pull_request',
      payload: prPayload('head888'),
      inputs: wide({ 'go-test-flags': '-tags=benchgate_many_regression' }),
      ref: 'refs/pull/7/merge',
      sha: 'merge888',
      runId: 2001
    })
  })
  afterAll(() => gh.stop())

  it('is trimmed to fit a comment, says so, and still names the worst regression', () => {
    expect(r.code).toBe(1)
    expect(gh.comments).toHaveLength(1)
    const body = gh.comments[0].body
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(60_000)
    expect(body).toContain("Left out to fit GitHub's comment size limit")
    // The worst regression by the comparison itself, and the seeded one among them.
    const c = JSON.parse(readFileSync(r.outputs['comparison-json'], 'utf8')) as Comparison
    const worst = c.benchmarks.find(b => b.verdict === 'regression')!
    expect(body).toContain(`Worst: ${escapeText(worst.summary!, 600)}`)
    expect(c.benchmarks.find(b => b.name.startsWith('BenchmarkHot'))?.verdict).toBe('regression')
    expect((body.match(/<details>/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length)
    // The job summary carries the full report.
    expect(Buffer.byteLength(r.summary, 'utf8')).toBeGreaterThan(Buffer.byteLength(body, 'utf8'))
    expect(r.summary).toContain('case-059-with-a-deliberately')
  })
})

describe('(g) a regression accepted on purpose, by label', () => {
  const gh = new FakeGitHub()
  const SHORT = { benchtime: '20ms' }
  let failed: ActionRun
  let labeled: ActionRun
  let unlabeled: ActionRun
  let labeledBody: string
  // A report names its head by a real (hex) SHA.
  const HEAD = 'beef7777'
  const prEvent = (runId: number, extra: Record<string, unknown> = {}) =>
    runAction(gh, {
      event: 'pull_request',
      payload: { ...prPayload(HEAD), ...extra },
      inputs: inputs({ ...REGRESSION, ...SHORT }),
      ref: 'refs/pull/7/merge',
      sha: 'merge777',
      runId
    })
  const labelEvent = (runId: number, action: 'labeled' | 'unlabeled') =>
    prEvent(runId, { action, label: { name: 'benchgate-accept' } })

  beforeAll(async () => {
    await gh.start()
    await push(gh, 1001, 'aaa111', SHORT)
    gh.mergeBase = 'aaa111'
    failed = await prEvent(2001, { action: 'synchronize' })
    // GitHub lists the finished run with the verdict it kept.
    const kept = gh.uploads.find(u => u.name === 'benchgate-baseline-verdict')!
    gh.completeRun(
      {
        ...pushRun(2001, HEAD),
        event: 'pull_request',
        head_branch: 'feature',
        conclusion: 'failure'
      },
      kept
    )
    gh.labels.set(7, [
      { name: 'needs-review', by: 'someone' },
      { name: 'benchgate-accept', by: 'maintainer' }
    ])
    labeled = await labelEvent(2002, 'labeled')
    labeledBody = gh.comments[0]?.body ?? ''
    gh.labels.set(7, [{ name: 'needs-review', by: 'someone' }])
    unlabeled = await labelEvent(2003, 'unlabeled')
  })
  afterAll(() => gh.stop())

  it('fails first, and keeps its verdict for label events', () => {
    expect(failed.code).toBe(1)
    expect(failed.stdout).toMatch(/kept the judged report as artifact "benchgate-baseline-verdict"/)
  })

  it('the label passes the gate without measuring, and the comment says by whom', () => {
    expect(labeled.code, labeled.stdout.slice(-2000)).toBe(0)
    expect(labeled.stdout).toMatch(
      /judged again from run 2001's verdict: the pull request was labeled "benchgate-accept", and nothing was measured/
    )
    // Nothing was built or run.
    expect(labeled.stdout).not.toMatch(/calibrat|building|go test -c/)
    expect(labeled.outputs.verdict).toBe('regression')
    expect(gh.comments).toHaveLength(1)
    const body = labeledBody
    expect(body).toMatch(/— \*\*accepted\*\* by label/)
    expect(body).toContain(
      'Accepted on purpose: the label `benchgate-accept`, added by @\u200bmaintainer,'
    )
    expect(gh.requests('GET', /\/issues\/7\/labels/)).toBeGreaterThanOrEqual(1)
  })

  it('removing it fails the gate again, still without measuring', () => {
    expect(unlabeled.code).toBe(1)
    expect(unlabeled.stdout).not.toMatch(/calibrat|building/)
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0].body).toMatch(/the gate fails/)
    expect(gh.comments[0].body).not.toContain('Accepted on purpose')
  })
})
