/**
 * The accept label, read for the judge (judge/accept.ts) from the API when
 * the job runs: in the pull-request job, the merge job of a sharded run
 * and the comment job of a fork's. A failure to read it accepts nothing:
 * the gate stands, with a warning that says why.
 */
import * as core from '@actions/core'
import type { Comparison } from '../compare/model.js'
import { acceptRegressions, type Acceptance } from '../judge/accept.js'
import type { GitHubClient } from '../github/client.js'
import { labelOnPullRequest } from '../github/labels.js'
import { redact } from '../github/redact.js'
import { forTerminal } from '../report/escape.js'

/** The acceptance of pull request `number`, when its accept label is on it; undefined otherwise or when it cannot be read. */
export async function readAcceptance(
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  number: number,
  label: string
): Promise<Acceptance | undefined> {
  if (label === '') return undefined
  try {
    const on = await labelOnPullRequest(gh, repo, number, label)
    if (!on.present) return undefined
    core.info(
      `benchgate: the label "${forTerminal(label)}" is on pull request #${number}${on.by ? `, added by ${forTerminal(on.by)}` : ''}: its regressions are accepted`
    )
    return { label, by: on.by }
  } catch (err) {
    core.warning(
      `benchgate: could not read the labels of pull request #${number} (${redact((err as Error).message)}), so no regression is accepted by "${forTerminal(label)}". Give the job issues: read or pull-requests: read.`
    )
    return undefined
  }
}

/** `c` with its regressions accepted when the gate fails and the label is on the pull request. */
export async function withLabel(
  c: Comparison,
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  number: number,
  label: string
): Promise<Comparison> {
  if (!c.gate.fail) return c
  const by = await readAcceptance(gh, repo, number, label)
  return by ? acceptRegressions(c, by) : c
}
