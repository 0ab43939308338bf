/** Plain-text rendering for the CLI (the markdown report lives beside it). */
import type { Bundle } from '../bundle/index.js'
import { median } from '../stats/median.js'

/** Columns padded to their widest cell; numeric-looking cells right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)))
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

/** A number with at most 4 significant digits, without exponent for ordinary sizes. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  if (x === 0) return '0'
  const abs = Math.abs(x)
  if (abs >= 1000) return Math.round(x).toString()
  return Number(x.toPrecision(4)).toString()
}

/** The end-of-run summary: one row per benchmark with its medians. */
export function formatRunSummary(bundle: Bundle): string {
  const rows = bundle.benchmarks.map(b => {
    const m = (unit: string): string =>
      b.samples[unit] ? formatNumber(median(b.samples[unit])) : ''
    return [b.package, b.name, String(b.iterations.length), m('ns/op'), m('B/op'), m('allocs/op')]
  })
  const table = textTable(['package', 'benchmark', 'runs', 'ns/op', 'B/op', 'allocs/op'], rows)
  const failed = bundle.packages.filter(p => p.status === 'failed')
  const noMatch = bundle.packages.filter(p => p.status === 'no-match')
  const measured = new Set(bundle.benchmarks.map(b => b.package)).size
  const notes = [
    `${bundle.benchmarks.length} benchmarks from ${measured} package(s)` +
      (noMatch.length ? `; ${noMatch.length} package(s) had no benchmark matching the regex` : '') +
      (failed.length
        ? `; ${failed.length} package(s) FAILED: ${failed.map(p => p.importPath).join(', ')}`
        : '')
  ]
  return `${table}\n\n${notes.join('\n')}\n`
}
