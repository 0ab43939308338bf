/**
 * A changed benchmark's details: its metrics table and, per measure, the
 * functions whose per-op cost changed, with source links at the head
 * commit. Untrusted names go through escape.ts.
 */
import { markdownTable } from 'markdown-table'
import type { Measure } from '../attribution/index.js'
import type {
  BenchmarkComparison,
  FunctionDelta,
  FunctionStats,
  LineDelta,
  PathStep
} from '../compare/model.js'
import { primaryMetric } from '../compare/verdicts.js'
import { formatChange, formatDelta, formatP } from '../compare/wording.js'
import { codeBlock, codeCell, codeSpan, escapeHtmlText, escapeText, safeUrl } from './escape.js'
import { formatSignedValue, formatValue } from './format.js'
import type { ReportOptions } from './markdown.js'
import { cell, VERDICT_ICON } from './parts.js'
import { maxOf } from '../data/index.js'

function fnLabel(
  f: FunctionDelta,
  source: Map<string, { file?: string; line?: number }>,
  opts: ReportOptions
): string {
  const name = codeCell(f.name)
  const src = source.get(f.name)
  if (!src?.file || !opts.repositoryUrl || !opts.headSha) return name
  const url = `${safeUrl(opts.repositoryUrl, 'blob', opts.headSha, src.file)}${src.line ? `#L${src.line}` : ''}`
  return `[${name}](${url})`
}

const MEASURE_TITLE: Record<Measure, [string, string, string]> = {
  cpu: ['CPU per op', 'ns/op', 'CPU'],
  alloc_space: ['Bytes allocated per op', 'B/op', 'heap'],
  alloc_objects: ['Allocations per op', 'allocs/op', 'heap'],
  block_delay: ['Blocking per op (block profile)', 'ns/op', 'block'],
  mutex_delay: ['Mutex wait per op (mutex profile)', 'ns/op', 'mutex'],
  sync_delay: ['Sync blocking per op (trace)', 'ns/op', 'trace'],
  syscall_delay: ['Syscall blocking per op (trace)', 'ns/op', 'trace'],
  net_delay: ['Network blocking per op (trace)', 'ns/op', 'trace'],
  sched_delay: ['Scheduler latency per op (trace)', 'ns/op', 'trace']
}

/** The sentences under a measure's table: coverage, what noise hid, and too few samples. */
function statsNotes(measure: Measure, st: FunctionStats | undefined, shown: number): string[] {
  if (!st) return []
  const kind = MEASURE_TITLE[measure][2]
  const at =
    st.samples.base !== null && st.samples.head !== null
      ? ` at ${st.samples.base} and ${st.samples.head} ${kind} samples (base, head)`
      : ''
  const out: string[] = []
  if (shown > 0 && st.explained !== null)
    out.push(
      `These rows add up to ${Math.round(st.explained * 100)}% of the benchmark's profiled change.`
    )
  // Delays are recorded event by event, not sampled: what is left out is small, not noisy.
  const noise = measure.endsWith('_delay')
    ? 'under 1% of the largest change'
    : 'within sampling noise'
  if (shown === 0) out.push(`No function's change is beyond sampling noise${at}.`)
  else if (st.withinNoise > 0)
    out.push(
      `${st.withinNoise} more change${st.withinNoise === 1 ? ' is' : 's are'} ${noise}${at}, not shown.`
    )
  if (st.fewSamples)
    out.push(
      `⚠️ That is few samples: only the first row is reliable. A longer \`benchtime\`, a higher \`count\` or more rounds give more: every sample's profile counts.`
    )
  return out
}

/** The measure a benchmark's verdict is about: CPU for time, else the allocation unit's. */
function verdictMeasure(b: BenchmarkComparison): Measure {
  if (b.confirmation?.status === 'confirmed') return 'cpu'
  const m = primaryMetric(b)
  return m?.unit === 'B/op' ? 'alloc_space' : m?.unit === 'allocs/op' ? 'alloc_objects' : 'cpu'
}

/** One measure's ranked function table, its notes, the first row's call path and hot lines. */
export function functionTable(
  measure: Measure,
  list: readonly FunctionDelta[],
  st: FunctionStats | undefined,
  source: Map<string, { file?: string; line?: number }>,
  opts: ReportOptions
): string {
  const [title, unit] = MEASURE_TITLE[measure]
  // Numbers are formatted by us, not untrusted: no escaping needed.
  const v = (x: number): string => formatValue(x, unit)
  const dv = (x: number): string => formatSignedValue(x, unit)
  const rows = list.filter(f => f.beyondNoise)
  const out: string[] = []
  if (rows.length > 0)
    out.push(
      `**${title}**, ranked by the change of each function's own cost (self: its flat plus the runtime work it calls; cum includes callees)\n\n` +
        markdownTable(
          [
            ['function', 'status', 'Δ self', 'base self', 'head self', 'Δ cum'],
            ...rows.map(f => [
              fnLabel(f, source, opts),
              f.changedInDiff ? `${f.status}, ${IN_DIFF}` : f.status,
              dv(f.delta.self),
              v(f.base.self),
              v(f.head.self),
              dv(f.delta.cum)
            ])
          ],
          { alignDelimiters: false }
        )
    )
  else out.push(`**${title}**`)
  const notes = statsNotes(measure, st, rows.length)
  if (rows.some(f => f.changedInDiff) || rows[0]?.path?.some(s => s.changedInDiff))
    notes.push(`${IN_DIFF}: the diff between the sides changed this function's declaration.`)
  if (notes.length > 0) out.push(notes.join(' '))
  const path = rows[0]?.path
  if (path && path.length > 1)
    out.push(
      `Call path to the first row, the heaviest in its profile (cum per op, base → head):\n\n${pathTree(path, v, dv)}`
    )
  for (const f of rows) if (f.lines?.length) out.push(hotLines(f, f.lines, v, dv, opts))
  return out.join('\n\n')
}

