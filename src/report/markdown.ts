/**
 * The PR comment and the job summary, rendered from a Comparison. Pure:
 * links (repository URL, head commit) and the sticky-comment key come in as
 * arguments. All untrusted text goes through escape.ts.
 *
 * Size: a GitHub comment holds at most 65,536 characters; the comment is
 * kept within `budgetBytes` (60,000 UTF-8 bytes by default) by dropping
 * detail first — whole per-benchmark sections, then the list of unchanged
 * benchmarks, then rows of the changed table, worst kept first — and
 * saying what was left out. Every block is closed on its own, so a cut
 * never leaves a `<details>` or a table open. The job summary uses the same
 * renderer with a 1 MiB budget.
 */
import { markdownTable } from 'markdown-table'
import type { BenchmarkComparison, Comparison, MetricComparison } from '../compare/model.js'
import { choose } from '../stats/utest.js'
import { SAME_TREE } from '../compare/lines.js'
import { trendBlock } from './trend.js'
import { primaryMetric } from '../compare/verdicts.js'
import { formatChange, formatDelta, formatP } from '../compare/wording.js'
import { detailsBlock } from './details.js'
import {
  contentionBlock,
  contentionChanged,
  contentionPart,
  contentionSummaryLine
} from './contention.js'
import { codeSpan, escapeText } from './escape.js'
import { formatValue } from './format.js'
import {
  benchLabel,
  bytes,
  cell,
  changedRow,
  confirmationText,
  marker,
  stageLines,
  verdictLine
} from './parts.js'
import { pushAll } from '../data/index.js'

export { confirmationText, marker, stageLines, verdictLine } from './parts.js'
export { sourcesFrom } from './details.js'

/** The PR comment's budget: under GitHub's 65,536 characters with room to spare. */
export const COMMENT_BUDGET_BYTES = 60_000
/** The job summary's budget: under GitHub's 1 MiB. */
export const SUMMARY_BUDGET_BYTES = 1_000_000

/** How a report is rendered: the sticky key, the links, the budget. */
export interface ReportOptions {
  /** Sticky-comment key: `<!-- benchgate:<key> -->`. */
  key: string
  /** e.g. https://github.com/owner/repo — enables source links with headSha. */
  repositoryUrl?: string
  headSha?: string
  /** How to reproduce: base and head profile paths per package, as the reader will have them. */
  reproduce?: { package: string; base: string; head: string }[]
  budgetBytes?: number
  /** Free-text lines added under the verdict (e.g. "no baseline yet"); trusted, ours. */
  notes?: string[]
  /** The differential flame graph's artifact in this run (a URL we built from the API's id). */
  flameUrl?: string
  /**
   * Who made the flame graph: this job (default), or the pull request's
   * own run (a fork's, posted by the comment job), whose code wrote it.
   */
  flameMadeBy?: 'this-run' | 'pull-request'
  /** Main's recent medians per benchmark key, oldest first (history/): the trend lines. */
  trends?: ReadonlyMap<string, readonly number[]>
}

