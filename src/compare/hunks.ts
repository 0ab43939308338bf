/**
 * Lines of one file matched between two revisions through their diff, so
 * a line keeps its identity when lines are inserted or deleted above it.
 * The hunks are `git diff --unified=0`'s: each says which base lines were
 * replaced by which head lines; every line outside a hunk is the same text
 * on both sides, shifted by the hunks before it.
 */

/** Base lines [baseStart, baseStart + baseCount) became head lines [headStart, headStart + headCount). */
export interface Hunk {
  baseStart: number
  baseCount: number
  headStart: number
  headCount: number
}

/** How a base line reached head: unchanged (maybe moved), or edited in place. */
export interface LineMatch {
  line: number
  edited: boolean
}

/** The hunks of a `git diff --unified=0` of one file, in order. */
export function parseHunks(diff: string): Hunk[] {
  const out: Hunk[] = []
  for (const m of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm))
    out.push({
      baseStart: Number(m[1]),
      baseCount: m[2] === undefined ? 1 : Number(m[2]),
      headStart: Number(m[3]),
      headCount: m[4] === undefined ? 1 : Number(m[4])
    })
  return out
}

/**
 * Where base line `line` is in head: shifted past the hunks above it, or,
 * inside a hunk, the head line at the same position when the hunk has one
 * (an edit: the i-th replaced line became the i-th new one). Undefined
 * when the line was deleted.
 */
export function baseToHead(hunks: readonly Hunk[], line: number): LineMatch | undefined {
  let shift = 0
  for (const h of hunks) {
    // With no base lines, the hunk inserts after base line baseStart.
    const end = h.baseCount === 0 ? h.baseStart : h.baseStart + h.baseCount - 1
    if (h.baseCount > 0 && line >= h.baseStart && line <= end) {
      const i = line - h.baseStart
      return i < h.headCount ? { line: h.headStart + i, edited: true } : undefined
    }
    if (end >= line) break
    shift += h.headCount - h.baseCount
  }
  return { line: line + shift, edited: false }
}

/** Where head line `line` was in base (baseToHead the other way round); undefined when it was added. */
export function headToBase(hunks: readonly Hunk[], line: number): LineMatch | undefined {
  const swapped = hunks.map(h => ({
    baseStart: h.headStart,
    baseCount: h.headCount,
    headStart: h.baseStart,
    headCount: h.baseCount
  }))
  return baseToHead(swapped, line)
}
