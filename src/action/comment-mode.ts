/**
 * mode: comment, on workflow_run: post the report of a pull-request run
 * that could not comment itself (a fork's read-only token). Nothing from
 * the PR is checked out or executed here. The report artifact is
 * untrusted: its PR number and head SHA are confirmed through the API
 * against the workflow_run payload, and the comment is re-rendered from
 * its data with our escaping.
 */
import { mkdir } from 'node:fs/promises'
import { readTextCapped } from '../files/index.js'
import { join } from 'node:path'
import * as core from '@actions/core'
import { DefaultArtifactClient } from '@actions/artifact'
import { rejudgeMerged } from '../judge/merge-comparisons.js'
import { rejudge } from '../judge/rejudge.js'
import { withLabel } from './accept.js'
import { downloadRunArtifact } from '../github/baseline.js'
import type { Comparison } from '../compare/model.js'
import type { GitHubClient } from '../github/client.js'
import { ContextError, type RunContext } from '../github/context.js'
import {
  MAX_REPORT_BYTES,
  parseReport,
  ReportError,
  REPORT_FILE,
  REPORT_ZIP_LIMITS,
  type PrReport
} from '../github/report-artifact.js'
import { checkRunSummary, checkRunTitle, reportedNoBaselineBody } from '../report/bodies.js'
import { COMMENT_BUDGET_BYTES, renderMarkdown } from '../report/markdown.js'
import { postComment } from './publish.js'
import { findFlame, hasChanges } from './flame.js'
import { reportArtifactName } from './fork.js'
import type { ActionSettings } from './inputs.js'

/** What the API says about the pull request a report claims to be for. */
export interface PullFacts {
  headSha: string
  baseRepo: string
  /** The repository the PR's head lives in (a fork's own); '' when it is gone. */
  headRepo: string
}

/**
 * Why a report must not be posted, if anything: it must be for the commit
 * the triggering run built, that commit must be the PR's head, the PR must
 * target this repository, and the key must be ours.
 */
export function verifyReport(
  report: PrReport,
  run: { headSha: string; headRepo: string },
  pull: PullFacts,
  ctx: Pick<RunContext, 'owner' | 'repo'>,
  artifactName: string
): string[] {
  const problems: string[] = []
  if (report.headSha !== run.headSha)
    problems.push(
      `the report is for commit ${report.headSha}, but the triggering run built ${run.headSha}`
    )
  if (pull.headSha !== run.headSha)
    problems.push(
      `PR #${report.prNumber}'s head is ${pull.headSha}, not the triggering run's ${run.headSha}`
    )
  if (pull.baseRepo.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase())
    problems.push(`PR #${report.prNumber} is not a pull request into ${ctx.owner}/${ctx.repo}`)
  if (report.repository.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase())
    problems.push(`the report names repository ${report.repository}, not ${ctx.owner}/${ctx.repo}`)
  // A run whose head repository is gone (a deleted fork) cannot be tied to
  // one pull request: another PR with the same head commit could be named.
  if (run.headRepo === '' || pull.headRepo === '')
    problems.push(
      `the triggering run's or PR #${report.prNumber}'s head repository is unknown (a deleted fork?), so the report cannot be tied to the pull request`
    )
  else if (pull.headRepo.toLowerCase() !== run.headRepo.toLowerCase())
    problems.push(
      `PR #${report.prNumber}'s head is in ${pull.headRepo}, but the triggering run built ${run.headRepo}`
    )
  if (report.key !== artifactName)
    problems.push(`the report's key "${report.key}" is not "${artifactName}"`)
  return problems
}

/** A run's report artifact (by default the triggering run's `-report`), size-checked, extracted with a report's limits, parsed; undefined when it left none. */
export async function fetchReport(
  gh: GitHubClient,
  settings: ActionSettings,
  repo: { owner: string; repo: string },
  runId: number,
  temp: string,
  name = reportArtifactName(settings.artifactName)
): Promise<PrReport | undefined> {
  const { data } = await gh.rest.actions.listWorkflowRunArtifacts({
    ...repo,
    run_id: runId,
    name,
    per_page: 10
  })
  const artifact = data.artifacts.find(a => a.name === name && !a.expired)
  if (!artifact) {
    core.info(
      `benchgate: run ${runId} left no "${name}" artifact (it commented itself, or did not get that far); nothing to post`
    )
    return undefined
  }
  if ((artifact.size_in_bytes ?? 0) > REPORT_ZIP_LIMITS.maxTotalBytes + 64 * 1024)
    throw new ReportError(
      `run ${runId}'s "${name}" artifact is ${artifact.size_in_bytes} bytes, more than a report can be; it was not written by benchgate`
    )
  await mkdir(temp, { recursive: true })
  const dir = await downloadRunArtifact(
    new DefaultArtifactClient(),
    settings.githubToken,
    repo,
    runId,
    artifact.id,
    temp,
    m => core.info(m),
    REPORT_ZIP_LIMITS
  )
  return parseReport(
    await readTextCapped(join(dir, REPORT_FILE), MAX_REPORT_BYTES, 'the report artifact')
  )
}