/** Render the comparison as Markdown within the byte budget. */
export function renderMarkdown(
  c: Comparison,
  opts: ReportOptions,
  sources: Map<string, { file?: string; line?: number }> = new Map()
): string {
  const budget = opts.budgetBytes ?? COMMENT_BUDGET_BYTES
  const head = headLines(c, opts)
  const footer = footerBlocks(c, opts)
  const parts = changedParts(c)
  const changed = [...parts.blocking, ...parts.time, ...parts.other]
  const fixed = head.join('\n') + '\n\n' + footer.join('\n\n') + '\n'
  const omitted: string[] = []
  const room = { left: budget - bytes(fixed) - 400 } // reserve for the omission note

  // 0. The breakdowns of what fails the gate come first, so nothing else
  // crowds them out: up to 60% of the room, the rest kept for the tables.
  const detailed = [...parts.blocking, ...parts.time, ...parts.allocations].filter(
    b => b.verdict === 'regression' || b.verdict === 'improvement'
  )
  const details: string[] = []
  const share = { left: room.left * 0.6 }
  for (const b of parts.blocking) {
    const block = detailsBlock(b, opts, sources, contentionPart(b, sources, opts))
    if (bytes(block) + 2 > share.left) break
    share.left -= bytes(block) + 2
    details.push(block)
    room.left -= bytes(block) + 2
  }
  // 1. The changed table (what blocks the merge, then the other time
  // changes), as many rows as fit; the allocations apart; the unconfirmed suspects.
  const tables: string[] = []
  if (changed.length > 0 || parts.allocations.length === 0)
    tables.push(changedTable(c, changed, room, omitted))
  if (parts.allocations.length > 0)
    tables.push(
      changedTable(c, parts.allocations, room, omitted, '**Allocations** (time unchanged)')
    )
  let table = tables.join('\n\n')
  // Refuted suspects; one the A/B could not measure stands as the screen
  // judged it, in the table above, and is not listed as "not confirmed".
  for (const status of ['inconclusive', 'not-confirmed', 'identical'] as const) {
    const listed = c.benchmarks.filter(b => b.confirmation?.status === status)
    if (listed.length === 0) continue
    const t = unconfirmedTable(listed, status, c.options.abThreshold)
    table += `\n\n${t}`
    room.left -= bytes(t) + 2
  }
  // Main's trend of the changed benchmarks, when there is a history.
  const trend = trendBlock(c, changed, opts.trends)
  if (trend && bytes(trend) + 2 < room.left) {
    table += `\n\n${trend}`
    room.left -= bytes(trend) + 2
  }
  // 2. Details of the others, in the same order, while they fit. (A
  // blocking one left out above was cut for room and stays out.)
  const blockingLeft = parts.blocking.length - details.length
  for (const b of blockingLeft > 0 ? [] : detailed.slice(details.length)) {
    const block = detailsBlock(b, opts, sources, contentionPart(b, sources, opts))
    if (bytes(block) + 2 > room.left) break
    details.push(block)
    room.left -= bytes(block) + 2
  }
  if (details.length < detailed.length)
    omitted.push(`function tables for ${detailed.length - details.length} benchmark(s)`)
  pushAll(details, contentionOnlyBlocks(c, detailed, sources, opts, room, omitted))
  // 3. The quiet ones, collapsed.
  const quiet = c.benchmarks.filter(
    b => (b.verdict === 'unchanged' || b.verdict === 'too-few-samples') && !b.confirmation
  )
  const quietBlock = quietList(quiet, room.left, omitted, notSignificant(c))
  const omission =
    omitted.length > 0
      ? `_Left out to fit GitHub's comment size limit: ${omitted.join('; ')}. The job summary has the full report._`
      : ''
  return (
    [head.join('\n'), table, ...details, quietBlock, omission, ...footer]
      .filter(s => s !== '')
      .join('\n\n') + '\n'
  )
}

/**
 * The contention and scheduling changes of benchmarks whose time and
 * allocations did not change (report-only unless fail-on-contention),
 * while they fit.
 */
function contentionOnlyBlocks(
  c: Comparison,
  detailed: readonly BenchmarkComparison[],
  sources: Map<string, { file?: string; line?: number }>,
  opts: ReportOptions,
  room: { left: number },
  omitted: string[]
): string[] {
  const only = contentionChanged(c).filter(b => !detailed.includes(b))
  const out: string[] = []
  for (const b of only) {
    const block = contentionBlock(b, sources, opts)
    if (!block || bytes(block) + 2 > room.left) break
    out.push(block)
    room.left -= bytes(block) + 2
  }
  if (out.length < only.length)
    omitted.push(`contention tables for ${only.length - out.length} benchmark(s)`)
  return out
}

