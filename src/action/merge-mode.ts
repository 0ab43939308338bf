/**
 * mode: merge, the job after a sharded matrix (docs/sharding.md). It reads this
 * run's shard artifacts through the API and gives the one answer:
 * - on a push, the parts joined into the whole baseline `<artifact-name>`
 *   (what the next push balances by), failing when a part is missing;
 * - on a pull request, one comparison judged across every shard's
 *   benchmarks (judge/merge-comparisons.ts), published as a single job publishes
 *   it: one sticky comment (or a fork's hand-off), one summary, one exit
 *   status. A shard that left no report is named and fails it.
 * Shard reports come from jobs that ran the PR's code: each is parsed
 * field by field and must be for this PR, its head and our key.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import { DefaultArtifactClient } from '@actions/artifact'
import { readBundle } from '../bundle/index.js'
import { planFor } from '../judge/judge.js'
import { mergeComparisons, type MergeInput, type MissingShard } from '../judge/merge-comparisons.js'
import { withLabel } from './accept.js'
import { mergeParts, type BaselinePart } from '../shard/merge-parts.js'
import { renderOutputs } from '../engine/outputs.js'
import type { Shard } from '../shard/partition.js'
import { downloadRunArtifact } from '../github/baseline.js'
import type { GitHubClient } from '../github/client.js'
import { ContextError, type RunContext } from '../github/context.js'
import { redact } from '../github/redact.js'
import {
  MAX_REPORT_BYTES,
  parseReport,
  REPORT_FILE,
  REPORT_ZIP_LIMITS
} from '../github/report-artifact.js'
import { readTextCapped } from '../files/index.js'
import { baselineTable, baselineUploadLine, noShardReportedBody } from '../report/bodies.js'
import { escapeText, forTerminal } from '../report/escape.js'
import type { ActionSettings } from './inputs.js'
import { postBody, publishComparison, publishNoBaseline, type PrChannel } from './publish.js'
import { baselineBranch } from './pull-request.js'
import { uploadsBaseline } from './record.js'
import { listFiles, type ArtifactUploader } from './seams.js'
import { partName, shardReportName } from './shard.js'

/** One artifact of this run, as the REST API lists it. */
interface RunArtifact {
  id: number
  name: string
  expired: boolean
}

/** Every unexpired artifact of a run, by name. */
async function runArtifacts(
  gh: GitHubClient,
  ctx: RunContext,
  runId: number
): Promise<Map<string, RunArtifact>> {
  const all = (await gh.paginate(gh.rest.actions.listWorkflowRunArtifacts, {
    owner: ctx.owner,
    repo: ctx.repo,
    run_id: runId,
    per_page: 100
  })) as RunArtifact[]
  return new Map(all.filter(a => !a.expired).map(a => [a.name, a]))
}

/** The shards 1..n of the matrix. */
const shardsOf = (n: number): Shard[] =>
  Array.from({ length: n }, (_, i) => ({ index: i + 1, count: n }))
const label = (s: Shard): string => `${s.index}/${s.count}`
const NO_ARTIFACT =
  'it left no artifact: the job failed, was cancelled or was skipped before it uploaded one; its log says why'

/** Download one artifact of this run into a fresh directory. */
async function download(
  settings: ActionSettings,
  ctx: RunContext,
  artifact: RunArtifact,
  temp: string,
  limits?: typeof REPORT_ZIP_LIMITS
): Promise<string> {
  await mkdir(temp, { recursive: true })
  return downloadRunArtifact(
    new DefaultArtifactClient(),
    settings.githubToken,
    { owner: ctx.owner, repo: ctx.repo },
    ctx.runId,
    artifact.id,
    temp,
    m => core.info(m),
    limits
  )
}

/** Join the matrix's merge job: push → the whole baseline; pull_request → the one comment. */
export async function mergeMode(
  settings: ActionSettings,
  ctx: RunContext,
  gh: GitHubClient,
  temp: string,
  upload: ArtifactUploader
): Promise<void> {
  const plan = planFor(ctx.event, settings.gate)
  if (!plan || ctx.runId === 0)
    throw new ContextError(
      `mode "merge" runs after the shards of a push or pull_request run (needs: on the matrix), not on "${ctx.event}"${ctx.runId === 0 ? ' without GITHUB_RUN_ID' : ''}`
    )
  const artifacts = await runArtifacts(gh, ctx, ctx.runId)
  if (plan === 'record') return mergeBaseline(settings, ctx, temp, upload, artifacts)
  return mergeReports(settings, ctx, { gh, upload, temp }, artifacts)
}