/**
 * A report's comparison judged by this job: its numbers, this job's
 * options and gate (only the test that made the p-values is the
 * report's), per shard with Holm across all when it is a merge, and the
 * accept label as the API shows it now (a report's claim was dropped unread).
 */
export async function judgeReport(
  comparison: Comparison,
  settings: ActionSettings,
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  prNumber: number
): Promise<Comparison> {
  const policed = {
    ...comparison,
    options: { ...settings.compare, test: comparison.options.test },
    gateMode: settings.gate
  }
  const judged = policed.shards ? rejudgeMerged(policed) : rejudge(policed)
  return withLabel(judged, gh, repo, prNumber, settings.acceptLabel)
}

/** Download, verify, re-render and post a fork PR's report, with a check run on its head. */
export async function commentMode(
  settings: ActionSettings,
  ctx: RunContext,
  gh: GitHubClient,
  temp: string
): Promise<void> {
  const wr = ctx.workflowRun
  if (ctx.event !== 'workflow_run' || !wr) {
    throw new ContextError(
      `mode "comment" runs on workflow_run events (the run that produced the report), not "${ctx.event}"`
    )
  }
  const repo = { owner: ctx.owner, repo: ctx.repo }
  const report = await fetchReport(gh, settings, repo, wr.id, temp)
  if (!report) return
  // Confirm from the API, never from the artifact alone.
  const { data: pull } = await gh.rest.pulls.get({ ...repo, pull_number: report.prNumber })
  const problems = verifyReport(
    report,
    wr,
    {
      headSha: pull.head.sha,
      baseRepo: pull.base.repo.full_name,
      headRepo: pull.head.repo?.full_name ?? ''
    },
    ctx,
    settings.artifactName
  )
  if (problems.length > 0) {
    throw new ReportError(
      `refusing to comment from run ${wr.id}'s report: ${problems.join('; ')}. The artifact may have been forged or is stale`
    )
  }
  // Verdicts, counts and the gate are recomputed from the numbers, never
  // taken as written, by this job's own policy: the thresholds, alpha and
  // fail-on inputs of the workflow on the base branch, never the fork's.
  // Only the test that made the p-values comes from the report.
  // A merged report (a sharded run) is judged as its merge judged it: per shard, Holm across all.
  // The gate is this job's too: a fork's "gateMode: confirmed" with
  // confirmations it never ran must not replace a gate: baseline.
  const c =
    report.comparison && (await judgeReport(report.comparison, settings, gh, repo, report.prNumber))
  // The fork run's flame graph, found through the API, never taken from the report.
  const flameUrl =
    c && hasChanges(c) ? await findFlame(gh, ctx, wr.id, settings.artifactName) : undefined
  const rendering = {
    key: settings.artifactName,
    repositoryUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
    headSha: wr.headSha,
    // The fork's run made it: say so, never present it as ours.
    ...(flameUrl ? { flameUrl, flameMadeBy: 'pull-request' as const } : {})
  }
  // The same ladder as the pull-request side: a body refused as too long
  // (422) is posted again at a quarter of the budget. A comment that still
  // fails is a warning: the check run below carries the verdict either way.
  const bodies = c
    ? [COMMENT_BUDGET_BYTES, COMMENT_BUDGET_BYTES / 4].map(budgetBytes =>
        renderMarkdown(c, { ...rendering, budgetBytes })
      )
    : [reportedNoBaselineBody(settings.artifactName, report.noBaseline)]
  const posted = await postComment(gh, repo, report.prNumber, settings.artifactName, bodies, true)
  if (posted.url) core.setOutput('comment-url', posted.url)
  const conclusion = await createCheckRun(
    gh,
    repo,
    checkRunName(settings.artifactName, pull.base.ref),
    wr.headSha,
    c,
    report,
    rendering
  )
  core.setOutput('verdict', c ? c.verdict : 'no-baseline')
  core.info(
    `benchgate: posted run ${wr.id}'s report on PR #${report.prNumber}; check run: ${conclusion}`
  )
}

/**
 * The check run's name: the key and the base branch. A head commit can be
 * in two pull requests (into main and into a release branch); with the
 * base branch in its name, one's check never stands for the other's.
 * Branch protection requires it by this name.
 */
export function checkRunName(key: string, baseRef: string): string {
  return `benchgate (${key} into ${baseRef})`
}

/**
 * A check run on the PR's head, so branch protection can require it;
 * resolves to its conclusion. No baseline is `neutral`: nothing was
 * compared, so nothing passed.
 */
async function createCheckRun(
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  name: string,
  headSha: string,
  c: Comparison | null,
  report: PrReport,
  rendering: { key: string; repositoryUrl: string; headSha: string }
): Promise<'failure' | 'success' | 'neutral'> {
  const conclusion = !c ? 'neutral' : c.gate.fail ? 'failure' : 'success'
  const { data: check } = await gh.rest.checks.create({
    ...repo,
    name,
    head_sha: headSha,
    status: 'completed',
    conclusion,
    output: {
      title: checkRunTitle(c),
      summary: checkRunSummary(c, rendering, report.noBaseline)
    }
  })
  core.info(`benchgate: check run ${check.id} on ${headSha}: ${conclusion}`)
  return conclusion
}
