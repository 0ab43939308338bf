/**
 * The pieces every Markdown report is built from: the sticky marker, the
 * verdict line, the stage lines, and the cells of the benchmark tables.
 * Untrusted text goes through escape.ts.
 */
import { CONTENTION_METRICS } from '../attribution/contention.js'
import { contentionDelta } from '../compare/contention.js'
import type {
  BenchmarkComparison,
  Comparison,
  MetricComparison,
  StatTest
} from '../compare/model.js'
import { primaryMetric } from '../compare/verdicts.js'
import { formatChange, formatDelta, formatInterval, formatP } from '../compare/wording.js'
import { shiftNote } from '../compare/shift.js'
import { codeCell, codeSpan, escapeText } from './escape.js'
import { formatCi, formatValue } from './format.js'

/** A string's size in UTF-8 bytes, as GitHub counts a body. */
export const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

/** The icon of each verdict. */
export const VERDICT_ICON: Record<string, string> = {
  regression: '🔴',
  improvement: '🟢',
  unchanged: '⚪',
  'too-few-samples': '⚠️',
  inconclusive: '🟡',
  new: '🆕',
  removed: '➖',
  failed: '❌'
}

/** The hidden marker that identifies our sticky comment. */
export function marker(key: string): string {
  return `<!-- benchgate:${key.replace(/[^A-Za-z0-9._/-]/g, '_')} -->`
}

/** The one-line verdict. */
export function verdictLine(c: Comparison): string {
  const n = c.counts
  const gate = c.gate.fail ? ' — **the gate fails**' : c.accepted ? ' — **accepted** by label' : ''
  const same = c.skipped ?? []
  if (c.benchmarks.length === 0 && same.length > 0)
    return `### ${VERDICT_ICON[c.verdict]} benchgate: nothing measured could change — ${same.length} package(s) with benchmarks have identical test binaries and files${gate}`
  const parts: string[] = []
  if (n.regression) parts.push(`${n.regression} regression${n.regression > 1 ? 's' : ''}`)
  if (n.improvement) parts.push(`${n.improvement} improvement${n.improvement > 1 ? 's' : ''}`)
  if (n.failed) parts.push(`${n.failed} failed`)
  if (n.new) parts.push(`${n.new} new`)
  if (n.removed) parts.push(`${n.removed} removed`)
  if (n['too-few-samples']) parts.push(`${n['too-few-samples']} with too few samples`)
  if (n.inconclusive) parts.push(`${n.inconclusive} inconclusive`)
  parts.push(`${n.unchanged} unchanged`)
  if (same.length > 0) parts.push(`${same.length} package(s) not measured (identical)`)
  return `### ${VERDICT_ICON[c.verdict]} benchgate: ${parts.join(', ')}${gate}`
}

