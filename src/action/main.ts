/**
 * The Action: read the settings and the run's context, ask the judge for
 * the plan, measure, then record the baseline or judge the pull request,
 * and publish. Each step is one module; this file only orchestrates.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import { localEngine, type Engine } from '../engine/index.js'
import { packageFailure, planFor, RUN_EVENTS, type Plan } from '../judge/judge.js'
import type { BaselineRef } from '../engine/pr-flow.js'
import { runToBundle, type RunOutcome, type RunSettingsUnchanged } from '../measure/pipeline.js'
import { runCreatedAt } from '../github/baseline.js'
import { createClient, type GitHubClient } from '../github/client.js'
import { ContextError, readContext, type RunContext } from '../github/context.js'
import { addSecret } from '../github/redact.js'
import { forTerminal, showInvisible } from '../report/escape.js'
import { commentMode } from './comment-mode.js'
import { isLabelEvent, relabel } from './relabel.js'
import { SettingsError } from '../measure/settings.js'
import { readSettings, type ActionSettings } from './inputs.js'
import { runLog, sinceLog } from './log.js'
import { pullRequestAbBase } from '../ab/revision.js'
import { identicalSince } from '../ab/since.js'
import { mergeMode } from './merge-mode.js'
import { baselineOf, pullRequest } from './pull-request.js'
import { isBaseline, pushWeights } from './shard.js'
import { recordBaseline, uploadsBaseline } from './record.js'
import { carryHistory } from './history.js'
import { uploadArtifact } from './seams.js'

/** The Action's whole run. */
export async function run(): Promise<void> {
  const settings = readSettings(name => core.getInput(name))
  if (settings.githubToken) {
    core.setSecret(settings.githubToken)
    addSecret(settings.githubToken)
  }
  const ctx = await readRunContext()
  requireToken(settings, ctx)
  const temp = join(process.env.RUNNER_TEMP ?? process.cwd(), 'benchgate')
  const gh = createClient(settings.githubToken, m => core.warning(m))
  if (settings.mode === 'comment') return commentMode(settings, ctx, gh, temp)
  if (settings.mode === 'merge') return mergeMode(settings, ctx, gh, temp, uploadArtifact)

  const plan = planFor(ctx.event, settings.gate)
  if (!plan)
    throw new ContextError(
      `benchgate runs on ${RUN_EVENTS.join(', ')} events, not "${ctx.event}". Trigger the workflow on push to the default branch (to record the baseline) and on pull_request (to compare)`
    )
  // A label changes no code: judge the last verdict again, without measuring.
  if (
    isLabelEvent(ctx) &&
    !settings.shard &&
    (await relabel(settings, ctx, { gh, upload: uploadArtifact, temp }))
  )
    return
  const engine = localEngine(settings.run.timeout)
  const prepared = await prepare(plan, settings, ctx, gh, temp)
  // Interleaved A/B (plan ab) measures the head itself: no separate run.
  // A shard without its baseline part has nothing to compare with: it
  // says so to the merge job at once instead of measuring for nothing.
  const unbaselined =
    settings.shard !== undefined &&
    prepared.baseline !== undefined &&
    !isBaseline(prepared.baseline)
  const outcome =
    plan === 'ab' || unbaselined
      ? undefined
      : await measure(engine, settings, ctx, temp, {
          weightsFrom: prepared.weightsFrom,
          // The baseline's fixed iteration counts: both sides do the same work.
          iterationsFrom:
            prepared.baseline && isBaseline(prepared.baseline) ? prepared.baseline.dir : undefined
        })
  if (plan === 'record')
    await recordBaseline(
      settings,
      ctx,
      outcome!,
      uploadArtifact,
      // The history of main travels in the baseline (unsharded pushes).
      uploadsBaseline(settings, ctx).upload && !settings.shard && settings.githubToken !== ''
        ? await carryHistory(gh, engine.git, settings, ctx, temp, outcome!)
        : undefined
    )
  else
    await pullRequest(
      plan,
      settings,
      ctx,
      { engine, gh, upload: uploadArtifact, temp, baseline: prepared.baseline },
      outcome
    )
  reportFailedPackages(outcome)
}

/**
 * What a job needs before it measures. Unsharded: on a pull request, the
 * baseline, whose iteration counts the run reuses. Sharded: on a push, the
 * whole baseline to balance by; on a pull request, the baseline's part of
 * this shard, whose assignment it follows (and compares with afterwards).
 * Either comes from a run that finished before this run was created, so
 * that every shard, and a re-run of one, reads the same run.
 */
