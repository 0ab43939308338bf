/**
 * A changed benchmark's details: its metrics table and, per measure, the
 * functions whose per-op cost changed, with source links at the head
 * commit. Untrusted names go through escape.ts.
 */
import { markdownTable } from 'markdown-table'
import type { Measure } from '../attribution/index.js'
import type { BenchmarkComparison, FunctionDelta, MeasureDeltas } from '../compare/model.js'
import { formatDelta, formatP } from '../compare/wording.js'
import { escapeHtmlText, escapeText, safeUrl } from './escape.js'
import { formatSignedValue, formatValue } from './format.js'
import type { ReportOptions } from './markdown.js'
import { cell, VERDICT_ICON } from './parts.js'

function fnLabel(
  f: FunctionDelta,
  source: Map<string, { file?: string; line?: number }>,
  opts: ReportOptions
): string {
  const name = escapeText(f.name)
  const src = source.get(f.name)
  if (!src?.file || !opts.repositoryUrl || !opts.headSha) return name
  const url = `${safeUrl(opts.repositoryUrl, 'blob', opts.headSha, src.file)}${src.line ? `#L${src.line}` : ''}`
  return `[${name}](${url})`
}

const MEASURE_TITLE: Record<Measure, [string, string]> = {
  cpu: ['CPU per op', 'ns/op'],
  alloc_space: ['Bytes allocated per op', 'B/op'],
  alloc_objects: ['Allocations per op', 'allocs/op']
}

function functionTable(
  measure: Measure,
  d: MeasureDeltas,
  source: Map<string, { file?: string; line?: number }>,
  opts: ReportOptions
): string {
  const [title, unit] = MEASURE_TITLE[measure]
  // Numbers are formatted by us, not untrusted: no escaping needed.
  const v = (x: number): string => formatValue(x, unit)
  const dv = (x: number): string => formatSignedValue(x, unit)
  const out: string[] = []
  if (d.changed.length > 0) {
    const rows = d.changed.map(f => [
      fnLabel(f, source, opts),
      v(f.base.cum),
      v(f.head.cum),
      dv(f.delta.cum),
      v(f.base.flat),
      v(f.head.flat),
      dv(f.delta.flat)
    ])
    out.push(
      `**${title}** (cum includes callees; flat is the function itself)\n\n` +
        markdownTable(
          [
            ['function', 'base cum', 'head cum', 'Δ cum', 'base flat', 'head flat', 'Δ flat'],
            ...rows
          ],
          { alignDelimiters: false }
        )
    )
  }
  const list = (label: string, fs: FunctionDelta[], side: 'base' | 'head'): void => {
    if (fs.length === 0) return
    out.push(
      `${label}: ${fs.map(f => `${fnLabel(f, source, opts)} (${v(f[side].cum)})`).join(', ')}`
    )
  }
  list(`New in head (${title.toLowerCase()})`, d.added, 'head')
  list(`Gone from head (${title.toLowerCase()})`, d.vanished, 'base')
  return out.join('\n\n')
}

/** A changed benchmark's collapsible section: summary line, function and allocation tables. */
export function detailsBlock(
  b: BenchmarkComparison,
  opts: ReportOptions,
  source: Map<string, { file?: string; line?: number }>
): string {
  const summary = escapeHtmlText(b.summary ?? `${b.name} ${b.verdict}`, 600)
  const parts: string[] = []
  const k = b.confirmation
  if (k && k.status === 'confirmed')
    parts.push(
      `**Decided by the A/B on this runner** (${k.rounds} interleaved rounds): ${escapeText(k.unit, 100)} ${formatDelta(k.deltaPercent)} (p=${formatP(k.pAdjusted)}). The table below is the screen against the baseline, which only nominated it.`
    )
  const metrics = b.metrics.filter(m => m.base && m.head)
  if (metrics.length > 0) {
    if (k) parts.push('Screen against the baseline:')
    parts.push(
      markdownTable(
        [
          ['unit', 'base', 'head', 'Δ', 'p (adjusted)', 'verdict'],
          ...metrics.map(m => [
            escapeText(m.unit),
            cell(m, 'base'),
            cell(m, 'head'),
            formatDelta(m.deltaPercent),
            m.kind === 'exact' ? 'exact' : formatP(m.pAdjusted ?? m.p),
            `${VERDICT_ICON[m.verdict]} ${m.verdict}`
          ])
        ],
        { alignDelimiters: false }
      )
    )
  }
  if (b.functions && b.functionsFrom === 'ab')
    parts.push("_Function costs from the A/B rounds' profiles (same runner, interleaved)._")
  for (const measure of ['cpu', 'alloc_space', 'alloc_objects'] as Measure[]) {
    const d = b.functions?.[measure]
    if (d) {
      const t = functionTable(measure, d, source, opts)
      if (t) parts.push(t)
    }
  }
  if (!b.functions)
    parts.push('_No function breakdown: one side has no profile for this benchmark._')
  return `<details><summary>${summary}</summary>\n\n${parts.join('\n\n')}\n\n</details>`
}

/** Function name → source location, collected from a side's bundle lists. */
export function sourcesFrom(
  benchmarks: {
    functions?: Partial<Record<Measure, { name: string; file?: string; line?: number }[]>>
  }[]
): Map<string, { file?: string; line?: number }> {
  const out = new Map<string, { file?: string; line?: number }>()
  for (const b of benchmarks)
    for (const list of Object.values(b.functions ?? {}))
      for (const f of list ?? [])
        if (f.file && !out.has(f.name)) out.set(f.name, { file: f.file, line: f.line })
  return out
}
