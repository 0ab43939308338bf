/**
 * Hot lines, like `go tool pprof -list`: for a function in the repository,
 * its source lines on both sides, matched through the diff between the
 * two revisions (git/diff.ts), so a line inserted above the hot one does
 * not shift the blame; ranked by the change of their own cost.
 */
import type { LineCost } from '../attribution/index.js'
import { baseToHead, headToBase, type Hunk } from './hunks.js'
import type { FunctionCosts, LineDelta } from './model.js'

/** One file as both revisions have it. */
export interface SourceFile {
  /** `git diff --unified=0` hunks from base to head; none when the file is the same. */
  hunks: Hunk[]
  /** Its lines in head and in base (index 0 is line 1); absent when they could not be read. */
  head?: readonly string[]
  base?: readonly string[]
}

/** The files of the repository that the profiles name, as both revisions have them. */
export interface SourceView {
  /** What was diffed, for the report: e.g. `3f2a1c9d0b7e..the work tree`. */
  between: string
  files: Map<string, SourceFile>
}

/** SourceView.between when both sides were built from one tree (the demo): no diff to match through. */
export const SAME_TREE = 'the same tree on both sides'

/** Hot lines shown per function. */
export const HOT_LINES = 5
/** The longest line text kept, in characters. */
export const LINE_TEXT_MAX = 160

const NONE: FunctionCosts = { flat: 0, cum: 0, self: 0 }

function text(lines: readonly string[] | undefined, n: number | null): string | undefined {
  if (!lines || n === null || n < 1 || n > lines.length) return undefined
  const t = lines[n - 1].replace(/\r$/, '').trimStart()
  return t.length > LINE_TEXT_MAX ? t.slice(0, LINE_TEXT_MAX - 1) + '…' : t
}

function costs(l: LineCost | undefined): FunctionCosts {
  return l ? { flat: l.flat, cum: l.cum, self: l.self } : NONE
}

/**
 * A function's lines whose cost differs between the sides, the largest
 * change of own cost (self) in `direction` first, at most `max`.
 */
export function lineDeltas(
  file: SourceFile,
  base: readonly LineCost[],
  head: readonly LineCost[],
  direction: 1 | -1,
  max = HOT_LINES
): LineDelta[] {
  const headBy = new Map(head.map(l => [l.line, l]))
  const used = new Set<number>()
  const rows: LineDelta[] = []
  const add = (b: number | null, h: number | null, change: LineDelta['change']): void => {
    const bc = costs(b === null ? undefined : base.find(l => l.line === b))
    const hc = costs(h === null ? undefined : headBy.get(h))
    const row: LineDelta = {
      line: h,
      baseLine: b,
      change,
      base: bc,
      head: hc,
      delta: { flat: hc.flat - bc.flat, cum: hc.cum - bc.cum, self: hc.self - bc.self }
    }
    const t = h !== null ? text(file.head, h) : text(file.base, b)
    if (t !== undefined) row.text = t
    const bt = change === 'edited' ? text(file.base, b) : undefined
    if (bt !== undefined) row.baseText = bt
    rows.push(row)
  }
  for (const l of base) {
    const m = baseToHead(file.hunks, l.line)
    if (!m) add(l.line, null, 'gone')
    else {
      used.add(m.line)
      add(l.line, m.line, m.edited ? 'edited' : m.line === l.line ? 'same' : 'moved')
    }
  }
  for (const l of head) {
    if (used.has(l.line)) continue
    const m = headToBase(file.hunks, l.line)
    if (!m) add(null, l.line, 'new')
    else add(m.line, l.line, m.edited ? 'edited' : m.line === l.line ? 'same' : 'moved')
  }
  return rows
    .filter(r => r.delta.self !== 0 || r.delta.cum !== 0)
    .sort(
      (x, y) =>
        direction * (y.delta.self - x.delta.self) ||
        direction * (y.delta.cum - x.delta.cum) ||
        (x.line ?? x.baseLine ?? 0) - (y.line ?? y.baseLine ?? 0)
    )
    .slice(0, max)
}
