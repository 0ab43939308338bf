/**
 * The differential flame graph of a pull request: written from the two
 * bundles the comparison used, uploaded as `<artifact-name>-flamegraph`,
 * and linked from the comment and the job summary by the artifact's own
 * URL in this run. On a fork PR the comment job finds the same artifact
 * of the run it reports on through the API (comment-mode.ts). A graph that
 * cannot be made or uploaded costs its link, never the check.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { Comparison } from '../compare/model.js'
import { flameReport } from '../flame/graphs.js'
import type { GitHubClient } from '../github/client.js'
import type { RunContext } from '../github/context.js'
import { redact } from '../github/redact.js'
import { forTerminal } from '../report/escape.js'
import { flameHtml } from '../report/flame.js'
import type { ArtifactUploader } from './seams.js'

/** The flame graph artifact's name for a key. */
export function flameArtifactName(artifactName: string): string {
  return `${artifactName}-flamegraph`
}

/** The URL of an artifact of a run: where GitHub offers its download. */
export function artifactUrl(ctx: RunContext, runId: number, artifactId: number): string {
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${runId}/artifacts/${artifactId}`
}

/** Whether a comparison has a changed benchmark to draw. */
export function hasChanges(c: Comparison): boolean {
  return c.benchmarks.some(b => b.verdict === 'regression' || b.verdict === 'improvement')
}

/** Write and upload the graph of a compared pull request; its URL, or undefined (with a warning) when it could not be. */
export async function uploadFlame(
  io: { upload: ArtifactUploader; temp: string },
  ctx: RunContext,
  artifactName: string,
  sides: { baseDir: string; headDir: string }
): Promise<string | undefined> {
  try {
    const report = await flameReport(sides.baseDir, sides.headDir)
    const dir = join(io.temp, 'flamegraph')
    await mkdir(dir, { recursive: true })
    const file = join(dir, 'benchgate-flame.html')
    await writeFile(file, flameHtml(report))
    const id = await io.upload(flameArtifactName(artifactName), [file], dir)
    if (!Number.isSafeInteger(id) || id <= 0) return undefined
    core.info(
      `benchgate: uploaded the flame graph (${report.graphs.length} graphs) as artifact ${id}`
    )
    const url = artifactUrl(ctx, ctx.runId, id)
    core.setOutput('flamegraph-url', url)
    return url
  } catch (err) {
    core.warning(
      `benchgate: the flame graph could not be made or uploaded, so the comment has no link to it: ${forTerminal(redact((err as Error).message))}`
    )
    return undefined
  }
}

/** The flame graph artifact of another run (the fork's), found through the API; its URL, or undefined. */
export async function findFlame(
  gh: GitHubClient,
  ctx: RunContext,
  runId: number,
  artifactName: string
): Promise<string | undefined> {
  const name = flameArtifactName(artifactName)
  try {
    const { data } = await gh.rest.actions.listWorkflowRunArtifacts({
      owner: ctx.owner,
      repo: ctx.repo,
      run_id: runId,
      name,
      per_page: 10
    })
    const a = data.artifacts.find(x => x.name === name && !x.expired)
    return a && Number.isSafeInteger(a.id) && a.id > 0 ? artifactUrl(ctx, runId, a.id) : undefined
  } catch {
    return undefined
  }
}