/** `main` from `refs/heads/main`. */
const branchName = (ref: string): string => ref.replace(/^refs\/heads\//, '')

/**
 * How the verdict was reached, stage by stage: the screen against the
 * baseline artifact, then the confirmation on this runner (gate confirmed);
 * or the A/B alone (gate ab).
 */
export function stageLines(
  c: Comparison,
  esc: (s: string, max?: number) => string = escapeText
): string[] {
  const baseline = `the baseline${c.base.ref ? ` from ${esc(branchName(c.base.ref))}` : ''}${c.base.commit ? ` (${esc(c.base.commit.slice(0, 12))})` : ''}`
  if (c.gateMode === 'ab') {
    const rounds = Math.max(
      0,
      ...c.benchmarks.flatMap(b =>
        b.metrics.filter(m => m.kind === 'time').map(m => m.head?.n ?? 0)
      )
    )
    const sequential = c.options.test === 'sequential'
    return [
      `Measured on this runner by interleaved A/B against ${esc(c.base.ref || c.base.commit)}: ${sequential ? 'up to ' : ''}${rounds} rounds, each running both sides${sequential ? '; each benchmark stopped once its rounds decided it (group-sequential test)' : ''}.`
    ]
  }
  const k = c.confirmation
  if (c.gateMode !== 'confirmed' || !k) return []
  const screened = `Screened against ${baseline}: ${k.suspects} suspect${k.suspects === 1 ? '' : 's'}.`
  // What the screen saw of the run as a whole, when it judged relative to that.
  const shift = c.shift?.applied ? [esc(shiftNote(c.shift), 1000)] : []
  if (k.suspects === 0) return [`${screened} Nothing needed confirming.`, ...shift]
  const open = c.benchmarks.filter(b => b.confirmation?.status === 'inconclusive').length
  if (k.error)
    return [
      `${screened} They could not be confirmed on this runner (${esc(k.error, 500)}), so the screen's verdicts stand.`,
      ...shift
    ]
  return [
    `${screened} Confirmed on this runner by interleaved A/B against ${esc(k.base.ref || k.base.commit)} (${k.test === 'sequential' ? 'up to ' : ''}${k.rounds} rounds${k.benchtime ? ` of ${esc(k.benchtime)}` : ''}, ${TEST_NAMES[k.test]}, threshold ${c.options.abThreshold}%, ${(k.elapsedMs / 1000).toFixed(0)} s): ${k.confirmed} of ${k.suspects}${open > 0 ? `; ${open} inconclusive` : ''}. Only confirmed regressions${c.options.failOnInconclusive ? ', inconclusive suspects' : ''} and suspects the A/B could not measure fail the gate.`,
    ...shift
  ]
}

/** How the comment names each test. */
const TEST_NAMES: Record<StatTest, string> = {
  welch: "Welch's t test on log times",
  utest: 'U test',
  wilcoxon: 'Wilcoxon signed-rank test',
  sequential: 'group-sequential test, each suspect stopped once decided'
}

/** "confirmed on this runner: +X% (p=…, N rounds)" or "not confirmed: …". */
export function confirmationText(b: BenchmarkComparison): string {
  const k = b.confirmation
  if (!k) return '–'
  if (k.status === 'missing')
    return "not measured by the A/B (at the base revision): the screen's verdict stands"
  if (k.status === 'identical')
    return "cleared without rounds: its test binary and package files are identical at the base revision, so the screen's difference is noise"
  const stats = `${formatDelta(k.deltaPercent)} (p=${formatP(k.pAdjusted)}, ${k.rounds} rounds)`
  if (k.status === 'inconclusive')
    return `inconclusive: ${formatInterval(k.interval)} after ${k.rounds} rounds (median ${formatDelta(k.deltaPercent)}, p=${formatP(k.pAdjusted)})`
  return k.status === 'confirmed' ? `confirmed on this runner: ${stats}` : `not confirmed: ${stats}`
}

/** `name (package)`, as code: for a table cell, or (`inTable` false) a list item. */
export function benchLabel(b: { package: string; name: string }, inTable = true): string {
  const c = inTable ? codeCell : codeSpan
  return `${c(b.name)} (${c(b.package)})`
}

/** One side's median with its CI, formatted for its unit. */
export function cell(m: MetricComparison | undefined, side: 'base' | 'head'): string {
  const s = m?.[side]
  if (!m || !s) return '–'
  return `${formatValue(s.median, m.unit, u => escapeText(u, 100))}${formatCi(s)}`
}

/** A row of the changed-benchmarks table. */
export function changedRow(b: BenchmarkComparison): string[] {
  const m = primaryMetric(b)
  // A regression a team gates on by contention says which metric, when time did not regress.
  const gate = m?.verdict !== 'regression' ? b.contention?.rows.find(r => r.gates) : undefined
  const verdict = gate
    ? `${VERDICT_ICON.regression} regression (${CONTENTION_METRICS[gate.metric].label} ${contentionDelta(gate)})`
    : `${VERDICT_ICON[b.verdict]} ${b.verdict}${m && m.kind !== 'time' && b.verdict !== 'unchanged' ? ` (${escapeText(m.unit)})` : ''}`
  return [
    benchLabel(b),
    cell(m, 'base'),
    cell(m, 'head'),
    m ? formatChange(m) : '–',
    m ? formatP(m.pAdjusted ?? m.p) : '–',
    verdict
  ]
}
