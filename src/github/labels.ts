/**
 * The pull request's labels, read from the API when the job runs: whether
 * the accept label is on it, and who added it last (the issue's events).
 * A label in a report or a payload is never trusted for this.
 */
import type { GitHubClient } from './client.js'

/** Whether `label` is on pull request `number` now, and the login that added it last (null: not found in the events). */
export async function labelOnPullRequest(
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  number: number,
  label: string
): Promise<{ present: boolean; by: string | null }> {
  const labels = await gh.paginate(gh.rest.issues.listLabelsOnIssue, {
    ...repo,
    issue_number: number,
    per_page: 100
  })
  if (!labels.some(l => l.name === label)) return { present: false, by: null }
  const events = await gh.paginate(gh.rest.issues.listEvents, {
    ...repo,
    issue_number: number,
    per_page: 100
  })
  const added = events.filter(
    e => e.event === 'labeled' && (e as { label?: { name?: string } }).label?.name === label
  )
  return { present: true, by: added.at(-1)?.actor?.login ?? null }
}
