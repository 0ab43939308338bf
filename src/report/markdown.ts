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
import type { Measure } from '../attribution/index.js'
import {
  formatDelta,
  formatP,
  primaryMetric,
  type BenchmarkComparison,
  type Comparison,
  type FunctionDelta,
  type MeasureDeltas,
  type MetricComparison
} from '../compare/compare.js'
import { escapeHtmlText, escapeText, safeUrl } from './escape.js'
import { formatCi, formatSignedValue, formatValue } from './format.js'

export const COMMENT_BUDGET_BYTES = 60_000
export const SUMMARY_BUDGET_BYTES = 1_000_000

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
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

const VERDICT_ICON: Record<string, string> = {
  regression: '🔴',
  improvement: '🟢',
  unchanged: '⚪',
  'too-few-samples': '⚠️',
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
  const parts: string[] = []
  if (n.regression) parts.push(`${n.regression} regression${n.regression > 1 ? 's' : ''}`)
  if (n.improvement) parts.push(`${n.improvement} improvement${n.improvement > 1 ? 's' : ''}`)
  if (n.failed) parts.push(`${n.failed} failed`)
  if (n.new) parts.push(`${n.new} new`)
  if (n.removed) parts.push(`${n.removed} removed`)
  if (n['too-few-samples']) parts.push(`${n['too-few-samples']} with too few samples`)
  parts.push(`${n.unchanged} unchanged`)
  const gate = c.gate.fail ? ' — **the gate fails**' : ''
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
    return [
      `Measured on this runner by interleaved A/B against ${esc(c.base.ref || c.base.commit)}: ${rounds} rounds, each running both sides.`
    ]
  }
  const k = c.confirmation
  if (c.gateMode !== 'confirmed' || !k) return []
  const screened = `Screened against ${baseline}: ${k.suspects} suspect${k.suspects === 1 ? '' : 's'}.`
  if (k.suspects === 0) return [`${screened} Nothing needed confirming.`]
  if (k.error)
    return [
      `${screened} They could not be confirmed on this runner (${esc(k.error, 500)}), so the screen's verdicts stand.`
    ]
  return [
    `${screened} Confirmed on this runner by interleaved A/B against ${esc(k.base.ref || k.base.commit)} (${k.rounds} rounds, ${k.test === 'wilcoxon' ? 'Wilcoxon signed-rank' : 'U'} test, threshold ${c.options.abThreshold}%, ${(k.elapsedMs / 1000).toFixed(0)} s): ${k.confirmed} of ${k.suspects}. Only confirmed regressions fail the gate.`
  ]
}

/** "confirmed on this runner: +X% (p=…, N rounds)" or "not confirmed: …". */
export function confirmationText(b: BenchmarkComparison): string {
  const k = b.confirmation
  if (!k) return '–'
  if (k.status === 'missing') return 'not confirmed: not measured at the base revision'
  const stats = `${formatDelta(k.deltaPercent)} (p=${formatP(k.pAdjusted)}, ${k.rounds} rounds)`
  return k.status === 'confirmed' ? `confirmed on this runner: ${stats}` : `not confirmed: ${stats}`
}

function benchLabel(b: { package: string; name: string }): string {
  return `${escapeText(b.name)} (${escapeText(b.package)})`
}

function cell(m: MetricComparison | undefined, side: 'base' | 'head'): string {
  const s = m?.[side]
  if (!m || !s) return '–'
  return `${formatValue(s.median, m.unit)}${formatCi(s)}`
}