/** The marker, the verdict, how it was reached, the gate's reasons and the worst regression. */
function headLines(c: Comparison, opts: ReportOptions): string[] {
  const head = [marker(opts.key), '', verdictLine(c)]
  for (const line of stageLines(c)) head.push('', line)
  for (const note of opts.notes ?? []) head.push('', note)
  if (c.gate.fail)
    head.push(
      '',
      `Gate: ${c.gate.reasons
        .slice(0, 3)
        .map(r => escapeText(r))
        .join('; ')}${c.gate.reasons.length > 3 ? `; and ${c.gate.reasons.length - 3} more` : ''}`
    )
  if (c.accepted) {
    const a = c.accepted
    head.push(
      '',
      `> [!IMPORTANT]\n> Accepted on purpose: the label ${codeSpan(a.label, 100)}${a.by ? `, added by ${escapeText(`@${a.by}`, 100)},` : ''} lets ${a.reasons.length} regression(s) through the gate: ${a.reasons
        .slice(0, 3)
        .map(r => escapeText(r))
        .join(
          '; '
        )}${a.reasons.length > 3 ? `; and ${a.reasons.length - 3} more` : ''}. Remove the label to gate on them again.`
    )
  }
  const parts = changedParts(c)
  const worst = [...parts.blocking, ...parts.time, ...parts.allocations].find(
    b => b.verdict === 'regression' && b.summary
  )
  if (worst) head.push('', `Worst: ${escapeText(worst.summary!, 600)}`)
  const contention = contentionSummaryLine(c)
  if (contention) head.push('', contention)
  return head
}

/**
 * The changed benchmarks in the comment's order: the time regressions that
 * fail the gate, then the other time changes, then benchmarks that failed,
 * are new or were removed; allocation-only changes apart. Within each, the
 * comparison's own order (worst first).
 */
function changedParts(c: Comparison): {
  blocking: BenchmarkComparison[]
  time: BenchmarkComparison[]
  other: BenchmarkComparison[]
  allocations: BenchmarkComparison[]
} {
  const out = {
    blocking: [] as BenchmarkComparison[],
    time: [] as BenchmarkComparison[],
    other: [] as BenchmarkComparison[],
    allocations: [] as BenchmarkComparison[]
  }
  for (const b of c.benchmarks) {
    if (b.verdict === 'regression' || b.verdict === 'improvement') {
      const k = b.confirmation
      const timeMoved =
        k?.status === 'confirmed' ||
        ((!k || k.status === 'missing') &&
          b.metrics.some(
            m => m.kind === 'time' && (m.verdict === 'regression' || m.verdict === 'improvement')
          ))
      // What blocks is the judge's record, never decided again here.
      if (b.blocks) out.blocking.push(b)
      else if (timeMoved) out.time.push(b)
      else out.allocations.push(b)
    } else if (['failed', 'new', 'removed'].includes(b.verdict)) out.other.push(b)
  }
  return out
}

/** How hot lines were matched, or why a breakdown in the repository has none. */
function hotLinesNote(c: Comparison): string | undefined {
  const h = c.hotLines
  const fns = c.benchmarks.flatMap(b => Object.values(b.functions ?? {}).flat())
  if (!h) return undefined
  if ('between' in h && h.between === SAME_TREE)
    return fns.some(f => f?.lines?.length)
      ? '<sub>Both sides were built from the same tree, so each hot line is the same line on both.</sub>'
      : undefined
  if ('between' in h)
    return fns.some(f => f?.lines?.length)
      ? `<sub>Hot lines are matched between the revisions by content, through \`git diff\` (${escapeText(h.between, 100)}), not by line number.</sub>`
      : undefined
  return fns.some(f => f?.file)
    ? `<sub>No hot lines: ${escapeText(h.unavailable, 300)}. They need the base commit in the clone (actions/checkout \`fetch-depth: 0\`, or the baseline's commit fetchable from origin).</sub>`
    : undefined
}

