/**
 * Action orchestration: read settings and context, run the benchmarks,
 * then per event upload the baseline or compare against it, comment, write
 * the summary and outputs, and apply the gate.
 */
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import * as core from '@actions/core'
import { DefaultArtifactClient } from '@actions/artifact'
import type { Comparison } from './compare/compare.js'
import { LocalGo } from './gobench/toolchain.js'
import {
  downloadRunArtifact,
  fetchBaseline,
  mergeBase,
  NoBaselineError,
  type Baseline
} from './github/baseline.js'
import { createClient, statusOf, type GitHubClient } from './github/client.js'
import { upsertComment } from './github/comment.js'
import { ContextError, readContext, type RunContext } from './github/context.js'
import { compareAndReport, type CompareOutputs } from './pipeline/compare.js'
import { AB_TEST, confirmSuspects, suspectsOf } from './ab/confirm.js'
import { runAb, type AbEvent } from './ab/index.js'
import { pullRequestAbBase, type AbBase } from './ab/revision.js'
import { runToBundle, type PipelineEvent, type RunOutcome } from './pipeline/run.js'
import { escapeText } from './report/escape.js'
import { COMMENT_BUDGET_BYTES, marker, renderMarkdown } from './report/markdown.js'
import { parseReport, ReportError, REPORT_FILE, type PrReport } from './github/report-artifact.js'
import { verdictText } from './report/text.js'
import { sig } from './report/format.js'
import { median } from './stats/median.js'
import { readSettings, type ActionSettings } from './settings.js'
import { addSecret, redact } from './github/redact.js'

const SUPPORTED = ['push', 'pull_request', 'workflow_dispatch', 'schedule']

export async function run(): Promise<void> {
  const settings = readSettings(name => core.getInput(name))
  if (settings.githubToken) {
    core.setSecret(settings.githubToken)
    addSecret(settings.githubToken)
  }
  const ctx = readContext(
    process.env,
    process.env.GITHUB_EVENT_PATH
      ? await readFile(process.env.GITHUB_EVENT_PATH, 'utf8')
      : undefined
  )
  if (settings.mode === 'comment') {
    await commentMode(settings, ctx, join(process.env.RUNNER_TEMP ?? process.cwd(), 'benchgate'))
    return
  }
  if (!SUPPORTED.includes(ctx.event)) {
    throw new ContextError(
      `benchgate runs on ${SUPPORTED.join(', ')} events, not "${ctx.event}". Trigger the workflow on push to the default branch (to record the baseline) and on pull_request (to compare)`
    )
  }
  const temp = join(process.env.RUNNER_TEMP ?? process.cwd(), 'benchgate')
  if (ctx.event === 'pull_request' && settings.gate === 'ab') {
    // Interleaved A/B measures the head itself: no separate run.
    await pullRequest(settings, ctx, null, temp)
    return
  }
  const outcome = await runBenchmarks(settings, join(temp, 'head'), ctx)
  core.setOutput('bundle-path', outcome.bundleDir)

  if (ctx.event === 'pull_request') {
    await pullRequest(settings, ctx, outcome, temp)
  } else {
    await recordBaseline(settings, ctx, outcome)
  }
  for (const f of outcome.failed)
    core.error(f.error ?? `${f.pkg.importPath} failed`, {
      title: `benchgate: ${f.pkg.importPath} failed`
    })
  if (outcome.failed.length > 0) {
    core.setFailed(
      `benchgate: ${outcome.failed.length} package(s) failed to run their benchmarks: ${outcome.failed.map(f => f.pkg.importPath).join(', ')}`
    )
  }
}

