/**
 * Pull requests from forks. Their GITHUB_TOKEN is read-only, so they
 * cannot comment: the run hands its report to a privileged `workflow_run`
 * job (`mode: comment`, examples/fork-*.yml) as an artifact, and that job
 * verifies it before posting. Never `pull_request_target`.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { Comparison } from '../compare/model.js'
import type { RunContext } from '../github/context.js'
import { REPORT_FILE, type PrReport } from '../github/report-artifact.js'
import { fitReport } from '../github/report-fit.js'
import type { ArtifactUploader } from './seams.js'

/** A pull request whose head lives in another repository than the one it targets. */
export function isFork(ctx: Pick<RunContext, 'owner' | 'repo' | 'pullRequest'>): boolean {
  const pr = ctx.pullRequest
  if (!pr) return false
  return pr.headRepo.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase()
}

/** The report artifact's name for a key. */
export function reportArtifactName(artifactName: string): string {
  return `${artifactName}-report`
}

/** What the comment job gets: the data to re-render, never a body to trust. */
export function prReport(
  ctx: RunContext,
  key: string,
  comparison: Comparison | null,
  noBaseline: string | null
): PrReport {
  const pr = ctx.pullRequest!
  return {
    schemaVersion: 1,
    repository: `${ctx.owner}/${ctx.repo}`,
    prNumber: pr.number,
    headSha: pr.headSha,
    key,
    noBaseline,
    comparison
  }
}

/**
 * The artifact a pull request's run keeps its judged comparison in, so
 * that a label event can judge it again without measuring (relabel.ts).
 */
export function verdictArtifactName(artifactName: string): string {
  return `${artifactName}-verdict`
}

/**
 * Write the report and upload it as `<artifact-name>-report` for the
 * comment job, or (`kept`) as `<artifact-name>-verdict` for a later label
 * event of the same pull request.
 */
export async function handOff(
  upload: ArtifactUploader,
  report: PrReport,
  artifactName: string,
  temp: string,
  kept = false
): Promise<void> {
  const dir = join(temp, kept ? 'pr-verdict' : 'pr-report')
  await mkdir(dir, { recursive: true })
  // Fitted to the comment job's limits, so what is uploaded is accepted.
  await writeFile(join(dir, REPORT_FILE), JSON.stringify(fitReport(report)))
  const name = kept ? verdictArtifactName(artifactName) : reportArtifactName(artifactName)
  await upload(name, [join(dir, REPORT_FILE)], dir)
  core.info(
    kept
      ? `benchgate: kept the judged report as artifact "${name}", for a label event to judge again without measuring`
      : `benchgate: uploaded the report as artifact "${name}" for the comment workflow (mode: comment)`
  )
}
