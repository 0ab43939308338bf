/**
 * Judging a pull request, for each plan the judge chose: the screen
 * against the baseline artifact, the screen plus confirmation of its
 * suspects by A/B, or A/B alone. The baseline and the A/B base revision
 * come through seams, so the flow runs the same against GitHub and
 * against fakes.
 */
import type { AbSchedule } from '../ab/duet.js'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { mainTrends } from '../history/change-points.js'
import { HISTORY_FILE, readHistoryFile } from '../history/index.js'
import type { CompareOptions, Comparison, Screen } from '../compare/model.js'
import { acceptRegressions, type Acceptance } from '../judge/accept.js'
import type { AbEvent, AbSettings } from '../ab/ab.js'
import { confirmSuspects } from './confirm.js'
import type { Engine } from './index.js'
import { abOptions, judgeAb, judgeScreen, type Plan } from '../judge/judge.js'
import { suspectsOf } from '../judge/confirmation.js'
import { stopRule } from '../judge/sequential.js'
import { compareAndReport, type CompareOutputs } from './outputs.js'
import type { AbBase } from '../ab/revision.js'
import { gitSources } from '../measure/sources.js'
import type { RunSettings } from '../measure/settings.js'

/** A downloaded baseline bundle. */
export interface BaselineRef {
  dir: string
  runId: number
}

/** Where the pull request's evidence comes from. */
export interface PullRequestSeams {
  engine: Engine
  /** The baseline bundle, or undefined with the reason there is none (never the PR's fault). */
  baseline: () => Promise<BaselineRef | { missing: string }>
  /** The revision A/B compares against (merge commit's first parent, or the merge-base). */
  abBase: () => Promise<AbBase>
  log: (message: string) => void
  abEvents: (what: string) => (e: AbEvent) => void
  /**
   * Whether a maintainer accepted this pull request's regressions (its
   * accept label, read from the API); asked only when the gate fails.
   */
  acceptance?: () => Promise<Acceptance | undefined>
}

/** The judge's comparison, with its regressions accepted when the seams say a maintainer did. */
function withAcceptance(
  seams: PullRequestSeams,
  judge: (screen: Screen) => Promise<Comparison>
): (screen: Screen) => Promise<Comparison> {
  return async screen => {
    const c = await judge(screen)
    if (!c.gate.fail || !seams.acceptance) return c
    const by = await seams.acceptance()
    return by ? acceptRegressions(c, by) : c
  }
}

/** What the pull request is judged with. */
export interface PullRequestJob {
  plan: Exclude<Plan, 'record'>
  run: Omit<RunSettings, 'out'>
  compare: CompareOptions
  confirmRounds: number
  /** Seconds of confirmation rounds before undecided suspects stop (undefined: no budget). */
  confirmBudget?: number
  /** How A/B rounds are scheduled, for gate ab and confirmation (ab/duet.ts). */
  schedule?: AbSchedule
  /** Which packages the A/B measures: changed (default) leaves out those that cannot differ. */
  select?: 'changed' | 'all'
  /** This run's head bundle (screen and confirm plans). */
  headDir?: string
  /** What the run leaves to confirmation: its test binaries, fixed counts and samples (headReuse). */
  head?: Pick<AbSettings, 'prebuilt' | 'iterations' | 'pool'>
  /** Scratch directory: A/B bundles go below it. */
  temp: string
  report: { key: string; repositoryUrl: string; headSha: string }
}

/** What the judge decided: a comparison to publish, or no baseline to compare with. */
export type PullRequestDecision =
  | { kind: 'compared'; outputs: CompareOutputs; source: string; baseDir: string; headDir: string }
  | { kind: 'no-baseline'; reason: string }

/** Judge a pull request by its plan. */
export async function judgePullRequest(
  job: PullRequestJob,
  seams: PullRequestSeams
): Promise<PullRequestDecision> {
  // Hot lines: matched through git diff in the checkout, which holds the head.
  const sources = gitSources(seams.engine.git, job.run.dir)
  const report = { ...job.report, pathsRelativeTo: job.temp, sources }
  const ab = {
    ...job.run,
    buildFlags: job.run.extraFlags,
    schedule: job.schedule,
    ...(job.select ? { select: job.select } : {})
  }
  if (job.plan === 'ab') {
    // Without the base revision there is nothing to measure: that is a
    // setup error, and the message says how to fix it.
    const base = await seams.abBase()
    seams.log(
      `benchgate: gate ab: interleaved A/B against ${base.label}, each benchmark until decided (at most ${job.run.count} rounds)`
    )
    const opts = abOptions(job.compare, job.run.count)
    const { baseDir, headDir } = await seams.engine.runAb(
      {
        ...ab,
        rounds: job.run.count,
        decide: stopRule(opts),
        base: base.sha,
        out: join(job.temp, 'ab')
      },
      seams.abEvents('A/B')
    )
    const outputs = await compareAndReport(baseDir, headDir, opts, {
      ...report,
      judge: withAcceptance(seams, async s => judgeAb(s, base.label))
    })
    return { kind: 'compared', outputs, source: `A/B against ${base.label}`, baseDir, headDir }
  }
  const baseline = await seams.baseline()
  if ('missing' in baseline) return { kind: 'no-baseline', reason: baseline.missing }
  const headDir = job.headDir!
  const trends = await trendsIn(baseline.dir, seams.log)
  const outputs = await compareAndReport(baseline.dir, headDir, job.compare, {
    ...report,
    ...(trends ? { trends } : {}),
    judge: withAcceptance(
      seams,
      job.plan === 'confirm'
        ? screen => {
            const n = suspectsOf(screen).length
            if (n > 0)
              seams.log(
                `benchgate: the baseline screen flagged ${n} suspect(s); re-measuring only those by interleaved A/B until each is decided (at most ${job.confirmRounds} rounds${job.confirmBudget !== undefined ? `, ${job.confirmBudget} s` : ''})`
              )
            return confirmSuspects(
              seams.engine.runAb,
              screen,
              {
                ...ab,
                ...job.head,
                rounds: job.confirmRounds,
                ...(job.confirmBudget !== undefined ? { budgetMs: job.confirmBudget * 1000 } : {}),
                base: seams.abBase,
                out: join(job.temp, 'confirm'),
                sources
              },
              job.compare,
              seams.abEvents('confirmation')
            )
          }
        : async screen => judgeScreen(screen, 'baseline')
    )
  })
  return {
    kind: 'compared',
    outputs,
    source: `baseline run ${baseline.runId}`,
    baseDir: baseline.dir,
    headDir
  }
}

/**
 * Main's recent medians from the baseline's history (docs/history.md),
 * for the comment's trend lines; none without one. A history that cannot
 * be read costs the trend lines, never the verdict.
 */
async function trendsIn(
  dir: string,
  log: (message: string) => void
): Promise<Map<string, number[]> | undefined> {
  const file = join(dir, HISTORY_FILE)
  if (!existsSync(file)) return undefined
  try {
    return mainTrends(await readHistoryFile(file))
  } catch (err) {
    log(
      `benchgate: the baseline's history could not be read (${(err as Error).message}); no trend lines`
    )
    return undefined
  }
}