/** Run the benchmarks, one log group per package, streaming Go's output. */
async function runBenchmarks(
  settings: ActionSettings,
  out: string,
  ctx: RunContext
): Promise<RunOutcome> {
  const started = Date.now()
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`
  let open = false
  const onEvent = (e: PipelineEvent): void => {
    switch (e.type) {
      case 'discovered':
        core.info(
          `benchgate: ${e.run.length} package(s) with benchmarks${e.skipped.length ? `, ${e.skipped.length} without (skipped)` : ''}`
        )
        break
      case 'package-start':
        core.startGroup(`[${e.index + 1}/${e.total}] ${e.pkg.importPath} (${elapsed()})`)
        open = true
        core.info(`go ${e.argv.join(' ')}`)
        break
      case 'output':
        core.info(e.line)
        break
      case 'result':
        break
      case 'package-end':
        core.info(
          `[${e.index + 1}/${e.total}] ${e.run.pkg.importPath}: ${e.run.status}, ${e.run.results.length} results in ${(e.run.durationMs / 1000).toFixed(1)}s; ${elapsed()} elapsed`
        )
        if (open) core.endGroup()
        open = false
        break
      case 'attributing':
        break
    }
  }
  return runToBundle(
    new LocalGo(),
    { ...settings.run, out, commit: ctx.pullRequest?.headSha ?? ctx.sha, ref: ctx.ref },
    onEvent
  )
}

/** push, workflow_dispatch, schedule: summary, and the baseline artifact where due. */
async function recordBaseline(
  settings: ActionSettings,
  ctx: RunContext,
  outcome: RunOutcome
): Promise<void> {
  const onDefault =
    ctx.event === 'push' &&
    ctx.defaultBranch !== '' &&
    ctx.ref === `refs/heads/${ctx.defaultBranch}`
  const upload =
    settings.uploadBaseline === 'always' || (settings.uploadBaseline === 'auto' && onDefault)
  const lines = [`### benchgate: ${outcome.bundle.benchmarks.length} benchmarks measured`, '']
  lines.push('| benchmark | ns/op (median) | B/op | allocs/op | runs |', '| - | - | - | - | - |')
  for (const b of outcome.bundle.benchmarks.slice(0, 500)) {
    const med = (u: string): string => (b.samples[u] ? sig(median(b.samples[u])) : '')
    lines.push(
      `| ${escapeText(b.name)} (${escapeText(b.package)}) | ${med('ns/op')} | ${med('B/op')} | ${med('allocs/op')} | ${b.iterations.length} |`
    )
  }
  if (upload) {
    const files = await listFiles(outcome.bundleDir)
    const result = await new DefaultArtifactClient().uploadArtifact(
      settings.artifactName,
      files,
      outcome.bundleDir
    )
    core.info(
      `benchgate: uploaded the baseline as artifact "${settings.artifactName}" (id ${result.id})`
    )
    lines.push(
      '',
      `Uploaded as the baseline artifact \`${settings.artifactName}\`: pull requests against ${ctx.ref.replace('refs/heads/', '')} compare with it.`
    )
  } else {
    lines.push(
      '',
      `No baseline uploaded (upload-baseline: ${settings.uploadBaseline}; ${onDefault ? 'default branch' : `not a push to the default branch ${ctx.defaultBranch || '(unknown)'}`}).`
    )
  }
  await core.summary.addRaw(lines.join('\n') + '\n').write()
  core.setOutput('verdict', 'recorded')
  core.setOutput('regressions', '0')
  core.setOutput('improvements', '0')
  core.info(`benchgate: verdict=recorded benchmarks=${outcome.bundle.benchmarks.length}`)
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter(e => e.isFile()).map(e => join(e.parentPath, e.name))
}

