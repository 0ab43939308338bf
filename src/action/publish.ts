/**
 * Publishing what the judge decided on a pull request: the report files,
 * the outputs, the sticky comment (or the fork hand-off), the job summary,
 * the annotations and the step's status.
 */
import { writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import * as core from '@actions/core'
import type { Comparison } from '../compare/model.js'
import { gateFailure, shouldComment } from '../judge/judge.js'
import type { CompareOutputs } from '../engine/outputs.js'
import { statusOf, type GitHubClient } from '../github/client.js'
import { upsertComment } from '../github/comment.js'
import type { RunContext } from '../github/context.js'
import { redact } from '../github/redact.js'
import { noBaselineBody } from '../report/bodies.js'
import { escapeText, forTerminal, showInvisible } from '../report/escape.js'
import { marker } from '../report/markdown.js'
import { verdictText } from '../report/text.js'
import type { ActionSettings } from './inputs.js'
import { handOff, isFork, prReport } from './fork.js'
import type { ArtifactUploader } from './seams.js'

/** Where a pull request's report goes. */
export interface PrChannel {
  gh: GitHubClient
  ctx: RunContext
  settings: ActionSettings
  upload: ArtifactUploader
  /** Scratch directory of this run. */
  temp: string
  /** Where comment.md and comparison.json are written. */
  reportDir: string
}

/** What became of the comment. */
interface Delivery {
  url?: string
  /** Why the comment could not be posted or updated, if it could not. */
  failed?: string
}

/**
 * Post the comment, or hand the report to the comment job when this run
 * cannot (a fork, or a token that was refused). `bodies` are tried in turn
 * while GitHub answers that a body is too long.
 */
async function deliver(
  ch: PrChannel,
  bodies: readonly string[],
  create: boolean,
  comparison: Comparison | null,
  noBaseline: string | null
): Promise<Delivery> {
  const key = ch.settings.artifactName
  const report = (): ReturnType<typeof prReport> => prReport(ch.ctx, key, comparison, noBaseline)
  if (isFork(ch.ctx)) {
    core.info(
      'benchgate: pull request from a fork: the token is read-only, so the report goes to the job summary and an artifact instead of a comment'
    )
    await handOff(ch.upload, report(), key, ch.temp)
    return {}
  }
  const repo = { owner: ch.ctx.owner, repo: ch.ctx.repo }
  const posted = await postComment(ch.gh, repo, ch.ctx.pullRequest!.number, key, bodies, create)
  if (posted.refused) await handOff(ch.upload, report(), key, ch.temp)
  return posted
}

/** A note for the job summary when the comment could not be posted: the old one stays as it was. */
async function noteFailedComment(d: Delivery): Promise<void> {
  if (!d.failed) return
  await core.summary
    .addRaw(
      `\n> [!WARNING]\n> benchgate could not post or update the pull-request comment (${escapeText(d.failed, 500)}). Any earlier comment still shows an earlier run's results; this summary is the current report.\n`
    )
    .write()
}

/** Outputs, comment, summary, annotations and the gate, for every gate mode. */
export async function publishComparison(
  ch: PrChannel,
  outputs: CompareOutputs,
  source: string
): Promise<void> {
  const c = outputs.comparison
  const commentFile = join(ch.reportDir, 'comment.md')
  await writeFile(commentFile, outputs.comment)
  await writeFile(join(ch.reportDir, 'comparison.json'), JSON.stringify(c, null, 1) + '\n')
  core.setOutput('report-path', commentFile)
  core.setOutput('comparison-json', join(ch.reportDir, 'comparison.json'))
  core.setOutput('verdict', c.verdict)
  core.setOutput('regressions', String(c.counts.regression))
  core.setOutput('improvements', String(c.counts.improvement))

  if (c.confirmation) core.setOutput('suspects', String(c.confirmation.suspects))
  if (c.confirmation?.error)
    core.warning(
      `benchgate: the suspects could not be confirmed on this runner, so the baseline screen's verdicts stand: ${forTerminal(redact(c.confirmation.error))}`,
      { title: 'benchgate: confirmation did not run' }
    )
  // The summary first: an upload or a comment that fails afterwards loses nothing.
  await core.summary.addRaw(outputs.summary).write()
  const bodies = [outputs.comment, outputs.shortComment]
  const d = await deliver(ch, bodies, shouldComment(ch.settings.comment, c), c, null)
  if (d.url) core.setOutput('comment-url', d.url)
  await noteFailedComment(d)

  for (const b of c.benchmarks.filter(x => x.verdict === 'regression')) {
    // Annotations are plain text, but names and units are the PR's: no
    // control or bidi character reaches the log or the UI.
    core.warning(showInvisible(b.summary ?? `${b.name} regressed`), {
      title: `benchgate: ${showInvisible(`${b.name} (${b.package})`)} regressed`
    })
  }
  core.info(
    `benchgate: ${verdictText(c)} (${source}; report ${relative(process.cwd(), commentFile)})`
  )
  const failure = gateFailure(c, ch.settings.failOnRegression)
  if (failure) core.setFailed(showInvisible(failure))
}

/** No baseline to compare with: say so, say how to make one, and pass. */
export async function publishNoBaseline(
  ch: PrChannel,
  reason: string,
  branch: string,
  measured?: number
): Promise<void> {
  const key = ch.settings.artifactName
  const body = noBaselineBody({ key, reason, branch, artifactName: key, measured })
  await writeFile(join(ch.reportDir, 'comment.md'), body)
  core.setOutput('report-path', join(ch.reportDir, 'comment.md'))
  core.setOutput('verdict', 'no-baseline')
  core.setOutput('regressions', '0')
  core.setOutput('improvements', '0')
  await core.summary.addRaw(body + '\n').write()
  if (ch.settings.comment !== 'never')
    await noteFailedComment(
      await deliver(ch, [body], ch.settings.comment === 'always', null, reason)
    )
  core.info('benchgate: verdict=no-baseline gate=pass')
}

/**
 * Post one body as the sticky comment where this run may (not from a
 * fork, whose token is read-only), with postComment's handling of refusals.
 */
export async function postBody(ch: PrChannel, body: string): Promise<void> {
  if (isFork(ch.ctx)) return
  const repo = { owner: ch.ctx.owner, repo: ch.ctx.repo }
  const d = await postComment(
    ch.gh,
    repo,
    ch.ctx.pullRequest!.number,
    ch.settings.artifactName,
    [body],
    true
  )
  if (d.url) core.setOutput('comment-url', d.url)
  await noteFailedComment(d)
}

/**
 * Post or update the sticky comment. When the mode says not to post, an
 * existing comment is still updated so it never shows stale results. A
 * body GitHub refuses as too long (422) is retried with the next, shorter
 * one. A refused comment (a fork's read-only token) or a failed update is
 * a warning, not a failure, and the earlier comment is left as it was.
 * The comment job (mode comment) posts through it too.
 */
export async function postComment(
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  issue: number,
  key: string,
  bodies: readonly string[],
  create: boolean
): Promise<{ url?: string; refused: boolean; failed?: string }> {
  for (let i = 0; ; i++) {
    try {
      const r = await upsertComment(gh, repo, issue, marker(key), bodies[i], {
        createIfMissing: create
      })
      if (r) core.info(`benchgate: ${r.action} the PR comment ${r.url}`)
      return { url: r?.url, refused: false }
    } catch (err) {
      const status = statusOf(err)
      const message = redact(err instanceof Error ? err.message : String(err))
      if (status === 422 && /too long/i.test(message) && i + 1 < bodies.length) {
        core.info(`benchgate: GitHub refused the comment as too long; posting the shorter report`)
        continue
      }
      // "Resource not accessible by integration": a read-only token.
      const refused = status === 403 || /not accessible by integration/i.test(message)
      core.warning(
        `benchgate: could not post the PR comment (HTTP ${status ?? '?'}: ${forTerminal(message)}). ${refused ? 'The token is read-only here (e.g. a pull request from a fork): the report is in the job summary and in the report artifact for a comment workflow.' : 'The report is in the job summary.'}`
      )
      return { refused, failed: refused ? undefined : `HTTP ${status ?? '?'}: ${message}` }
    }
  }
}