async function prepare(
  plan: Plan,
  settings: ActionSettings,
  ctx: RunContext,
  gh: GitHubClient,
  temp: string
): Promise<{ weightsFrom?: string; baseline?: BaselineRef | { missing: string } }> {
  if (plan === 'ab') return {}
  await mkdir(temp, { recursive: true })
  // Unsharded, a pull request still reads its baseline first: the run
  // reuses the baseline's iteration counts.
  if (!settings.shard)
    return plan === 'record' ? {} : { baseline: await baselineOf(gh, settings, ctx, temp) }
  const settled =
    settings.githubToken === '' || ctx.runId === 0
      ? undefined
      : await runCreatedAt(gh, { owner: ctx.owner, repo: ctx.repo }, ctx.runId, m => core.info(m))
  if (settled)
    core.info(
      `benchgate: this run was created at ${settled}; every shard reads the newest baseline that finished before then`
    )
  if (plan === 'record') return { weightsFrom: await pushWeights(gh, settings, ctx, temp, settled) }
  const baseline = await baselineOf(gh, settings, ctx, temp, settled)
  return { baseline, ...(isBaseline(baseline) ? { weightsFrom: baseline.dir } : {}) }
}

/**
 * Say before minutes of benchmarks, not after them, that the token is
 * missing where it is needed: on pull requests (the baseline, the comment)
 * and in comment mode. Recording a baseline uploads with the runner's own
 * credentials and needs none.
 */
function requireToken(settings: ActionSettings, ctx: RunContext): void {
  if (settings.githubToken !== '') return
  if (settings.mode === 'comment' || ctx.event === 'pull_request')
    throw new SettingsError(
      `input "github-token" is empty; benchgate needs it on ${settings.mode === 'comment' ? 'workflow_run (mode: comment)' : 'pull_request'} to read the baseline and post the comment. Leave it at its default (\${{ github.token }}) or pass a token`
    )
}

/** The runner's context: GITHUB_* variables and the event payload. */
async function readRunContext(): Promise<RunContext> {
  const path = process.env.GITHUB_EVENT_PATH
  return readContext(process.env, path ? await readFile(path, 'utf8') : undefined)
}

/**
 * Run the benchmarks (of this shard) into temp/head, one log group per
 * package; the test binaries and samples stay in temp/bin for confirmation.
 */
async function measure(
  engine: Engine,
  settings: ActionSettings,
  ctx: RunContext,
  temp: string,
  from: { weightsFrom?: string; iterationsFrom?: string }
): Promise<RunOutcome> {
  const { weightsFrom, iterationsFrom } = from
  const unchanged = await unchangedFilter(engine, settings, ctx)
  const outcome = await runToBundle(
    engine.go,
    engine.git,
    {
      ...settings.run,
      ...(settings.shard
        ? { shard: { ...settings.shard, ...(weightsFrom ? { weightsFrom } : {}) } }
        : {}),
      ...(iterationsFrom ? { iterationsFrom } : {}),
      binaryDir: join(temp, 'bin'),
      out: join(temp, 'head'),
      commit: ctx.pullRequest?.headSha ?? ctx.sha,
      ref: ctx.ref,
      ...(unchanged ? { unchanged } : {})
    },
    runLog()
  )
  core.setOutput('bundle-path', outcome.bundleDir)
  return outcome
}

/**
 * On a pull request with select: changed, what leaves out the packages
 * that cannot differ from the A/B base (ab/since.ts). Without the base
 * revision in the clone every package is measured, with a warning that
 * says how to get it. A push measures everything: it makes the baseline.
 */
async function unchangedFilter(
  engine: Engine,
  settings: ActionSettings,
  ctx: RunContext
): Promise<RunSettingsUnchanged | undefined> {
  if (settings.select !== 'changed' || !ctx.pullRequest) return undefined
  let base
  try {
    base = await pullRequestAbBase(engine.git, settings.run.dir, ctx.pullRequest)
  } catch (err) {
    core.warning(
      `benchgate: select: changed measures only the packages the pull request can have changed, by building its base revision too, but ${forTerminal((err as Error).message)}. Measuring every package this time; select: all does so without trying`
    )
    return undefined
  }
  core.info(
    `benchgate: select: changed; building ${forTerminal(base.label)} too, to leave out packages whose test binaries are identical`
  )
  return {
    ref: base.sha,
    filter: built =>
      identicalSince(
        engine.go,
        engine.git,
        {
          dir: settings.run.dir,
          ref: base.sha,
          extraFlags: settings.run.extraFlags,
          what: "the pull request's base revision"
        },
        built,
        sinceLog()
      )
  }
}

/** Packages that failed to run are annotated, and fail the step. */
function reportFailedPackages(outcome: RunOutcome | undefined): void {
  const failed = outcome?.failed ?? []
  for (const f of failed)
    core.error(forTerminal(f.error ?? `${f.pkg.importPath} failed`), {
      title: `benchgate: ${showInvisible(f.pkg.importPath)} failed`
    })
  const message = packageFailure(failed.map(f => f.pkg.importPath))
  if (message) core.setFailed(message)
}