/** Warnings, notes, how to reproduce, and the options line. */
function footerBlocks(c: Comparison, opts: ReportOptions): string[] {
  const footer: string[] = []
  // Warnings and notes share a quarter of the budget: a merge of 256 shards
  // that all failed, or a report with thousands of notes, still leaves
  // room for the verdict and its tables (GitHub refuses a longer body).
  const allowance = { left: (opts.budgetBytes ?? COMMENT_BUDGET_BYTES) / 4 }
  const fits = (text: string): boolean => {
    if (bytes(text) + 2 > allowance.left) return false
    allowance.left -= bytes(text) + 2
    return true
  }
  if (c.warnings.length > 0) {
    const shown = c.warnings.slice(0, 10).map(w => escapeText(w))
    const more = c.warnings.length > 10 ? `; and ${c.warnings.length - 10} more` : ''
    const warning = `> [!WARNING]\n> The two runs come from different environments, so differences may not be the code's: ${shown.join('; ')}${more}.`
    if (fits(warning)) footer.push(warning)
  }
  let notes = 0
  for (const note of c.notes) {
    if (!fits(`> [!NOTE]\n> ${escapeText(note, 1000)}`)) break
    footer.push(`> [!NOTE]\n> ${escapeText(note, 1000)}`)
    notes++
  }
  if (notes < c.notes.length)
    footer.push(`> [!NOTE]\n> ${c.notes.length - notes} more note(s) are in the job summary.`)
  if (c.counts['too-few-samples'] > 0)
    footer.push(
      `${c.counts['too-few-samples']} benchmark(s) have fewer than 4 samples on a side: no difference can be significant at 0.05. Raise \`count\` to 6 or more.`
    )
  // Paths are ours (bundle layout), but never let one close the code fence.
  const repro = (opts.reproduce ?? []).filter(r => !/[`\n]/.test(r.base + r.head)).slice(0, 3)
  if (repro.length > 0) {
    footer.push(
      `<details><summary>Reproduce locally</summary>\n\n` +
        '```sh\n' +
        repro
          .map(r => `go tool pprof -top -diff_base=${shellQuote(r.base)} ${shellQuote(r.head)}`)
          .join('\n') +
        '\n```\n\n</details>'
    )
  }
  if (opts.flameUrl)
    footer.push(
      opts.flameMadeBy === 'pull-request'
        ? `📊 [Differential flame graph](${opts.flameUrl}) of the changed benchmarks, made by the pull request's own run: its code wrote this file, not benchgate's comment job, so open it as you would the pull request's code.`
        : `📊 [Differential flame graph](${opts.flameUrl}) of the changed benchmarks: one HTML file in this run's artifacts that opens offline in any browser.`
    )
  const hot = hotLinesNote(c)
  if (hot) footer.push(hot)
  const abThreshold =
    c.gateMode === 'confirmed' && c.options.abThreshold !== c.options.threshold
      ? ` (confirmation ${c.options.abThreshold}%)`
      : ''
  footer.push(
    `<sub>threshold ${c.options.threshold}%${abThreshold}, α ${c.options.alpha} (Holm–Bonferroni), allocation threshold ${c.options.allocThreshold}%${c.head.commit ? `, head ${escapeText(c.head.commit.slice(0, 12))}` : ''}${c.base.commit ? `, base ${escapeText(c.base.commit.slice(0, 12))}` : ''}</sub>`
  )
  return footer
}

/** The table of changed benchmarks, rows while they fit in 60% of the room, and the geomean. */
function changedTable(
  c: Comparison,
  changed: readonly BenchmarkComparison[],
  room: { left: number },
  omitted: string[],
  title?: string
): string {
  if (changed.length === 0 && title) return ''
  if (changed.length === 0) {
    const none = 'No benchmark changed significantly.'
    room.left -= bytes(none) + 2
    return none
  }
  const confirming = c.benchmarks.some(b => b.confirmation)
  const header = ['benchmark', 'base', 'head', 'Δ', 'p', 'verdict']
  if (confirming) header.push('on this runner')
  const row = (b: BenchmarkComparison): string[] =>
    confirming ? [...changedRow(b), confirmationText(b)] : changedRow(b)
  const rows: string[][] = []
  for (const b of changed) {
    const next = markdownTable([header, ...rows, row(b)], { alignDelimiters: false })
    if (bytes(next) > room.left * 0.6 && rows.length > 0) break
    rows.push(row(b))
  }
  let table =
    (title ? `${title}\n\n` : '') + markdownTable([header, ...rows], { alignDelimiters: false })
  const geo = title ? undefined : c.geomean.find(g => g.unit === 'ns/op')
  if (geo)
    table += `\n\nGeomean time/op: ${escapeText(formatValue(geo.base, 'ns/op'))} → ${escapeText(formatValue(geo.head, 'ns/op'))} (${formatDelta(geo.deltaPercent)}, ${geo.n} benchmarks)`
  if (rows.length < changed.length)
    omitted.push(`${changed.length - rows.length} changed benchmark row(s)`)
  room.left -= bytes(table) + 2
  return table
}

