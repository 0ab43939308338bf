/** Plain-text rendering for the CLI (the markdown report lives beside it). */
import { changedContention } from '../compare/contention.js'
import { rowText } from './contention.js'
import type { Bundle } from '../bundle/index.js'
import type { Comparison, MetricComparison } from '../compare/model.js'
import { formatChange, formatDelta, formatP } from '../compare/wording.js'
import { median } from '../stats/median.js'
import { showInvisible } from './escape.js'
import { formatCi, sig } from './format.js'
import { confirmationText, stageLines } from './markdown.js'
import { maxOf, own } from '../data/index.js'

/** Columns padded to their widest cell; numeric-looking cells right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    maxOf(
      rows.map(r => (r[i] ?? '').length),
      h.length
    )
  )
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every(r => /^[-+\d.,%×e]*$/.test(r[i] ?? ''))
  )
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** The end-of-run summary: one row per benchmark with its medians. */
export function formatRunSummary(bundle: Bundle): string {
  const rows = bundle.benchmarks.map(b => {
    const m = (unit: string): string => {
      const v = own(b.samples, unit)
      return v ? sig(median(v)) : ''
    }
    return [
      showInvisible(b.package),
      showInvisible(b.name),
      String(b.iterations.length),
      m('ns/op'),
      m('B/op'),
      m('allocs/op')
    ]
  })
  const table = textTable(['package', 'benchmark', 'runs', 'ns/op', 'B/op', 'allocs/op'], rows)
  const failed = bundle.packages.filter(p => p.status === 'failed')
  const noMatch = bundle.packages.filter(p => p.status === 'no-match')
  const measured = new Set(bundle.benchmarks.map(b => b.package)).size
  const notes = [
    `${bundle.benchmarks.length} benchmarks from ${measured} package(s)` +
      (noMatch.length ? `; ${noMatch.length} package(s) had no benchmark matching the regex` : '') +
      (failed.length
        ? `; ${failed.length} package(s) FAILED: ${failed.map(p => showInvisible(p.importPath)).join(', ')}`
        : '')
  ]
  const same = bundle.skipped ?? []
  if (same.length > 0)
    notes.push(
      `${same.length} package(s) not measured (${same
        .slice(0, 10)
        .map(p => `${showInvisible(p.package)}: ${showInvisible(p.reason)}`)
        .join(', ')}${same.length > 10 ? ', …' : ''})`
    )
  return `${table}\n\n${notes.join('\n')}\n`
}

/** benchstat-style text: one table per unit, then the explanations of changed benchmarks. */
export function formatComparisonText(c: Comparison): string {
  const out: string[] = []
  const units = [...new Set(c.benchmarks.flatMap(b => b.metrics.map(m => m.unit)))]
  for (const unit of units) {
    const rows: string[][] = []
    for (const b of c.benchmarks) {
      const m = b.metrics.find(x => x.unit === unit)
      if (!m) continue
      const side = (s: MetricComparison['base']): string =>
        s ? `${sig(s.median)}${formatCi(s)}` : '-'
      rows.push([
        showInvisible(`${b.name} (${b.package})`),
        side(m.base),
        side(m.head),
        formatChange(m),
        m.kind === 'exact' ? 'exact' : formatP(m.pAdjusted ?? m.p),
        m.verdict
      ])
    }
    const geo = c.geomean.find(g => g.unit === unit)
    if (geo)
      rows.push(['geomean', sig(geo.base), sig(geo.head), formatDelta(geo.deltaPercent), '', ''])
    out.push(textTable([showInvisible(unit), 'base', 'head', 'Δ', 'p', 'verdict'], rows))
  }
  for (const b of c.benchmarks.filter(x => x.summary)) out.push(showInvisible(b.summary!))
  for (const b of c.benchmarks) {
    const rows = changedContention(b)
    if (rows.length > 0)
      out.push(
        `${showInvisible(`${b.name} (${b.package})`)} contention: ${rows
          .map(
            r =>
              `${rowText(r)}${r.pAdjusted !== null ? ` (p=${formatP(r.pAdjusted)})` : ''}${r.gates ? ' [gates]' : ''}`
          )
          .join(', ')}`
      )
  }
  const stages = stageLines(c, showInvisible)
  if (stages.length > 0) out.push(stages.join('\n'))
  for (const b of c.benchmarks.filter(x => x.confirmation))
    out.push(`${showInvisible(`${b.name} (${b.package})`)}: ${confirmationText(b)}`)
  for (const w of c.warnings) out.push(`warning: ${showInvisible(w)}`)
  for (const n of c.notes) out.push(`note: ${showInvisible(n)}`)
  out.push(verdictText(c))
  return out.join('\n\n') + '\n'
}

/** Machine-readable one-line verdict, e.g. for logs. */
export function verdictText(c: Comparison): string {
  return `verdict=${c.verdict} regressions=${c.counts.regression} improvements=${c.counts.improvement} unchanged=${c.counts.unchanged} gate=${c.gate.fail ? 'fail' : 'pass'}`
}

/**
 * A warning for benchmarks whose name Go printed but whose result never
 * came: they are missing from the bundle, so say which, and why that
 * happens. Names come from the code under test: shown, never interpreted.
 */
export function unfinishedMessage(run: {
  pkg: { importPath: string }
  unfinished: readonly string[]
}): string {
  const names = run.unfinished.slice(0, 10).map(showInvisible).join(', ')
  const more = run.unfinished.length > 10 ? ` and ${run.unfinished.length - 10} more` : ''
  return `${showInvisible(run.pkg.importPath)}: no result line for ${names}${more}: Go printed the name but no result after it, so these benchmarks are not in the results. A benchmark that writes to stdout without a trailing newline, or that exits early, does this; make its output end with a newline, or leave it out with the bench input (--bench)`
}
