/**
 * `benchgate diff`: the ranked culprit table of each graph `flame` draws,
 * as text for a terminal (like `go tool pprof -top -diff_base`, with our
 * ranking and noise marks) or as Markdown.
 */
import { markdownTable } from 'markdown-table'
import type { FunctionDelta } from '../compare/model.js'
import { codeCell, escapeText, showInvisible } from './escape.js'
import type { FlameGraph, FlameReport } from './flame.js'
import { formatValue } from './format.js'
import { textTable } from './text.js'

/** The formatValue unit that scales a graph's values: ns and nanoseconds as time, B and bytes as sizes. */
function valueUnit(unit: string): string {
  if (unit === 'ns' || unit === 'nanoseconds') return 'ns/op'
  if (unit === 'B' || unit === 'bytes') return 'B/op'
  if (unit === 'allocs' || unit === 'count') return 'allocs/op'
  return unit
}

/** A row's numbers; a unit from a profile is untrusted and goes through `esc`. */
function cells(g: FlameGraph, f: FunctionDelta, esc: (s: string) => string): string[] {
  const u = valueUnit(g.unit)
  const signed = (x: number): string =>
    `${x > 0 ? '+' : x < 0 ? '−' : '±'}${formatValue(Math.abs(x), u, esc)}`
  return [
    signed(f.delta.self),
    formatValue(f.base.self, u, esc),
    formatValue(f.head.self, u, esc),
    signed(f.delta.cum),
    f.status
  ]
}

function statsLine(g: FlameGraph): string {
  const st = g.stats
  if (!st) return ''
  const parts: string[] = []
  if (st.samples.base !== null && st.samples.head !== null)
    parts.push(`${st.samples.base} and ${st.samples.head} samples (base, head)`)
  if (st.withinNoise > 0)
    parts.push(`${st.withinNoise} more change(s) within sampling noise, not shown`)
  if (st.fewSamples) parts.push('few samples: only the first row is reliable')
  return parts.join('; ')
}

/** The tables for a terminal; every name through showInvisible. */
export function diffText(r: FlameReport): string {
  const out: string[] = []
  for (const g of r.graphs) {
    out.push(showInvisible(`${g.title} — ${g.measure} — ${g.subtitle}`))
    out.push(
      g.culprits.length === 0
        ? 'No function changed beyond sampling noise.'
        : textTable(
            ['Δ self', 'base self', 'head self', 'Δ cum', 'status', 'function'],
            g.culprits.map(f => [...cells(g, f, showInvisible), showInvisible(f.name)])
          )
    )
    const st = statsLine(g)
    if (st) out.push(st)
    out.push('')
  }
  if (r.graphs.length === 0) out.push('No graph: no benchmark has profiles on both sides.', '')
  for (const n of r.notes) out.push(`note: ${showInvisible(n)}`)
  return out.join('\n') + (r.notes.length > 0 ? '\n' : '')
}

/** The tables as Markdown, as the comment shows them; names as code, the rest escaped. */
export function diffMarkdown(r: FlameReport): string {
  const out: string[] = []
  for (const g of r.graphs) {
    out.push(
      `**${escapeText(g.title, 600)}** — ${escapeText(g.measure, 100)} — ${escapeText(g.subtitle, 300)}`
    )
    out.push(
      g.culprits.length === 0
        ? 'No function changed beyond sampling noise.'
        : markdownTable(
            [
              ['function', 'status', 'Δ self', 'base self', 'head self', 'Δ cum'],
              ...g.culprits.map(f => {
                const [ds, bs, hs, dc, status] = cells(g, f, u => escapeText(u, 100))
                return [codeCell(f.name), status, ds, bs, hs, dc]
              })
            ],
            { alignDelimiters: false }
          )
    )
    const st = statsLine(g)
    if (st) out.push(escapeText(st, 500))
  }
  for (const n of r.notes) out.push(`> [!NOTE]\n> ${escapeText(n, 1000)}`)
  return out.join('\n\n') + '\n'
}
