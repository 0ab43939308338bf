/**
 * A label added to or removed from a pull request changes no code: the
 * job judges the pull request's last verdict again (with the accept label
 * as it is now) instead of measuring everything again. The verdict comes
 * from the newest earlier run of this workflow for the same head commit
 * that kept one (`<artifact-name>-verdict`, or a fork's `-report`); it is
 * judged as the comment job judges a report: its numbers, this job's
 * options and gate. With none to be found, the job measures as usual.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { GitHubClient } from '../github/client.js'
import type { RunContext } from '../github/context.js'
import type { PrReport } from '../github/report-artifact.js'
import { renderOutputs } from '../engine/outputs.js'
import { redact } from '../github/redact.js'
import { fetchReport, judgeReport } from './comment-mode.js'
import { handOff, prReport, reportArtifactName, verdictArtifactName } from './fork.js'
import type { ActionSettings } from './inputs.js'
import { publishComparison, type PrChannel } from './publish.js'
import type { ArtifactUploader } from './seams.js'

/** Pull-request actions that change labels only. */
const LABEL_ACTIONS = new Set(['labeled', 'unlabeled'])

/** Whether this run is a label event of a pull request, which need not measure. */
export function isLabelEvent(ctx: RunContext): boolean {
  return ctx.event === 'pull_request' && LABEL_ACTIONS.has(ctx.pullRequest?.action ?? '')
}

/** Earlier runs this job looks through for a verdict. */
const RUNS_LOOKED_AT = 10

/**
 * Judge the last verdict of this pull request's head again and publish it.
 * Returns false (and the caller measures) when no earlier run kept one.
 */
export async function relabel(
  settings: ActionSettings,
  ctx: RunContext,
  io: { gh: GitHubClient; upload: ArtifactUploader; temp: string }
): Promise<boolean> {
  const pr = ctx.pullRequest!
  const repo = { owner: ctx.owner, repo: ctx.repo }
  const found = await lastVerdict(settings, ctx, io.gh, join(io.temp, 'relabel'))
  if (!found) {
    core.info(
      `benchgate: pull request #${pr.number} was ${pr.action}, but no earlier run for ${pr.headSha.slice(0, 12)} kept a verdict; measuring`
    )
    return false
  }
  const { report, runId } = found
  // Its numbers; this job's options, gate and accept label, as the comment job judges a report.
  const c = await judgeReport(report.comparison!, settings, io.gh, repo, pr.number)
  const reportDir = join(io.temp, 'report')
  const channel: PrChannel = { ...io, ctx, settings, reportDir }
  await mkdir(reportDir, { recursive: true })
  await publishComparison(
    channel,
    renderOutputs(c, {
      key: settings.artifactName,
      repositoryUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
      headSha: pr.headSha
    }),
    `judged again from run ${runId}'s verdict: the pull request was ${pr.action}${pr.label ? ` "${pr.label}"` : ''}, and nothing was measured`
  )
  await keepVerdict(io.upload, ctx, settings, c, io.temp)
  return true
}

/** The newest earlier run's verdict for this pull request's head, checked to be this pull request's. */
async function lastVerdict(
  settings: ActionSettings,
  ctx: RunContext,
  gh: GitHubClient,
  temp: string
): Promise<{ report: PrReport; runId: number } | undefined> {
  const pr = ctx.pullRequest!
  const repo = { owner: ctx.owner, repo: ctx.repo }
  const { data } = await gh.rest.actions.listWorkflowRuns({
    ...repo,
    workflow_id: ctx.workflow,
    head_sha: pr.headSha,
    event: 'pull_request',
    per_page: RUNS_LOOKED_AT
  })
  const runs = data.workflow_runs
    .filter(r => r.id !== ctx.runId && r.head_sha === pr.headSha)
    .sort((a, b) => b.id - a.id)
  for (const run of runs)
    for (const name of [
      verdictArtifactName(settings.artifactName),
      reportArtifactName(settings.artifactName)
    ]) {
      try {
        const report = await fetchReport(gh, settings, repo, run.id, join(temp, `${run.id}`), name)
        if (!report?.comparison) continue
        if (
          report.prNumber !== pr.number ||
          report.headSha !== pr.headSha ||
          report.key !== settings.artifactName ||
          report.repository.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase()
        ) {
          core.info(`benchgate: run ${run.id}'s verdict is not this pull request's; skipped`)
          continue
        }
        return { report, runId: run.id }
      } catch (err) {
        core.info(
          `benchgate: run ${run.id}'s "${name}" could not be read (${redact((err as Error).message)}); skipped`
        )
      }
    }
  return undefined
}

/** Keep this run's verdict for the next label event (same-repository pull requests; a fork's run hands off its report anyway). */
export async function keepVerdict(
  upload: ArtifactUploader,
  ctx: RunContext,
  settings: ActionSettings,
  c: Parameters<typeof prReport>[2],
  temp: string
): Promise<void> {
  try {
    await handOff(
      upload,
      prReport(ctx, settings.artifactName, c, null),
      settings.artifactName,
      temp,
      true
    )
  } catch (err) {
    core.warning(
      `benchgate: could not keep the verdict for label events (${redact((err as Error).message)}); a label change will measure again`
    )
  }
}
