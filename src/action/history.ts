/**
 * A push that records the baseline carries the history of main forward
 * (docs/history.md): the newest earlier baseline artifact whose history
 * can be read gives the records so far, this run's record is appended,
 * and the whole history goes into this run's bundle (history.json), so an
 * artifact that expires later loses nothing. What could not be read is
 * said in the history's gaps and in the summary, never dropped silently.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import { readBundle } from '../bundle/index.js'
import { gitOutput, type Git } from '../git/index.js'
import { NoBaselineError } from '../github/baseline.js'
import type { GitHubClient } from '../github/client.js'
import type { RunContext } from '../github/context.js'
import { redact } from '../github/redact.js'
import { historyChangePoints, type HistoryChangePoint } from '../history/change-points.js'
import {
  appendRecord,
  emptyHistory,
  HISTORY_FILE,
  readHistoryFile,
  recordOf,
  type History
} from '../history/index.js'
import { historyMarkdown } from '../history/render.js'
import { forTerminal } from '../report/escape.js'
import { CHANGE_POINT_DEFAULTS } from '../stats/edivisive.js'
import type { RunOutcome } from '../measure/pipeline.js'
import type { ActionSettings } from './inputs.js'
import { baselineArtifact, branchBaseline } from './shard.js'

/** The history so far: from the newest earlier baseline whose history reads, with what is missing. */
async function previousHistory(
  gh: GitHubClient,
  settings: ActionSettings,
  ctx: RunContext,
  temp: string
): Promise<History> {
  const into = join(temp, 'history-previous')
  await mkdir(into, { recursive: true })
  try {
    // A history that cannot be read passes the run over for an older one.
    const b = await branchBaseline(gh, settings, ctx, into, {
      artifactName: baselineArtifact(settings),
      check: async dir => {
        const file = join(dir, HISTORY_FILE)
        if (existsSync(file)) await readHistoryFile(file)
      }
    })
    const file = join(b.dir, HISTORY_FILE)
    let h: History
    if (existsSync(file)) h = await readHistoryFile(file)
    else {
      // A baseline from before histories were kept: it is the first record.
      const { bundle } = await readBundle(b.dir)
      h = appendRecord(emptyHistory(), recordOf(bundle))
      core.info(`benchgate: the history starts at baseline run ${b.runId}, which had none`)
    }
    const gaps = (b.passed ?? []).map(
      p =>
        `run ${p.runId} (${p.headSha.slice(0, 12)}): its baseline ${redact(p.problem)}, so its record and any it alone carried are missing`
    )
    return gaps.length > 0 ? { ...h, gaps: [...(h.gaps ?? []), ...gaps] } : h
  } catch (err) {
    if (err instanceof NoBaselineError) {
      core.info(`benchgate: no earlier baseline (${redact(err.message)}); the history starts here`)
      return emptyHistory()
    }
    throw err
  }
}

/**
 * Append this run's record to the history and write it into the bundle,
 * to be uploaded with it. Returns the history and the change points at
 * this push (to lead the summary). A failure to read what came before is
 * a warning and a gap, never a failed baseline.
 */
export async function carryHistory(
  gh: GitHubClient,
  git: Git,
  settings: ActionSettings,
  ctx: RunContext,
  temp: string,
  outcome: RunOutcome
): Promise<{ history: History; here: HistoryChangePoint[]; markdown: string }> {
  let h: History
  try {
    h = await previousHistory(gh, settings, ctx, temp)
  } catch (err) {
    const why = redact((err as Error).message)
    core.warning(
      `benchgate: the history so far could not be read (${forTerminal(why)}); it starts again here`
    )
    h = { ...emptyHistory(), gaps: [`everything before ${ctx.sha.slice(0, 12)}: ${why}`] }
  }
  const parent = (await gitOutput(git, settings.run.dir, ['rev-parse', 'HEAD^'])) ?? undefined
  h = appendRecord(h, recordOf(outcome.bundle, parent))
  await writeFile(join(outcome.bundleDir, HISTORY_FILE), JSON.stringify(h) + '\n')
  const cps = historyChangePoints(h)
  const last = h.records.length - 1
  const here = cps.filter(c => c.commit === h.records[last].commit)
  core.info(
    `benchgate: history of ${h.records.length} record(s); ${cps.length} change point(s), ${here.length} at this push`
  )
  // Gaps come from earlier artifacts too: shown, never interpreted.
  for (const g of h.gaps ?? []) core.warning(`benchgate: history: ${forTerminal(g)}`)
  return { history: h, here, markdown: historyMarkdown(h, here, CHANGE_POINT_DEFAULTS) }
}
