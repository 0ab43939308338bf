/**
 * The orchestration's decisions, fast: which plan runs for each event and
 * gate, when to comment, fork detection, the comment job's verification
 * of a report, and the confirmed-gate flow with a stubbed A/B. No Go and
 * no network: the seams are fakes of the same small interfaces, and the
 * bundles are real files read by the real comparison.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isFork } from '../../../src/action/fork.js'
import { internalError, systemError } from '../../../src/cli/main.js'
import { verifyReport } from '../../../src/action/comment-mode.js'
import { uploadsBaseline } from '../../../src/action/record.js'
import { writeBundle, type Bundle } from '../../../src/bundle/index.js'
import type { Comparison } from '../../../src/compare/model.js'
import type { AbRunner, AbSettings } from '../../../src/ab/ab.js'
import type { Engine } from '../../../src/engine/index.js'
import {
  gateFailure,
  packageFailure,
  planFor,
  shouldComment,
  type CommentPolicy
} from '../../../src/judge/judge.js'
import { judgePullRequest, type PullRequestJob } from '../../../src/engine/pr-flow.js'
import { RUN_DEFAULTS } from '../../../src/measure/settings.js'
import type { PrReport } from '../../../src/github/report-artifact.js'
import { tempDir } from '../../helpers/go.js'

const PKG = 'example.com/p'

/** A bundle with the given ns/op samples per benchmark (B/op constant), and per-op CPU costs if given. */
function bundle(
  samples: Record<string, number[]>,
  commit = 'c0ffee',
  cpu: Record<string, { name: string; flat: number; cum: number }[]> = {}
): Bundle {
  return {
    schemaVersion: 1,
    tool: { name: 'benchgate', version: '0.1.0' },
    environment: {
      goVersion: 'go1.26.8',
      goos: 'linux',
      goarch: 'amd64',
      cpu: 'test CPU',
      gomaxprocs: 2,
      commit,
      ref: 'main',
      createdAt: '2026-12-01T00:00:00.000Z',
      settings: {}
    },
    packages: [{ importPath: PKG, status: 'ok', profiles: {} }],
    benchmarks: Object.entries(samples).map(([name, ns]) => ({
      package: PKG,
      name,
      group: name.replace(/-\d+$/, ''),
      samples: { 'ns/op': ns, 'B/op': ns.map(() => 64) },
      iterations: ns.map(() => 1000),
      functions: cpu[name] ? { cpu: cpu[name] } : {}
    }))
  }
}

const steady = (x: number, n = 6): number[] =>
  Array.from({ length: n }, (_, i) => x * (1 + ((i % 3) - 1) * 0.004))

async function write(dir: string, b: Bundle): Promise<string> {
  await writeBundle(dir, b)
  return dir
}

describe('which plan runs', () => {
  it.each([
    ['push', 'confirmed', 'record'],
    ['push', 'ab', 'record'],
    ['schedule', 'baseline', 'record'],
    ['workflow_dispatch', 'confirmed', 'record'],
    ['pull_request', 'confirmed', 'confirm'],
    ['pull_request', 'baseline', 'screen'],
    ['pull_request', 'ab', 'ab'],
    ['issue_comment', 'confirmed', undefined],
    ['pull_request_target', 'baseline', undefined],
    ['workflow_run', 'confirmed', undefined]
  ] as const)('%s with gate %s: %s', (event, gate, plan) => {
    expect(planFor(event, gate)).toBe(plan)
  })

  it('uploads the baseline on a push to the default branch only, unless told', () => {
    const ctx = (event: string, ref: string) => ({ event, ref, defaultBranch: 'main' })
    expect(uploadsBaseline({ uploadBaseline: 'auto' }, ctx('push', 'refs/heads/main'))).toEqual({
      upload: true,
      onDefault: true
    })
    expect(uploadsBaseline({ uploadBaseline: 'auto' }, ctx('push', 'refs/heads/dev')).upload).toBe(
      false
    )
    expect(
      uploadsBaseline({ uploadBaseline: 'auto' }, ctx('schedule', 'refs/heads/main')).upload
    ).toBe(false)
    expect(
      uploadsBaseline({ uploadBaseline: 'always' }, ctx('schedule', 'refs/heads/x')).upload
    ).toBe(true)
    expect(
      uploadsBaseline({ uploadBaseline: 'never' }, ctx('push', 'refs/heads/main')).upload
    ).toBe(false)
    // An unknown default branch is never "the default branch".
    expect(
      uploadsBaseline(
        { uploadBaseline: 'auto' },
        { event: 'push', ref: 'refs/heads/', defaultBranch: '' }
      ).upload
    ).toBe(false)
  })
})

