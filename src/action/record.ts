/** push, workflow_dispatch, schedule: the job summary, and the baseline artifact where due. */
import * as core from '@actions/core'
import type { RunOutcome } from '../measure/pipeline.js'
import type { RunContext } from '../github/context.js'
import { redact } from '../github/redact.js'
import { baselineTable, baselineUploadLine } from '../report/bodies.js'
import { escapeText } from '../report/escape.js'
import type { ActionSettings } from './inputs.js'
import { listFiles, type ArtifactUploader } from './seams.js'
import { baselineArtifact } from './shard.js'

/** Whether this run's bundle becomes the baseline: upload-baseline, and a push to the default branch. */
export function uploadsBaseline(
  settings: Pick<ActionSettings, 'uploadBaseline'>,
  ctx: Pick<RunContext, 'event' | 'defaultBranch' | 'ref'>
): { upload: boolean; onDefault: boolean } {
  const onDefault =
    ctx.event === 'push' &&
    ctx.defaultBranch !== '' &&
    ctx.ref === `refs/heads/${ctx.defaultBranch}`
  const upload =
    settings.uploadBaseline === 'always' || (settings.uploadBaseline === 'auto' && onDefault)
  return { upload, onDefault }
}

/** Upload the baseline where due, then write the summary and outputs. */
export async function recordBaseline(
  settings: ActionSettings,
  ctx: RunContext,
  outcome: RunOutcome,
  upload: ArtifactUploader,
  /** The history carried forward (action/history.ts): its change points at this push lead the summary. */
  history?: { here: readonly unknown[]; markdown: string }
): Promise<void> {
  const { upload: due, onDefault } = uploadsBaseline(settings, ctx)
  const name = baselineArtifact(settings)
  if (history && history.here.length > 0) await core.summary.addRaw(history.markdown + '\n').write()
  // The table first: an upload that fails afterwards loses nothing.
  await core.summary.addRaw(baselineTable(outcome.bundle)).write()
  if (history && history.here.length === 0)
    await core.summary.addRaw(history.markdown + '\n').write()
  if (due) {
    try {
      const files = await listFiles(outcome.bundleDir)
      const id = await upload(name, files, outcome.bundleDir)
      core.info(`benchgate: uploaded the baseline as artifact "${name}" (id ${id})`)
    } catch (err) {
      await core.summary
        .addRaw(
          `\nThe baseline upload failed: ${escapeText(redact((err as Error).message), 500)}\n`
        )
        .write()
      throw err
    }
  }
  const line = baselineUploadLine({
    uploaded: due,
    artifactName: name,
    ref: ctx.ref,
    uploadBaseline: settings.uploadBaseline,
    onDefault,
    defaultBranch: ctx.defaultBranch
  })
  await core.summary.addRaw(line).write()
  core.setOutput('verdict', 'recorded')
  core.setOutput('regressions', '0')
  core.setOutput('improvements', '0')
  core.info(`benchgate: verdict=recorded benchmarks=${outcome.bundle.benchmarks.length}`)
}
