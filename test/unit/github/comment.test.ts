/**
 * The sticky comment (src/github/comment.ts), in process against the
 * loopback GitHub with the real Octokit: which comments are ours, and one
 * comment per key whatever identity the token posts as.
 */
import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertComment } from '../../../src/github/comment.js'
import { marker } from '../../../src/report/markdown.js'
import { FakeGitHub } from '../../helpers/fake-github.js'

const repo = { owner: 'acme', repo: 'widgets' }
const key = marker('benchgate-baseline')

describe('the sticky comment', () => {
  const gh = new FakeGitHub()
  let octokit: ReturnType<typeof getOctokit>
  beforeAll(async () => {
    await gh.start()
    octokit = getOctokit('ghs_commentTest', { baseUrl: gh.url })
  })
  afterAll(() => gh.stop())

  it("another bot's comment that quotes our marker is not ours: ours is created beside it", async () => {
    gh.comments = [
      {
        id: 1,
        issue: 7,
        user: { login: 'github-actions[bot]' },
        body: `Thanks! Your PR says:\n\n> ${key}\n> faster now`
      }
    ]
    const r = await upsertComment(octokit, repo, 7, key, `${key}\n\nreport one`)
    expect(r?.action).toBe('created')
    expect(gh.comments.map(c => [c.id, c.body.split('\n').at(-1)])).toEqual([
      [1, '> faster now'],
      [r!.id, 'report one']
    ])
    // The next run updates ours, and still leaves the quote alone.
    const again = await upsertComment(octokit, repo, 7, key, `${key}\n\nreport two`)
    expect(again).toMatchObject({ action: 'updated', id: r!.id })
    expect(gh.comments.find(c => c.id === 1)!.body).toContain('faster now')
  })

  it('a GitHub App token keeps one comment, updated in place, run after run', async () => {
    gh.comments = []
    gh.commentLogin = 'benchgate-app[bot]'
    try {
      const first = await upsertComment(octokit, repo, 8, key, `${key}\n\nrun 1`)
      const second = await upsertComment(octokit, repo, 8, key, `${key}\n\nrun 2`)
      const third = await upsertComment(octokit, repo, 8, key, `${key}\n\nrun 3`)
      expect(first?.action).toBe('created')
      // Runs 2 and 3 learnt who they are from the comment they created,
      // kept the first one and removed their own.
      expect(second?.id).toBe(first!.id)
      expect(third?.id).toBe(first!.id)
      expect(gh.comments.filter(c => c.issue === 8)).toEqual([
        { id: first!.id, issue: 8, user: { login: 'benchgate-app[bot]' }, body: `${key}\n\nrun 3` }
      ])
    } finally {
      gh.commentLogin = 'github-actions[bot]'
    }
  })
})
