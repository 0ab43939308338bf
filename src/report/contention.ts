/**
 * The "Contention and scheduling" part of the report (docs/contention.md):
 * a line in the summary when any benchmark's block, mutex, trace-derived
 * or GC metrics changed beyond noise, and per such benchmark a table of
 * its metrics and the call sites whose delay changed most.
 */
import { markdownTable } from 'markdown-table'
import { CONTENTION_METRICS, type ContentionMeasure } from '../attribution/contention.js'
import {
  callSite,
  changedContention,
  contentionDelta,
  delayMeasureOf,
  worseRowFirst,
  type ContentionRow
} from '../compare/contention.js'
import type { BenchmarkComparison, Comparison } from '../compare/model.js'
import { formatP } from '../compare/wording.js'
import { functionTable } from './details.js'
import { escapeHtmlText, escapeText } from './escape.js'
import { formatCi, formatValue } from './format.js'
import type { ReportOptions } from './markdown.js'
import { VERDICT_ICON } from './parts.js'

/** The benchmarks with a contention metric changed beyond noise. */
export function contentionChanged(c: Comparison): BenchmarkComparison[] {
  return c.benchmarks.filter(b => changedContention(b).length > 0)
}

/** A row's change in words: `mutex wait +212.00%` (`mutex wait +93.8 ns/op from 0` when the base was 0). */
export function rowText(r: ContentionRow): string {
  return `${CONTENTION_METRICS[r.metric].label} ${contentionDelta(r)}`
}

/**
 * The summary line: how many benchmarks changed in contention or
 * scheduling, whether that gates, and the largest change; undefined when
 * none did.
 */
export function contentionSummaryLine(c: Comparison): string | undefined {
  const changed = contentionChanged(c)
  if (changed.length === 0) return undefined
  const gating = changed.some(b => b.contention?.rows.some(r => r.gates))
  // Across benchmarks, the order changedContention gives each one's rows.
  const worst = changed
    .map(b => ({ b, r: changedContention(b)[0] }))
    .sort((x, y) => worseRowFirst(x.r, y.r))[0]
  const site = callSite(worst.b, worst.r)
  return (
    `**Contention and scheduling** changed beyond noise in ${changed.length} benchmark${changed.length === 1 ? '' : 's'}` +
    `${gating ? ' (gating: fail-on-contention)' : ' (report-only)'}; the largest: ` +
    `${escapeText(worst.b.name, 300)} ${rowText(worst.r)}${worst.r.pAdjusted !== null ? ` (p=${formatP(worst.r.pAdjusted)})` : ''}` +
    `${site ? `, at ${escapeText(site, 600)}` : ''}.`
  )
}

function value(x: number, unit: string): string {
  return formatValue(x, unit)
}

/** A benchmark's contention part: its metrics table, then the changed delay measures' call sites. */
export function contentionPart(
  b: BenchmarkComparison,
  source: Map<string, { file?: string; line?: number }>,
  opts: ReportOptions
): string | undefined {
  const c = b.contention
  if (!c || changedContention(b).length === 0) return undefined
  const rows = c.rows.filter(r => r.base && r.head)
  const from =
    c.measuredBy === 'ab'
      ? `${c.rounds.head} interleaved A/B contention rounds a side on this runner`
      : `${c.rounds.base} contention rounds of the baseline against ${c.rounds.head} of this run`
  const out = [
    `**Contention and scheduling** per op (${from}; U test, Holm per metric; ${c.rows.some(r => r.gates) ? 'gating' : 'report-only'}):`,
    markdownTable(
      [
        ['metric', 'base', 'head', 'Δ', 'p (adjusted)', 'verdict'],
        ...rows.map(r => [
          CONTENTION_METRICS[r.metric].label,
          `${value(r.base!.median, r.unit)}${formatCi(r.base!)}`,
          `${value(r.head!.median, r.unit)}${formatCi(r.head!)}`,
          contentionDelta(r),
          formatP(r.pAdjusted ?? r.p),
          `${VERDICT_ICON[r.verdict]} ${r.verdict}${r.gates ? ' (gates)' : ''}`
        ])
      ],
      { alignDelimiters: false }
    )
  ]
  const shown = new Set<ContentionMeasure>()
  for (const r of changedContention(b)) {
    const measure = delayMeasureOf(r.metric)
    const list = measure && c.functions?.[measure]
    if (!measure || !list || list.length === 0 || shown.has(measure)) continue
    shown.add(measure)
    out.push(functionTable(measure, list, c.functionStats?.[measure], source, opts))
  }
  return out.join('\n\n')
}

/** A collapsible block for a benchmark whose only change is in contention or scheduling. */
export function contentionBlock(
  b: BenchmarkComparison,
  source: Map<string, { file?: string; line?: number }>,
  opts: ReportOptions
): string | undefined {
  const part = contentionPart(b, source, opts)
  if (!part) return undefined
  const what = changedContention(b).slice(0, 3).map(rowText).join(', ')
  const summary = escapeHtmlText(`${b.name}: ${what}`, 600)
  return `<details><summary>${summary}</summary>\n\n${part}\n\n</details>`
}