/** Progress of A/B rounds in the log. */
function abLog(what: string): (e: AbEvent) => void {
  const started = Date.now()
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`
  return e => {
    switch (e.type) {
      case 'worktree':
        core.info(`benchgate ${what}: ${e.side} ${e.ref} checked out in ${e.path}`)
        break
      case 'build':
        core.info(`benchgate ${what}: building ${e.pkg} (${e.side}); ${elapsed()} elapsed`)
        break
      case 'round':
        core.info(
          `benchgate ${what}: round ${e.round}/${e.rounds} (${e.order.join(', ')}); ${elapsed()} elapsed`
        )
        break
    }
  }
}

/**
 * pull_request: judge the PR by its gate (confirmed: screen against the
 * baseline artifact, then A/B the suspects; baseline: the screen alone; ab:
 * A/B everything, no artifact), then comment, summarise and fail or pass.
 * `outcome` is this run's head measurement (null under gate ab).
 */
async function pullRequest(
  settings: ActionSettings,
  ctx: RunContext,
  outcome: RunOutcome | null,
  temp: string
): Promise<void> {
  const pr = ctx.pullRequest!
  const gh = createClient(settings.githubToken, m => core.warning(m))
  // A fork's GITHUB_TOKEN is read-only: do not try to comment; hand the
  // report to a privileged workflow_run job instead (examples/fork-*.yml).
  const fork = pr.headRepo.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase()
  const handOff = async (
    comparison: Comparison | null,
    noBaseline: string | null
  ): Promise<void> => {
    const report: PrReport = {
      schemaVersion: 1,
      repository: `${ctx.owner}/${ctx.repo}`,
      prNumber: pr.number,
      headSha: pr.headSha,
      key,
      noBaseline,
      comparison
    }
    const dir = join(temp, 'pr-report')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, REPORT_FILE), JSON.stringify(report))
    const name = `${settings.artifactName}-report`
    await new DefaultArtifactClient().uploadArtifact(name, [join(dir, REPORT_FILE)], dir)
    core.info(
      `benchgate: uploaded the report as artifact "${name}" for the comment workflow (mode: comment)`
    )
  }
  const comment = async (
    body: string,
    create: boolean,
    comparison: Comparison | null,
    noBaseline: string | null
  ): Promise<string | undefined> => {
    if (fork) {
      core.info(
        'benchgate: pull request from a fork: the token is read-only, so the report goes to the job summary and an artifact instead of a comment'
      )
      await handOff(comparison, noBaseline)
      return undefined
    }
    const posted = await postComment(gh, repo, pr.number, key, body, create)
    if (posted.refused) await handOff(comparison, noBaseline)
    return posted.url
  }
  const repo = { owner: ctx.owner, repo: ctx.repo }
  const branch = settings.baselineBranch || pr.baseRef || ctx.defaultBranch
  const key = settings.artifactName
  const reportDir = join(temp, 'report')
  await mkdir(reportDir, { recursive: true })
  const publish = (outputs: CompareOutputs, source: string): Promise<void> =>
    publishComparison(settings, outputs, reportDir, source, (body, create, c) =>
      comment(body, create, c, null)
    )

  const report = {
    key,
    repositoryUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
    headSha: pr.headSha,
    pathsRelativeTo: temp
  }
  const abSettings = {
    ...settings.run,
    buildFlags: settings.run.extraFlags
  }
  const abBase = (): Promise<AbBase> => pullRequestAbBase(settings.run.dir, pr)

  if (!outcome) {
    // gate: ab. Without the base revision there is nothing to measure: that
    // is a setup error, and the message says how to fix it.
    const base = await abBase()
    core.info(
      `benchgate: gate ab: interleaved A/B against ${base.label}, ${settings.run.count} rounds`
    )
    const { baseDir, headDir } = await runAb(
      new LocalGo(),
      { ...abSettings, rounds: settings.run.count, base: base.sha, out: join(temp, 'ab') },
      abLog('A/B')
    )
    core.setOutput('bundle-path', headDir)
    const outputs = await compareAndReport(
      baseDir,
      headDir,
      { ...settings.compare, test: AB_TEST, threshold: settings.compare.abThreshold },
      {
        ...report,
        refine: async c => ({ ...c, gateMode: 'ab', base: { ...c.base, ref: base.label } })
      }
    )
    await publish(outputs, `A/B against ${base.label}`)
    return
  }

  let baseline: Baseline | undefined
  let missing: string | undefined
  try {
    const base = await mergeBase(gh, repo, pr.baseSha || branch, pr.headSha, m => core.info(m))
    baseline = await fetchBaseline(
      gh,
      settings.githubToken,
      {
        ...repo,
        workflow: ctx.workflow,
        branch,
        artifactName: settings.artifactName,
        mergeBase: base
      },
      temp,
      m => core.info(m)
    )
    core.setOutput('baseline-run-id', String(baseline.runId))
    core.info(`benchgate: baseline from run ${baseline.runId} (commit ${baseline.headSha})`)
  } catch (err) {
    // No baseline, an expired one, or one that cannot be read is not the
    // PR's fault: say so and pass, rather than block the merge.
    missing = redact(
      err instanceof NoBaselineError
        ? err.message
        : `the baseline could not be read: ${(err as Error).message}`
    )
    core.warning(`benchgate: ${missing}`)
  }

  if (!baseline) {
    const body = [
      marker(key),
      '',
      '### ⚪ benchgate: no baseline yet',
      '',
      `There is nothing to compare with: ${escapeText(missing ?? '')}.`,
      '',
      `To create one, run this workflow on a push to \`${escapeText(branch)}\` (benchgate uploads the artifact \`${escapeText(settings.artifactName)}\` there); pull requests compare with it from then on. This run measured ${outcome.bundle.benchmarks.length} benchmarks. To judge pull requests without a baseline, set \`gate: ab\` (interleaved A/B against the base revision on the runner).`
    ].join('\n')
    await writeFile(join(reportDir, 'comment.md'), body)
    core.setOutput('report-path', join(reportDir, 'comment.md'))
    core.setOutput('verdict', 'no-baseline')
    core.setOutput('regressions', '0')
    core.setOutput('improvements', '0')
    if (settings.comment !== 'never')
      await comment(body, settings.comment === 'always', null, missing ?? '')
    await core.summary.addRaw(body + '\n').write()
    core.info('benchgate: verdict=no-baseline gate=pass')
    return
  }

  const outputs = await compareAndReport(baseline.dir, outcome.bundleDir, settings.compare, {
    ...report,
    refine:
      settings.gate === 'confirmed'
        ? screen => {
            const n = suspectsOf(screen).length
            if (n > 0)
              core.info(
                `benchgate: the baseline screen flagged ${n} suspect(s); re-measuring only those by interleaved A/B, ${settings.confirmRounds} rounds`
              )
            return confirmSuspects(
              new LocalGo(),
              screen,
              {
                ...abSettings,
                rounds: settings.confirmRounds,
                base: abBase,
                out: join(temp, 'confirm')
              },
              settings.compare,
              abLog('confirmation')
            )
          }
        : async screen => ({ ...screen, gateMode: 'baseline' })
  })
  await publish(outputs, `baseline run ${baseline.runId}`)
}