function changedRow(b: BenchmarkComparison): string[] {
  const m = primaryMetric(b)
  return [
    benchLabel(b),
    cell(m, 'base'),
    cell(m, 'head'),
    m ? formatDelta(m.deltaPercent) : '–',
    m ? formatP(m.pAdjusted ?? m.p) : '–',
    `${VERDICT_ICON[b.verdict]} ${b.verdict}${m && m.kind !== 'time' && b.verdict !== 'unchanged' ? ` (${escapeText(m.unit)})` : ''}`
  ]
}

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
function detailsBlock(
  b: BenchmarkComparison,
  opts: ReportOptions,
  source: Map<string, { file?: string; line?: number }>
): string {
  const summary = escapeHtmlText(b.summary ?? `${b.name} ${b.verdict}`, 600)
  const parts: string[] = []
  const metrics = b.metrics.filter(m => m.base && m.head)
  if (metrics.length > 0) {
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
  for (const measure of ['cpu', 'alloc_space', 'alloc_objects'] as Measure[]) {
    const d = b.functions?.[measure]
    if (d) {
      const t = functionTable(measure, d, source, opts)
      if (t) parts.push(t)
    }
  }
  if (!b.functions) parts.push('_No profiles on one side, so no function breakdown._')
  return `<details><summary>${summary}</summary>\n\n${parts.join('\n\n')}\n\n</details>`
}

/** Render the comparison as Markdown within the byte budget. */
export function renderMarkdown(
  c: Comparison,
  opts: ReportOptions,
  sources: Map<string, { file?: string; line?: number }> = new Map()
): string {
  const budget = opts.budgetBytes ?? COMMENT_BUDGET_BYTES
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
  const regressions = c.benchmarks.filter(b => b.verdict === 'regression' && b.summary)
  if (regressions.length > 0) head.push('', `Worst: ${escapeText(regressions[0].summary!, 600)}`)

  const footer: string[] = []
  if (c.warnings.length > 0)
    footer.push(
      `> [!WARNING]\n> The two runs come from different environments, so differences may not be the code's: ${c.warnings.map(w => escapeText(w)).join('; ')}.`
    )
  for (const note of c.notes) footer.push(`> [!NOTE]\n> ${escapeText(note, 1000)}`)
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
  const abThreshold =
    c.gateMode === 'confirmed' && c.options.abThreshold !== c.options.threshold
      ? ` (confirmation ${c.options.abThreshold}%)`
      : ''
  const options = `<sub>threshold ${c.options.threshold}%${abThreshold}, α ${c.options.alpha} (Holm–Bonferroni), allocation threshold ${c.options.allocThreshold}%${c.head.commit ? `, head ${escapeText(c.head.commit.slice(0, 12))}` : ''}${c.base.commit ? `, base ${escapeText(c.base.commit.slice(0, 12))}` : ''}</sub>`
  footer.push(options)

  const changed = c.benchmarks.filter(b =>
    ['regression', 'improvement', 'failed', 'new', 'removed'].includes(b.verdict)
  )
  const quiet = c.benchmarks.filter(
    b => (b.verdict === 'unchanged' || b.verdict === 'too-few-samples') && !b.confirmation
  )
  const unconfirmed = c.benchmarks.filter(
    b => b.confirmation && b.confirmation.status !== 'confirmed'
  )
  const confirming = c.benchmarks.some(b => b.confirmation)
  const geo = c.geomean.find(g => g.unit === 'ns/op')

  const fixed = head.join('\n') + '\n\n' + footer.join('\n\n') + '\n'
  const omitted: string[] = []
  let room = budget - bytes(fixed) - 400 // reserve for the omission note

  // 1. Changed table: as many rows as fit, worst first.
  let table = ''
  if (changed.length > 0) {
    const header = ['benchmark', 'base', 'head', 'Δ', 'p', 'verdict']
    if (confirming) header.push('on this runner')
    const row = (b: BenchmarkComparison): string[] =>
      confirming ? [...changedRow(b), confirmationText(b)] : changedRow(b)
    const rows: string[][] = []
    for (const b of changed) {
      const next = markdownTable([header, ...rows, row(b)], { alignDelimiters: false })
      if (bytes(next) > room * 0.6 && rows.length > 0) break
      rows.push(row(b))
    }
    table = markdownTable([header, ...rows], { alignDelimiters: false })
    if (geo)
      table += `\n\nGeomean time/op: ${escapeText(formatValue(geo.base, 'ns/op'))} → ${escapeText(formatValue(geo.head, 'ns/op'))} (${formatDelta(geo.deltaPercent)}, ${geo.n} benchmarks)`
    if (rows.length < changed.length)
      omitted.push(`${changed.length - rows.length} changed benchmark row(s)`)
    room -= bytes(table) + 2
  } else {
    table = 'No benchmark changed significantly.'
    room -= bytes(table) + 2
  }
  if (unconfirmed.length > 0) {
    // The screen's suspects that the A/B did not reproduce: shown, never gating.
    const shown = unconfirmed.slice(0, 50)
    const t =
      `**Not confirmed** (flagged by the screen against the baseline, not reproduced on this runner):\n\n` +
      markdownTable(
        [
          ['benchmark', 'screen Δ', 'screen p', 'on this runner'],
          ...shown.map(b => {
            const m = b.metrics.find(x => x.kind === 'time')
            return [
              benchLabel(b),
              m ? formatDelta(m.deltaPercent) : '–',
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
    table += `\n\n${t}`
    room -= bytes(t) + 2
  }

  // 2. Details per changed benchmark, in the same order, while they fit.
  const details: string[] = []
  const detailed = changed.filter(b => b.verdict === 'regression' || b.verdict === 'improvement')
  for (const b of detailed) {
    const block = detailsBlock(b, opts, sources)
    if (bytes(block) + 2 > room) {
      omitted.push(`function tables for ${detailed.length - details.length} benchmark(s)`)
      break
    }
    details.push(block)
    room -= bytes(block) + 2
  }

  // 3. The quiet ones, collapsed.
  let quietBlock = ''
  if (quiet.length > 0) {
    const items: string[] = []
    let size = 200
    for (const b of quiet) {
      const m = primaryMetric(b)
      const line = `- ${benchLabel(b)}: ${m ? `${cell(m, 'base')} → ${cell(m, 'head')} (${formatDelta(m.deltaPercent)}${m.p !== null ? `, p=${formatP(m.p)}` : ''})` : b.verdict}${b.verdict === 'too-few-samples' ? ' — too few samples' : ''}`
      if (size + bytes(line) + 1 > room) break
      items.push(line)
      size += bytes(line) + 1
    }
    if (items.length < quiet.length)
      omitted.push(`${quiet.length - items.length} of ${quiet.length} unchanged benchmark names`)
    quietBlock = `<details><summary>${quiet.length} unchanged benchmark${quiet.length > 1 ? 's' : ''}</summary>\n\n${items.join('\n')}\n\n</details>`
    if (bytes(quietBlock) > room) quietBlock = `${quiet.length} unchanged benchmark(s).`
  }

  const omission =
    omitted.length > 0
      ? `_Left out to fit GitHub's comment size limit: ${omitted.join('; ')}. The job summary has the full report._`
      : ''
  const body =
    [head.join('\n'), table, ...details, quietBlock, omission, ...footer]
      .filter(s => s !== '')
      .join('\n\n') + '\n'
  return body
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
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