/** Push: every part present and of one run, joined and uploaded as the whole baseline. */
async function mergeBaseline(
  settings: ActionSettings,
  ctx: RunContext,
  temp: string,
  upload: ArtifactUploader,
  artifacts: Map<string, RunArtifact>
): Promise<void> {
  const shards = shardsOf(settings.shards!)
  const missing = shards.filter(s => !artifacts.has(partName(settings.artifactName, s)))
  if (missing.length > 0) {
    const names = missing.map(s => `shard ${label(s)}`).join(', ')
    await core.summary
      .addRaw(
        `### benchgate: no baseline recorded\n\n${escapeText(names)} uploaded no part (${NO_ARTIFACT}). A baseline without them would compare their packages with nothing; run the failed shards again, then this job.\n`
      )
      .write()
    core.setFailed(`benchgate: ${names} uploaded no baseline part; ${NO_ARTIFACT}`)
    return
  }
  const parts: BaselinePart[] = []
  for (const s of shards) {
    const dir = await download(
      settings,
      ctx,
      artifacts.get(partName(settings.artifactName, s))!,
      temp
    )
    parts.push({ source: `shard ${label(s)}`, dir, bundle: (await readBundle(dir)).bundle })
  }
  const out = join(temp, 'merged')
  const bundle = await mergeParts(parts, out)
  core.setOutput('bundle-path', out)
  await core.summary.addRaw(baselineTable(bundle)).write()
  const { upload: due, onDefault } = uploadsBaseline(settings, ctx)
  if (due) {
    const id = await upload(settings.artifactName, await listFiles(out), out)
    core.info(
      `benchgate: joined ${parts.length} parts (${bundle.packages.length} packages, ${bundle.benchmarks.length} benchmarks) into artifact "${settings.artifactName}" (id ${id})`
    )
  }
  await core.summary
    .addRaw(
      baselineUploadLine({
        uploaded: due,
        artifactName: settings.artifactName,
        ref: ctx.ref,
        uploadBaseline: settings.uploadBaseline,
        onDefault,
        defaultBranch: ctx.defaultBranch
      })
    )
    .write()
  core.setOutput('verdict', 'recorded')
  core.setOutput('regressions', '0')
  core.setOutput('improvements', '0')
}

/** What the shards of a pull request left. */
interface ShardReports {
  inputs: MergeInput[]
  missing: MissingShard[]
  unbaselined: MissingShard[]
}

/** Download and check each shard's report; a shard whose report is absent or not this PR's is missing. */
async function collectReports(
  settings: ActionSettings,
  ctx: RunContext,
  temp: string,
  artifacts: Map<string, RunArtifact>
): Promise<ShardReports> {
  const pr = ctx.pullRequest!
  const out: ShardReports = { inputs: [], missing: [], unbaselined: [] }
  for (const s of shardsOf(settings.shards!)) {
    const source = `shard ${label(s)}`
    const artifact = artifacts.get(shardReportName(settings.artifactName, s))
    if (!artifact) {
      out.missing.push({ source: label(s), reason: NO_ARTIFACT })
      continue
    }
    try {
      const dir = await download(settings, ctx, artifact, temp, REPORT_ZIP_LIMITS)
      const report = parseReport(
        await readTextCapped(join(dir, REPORT_FILE), MAX_REPORT_BYTES, `${source}'s report`)
      )
      const wrong =
        report.prNumber !== pr.number
          ? `it is for PR #${report.prNumber}`
          : report.headSha !== pr.headSha
            ? `it is for commit ${report.headSha.slice(0, 12)}, not the head ${pr.headSha.slice(0, 12)}`
            : report.key !== settings.artifactName ||
                report.repository.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase()
              ? `it is for key "${report.key}" of ${report.repository}`
              : undefined
      if (wrong) out.missing.push({ source: label(s), reason: `its report does not fit: ${wrong}` })
      else if (report.comparison) out.inputs.push({ source, comparison: report.comparison })
      else out.unbaselined.push({ source: label(s), reason: report.noBaseline ?? 'no baseline' })
    } catch (err) {
      const why = redact(err instanceof Error ? err.message : String(err))
      core.warning(`benchgate: ${source}'s report could not be read: ${why}`)
      out.missing.push({ source: label(s), reason: `its report could not be read (${why})` })
    }
  }
  return out
}

/** Pull request: the shards' reports merged into one comparison, published once. */
async function mergeReports(
  settings: ActionSettings,
  ctx: RunContext,
  io: { gh: GitHubClient; upload: ArtifactUploader; temp: string },
  artifacts: Map<string, RunArtifact>
): Promise<void> {
  const reportDir = join(io.temp, 'report')
  await mkdir(reportDir, { recursive: true })
  const channel: PrChannel = { ...io, ctx, settings, reportDir }
  const { inputs, missing, unbaselined } = await collectReports(
    settings,
    ctx,
    join(io.temp, 'shards'),
    artifacts
  )
  for (const m of missing)
    core.error(forTerminal(`benchgate: shard ${m.source} did not report: ${m.reason}`), {
      title: `benchgate: shard ${m.source} did not report`
    })
  if (inputs.length === 0) {
    if (missing.length === 0) {
      // Every shard ran and none had a baseline: as one job without one.
      const reason = unbaselined[0]?.reason ?? 'no baseline'
      return publishNoBaseline(channel, reason, baselineBranch(settings, ctx))
    }
    return publishNothing(channel, missing, unbaselined)
  }
  const comparison = await withLabel(
    mergeComparisons(inputs, missing, unbaselined),
    io.gh,
    { owner: ctx.owner, repo: ctx.repo },
    ctx.pullRequest!.number,
    settings.acceptLabel
  )
  const outputs = renderOutputs(comparison, {
    key: settings.artifactName,
    repositoryUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
    headSha: ctx.pullRequest!.headSha
  })
  await publishComparison(
    channel,
    outputs,
    `${inputs.length} of ${settings.shards} shard${settings.shards === 1 ? '' : 's'} merged`
  )
}

/** No shard left a comparison and some left nothing: say which, in the comment, and fail. */
async function publishNothing(
  ch: PrChannel,
  missing: readonly MissingShard[],
  unbaselined: readonly MissingShard[]
): Promise<void> {
  const body = noShardReportedBody(ch.settings.artifactName, missing, unbaselined)
  await core.summary.addRaw(body + '\n').write()
  if (ch.settings.comment !== 'never') await postBody(ch, body)
  core.setOutput('verdict', 'no-report')
  core.setFailed(
    `benchgate: ${missing.length} of ${ch.settings.shards} shard(s) did not report: ${missing.map(m => m.source).join(', ')}`
  )
}