/** The screen's suspects that the A/B did not reproduce: shown, never gating. */
function unconfirmedTable(
  unconfirmed: readonly BenchmarkComparison[],
  status: 'inconclusive' | 'not-confirmed' | 'identical',
  /** The A/B threshold inconclusive suspects could not be held to. */
  abThreshold: number
): string {
  const shown = unconfirmed.slice(0, 50)
  const heading = {
    'not-confirmed': `**Not confirmed** (flagged by the screen against the baseline, not reproduced on this runner):`,
    inconclusive: `**Inconclusive** (flagged by the screen; the A/B rounds on this runner could neither confirm nor rule out a regression of ${abThreshold}% or more: their cap or budget was reached, or, from their spread so far, the rounds left could not have decided — not evidence of no change):`,
    identical: `**Cleared without rounds** (flagged by the screen; their package's test binary and files are identical at the base revision, so the pull request cannot have changed them):`
  }[status]
  return (
    `${heading}\n\n` +
    markdownTable(
      [
        ['benchmark', 'screen Δ', 'screen p', 'on this runner'],
        ...shown.map(b => {
          const m = b.metrics.find(x => x.kind === 'time')
          return [
            benchLabel(b),
            m ? formatChange(m) : '–',
            m ? formatP(m.pAdjusted) : '–',
            confirmationText(b)
          ]
        })
      ],
      { alignDelimiters: false }
    ) +
    (shown.length < unconfirmed.length
      ? `\n\n…and ${unconfirmed.length - shown.length} more (see comparison.json).`
      : '')
  )
}

/** The unchanged benchmarks, collapsed, as many names as fit. */
function quietList(
  quiet: readonly BenchmarkComparison[],
  room: number,
  omitted: string[],
  why: (m: MetricComparison) => string = () => ''
): string {
  if (quiet.length === 0) return ''
  const items: string[] = []
  let size = 200
  for (const b of quiet) {
    const m = primaryMetric(b)
    const line = `- ${benchLabel(b, false)}: ${m ? `${cell(m, 'base')} → ${cell(m, 'head')} (${formatChange(m)}${m.p !== null ? `, p=${formatP(m.p)}` : ''})${why(m)}` : b.verdict}${b.verdict === 'too-few-samples' ? ' — too few samples' : ''}`
    if (size + bytes(line) + 1 > room) break
    items.push(line)
    size += bytes(line) + 1
  }
  if (items.length < quiet.length)
    omitted.push(`${quiet.length - items.length} of ${quiet.length} unchanged benchmark names`)
  const block = `<details><summary>${quiet.length} unchanged benchmark${quiet.length > 1 ? 's' : ''}</summary>\n\n${items.join('\n')}\n\n</details>`
  return bytes(block) > room ? `${quiet.length} unchanged benchmark(s).` : block
}

/**
 * Why an unchanged row with a change of the threshold or more was not
 * called: not significant, and, when the test's p has a floor that Holm
 * across the family lifted above alpha, that no p could have been.
 * "Unchanged" is never claimed for what the data could not test.
 */
function notSignificant(c: Comparison): (m: MetricComparison) => string {
  const family = c.benchmarks.flatMap(b =>
    b.metrics.filter(m => m.kind === 'time' && m.pAdjusted !== null && !m.measuredBy)
  ).length
  return m => {
    // A change the runner's shift explains is said to be so elsewhere.
    if (m.kind !== 'time' || m.verdict !== 'unchanged' || m.pAdjusted === null) return ''
    if (m.explainedByShift) return ''
    if (Math.abs(m.deltaPercent ?? 0) < c.options.threshold) return ''
    if (m.test === 'welch' && m.pAdjusted < c.options.alpha)
      return ` — **not significant**: ${formatChange(m)}; benchstat's U test did not call it (one sample's outlier can carry Welch's test alone)`
    const said = ` — **not significant**: ${formatChange(m)}, p=${formatP(m.pAdjusted)} after Holm`
    if (m.test !== 'utest' || !m.base || !m.head) return said
    const floor = Math.min(1, (2 / choose(m.base.n + m.head.n, m.base.n)) * family)
    return floor >= c.options.alpha
      ? `${said}; with ${m.base.n} and ${m.head.n} samples and ${family} benchmarks no p below ${formatP(floor)} was possible`
      : said
  }
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}
