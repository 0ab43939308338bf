/**
 * The sticky PR comment: one comment per key, found by its hidden marker
 * on its first line among comments written by our own identity, updated in
 * place, and recreated if someone deleted it. The lookup pages through
 * every comment.
 *
 * Our identity: the token's user where `GET /user` answers (a personal
 * token), else the Actions bot. A GitHub App's installation token posts
 * as `<app>[bot]`, which no API call names in advance: its identity is
 * learnt from the comment it creates, and the dedupe after creating keeps
 * the oldest comment of that identity, so an App still has one comment,
 * updated in place.
 */
import { statusOf, type GitHubClient } from './client.js'
import type { RepoRef } from './baseline.js'

/** The identity the Actions token comments as; `GET /user` answers 403 for it. */
export const ACTIONS_BOT = 'github-actions[bot]'

/** Our login: the token's user when the API says, else the Actions bot. */
export async function ownLogin(gh: GitHubClient): Promise<string> {
  try {
    const { data } = await gh.rest.users.getAuthenticated()
    return data.login
  } catch {
    return ACTIONS_BOT
  }
}

/**
 * Whether a comment is ours for this marker: written by one of our
 * identities, with the marker as its first line. Another bot's comment
 * that quotes a body holding the marker elsewhere is not ours.
 */
function isOurs(
  c: { user?: { login?: string } | null; body?: string | null },
  logins: ReadonlySet<string>,
  marker: string
): boolean {
  const body = c.body ?? ''
  const eol = body.indexOf('\n')
  return logins.has(c.user?.login ?? '') && (eol < 0 ? body : body.slice(0, eol)).trim() === marker
}

/** Create or update the comment bearing `marker`; returns its URL. */
export async function upsertComment(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
  body: string,
  options: { createIfMissing: boolean } = { createIfMissing: true }
): Promise<{ url: string; id: number; action: 'created' | 'updated' } | undefined> {
  const logins = new Set([await ownLogin(gh)])
  const comments = await gh.paginate(gh.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100
  })
  const mine = comments.find(c => isOurs(c, logins, marker))
  if (mine) {
    try {
      const { data } = await gh.rest.issues.updateComment({ ...repo, comment_id: mine.id, body })
      return { url: data.html_url, id: data.id, action: 'updated' }
    } catch (err) {
      if (statusOf(err) !== 404) throw err
      // Deleted between the lookup and the update: create it again.
    }
  }
  if (!mine && !options.createIfMissing) return undefined
  const { data } = await gh.rest.issues.createComment({ ...repo, issue_number: issueNumber, body })
  // Who we are, as GitHub says it: an App token's comments are its bot's.
  if (data.user?.login) logins.add(data.user.login)
  return dedupe(gh, repo, issueNumber, marker, logins, body, {
    url: data.html_url,
    id: data.id,
    action: 'created'
  })
}

/**
 * Two runs that post at the same time can both create a comment. After
 * creating, every run keeps the oldest of our marked comments (lowest id),
 * gives it this body if it is not ours, and deletes the rest, so exactly
 * one survives whichever run finishes last.
 */
async function dedupe(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
  logins: ReadonlySet<string>,
  body: string,
  created: { url: string; id: number; action: 'created' | 'updated' }
): Promise<{ url: string; id: number; action: 'created' | 'updated' }> {
  const all = await gh.paginate(gh.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100
  })
  const ours = all.filter(c => isOurs(c, logins, marker)).sort((a, b) => a.id - b.id)
  if (ours.length <= 1) return created
  const keep = ours[0]
  for (const extra of ours.slice(1)) {
    try {
      await gh.rest.issues.deleteComment({ ...repo, comment_id: extra.id })
    } catch (err) {
      if (statusOf(err) !== 404) throw err // the other run deleted it already
    }
  }
  if (keep.id === created.id) return created
  const { data } = await gh.rest.issues.updateComment({ ...repo, comment_id: keep.id, body })
  return { url: data.html_url, id: data.id, action: 'updated' }
}
