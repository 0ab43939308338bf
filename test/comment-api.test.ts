/**
 * The comment API fails soft, end to end with the built Action against the
 * loopback GitHub: the sticky comment is found among 150 comments across
 * pages; a body refused as too long (422) is posted again shorter; a
 * failed update keeps the old comment and says so in the job summary,
 * which was written before anything that could fail.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { marker } from '../src/report/markdown.js'
import { runAction, type ActionRun } from './helpers/action.js'
import { FakeGitHub } from './helpers/fake-github.js'
import { ROOT } from './helpers/go.js'

const TOKEN = 'ghs_fakeToken0123456789abcdef'
const repository = { default_branch: 'main', full_name: 'acme/widgets' }
const inputs = {
  'working-directory': join(ROOT, 'fixtures', 'demo'),
  gate: 'baseline',
  count: '4',
  benchtime: '50ms',
  'github-token': TOKEN,
  'fail-on-regression': 'false'
}
const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)

function pr(gh: FakeGitHub, runId: number): Promise<ActionRun> {
  return runAction(gh, {
    event: 'pull_request',
    payload: {
      repository,
      pull_request: {
        number: 7,
        base: { ref: 'main', sha: BASE, repo: { full_name: 'acme/widgets' } },
        head: { sha: HEAD, repo: { full_name: 'acme/widgets' } }
      }
    },
    inputs,
    ref: 'refs/pull/7/merge',
    sha: HEAD,
    runId
  })
}

describe('the comment API, failing soft', () => {
  const gh = new FakeGitHub()
  const key = marker('benchgate-baseline')
  let earlier: number
  beforeAll(async () => {
    await gh.start()
    const push = await runAction(gh, {
      event: 'push',
      payload: { repository },
      inputs,
      ref: 'refs/heads/main',
      sha: BASE,
      runId: 100
    })
    expect(push.code).toBe(0)
    gh.completeRun(
      {
        id: 100,
        event: 'push',
        conclusion: 'success',
        head_branch: 'main',
        head_sha: BASE,
        headRepo: 'acme/widgets'
      },
      gh.uploads.at(-1)!
    )
    // 150 comments on the PR; ours (from an earlier run, since minimized by
    // a maintainer, which the REST API does not show) is number 121.
    for (let i = 0; i < 150; i++) {
      const id = 5000 + i
      gh.comments.push({
        id,
        issue: 7,
        user: { login: i === 120 ? 'github-actions[bot]' : `user${i % 7}` },
        body:
          i === 120
            ? `${key}\n\nold report`
            : i === 60
              ? `${key} quoted by a human`
              : `comment ${i}`
      })
      if (i === 120) earlier = id
    }
  })
  afterAll(() => gh.stop())

  it('finds our comment on the second page and updates it in place, after a 422 with the shorter body', async () => {
    gh.refuseTooLong = 1
    const before = gh.comments.length
    const r = await pr(gh, 201)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('GitHub refused the comment as too long; posting the shorter report')
    expect(gh.comments).toHaveLength(before) // updated, not created
    const ours = gh.comments.find(c => c.id === earlier)!
    expect(ours.body).toContain(key)
    expect(ours.body).not.toContain('old report')
    // The human's comment that quotes our marker is left alone.
    expect(gh.comments.find(c => c.id === 5060)!.body).toBe(`${key} quoted by a human`)
    // Both attempts were PATCHes of that comment, and the lookup paged.
    expect(gh.requests('PATCH', new RegExp(`/issues/comments/${earlier}$`))).toBe(2)
    expect(gh.requests('GET', /\/issues\/7\/comments\?.*page=2/)).toBeGreaterThan(0)
    expect(r.outputs['comment-url']).toContain(`issuecomment-${earlier}`)
  })

  it('a failed update keeps the old comment and says so in the job summary', async () => {
    const ours = gh.comments.find(c => c.id === earlier)!
    const body = ours.body
    gh.failUpdates = 410
    const r = await pr(gh, 202)
    gh.failUpdates = 0
    expect(r.code).toBe(0)
    expect(ours.body).toBe(body)
    expect(r.stdout).toMatch(/::warning::benchgate: could not post the PR comment \(HTTP 410/)
    // The full report reached the summary first, then the note.
    expect(r.summary).toContain('benchgate:')
    expect(r.summary).toMatch(
      /could not post or update the pull-request comment \(HTTP 410[\s\S]*earlier run's results/
    )
    expect(r.summary.indexOf('could not post or update')).toBeGreaterThan(
      r.summary.indexOf('| benchmark |')
    )
  })

  it('an empty token is reported before any benchmark runs, naming the input', async () => {
    const r = await runAction(gh, {
      event: 'pull_request',
      payload: {
        repository,
        pull_request: {
          number: 7,
          base: { ref: 'main', sha: BASE, repo: { full_name: 'acme/widgets' } },
          head: { sha: HEAD, repo: { full_name: 'acme/widgets' } }
        }
      },
      inputs: { ...inputs, 'github-token': '' },
      ref: 'refs/pull/7/merge',
      sha: HEAD,
      runId: 203
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /::error::input "github-token" is empty; benchgate needs it on pull_request/
    )
    expect(r.stdout).not.toContain('::group::') // no go test ran
  })
})
