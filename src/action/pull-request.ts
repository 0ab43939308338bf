/**
 * pull_request: wire the judge's flow to GitHub (the baseline artifact,
 * the merge-base) and to the runner (the A/B base revision), then publish
 * what it decided.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { Engine } from '../engine/index.js'
import type { Plan } from '../judge/judge.js'
import { headReuse, type RunOutcome } from '../measure/pipeline.js'
import { judgePullRequest, type BaselineRef } from '../engine/pr-flow.js'
import { pullRequestAbBase } from '../ab/revision.js'
import { fetchBaseline, mergeBase, NoBaselineError } from '../github/baseline.js'
import type { GitHubClient } from '../github/client.js'
import type { RunContext } from '../github/context.js'
import { redact } from '../github/redact.js'
import type { ActionSettings } from './inputs.js'
import { hasChanges, uploadFlame } from './flame.js'
import { abLog } from './log.js'
import { readAcceptance } from './accept.js'
import { isFork } from './fork.js'
import { keepVerdict } from './relabel.js'
import { publishComparison, publishNoBaseline, type PrChannel } from './publish.js'
import type { ArtifactUploader } from './seams.js'
import { baselineArtifact, publishShard } from './shard.js'

/** The branch whose baseline a pull request compares with. */
export function baselineBranch(settings: ActionSettings, ctx: RunContext): string {
  return settings.baselineBranch || ctx.pullRequest?.baseRef || ctx.defaultBranch
}

/**
 * The baseline bundle of the base branch (this shard's part of it, when
 * sharded), or why there is none. No baseline, an expired one, or one that
 * cannot be read is not the PR's fault: it is reported, and the step passes.
 * `settledBefore` (a shard's): only runs that finished before then.
 */
export async function baselineOf(
  gh: GitHubClient,
  settings: ActionSettings,
  ctx: RunContext,
  temp: string,
  settledBefore?: string
): Promise<BaselineRef | { missing: string }> {
  const pr = ctx.pullRequest!
  const repo = { owner: ctx.owner, repo: ctx.repo }
  const branch = baselineBranch(settings, ctx)
  try {
    const base = await mergeBase(gh, repo, pr.baseSha || branch, pr.headSha, m => core.info(m))
    const baseline = await fetchBaseline(
      gh,
      settings.githubToken,
      {
        ...repo,
        workflow: ctx.workflow,
        branch,
        artifactName: baselineArtifact(settings),
        mergeBase: base,
        settledBefore
      },
      temp,
      m => core.info(m)
    )
    core.setOutput('baseline-run-id', String(baseline.runId))
    core.info(`benchgate: baseline from run ${baseline.runId} (commit ${baseline.headSha})`)
    return baseline
  } catch (err) {
    const missing = redact(
      err instanceof NoBaselineError
        ? err.message
        : `the baseline could not be read: ${(err as Error).message}`
    )
    core.warning(`benchgate: ${missing}`)
    return { missing }
  }
}

/** Judge the pull request by its plan, then publish the comparison or the "no baseline" note. */
export async function pullRequest(
  plan: Exclude<Plan, 'record'>,
  settings: ActionSettings,
  ctx: RunContext,
  io: {
    engine: Engine
    gh: GitHubClient
    upload: ArtifactUploader
    temp: string
    /** Fetched before measuring (a shard follows its part's assignment). */
    baseline?: BaselineRef | { missing: string }
  },
  outcome: RunOutcome | undefined
): Promise<void> {
  const pr = ctx.pullRequest!
  const reportDir = join(io.temp, 'report')
  await mkdir(reportDir, { recursive: true })
  const channel: PrChannel = { ...io, ctx, settings, reportDir }
  const decision = await judgePullRequest(
    {
      plan,
      // Gate ab measures both sides itself: its shard, by benchmark counts, as every shard computes it.
      run:
        plan === 'ab' && settings.shard ? { ...settings.run, shard: settings.shard } : settings.run,
      compare: settings.compare,
      confirmRounds: settings.confirmRounds,
      confirmBudget: settings.confirmBudget,
      schedule: settings.abSchedule,
      select: settings.select,
      headDir: outcome?.bundleDir,
      ...(outcome ? { head: headReuse(outcome) } : {}),
      temp: io.temp,
      report: {
        key: settings.artifactName,
        repositoryUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
        headSha: pr.headSha
      }
    },
    {
      engine: io.engine,
      baseline: async () => io.baseline ?? baselineOf(io.gh, settings, ctx, io.temp),
      abBase: () => pullRequestAbBase(io.engine.git, settings.run.dir, pr),
      log: m => core.info(m),
      abEvents: abLog,
      // A shard's part is accepted or not where the shards are merged.
      ...(settings.shard
        ? {}
        : {
            acceptance: () =>
              readAcceptance(
                io.gh,
                { owner: ctx.owner, repo: ctx.repo },
                pr.number,
                settings.acceptLabel
              )
          })
    }
  )
  if (settings.shard) {
    if (decision.kind === 'compared' && plan === 'ab')
      core.setOutput('bundle-path', decision.headDir)
    return publishShard(
      channel,
      settings.shard,
      decision.kind === 'no-baseline' ? { noBaseline: decision.reason } : decision
    )
  }
  if (decision.kind === 'no-baseline') {
    const measured = outcome?.bundle.benchmarks.length ?? 0
    await publishNoBaseline(channel, decision.reason, baselineBranch(settings, ctx), measured)
    return
  }
  if (plan === 'ab') core.setOutput('bundle-path', decision.headDir)
  // The picture of the diff, linked from the comment and the summary.
  const flameUrl = hasChanges(decision.outputs.comparison)
    ? await uploadFlame(io, ctx, settings.artifactName, decision)
    : undefined
  const outputs = flameUrl ? decision.outputs.rerender({ flameUrl }) : decision.outputs
  await publishComparison(channel, outputs, decision.source)
  // A label event judges this verdict again rather than measure (relabel.ts).
  if (!isFork(ctx)) await keepVerdict(io.upload, ctx, settings, outputs.comparison, io.temp)
}