/** Outputs, comment, summary, annotations and the gate, for every gate mode. */
async function publishComparison(
  settings: ActionSettings,
  outputs: CompareOutputs,
  reportDir: string,
  source: string,
  comment: (body: string, create: boolean, c: Comparison) => Promise<string | undefined>
): Promise<void> {
  const c = outputs.comparison
  await writeFile(join(reportDir, 'comment.md'), outputs.comment)
  await writeFile(join(reportDir, 'comparison.json'), JSON.stringify(c, null, 1) + '\n')
  core.setOutput('report-path', join(reportDir, 'comment.md'))
  core.setOutput('comparison-json', join(reportDir, 'comparison.json'))
  core.setOutput('verdict', c.verdict)
  core.setOutput('regressions', String(c.counts.regression))
  core.setOutput('improvements', String(c.counts.improvement))

  if (c.confirmation) core.setOutput('suspects', String(c.confirmation.suspects))
  if (c.confirmation?.error)
    core.warning(
      `benchgate: the suspects could not be confirmed on this runner, so the baseline screen's verdicts stand: ${redact(c.confirmation.error)}`,
      { title: 'benchgate: confirmation did not run' }
    )
  const url = await comment(outputs.comment, shouldComment(settings, c), c)
  if (url) core.setOutput('comment-url', url)
  await core.summary.addRaw(outputs.summary).write()

  for (const b of c.benchmarks.filter(x => x.verdict === 'regression')) {
    core.warning(b.summary ?? `${b.name} regressed`, {
      title: `benchgate: ${b.name} (${b.package}) regressed`
    })
  }
  core.info(
    `benchgate: ${verdictText(c)} (${source}; report ${relative(process.cwd(), join(reportDir, 'comment.md'))})`
  )
  if (c.gate.fail && settings.failOnRegression) {
    core.setFailed(
      `benchgate: ${c.gate.reasons.length} significant regression(s): ${c.gate.reasons.slice(0, 5).join('; ')}`
    )
  }
}

function shouldComment(settings: ActionSettings, c: Comparison): boolean {
  switch (settings.comment) {
    case 'always':
      return true
    case 'on-change':
      return (
        c.counts.regression +
          c.counts.improvement +
          c.counts.failed +
          c.counts.new +
          c.counts.removed >
        0
      )
    case 'on-regression':
      return c.counts.regression > 0
    case 'never':
      return false
  }
}

/**
 * Post or update the sticky comment. When the mode says not to post, an
 * existing comment is still updated so it never shows stale results. A
 * refused comment (a fork's read-only token) is a warning, not a failure.
 */
async function postComment(
  gh: GitHubClient,
  repo: { owner: string; repo: string },
  issue: number,
  key: string,
  body: string,
  create: boolean
): Promise<{ url?: string; refused: boolean }> {
  try {
    const r = await upsertComment(gh, repo, issue, marker(key), body, { createIfMissing: create })
    if (r) core.info(`benchgate: ${r.action} the PR comment ${r.url}`)
    return { url: r?.url, refused: false }
  } catch (err) {
    const status = statusOf(err)
    const message = redact(err instanceof Error ? err.message : String(err))
    // "Resource not accessible by integration": a read-only token.
    const refused = status === 403 || /not accessible by integration/i.test(message)
    core.warning(
      `benchgate: could not post the PR comment (HTTP ${status ?? '?'}: ${message}). ${refused ? 'The token is read-only here (e.g. a pull request from a fork): the report is in the job summary and in the report artifact for a comment workflow.' : 'The report is in the job summary.'}`
    )
    return { refused }
  }
}

