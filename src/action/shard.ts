/**
 * One job of a sharded matrix (input `shard: i/n`, docs/sharding.md): its artifact
 * names, what it balances or follows, and the report it leaves for the
 * merge job instead of a comment.
 *
 * - On a push, shard i balances the packages by the durations of the
 *   newest baseline (`<artifact-name>`, which the push's merge job makes
 *   from all parts) or else by benchmark counts, and uploads its part as
 *   `<artifact-name>-shard-<i>-of-<n>`.
 * - On a pull request, shard i fetches that part of the baseline before
 *   it measures and follows the assignment it recorded, so it runs exactly
 *   the packages the part holds; it compares with it, confirms on its own
 *   runner, and uploads `<…>-shard-<i>-of-<n>-report` for the merge job.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { Comparison } from '../compare/model.js'
import type { BaselineRef } from '../engine/pr-flow.js'
import type { CompareOutputs } from '../engine/outputs.js'
import type { Shard } from '../shard/partition.js'
import { fetchBaseline, NoBaselineError, type Baseline } from '../github/baseline.js'
import type { GitHubClient } from '../github/client.js'
import type { RunContext } from '../github/context.js'
import { redact } from '../github/redact.js'
import { REPORT_FILE } from '../github/report-artifact.js'
import { fitReport } from '../github/report-fit.js'
import { escapeText } from '../report/escape.js'
import { verdictText } from '../report/text.js'
import { prReport } from './fork.js'
import type { ActionSettings } from './inputs.js'
import type { PrChannel } from './publish.js'

/** Shard i's part of the baseline: `<artifact-name>-shard-<i>-of-<n>`. */
export function partName(artifactName: string, s: Shard): string {
  return `${artifactName}-shard-${s.index}-of-${s.count}`
}

/** Shard i's report on a pull request, for the merge job. */
export function shardReportName(artifactName: string, s: Shard): string {
  return `${partName(artifactName, s)}-report`
}

/** The artifact this run's bundle is uploaded as on a push: the part, when sharded. */
export function baselineArtifact(settings: Pick<ActionSettings, 'artifactName' | 'shard'>): string {
  return settings.shard ? partName(settings.artifactName, settings.shard) : settings.artifactName
}

/**
 * The newest usable baseline artifact `artifactName` of the baseline
 * branch's push runs of this workflow (github/baseline.ts fetchBaseline).
 */
export function branchBaseline(
  gh: GitHubClient,
  settings: ActionSettings,
  ctx: RunContext,
  temp: string,
  o: { artifactName: string; settledBefore?: string; check?: (dir: string) => Promise<void> }
): Promise<Baseline> {
  return fetchBaseline(
    gh,
    settings.githubToken,
    {
      owner: ctx.owner,
      repo: ctx.repo,
      workflow: ctx.workflow,
      branch: settings.baselineBranch || ctx.defaultBranch,
      artifactName: o.artifactName,
      ...(o.settledBefore ? { settledBefore: o.settledBefore } : {})
    },
    temp,
    m => core.info(m),
    o.check
  )
}

/**
 * A push shard's weights: the newest whole baseline of the branch (the
 * merge job's) that finished before this run was created, whose package
 * durations it balances by. Every shard of the matrix, and a re-run of
 * one, so reads the same run even when another finishes while they start;
 * the merge job refuses parts that did not (their assignments differ).
 * Without one, or without a token, undefined: benchmark counts.
 */
export async function pushWeights(
  gh: GitHubClient,
  settings: ActionSettings,
  ctx: RunContext,
  temp: string,
  settledBefore?: string
): Promise<string | undefined> {
  if (settings.githubToken === '') {
    core.info(
      'benchgate: no github-token, so no baseline to balance the shards by; balancing by benchmark counts'
    )
    return undefined
  }
  try {
    const b = await branchBaseline(gh, settings, ctx, temp, {
      artifactName: settings.artifactName,
      settledBefore
    })
    core.info(`benchgate: balancing the shards by the durations of baseline run ${b.runId}`)
    return b.dir
  } catch (err) {
    const why = redact((err as Error).message)
    // Not finding one is normal before the first merge; failing to read one is worth a look.
    if (err instanceof NoBaselineError)
      core.info(`benchgate: balancing the shards by benchmark counts (${why})`)
    else
      core.warning(
        `benchgate: the baseline to balance the shards by could not be read (${why}); balancing by benchmark counts. If the other shards read it, the merge job will say the shards do not fit together: run the workflow again`
      )
    return undefined
  }
}

/** Whether a prefetched baseline is one (not a reason there is none). */
export function isBaseline(b: BaselineRef | { missing: string }): b is BaselineRef {
  return !('missing' in b)
}

/**
 * A pull-request shard's outcome: the report files, the outputs and the
 * summary, and the report artifact the merge job reads. No comment and no
 * failing gate here: the merge judges every shard's benchmarks as one.
 */
export async function publishShard(
  ch: PrChannel,
  shard: Shard,
  outcome: { outputs: CompareOutputs; source: string } | { noBaseline: string }
): Promise<void> {
  const key = ch.settings.artifactName
  const c: Comparison | null = 'outputs' in outcome ? outcome.outputs.comparison : null
  const noBaseline = 'noBaseline' in outcome ? outcome.noBaseline : null
  const label = `shard ${shard.index}/${shard.count}`
  if ('outputs' in outcome) {
    await writeFile(join(ch.reportDir, 'comment.md'), outcome.outputs.comment)
    await writeFile(join(ch.reportDir, 'comparison.json'), JSON.stringify(c, null, 1) + '\n')
    core.setOutput('report-path', join(ch.reportDir, 'comment.md'))
    core.setOutput('comparison-json', join(ch.reportDir, 'comparison.json'))
    core.setOutput('verdict', c!.verdict)
    core.setOutput('regressions', String(c!.counts.regression))
    core.setOutput('improvements', String(c!.counts.improvement))
    if (c!.confirmation) core.setOutput('suspects', String(c!.confirmation.suspects))
    await core.summary
      .addRaw(
        `> This is ${label} of a sharded run: the merge job (mode: merge) judges every shard's benchmarks together and posts the one comment.\n\n`
      )
      .addRaw(outcome.outputs.summary)
      .write()
  } else {
    core.setOutput('verdict', 'no-baseline')
    await core.summary
      .addRaw(`${label}: no baseline to compare with: ${escapeText(noBaseline!, 500)}\n`)
      .write()
  }
  const dir = join(ch.temp, 'shard-report')
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, REPORT_FILE),
    JSON.stringify(fitReport(prReport(ch.ctx, key, c, noBaseline)))
  )
  const name = shardReportName(key, shard)
  await ch.upload(name, [join(dir, REPORT_FILE)], dir)
  core.info(
    `benchgate: ${label}: ${c ? verdictText(c) : 'no baseline'}; uploaded the report as artifact "${name}" for the merge job`
  )
}
