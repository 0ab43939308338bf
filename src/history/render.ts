/**
 * What `benchgate history` prints: the change points as JSON (the pinned
 * interface), text for a terminal, Markdown for a summary, and the
 * history's medians as CSV laid out the way Apache Otava reads a CSV
 * source (a time column, a commit attribute, one column per metric).
 * Names come from the code under test: escaped for Markdown, made visible
 * for a terminal, quoted and defused for a spreadsheet.
 */
import { codeCell, escapeText, forTerminal } from '../report/escape.js'
import { formatValue } from '../report/format.js'
import type { HistoryChangePoint } from './change-points.js'
import type { History } from './index.js'

/** The settings the change points were found with, for the reports. */
export interface HistorySettings {
  window: number
  maxP: number
  minMagnitude: number
}

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`
const short = (c: HistoryChangePoint): string =>
  c.range
    ? c.range
        .split('..')
        .map(s => s.slice(0, 12))
        .join('..')
    : c.commit.slice(0, 12)

/** `{"changePoints": [...]}` and what they were found in. */
export function historyJson(
  h: History,
  cps: readonly HistoryChangePoint[],
  s: HistorySettings
): string {
  return (
    JSON.stringify(
      {
        changePoints: cps,
        records: h.records.length,
        commits: h.records.map(r => r.commit),
        settings: s,
        ...(h.gaps ? { gaps: h.gaps } : {})
      },
      null,
      2
    ) + '\n'
  )
}

/** One line per change point, its functions indented under it. */
export function historyText(
  h: History,
  cps: readonly HistoryChangePoint[],
  s: HistorySettings
): string {
  const lines = [
    `${h.records.length} record(s); ${cps.length} change point(s) (E-Divisive means, t test p ≤ ${s.maxP}, magnitude ≥ ${s.minMagnitude}, window ${s.window})`
  ]
  for (const g of h.gaps ?? []) lines.push(`missing: ${forTerminal(g)}`)
  for (const c of cps) {
    lines.push(
      `${short(c)}  ${c.kind.padEnd(11)} ${forTerminal(c.benchmark)} (${forTerminal(c.package)}) ${forTerminal(c.unit)} ${pct(c.delta)}  ${formatValue(c.before, c.unit, forTerminal)} → ${formatValue(c.after, c.unit, forTerminal)}  p=${c.p.toPrecision(2)}`
    )
    if (c.environment)
      lines.push(
        `    runner changed: ${forTerminal(c.environment.from)} → ${forTerminal(c.environment.to)}`
      )
    for (const f of c.functions) lines.push(`    ${pct(f.delta)}  ${forTerminal(f.name)}`)
  }
  return lines.join('\n') + '\n'
}

/** A Markdown table of the change points (for a job summary). */
export function historyMarkdown(
  h: History,
  cps: readonly HistoryChangePoint[],
  s: HistorySettings
): string {
  const head = `### benchgate history: ${cps.length} change point(s) in ${h.records.length} record(s)`
  const notes = (h.gaps ?? []).map(
    g => `> [!WARNING]\n> Missing from the history: ${escapeText(g)}`
  )
  if (cps.length === 0)
    return (
      [
        head,
        ...notes,
        `No change point (t test p ≤ ${s.maxP}, magnitude ≥ ${s.minMagnitude}).`
      ].join('\n\n') + '\n'
    )
  const rows = cps.map(c =>
    [
      codeCell(short(c)),
      `${codeCell(c.benchmark)} (${codeCell(c.package)})`,
      escapeText(c.unit, 40),
      pct(c.delta),
      c.kind === 'environment' ? `environment: ${escapeText(c.environment!.to, 120)}` : c.kind,
      c.functions
        .slice(0, 3)
        .map(f => `${codeCell(f.name)} ${pct(f.delta)}`)
        .join('<br>') || '–'
    ].join(' | ')
  )
  return (
    [
      head,
      ...notes,
      [
        '| commit | benchmark | unit | step | kind | functions (share of the step) |',
        '| - | - | - | - | - | - |',
        ...rows.map(r => `| ${r} |`)
      ].join('\n')
    ].join('\n\n') + '\n'
  )
}

/** One CSV field: quoted when it must be, and never read as a formula. */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * The medians as CSV, one row per record: `time,commit,<metric>…`, each
 * metric `package.Benchmark:unit`, empty where a record lacks it. Otava's
 * CSV source takes it with time_column time, attributes [commit].
 */
export function historyCsv(h: History): string {
  const metrics = new Map<string, number>()
  for (const r of h.records)
    for (const b of r.benchmarks)
      for (const unit of Object.keys(b.units)) {
        const key = `${b.package}.${b.name}:${unit}`
        if (!metrics.has(key)) metrics.set(key, metrics.size)
      }
  const lines = [['time', 'commit', ...metrics.keys()].map(csvField).join(',')]
  for (const r of h.records) {
    const row: string[] = new Array<string>(metrics.size).fill('')
    for (const b of r.benchmarks)
      for (const [unit, s] of Object.entries(b.units))
        row[metrics.get(`${b.package}.${b.name}:${unit}`)!] = String(s.median)
    lines.push([r.time, r.commit, ...row].map(csvField).join(','))
  }
  return lines.join('\n') + '\n'
}
