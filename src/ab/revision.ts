/**
 * Which revision a pull request's A/B runs compare against. The work tree
 * is whatever the workflow checked out:
 * - GitHub's test merge commit (actions/checkout's default on
 *   pull_request): its first parent is the base branch as merged, so the
 *   A/B isolates what merging the PR changes;
 * - the PR head itself: the merge-base of the head and the base branch.
 * The commits must be in the clone. For the merge commit, a shallow clone
 * (actions/checkout's default depth 1) is enough: the one commit needed is
 * fetched. A merge-base needs history; when it is missing the error says
 * how to configure the checkout.
 */
import { gitOutput, haveCommit, type Git } from '../git/index.js'
import { AbError } from './ab.js'

const FETCH_HINT =
  'give actions/checkout `fetch-depth: 0` so the base revision is in the clone (or use gate: baseline)'

/** The revision a pull request's A/B compares against. */
export interface AbBase {
  sha: string
  /** How it was chosen, for the report. */
  label: string
}

/** The A/B base for a pull request checked out in `dir`. */
export async function pullRequestAbBase(
  git: Git,
  dir: string,
  pr: { baseSha: string; headSha: string; baseRef: string }
): Promise<AbBase> {
  const head = await gitOutput(git, dir, ['rev-parse', 'HEAD'])
  if (!head)
    throw new AbError(`${dir} is not a git checkout, so there is no base revision to build`)
  // The commit object names its parents even in a shallow clone, where
  // rev-list shows none.
  const parents = [
    ...((await gitOutput(git, dir, ['cat-file', '-p', 'HEAD'])) ?? '').matchAll(
      /^parent ([0-9a-f]+)$/gm
    )
  ].map(m => m[1])
  if (parents.length === 2 && parents[1] === pr.headSha) {
    if (!(await haveCommit(git, dir, parents[0])))
      throw new AbError(
        `the merge commit's base parent ${parents[0]} is not in the clone: ${FETCH_HINT}`
      )
    return {
      sha: parents[0],
      label: `${pr.baseRef || 'base'} as merged (${parents[0].slice(0, 12)})`
    }
  }
  if (!pr.baseSha || !(await haveCommit(git, dir, pr.baseSha)))
    throw new AbError(
      `the base branch commit ${pr.baseSha || '(unknown)'} is not in the clone: ${FETCH_HINT}`
    )
  const base = await gitOutput(git, dir, ['merge-base', pr.baseSha, 'HEAD'])
  if (!base)
    throw new AbError(
      `git merge-base ${pr.baseSha} HEAD found no common ancestor (a shallow clone?): ${FETCH_HINT}`
    )
  return {
    sha: base,
    label: `merge-base with ${pr.baseRef || 'the base branch'} (${base.slice(0, 12)})`
  }
}
