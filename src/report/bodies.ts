/**
 * The Action's other Markdown bodies, beside the comparison report: "no
 * baseline yet" (for the comment and, from a fork's report, the comment
 * job), the baseline table of a push, and the check run's title and
 * summary. Untrusted text goes through escape.ts; every body is fitted to
 * its budget by construction, never sliced.
 */
import type { Bundle } from '../bundle/index.js'
import type { Comparison } from '../compare/model.js'
import { median } from '../stats/median.js'
import { escapeText } from './escape.js'
import { sig } from './format.js'
import { COMMENT_BUDGET_BYTES, marker, renderMarkdown, type ReportOptions } from './markdown.js'
import { own } from '../data/index.js'

/** Rows of the baseline table, at most (the job summary holds 1 MiB). */
const BASELINE_ROWS = 500

/** A check run's output.summary holds 65,535 characters; keep the same margin as comments. */
export const CHECK_RUN_BUDGET_BYTES = COMMENT_BUDGET_BYTES

/** The comment when there is nothing to compare with yet, and how to make a baseline. */
export function noBaselineBody(p: {
  key: string
  reason: string
  branch: string
  artifactName: string
  /** Benchmarks this run measured; unknown to a merge job. */
  measured?: number
}): string {
  return [
    marker(p.key),
    '',
    '### ⚪ benchgate: no baseline yet',
    '',
    `There is nothing to compare with: ${escapeText(p.reason)}.`,
    '',
    `To create one, run this workflow on a push to \`${escapeText(p.branch)}\` (benchgate uploads the artifact \`${escapeText(p.artifactName)}\` there); pull requests compare with it from then on.${p.measured === undefined ? '' : ` This run measured ${p.measured} benchmarks.`} To judge pull requests without a baseline, set \`gate: ab\` (interleaved A/B against the base revision on the runner).`
  ].join('\n')
}

/** "No baseline yet", as the comment job re-renders it from a fork's report (its words are untrusted). */
export function reportedNoBaselineBody(key: string, reason: string | null): string {
  return [
    marker(key),
    '',
    '### ⚪ benchgate: no baseline yet',
    '',
    escapeText(reason ?? 'no baseline', 1000)
  ].join('\n')
}

/**
 * The merge job's comment when no shard left a comparison and some left
 * nothing at all: which shards, and why, so the failed jobs can be re-run.
 */
export function noShardReportedBody(
  key: string,
  missing: readonly { source: string; reason: string }[],
  unbaselined: readonly { source: string; reason: string }[]
): string {
  return [
    marker(key),
    '',
    '### 🔴 benchgate: the shards did not report',
    '',
    ...missing.map(
      m => `- shard ${escapeText(m.source, 20)} did not report: ${escapeText(m.reason, 500)}`
    ),
    ...unbaselined.map(
      m => `- shard ${escapeText(m.source, 20)} had no baseline: ${escapeText(m.reason, 500)}`
    ),
    '',
    'Re-run the failed shards, then the merge job: this comment is updated in place.'
  ].join('\n')
}

/** The job summary of a push: what was measured, and whether it became the baseline. */
export function baselineSummary(bundle: Bundle, p: BaselineUpload): string {
  return baselineTable(bundle) + baselineUploadLine(p)
}

/** Whether and where a push's bundle became the baseline. */
export interface BaselineUpload {
  uploaded: boolean
  artifactName: string
  ref: string
  uploadBaseline: string
  onDefault: boolean
  defaultBranch: string
}

/** What a push measured: one row per benchmark, with its medians. */
export function baselineTable(bundle: Bundle): string {
  const lines = [`### benchgate: ${bundle.benchmarks.length} benchmarks measured`, '']
  lines.push('| benchmark | ns/op (median) | B/op | allocs/op | runs |', '| - | - | - | - | - |')
  for (const b of bundle.benchmarks.slice(0, BASELINE_ROWS)) {
    const med = (u: string): string => {
      const v = own(b.samples, u)
      return v ? sig(median(v)) : ''
    }
    lines.push(
      `| ${escapeText(b.name)} (${escapeText(b.package)}) | ${med('ns/op')} | ${med('B/op')} | ${med('allocs/op')} | ${b.iterations.length} |`
    )
  }
  if (bundle.benchmarks.length > BASELINE_ROWS)
    lines.push('', `…and ${bundle.benchmarks.length - BASELINE_ROWS} more (see results.json).`)
  return lines.join('\n') + '\n'
}

/** The line under the table: uploaded as the baseline, or why not. */
export function baselineUploadLine(p: BaselineUpload): string {
  return p.uploaded
    ? `\nUploaded as the baseline artifact \`${escapeText(p.artifactName)}\`: pull requests against ${escapeText(p.ref.replace('refs/heads/', ''))} compare with it.\n`
    : `\nNo baseline uploaded (upload-baseline: ${escapeText(p.uploadBaseline)}; ${p.onDefault ? 'default branch' : `not a push to the default branch ${escapeText(p.defaultBranch || '(unknown)')}`}).\n`
}

/** The check run's title: the counts, or that there is no baseline. */
export function checkRunTitle(c: Comparison | null): string {
  return c
    ? `${c.counts.regression} regression(s), ${c.counts.improvement} improvement(s)`
    : 'No baseline yet'
}

/** The check run's summary: the report rendered to the check run's own budget. */
export function checkRunSummary(
  c: Comparison | null,
  opts: Omit<ReportOptions, 'budgetBytes'>,
  noBaseline: string | null
): string {
  return c
    ? renderMarkdown(c, { ...opts, budgetBytes: CHECK_RUN_BUDGET_BYTES })
    : reportedNoBaselineBody(opts.key, noBaseline)
}