describe('when to comment', () => {
  const withCounts = (counts: Partial<Comparison['counts']>): Comparison =>
    ({
      counts: {
        regression: 0,
        improvement: 0,
        unchanged: 3,
        'too-few-samples': 0,
        new: 0,
        removed: 0,
        failed: 0,
        ...counts
      },
      gate: { fail: (counts.regression ?? 0) > 0, reasons: ['BenchmarkA ns/op +9.00% (p=0.002)'] }
    }) as Comparison
  const quiet = withCounts({})
  const changed = withCounts({ new: 1 })
  const regressed = withCounts({ regression: 1 })
  it.each([
    ['always', quiet, true],
    ['on-change', quiet, false],
    ['on-change', changed, true],
    ['on-change', regressed, true],
    ['on-regression', changed, false],
    ['on-regression', regressed, true],
    ['never', regressed, false]
  ] as [CommentPolicy, Comparison, boolean][])('%s', (policy, c, expected) => {
    expect(shouldComment(policy, c)).toBe(expected)
  })

  it('fails the step on a failing gate unless fail-on-regression is off', () => {
    expect(gateFailure(regressed, true)).toBe(
      'benchgate: 1 significant regression(s): BenchmarkA ns/op +9.00% (p=0.002)'
    )
    expect(gateFailure(regressed, false)).toBeUndefined()
    expect(gateFailure(quiet, true)).toBeUndefined()
    expect(packageFailure([])).toBeUndefined()
    expect(packageFailure(['a/b', 'c'])).toBe(
      'benchgate: 2 package(s) failed to run their benchmarks: a/b, c'
    )
  })
})

describe('fork detection', () => {
  const pr = (headRepo: string) => ({
    owner: 'acme',
    repo: 'widgets',
    pullRequest: { number: 1, baseRef: 'main', baseSha: 'b', headSha: 'h', headRepo }
  })
  it('is a fork when the head repository is another one, whatever the case', () => {
    expect(isFork(pr('acme/widgets'))).toBe(false)
    expect(isFork(pr('ACME/Widgets'))).toBe(false)
    expect(isFork(pr('mallory/widgets'))).toBe(true)
    expect(isFork(pr('acme/widgets-fork'))).toBe(true)
    expect(isFork({ owner: 'acme', repo: 'widgets' })).toBe(false)
  })
})

describe("the comment job's verification of a fork's report", () => {
  const report: PrReport = {
    schemaVersion: 1,
    repository: 'acme/widgets',
    prNumber: 7,
    headSha: 'a'.repeat(40),
    key: 'benchgate-baseline',
    noBaseline: null,
    comparison: null
  }
  const ctx = { owner: 'acme', repo: 'widgets' }
  const run = { headSha: 'a'.repeat(40), headRepo: 'mallory/widgets' }
  const pull = { headSha: 'a'.repeat(40), baseRepo: 'acme/widgets', headRepo: 'mallory/widgets' }
  it('accepts a report that matches the run and the API', () => {
    expect(verifyReport(report, run, pull, ctx, 'benchgate-baseline')).toEqual([])
  })
  it('names every mismatch', () => {
    const problems = verifyReport(
      { ...report, headSha: 'b'.repeat(40), key: 'other', repository: 'mallory/widgets' },
      run,
      { headSha: 'c'.repeat(40), baseRepo: 'mallory/widgets', headRepo: 'eve/widgets' },
      ctx,
      'benchgate-baseline'
    )
    expect(problems).toEqual([
      `the report is for commit ${'b'.repeat(40)}, but the triggering run built ${'a'.repeat(40)}`,
      `PR #7's head is ${'c'.repeat(40)}, not the triggering run's ${'a'.repeat(40)}`,
      'PR #7 is not a pull request into acme/widgets',
      'the report names repository mallory/widgets, not acme/widgets',
      "PR #7's head is in eve/widgets, but the triggering run built mallory/widgets",
      'the report\'s key "other" is not "benchgate-baseline"'
    ])
  })
  it('refuses a run whose head repository is gone (a deleted fork), rather than skip the check', () => {
    const gone =
      "the triggering run's or PR #7's head repository is unknown (a deleted fork?), so the report cannot be tied to the pull request"
    expect(verifyReport(report, { ...run, headRepo: '' }, pull, ctx, 'benchgate-baseline')).toEqual(
      [gone]
    )
    expect(verifyReport(report, run, { ...pull, headRepo: '' }, ctx, 'benchgate-baseline')).toEqual(
      [gone]
    )
  })
})