/** Where a hot line is: a link to it at the head commit, or how it was in base. */
function lineLabel(f: FunctionDelta, l: LineDelta, opts: ReportOptions): string {
  if (l.line === null) return `L${l.baseLine} (gone)`
  const at =
    f.file && opts.repositoryUrl && opts.headSha
      ? `[L${l.line}](${safeUrl(opts.repositoryUrl, 'blob', opts.headSha, f.file)}#L${l.line})`
      : `L${l.line}`
  switch (l.change) {
    case 'moved':
      return `${at} (was L${l.baseLine})`
    case 'edited':
      return `${at} (edited)`
    case 'new':
      return `${at} (new)`
    case 'same':
    case 'gone':
      return at
  }
}

/** A culprit's hot lines, like `pprof -list`: own cost per op on both sides, and the line's text. */
function hotLines(
  f: FunctionDelta,
  lines: readonly LineDelta[],
  v: (x: number) => string,
  dv: (x: number) => string,
  opts: ReportOptions
): string {
  const where = f.file ? ` (${codeSpan(f.file)})` : ''
  const source = (l: LineDelta): string => {
    const now = l.text !== undefined && l.text !== '' ? codeCell(l.text, 200) : ''
    return l.baseText !== undefined && l.baseText !== ''
      ? `${now}<br>was ${codeCell(l.baseText, 200)}`
      : now
  }
  return (
    `Hot lines of ${codeSpan(f.name)}${where}, by the change of their own cost:\n\n` +
    markdownTable(
      [
        ['line', 'Δ self', 'base self', 'head self', 'Δ cum', 'source'],
        ...lines.map(l => [
          lineLabel(f, l, opts),
          dv(l.delta.self),
          v(l.base.self),
          v(l.head.self),
          dv(l.delta.cum),
          source(l)
        ])
      ],
      { alignDelimiters: false }
    )
  )
}

/** The mark of a function the diff changed (FunctionDelta.changedInDiff). */
const IN_DIFF = '✏️ changed'

/** A call path as a small tree in a code block, each step with its cum on both sides. */
function pathTree(
  path: readonly PathStep[],
  v: (x: number) => string,
  dv: (x: number) => string
): string {
  const names = path.map((s, i) => `${i === 0 ? '' : `${'  '.repeat(i - 1)}└ `}${cut(s.name)}`)
  const width = maxOf(names.map(n => [...n].length))
  const lines = path.map((s, i) => {
    const side = (x: number | null): string => (x === null ? '–' : v(x))
    const delta = s.base !== null && s.head !== null ? `  (${dv(s.head - s.base)})` : ''
    const mark = s.changedInDiff ? `  ${IN_DIFF}` : ''
    return `${names[i].padEnd(width + (names[i].length - [...names[i]].length))}  ${side(s.base)} → ${side(s.head)}${delta}${mark}`
  })
  return codeBlock(lines, 400)
}

/** A long name, cut in the middle so its package and its function both show. */
function cut(name: string): string {
  const chars = [...name]
  return chars.length <= 100 ? name : `${chars.slice(0, 45).join('')}…${chars.slice(-54).join('')}`
}

/** A changed benchmark's collapsible section: summary line, function and allocation tables. */
export function detailsBlock(
  b: BenchmarkComparison,
  opts: ReportOptions,
  source: Map<string, { file?: string; line?: number }>,
  /** A part of its own to add at the end (report/contention.ts). */
  extra?: string
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
    if (k)
      parts.push(
        metrics.some(m => m.measuredBy === 'ab')
          ? 'Screen against the baseline (rows marked A/B are from the A/B rounds, which decide allocations too):'
          : 'Screen against the baseline:'
      )
    parts.push(
      markdownTable(
        [
          ['unit', 'base', 'head', 'Δ', 'p (adjusted)', 'verdict'],
          ...metrics.map(m => [
            escapeText(m.unit) + (m.measuredBy === 'ab' ? ' (A/B)' : ''),
            cell(m, 'base'),
            cell(m, 'head'),
            formatChange(m),
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
    // A measure with nothing beyond noise is shown only when the verdict is about it.
    if (d && (d.some(f => f.beyondNoise) || measure === verdictMeasure(b)))
      parts.push(functionTable(measure, d, b.functionStats?.[measure], source, opts))
  }
  if (!b.functions && !b.contention?.rows.some(r => r.gates))
    parts.push('_No function breakdown: one side has no profile for this benchmark._')
  if (extra) parts.push(extra)
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
