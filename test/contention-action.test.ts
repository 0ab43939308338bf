/**
 * Issue 16's promise, as a user meets it: add `profiles:
 * cpu,mem,mutex,trace` to the workflow step, and the pull request's
 * comment says which lock got hotter and by how much per op. The real
 * Action (dist/index.js) against the loopback GitHub server: a push
 * records the baseline with its contention rounds; a pull request that
 * widens the critical section (fixtures/contention, -tags=contention_wide)
 * is compared against it, and with `fail-on-contention: mutex` it fails.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeGitHub } from './helpers/fake-github.js'
import { runAction, type ActionRun } from './helpers/action.js'
import { ROOT } from './helpers/go.js'

const repository = { default_branch: 'main', full_name: 'acme/widgets' }
const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  'working-directory': join(ROOT, 'fixtures', 'contention'),
  bench: '^BenchmarkLockedMap$',
  gate: 'baseline',
  count: '6',
  benchtime: '50ms',
  profiles: 'cpu,mem,mutex,trace',
  'contention-rounds': '6',
  'fail-on-contention': 'mutex',
  'github-token': 'ghs_fakeToken0123456789abcdef',
  'artifact-name': 'benchgate-baseline',
  ...extra
})

describe('the Action with profiles: cpu,mem,mutex,trace', () => {
  const gh = new FakeGitHub()
  let pushed: ActionRun
  let widened: ActionRun

  beforeAll(async () => {
    await gh.start()
    pushed = await runAction(gh, {
      event: 'push',
      payload: { repository },
      inputs: inputs(),
      ref: 'refs/heads/main',
      sha: 'aaa111',
      runId: 3001
    })
    gh.completeRun(
      {
        id: 3001,
        event: 'push',
        conclusion: 'success',
        head_branch: 'main',
        head_sha: 'aaa111',
        headRepo: 'acme/widgets'
      },
      gh.uploads[gh.uploads.length - 1]
    )
    gh.mergeBase = 'aaa111'
    widened = await runAction(gh, {
      event: 'pull_request',
      payload: {
        repository,
        pull_request: {
          number: 9,
          base: { ref: 'main', sha: 'aaa111', repo: { full_name: 'acme/widgets' } },
          head: { sha: 'bbb222', repo: { full_name: 'acme/widgets' } }
        }
      },
      inputs: inputs({ 'go-test-flags': '-tags=contention_wide' }),
      ref: 'refs/pull/9/merge',
      sha: 'merge999',
      runId: 3002
    })
  }, 600_000)
  afterAll(() => gh.stop())

  it('records the contention rounds in the baseline, with progress in the log', () => {
    expect(pushed.code, pushed.stderr).toBe(0)
    expect(pushed.stdout).toMatch(/benchgate: contention pass, 1 benchmark\(s\), 6 rounds each/)
    expect(pushed.stdout).toMatch(
      /\[1\/1\] contention BenchmarkLockedMap-2 round 6\/6; [\d.]+s elapsed/
    )
  })

  it('tells the pull request which lock got hotter, by how much per op, and fails the check', () => {
    expect(widened.code, widened.stdout).toBe(1)
    expect(gh.comments).toHaveLength(1)
    const body = gh.comments[0].body
    // The widened section also made it slower: both gate. When the base's
    // mutex profile sampled no wait at all there is no percentage: the
    // line gives the head's wait from 0.
    expect(body).toMatch(
      /Gate: .*BenchmarkLockedMap-2 mutex (wait|contentions) \+[\d.]+(%| (ns|events)\/op from 0) \(p=[\d.]+, 6 contention rounds\)/
    )
    // The summary names the lock's call site and its extra wait per op.
    expect(body).toMatch(
      /\*\*Contention and scheduling\*\* changed beyond noise in 1 benchmark \(gating: fail-on-contention\); the largest: BenchmarkLockedMap-2 .*, at example\.com\/contention\/lockmap\.\(\\\*Counter\)\.Add \+[\d.]+ ns\/op/
    )
    const table = body.slice(body.indexOf('**Mutex wait per op (mutex profile)**'))
    const first = table.split('\n').find(l => /^\| \[?`/.test(l))!
    // The call site, linked to its source at the head commit.
    expect(first).toMatch(/^\| \[`example\.com\/contention\/lockmap\.\(\*Counter\)\.Add`\]\(http/)
    // `new` when the base's mutex profile sampled no wait at this call site
    // (the Node 24 pass saw it): its per-op wait grew either way.
    expect(first).toMatch(/\| (changed|new) \| \+[\d.]+(ns|µs) \|/)
    expect(widened.summary).toContain('**Contention and scheduling** changed beyond noise')
    expect(widened.outputs.verdict).toBe('regression')
  })
})