describe('judging a pull request with stubbed seams', () => {
  /** A/B results the fake runner writes, and what it was asked to run. */
  // The A/B rounds' profiles: in head, example.com/p.slow costs 20 ns more per op.
  const abCpu = (slow: number) => ({
    'BenchmarkA-2': [
      { name: 'example.com/p.slow', flat: slow, cum: slow },
      { name: 'example.com/p.fast', flat: 80, cum: 80 }
    ]
  })
  function fakeAb(base: Record<string, number[]>, head: Record<string, number[]>) {
    const calls: AbSettings[] = []
    const runAb: AbRunner = async s => {
      calls.push(s)
      return {
        baseDir: await write(join(s.out, 'base'), bundle(base, 'base-sha', abCpu(20))),
        headDir: await write(join(s.out, 'head'), bundle(head, 'head-sha', abCpu(40)))
      }
    }
    return { calls, runAb }
  }
  const engine = (runAb: AbRunner): Engine => ({
    go: {
      run: () => Promise.reject(new Error('no go in this test')),
      runTestBinary: () => Promise.reject(new Error('no go in this test'))
    },
    git: { run: () => Promise.reject(new Error('no git in this test')) },
    runAb
  })
  async function setup(plan: PullRequestJob['plan']) {
    const temp = tempDir('judge')
    // The screen: A is 30% slower, B 8% (below significance, above the
    // threshold: a suspect whatever its p), C unchanged.
    const baseline = await write(
      join(temp, 'baseline'),
      bundle({
        'BenchmarkA-2': steady(100),
        'BenchmarkB-2': steady(200),
        'BenchmarkC-2': steady(300)
      })
    )
    const head = await write(
      join(temp, 'head'),
      bundle({
        'BenchmarkA-2': steady(130),
        'BenchmarkB-2': [216, 180, 230, 170, 240, 216],
        'BenchmarkC-2': steady(300)
      })
    )
    const job: PullRequestJob = {
      plan,
      run: { ...RUN_DEFAULTS, packages: ['./...'], dir: temp, extraFlags: ['-tags=x'] },
      compare: {
        threshold: 5,
        abThreshold: 2.5,
        alpha: 0.05,
        allocThreshold: 0,
        maxFunctions: 10,
        failOnAlloc: false,
        test: 'utest',
        contentionThreshold: 10,
        failOnContention: []
      },
      confirmRounds: 8,
      headDir: head,
      temp,
      report: { key: 'k', repositoryUrl: 'https://github.com/acme/widgets', headSha: 'h' }
    }
    return { temp, baseline, job }
  }
  const seams = (runAb: AbRunner, baseline: string | { missing: string }) => {
    const logs: string[] = []
    return {
      logs,
      seams: {
        engine: engine(runAb),
        baseline: async () =>
          typeof baseline === 'string' ? { dir: baseline, runId: 42 } : baseline,
        abBase: async () => ({
          sha: 'merge-base-sha',
          label: 'merge-base with main (merge-base-s)'
        }),
        log: (m: string) => void logs.push(m),
        abEvents: () => () => {}
      }
    }
  }

  it('confirmed: re-measures exactly the suspects, and only confirmed regressions gate', async () => {
    const { baseline, job } = await setup('confirm')
    // On this runner A reproduces (+20%), B does not (±0).
    const ab = fakeAb(
      { 'BenchmarkA-2': steady(100, 8), 'BenchmarkB-2': steady(200, 8) },
      { 'BenchmarkA-2': steady(120, 8), 'BenchmarkB-2': steady(200, 8) }
    )
    const { seams: s, logs } = seams(ab.runAb, baseline)
    const d = await judgePullRequest(job, s)
    expect(d.kind).toBe('compared')
    if (d.kind !== 'compared') return
    const c = d.outputs.comparison
    expect(d.source).toBe('baseline run 42')
    expect(ab.calls).toHaveLength(1)
    expect(ab.calls[0].base).toBe('merge-base-sha')
    expect(ab.calls[0].rounds).toBe(8)
    expect(ab.calls[0].buildFlags).toEqual(['-tags=x'])
    expect([...(ab.calls[0].only ?? [])]).toEqual([PKG])
    expect(ab.calls[0].bench).toBe('^BenchmarkA(-2)?$|^BenchmarkB(-2)?$')
    expect(logs).toContain(
      'benchgate: the baseline screen flagged 2 suspect(s); re-measuring only those by interleaved A/B until each is decided (at most 8 rounds)'
    )
    expect(c.gateMode).toBe('confirmed')
    expect(c.confirmation).toMatchObject({ suspects: 2, confirmed: 1, rounds: 8 })
    const byName = Object.fromEntries(c.benchmarks.map(b => [b.name, b]))
    expect(byName['BenchmarkA-2'].verdict).toBe('regression')
    expect(byName['BenchmarkA-2'].confirmation?.status).toBe('confirmed')
    expect(byName['BenchmarkB-2'].verdict).toBe('unchanged')
    expect(byName['BenchmarkB-2'].confirmation?.status).toBe('not-confirmed')
    expect(byName['BenchmarkC-2'].confirmation).toBeUndefined()
    expect(c.gate.fail).toBe(true)
    expect(c.gate.reasons).toEqual([
      expect.stringMatching(
        /^BenchmarkA-2 ns\/op \+20\.00% \(p=[\d.<]+, 8 A\/B rounds on this runner\)$/
      )
    ])
    expect(d.outputs.comment).toContain('confirmed on this runner: +20.00%')
    // The breakdown comes from the A/B rounds' profiles (the screen's bundles had none).
    const a = byName['BenchmarkA-2']
    expect(a.functionsFrom).toBe('ab')
    expect(a.functions?.cpu?.[0]).toMatchObject({
      name: 'example.com/p.slow',
      status: 'changed',
      delta: { flat: 20, cum: 20, self: 20 },
      beyondNoise: true
    })
    expect(a.summary).toMatch(
      /example\.com\/p\.slow \+20 ns\/op, confirmed by A\/B on this runner$/
    )
    expect(d.outputs.comment).toContain("Function costs from the A/B rounds' profiles")
    expect(d.outputs.comment).toContain(
      '**Decided by the A/B on this runner** (8 interleaved rounds)'
    )
    expect(d.outputs.comment).not.toContain('No function breakdown')
    // The refuted suspect has no breakdown and no headline of a change.
    expect(byName['BenchmarkB-2'].functions).toBeUndefined()
    expect(byName['BenchmarkB-2'].summary).toBeUndefined()
  })

  it('confirmed: nothing is re-measured when the screen has no suspects', async () => {
    const { temp, job } = await setup('confirm')
    const same = await write(join(temp, 'same'), bundle({ 'BenchmarkC-2': steady(300) }))
    const ab = fakeAb({}, {})
    const { seams: s } = seams(ab.runAb, same)
    const d = await judgePullRequest({ ...job, headDir: same }, s)
    expect(ab.calls).toHaveLength(0)
    expect(d.kind === 'compared' && d.outputs.comparison.confirmation?.suspects).toBe(0)
    expect(d.kind === 'compared' && d.outputs.comparison.gate.fail).toBe(false)
  })

  it('confirmed: when the A/B cannot run, the screen stands and says why', async () => {
    const { baseline, job } = await setup('confirm')
    const { seams: s } = seams(
      () => Promise.reject(new Error('merge-base not in the clone')),
      baseline
    )
    const d = await judgePullRequest(job, s)
    if (d.kind !== 'compared') throw new Error('expected a comparison')
    const c = d.outputs.comparison
    expect(c.confirmation?.error).toBe('merge-base not in the clone')
    // A's screen regression still fails the gate: never let one through silently.
    expect(c.gate.fail).toBe(true)
    expect(c.gate.reasons[0]).toMatch(/^BenchmarkA-2 ns\/op \+30\.00%/)
  })

  it('baseline: the screen alone, no A/B', async () => {
    const { baseline, job } = await setup('screen')
    const ab = fakeAb({}, {})
    const { seams: s } = seams(ab.runAb, baseline)
    const d = await judgePullRequest(job, s)
    expect(ab.calls).toHaveLength(0)
    if (d.kind !== 'compared') throw new Error('expected a comparison')
    expect(d.outputs.comparison.gateMode).toBe('baseline')
    expect(d.outputs.comparison.gate.reasons).toEqual([expect.stringMatching(/^BenchmarkA-2 /)])
  })

  it('no baseline: a decision to publish, not an error', async () => {
    const { job } = await setup('confirm')
    const ab = fakeAb({}, {})
    const { seams: s } = seams(ab.runAb, { missing: 'no successful push run was found' })
    expect(await judgePullRequest(job, s)).toEqual({
      kind: 'no-baseline',
      reason: 'no successful push run was found'
    })
    expect(ab.calls).toHaveLength(0)
  })

  it('ab: everything by A/B against the base revision, at the A/B threshold', async () => {
    const { job } = await setup('ab')
    const ab = fakeAb(
      { 'BenchmarkA-2': steady(100, 6), 'BenchmarkB-2': steady(100, 6) },
      { 'BenchmarkA-2': steady(104, 6), 'BenchmarkB-2': steady(100, 6) }
    )
    const { seams: s } = seams(ab.runAb, { missing: 'unused' })
    const d = await judgePullRequest({ ...job, headDir: undefined }, s)
    if (d.kind !== 'compared') throw new Error('expected a comparison')
    expect(ab.calls[0]).toMatchObject({ base: 'merge-base-sha', rounds: RUN_DEFAULTS.count })
    expect(ab.calls[0].only).toBeUndefined()
    const c = d.outputs.comparison
    expect(c.gateMode).toBe('ab')
    expect(c.base.ref).toBe('merge-base with main (merge-base-s)')
    expect(c.options.threshold).toBe(2.5) // +4% clears the A/B threshold, not the screen's 5%
    expect(c.gate.fail).toBe(true)
    expect(d.source).toBe('A/B against merge-base with main (merge-base-s)')
  })
})

describe('the runtime', () => {
  // .ci/run sets this when it reruns the Action's tests under Node 24.
  const expected = process.env.BENCHGATE_EXPECT_NODE_MAJOR
  it.runIf(expected)('is the Node major the CI run asked for', () => {
    expect(process.versions.node.split('.')[0]).toBe(expected)
  })
})

describe('errors nobody expected', () => {
  it('are one line with a hint, and show the stack only when asked', () => {
    const err = new TypeError('x is undefined\u001b[2J')
    const line = internalError(err, {})
    expect(line).toBe(
      'benchgate: internal error: x is undefined\\u001b[2J (rerun with BENCHGATE_DEBUG=1 to see the stack trace)'
    )
    expect(line).not.toContain('\n')
    expect(internalError(err, { BENCHGATE_DEBUG: '1' })).toContain('at ')
  })

  it("name what the operating system refused, in the CLI's words", () => {
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), {
      code: 'ENOENT',
      syscall: 'open',
      path: '/x/y'
    })
    expect(systemError(enoent)).toBe(
      'cannot write /x/y: no such file or directory; check the path and its directory'
    )
    expect(systemError(new Error('plain'))).toBeUndefined()
  })
})