/**
 * mode: comment, on workflow_run: post the report of a pull-request run
 * that could not comment itself (a fork's read-only token). Nothing from
 * the PR is checked out or executed here. The report artifact is
 * untrusted: its PR number and head SHA are confirmed through the API
 * against the workflow_run payload, and the comment is re-rendered from
 * its data with our escaping.
 */
async function commentMode(settings: ActionSettings, ctx: RunContext, temp: string): Promise<void> {
  const wr = ctx.workflowRun
  if (ctx.event !== 'workflow_run' || !wr) {
    throw new ContextError(
      `mode "comment" runs on workflow_run events (the run that produced the report), not "${ctx.event}"`
    )
  }
  const gh = createClient(settings.githubToken, m => core.warning(m))
  const repo = { owner: ctx.owner, repo: ctx.repo }
  const name = `${settings.artifactName}-report`
  const { data } = await gh.rest.actions.listWorkflowRunArtifacts({
    ...repo,
    run_id: wr.id,
    name,
    per_page: 10
  })
  const artifact = data.artifacts.find(a => a.name === name && !a.expired)
  if (!artifact) {
    core.info(
      `benchgate: run ${wr.id} left no "${name}" artifact (it commented itself, or did not get that far); nothing to post`
    )
    return
  }
  await mkdir(temp, { recursive: true })
  const dir = await downloadRunArtifact(
    new DefaultArtifactClient(),
    settings.githubToken,
    repo,
    wr.id,
    artifact.id,
    temp,
    m => core.info(m)
  )
  const report = parseReport(await readFile(join(dir, REPORT_FILE), 'utf8'))
  // Confirm from the API, never from the artifact alone.
  const { data: pull } = await gh.rest.pulls.get({ ...repo, pull_number: report.prNumber })
  const problems: string[] = []
  if (report.headSha !== wr.headSha)
    problems.push(
      `the report is for commit ${report.headSha}, but the triggering run built ${wr.headSha}`
    )
  if (pull.head.sha !== wr.headSha)
    problems.push(
      `PR #${report.prNumber}'s head is ${pull.head.sha}, not the triggering run's ${wr.headSha}`
    )
  if (pull.base.repo.full_name.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase()) {
    problems.push(`PR #${report.prNumber} is not a pull request into ${ctx.owner}/${ctx.repo}`)
  }
  if (report.key !== settings.artifactName)
    problems.push(`the report's key "${report.key}" is not "${settings.artifactName}"`)
  if (problems.length > 0) {
    throw new ReportError(
      `refusing to comment from run ${wr.id}'s report: ${problems.join('; ')}. The artifact may have been forged or is stale`
    )
  }
  const c = report.comparison
  const body = c
    ? renderMarkdown(c, {
        key: settings.artifactName,
        repositoryUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
        headSha: wr.headSha,
        budgetBytes: COMMENT_BUDGET_BYTES
      })
    : [
        marker(settings.artifactName),
        '',
        '### ⚪ benchgate: no baseline yet',
        '',
        escapeText(report.noBaseline ?? 'no baseline', 1000)
      ].join('\n')
  const posted = await upsertComment(gh, repo, report.prNumber, marker(settings.artifactName), body)
  if (posted) core.setOutput('comment-url', posted.url)
  // A check run on the PR's head, so branch protection can require it.
  const fail = c ? c.gate.fail : false
  const { data: check } = await gh.rest.checks.create({
    ...repo,
    name: `benchgate (${settings.artifactName})`,
    head_sha: wr.headSha,
    status: 'completed',
    conclusion: fail ? 'failure' : 'success',
    output: {
      title: c
        ? `${c.counts.regression} regression(s), ${c.counts.improvement} improvement(s)`
        : 'No baseline yet',
      summary: body.length > 60_000 ? body.slice(0, 60_000) : body
    }
  })
  core.setOutput('verdict', c ? c.verdict : 'no-baseline')
  core.info(
    `benchgate: posted run ${wr.id}'s report on PR #${report.prNumber}; check run ${check.id}: ${fail ? 'failure' : 'success'}`
  )
}
