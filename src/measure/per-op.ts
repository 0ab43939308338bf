/**
 * Per-op function costs as a bundle keeps them: source paths relative to
 * the repository (build paths differ between machines), six significant
 * digits. Shared by the bundle builder and the contention pass's part.
 */
import { isAbsolute, relative, sep } from 'node:path'
import { perOpCosts, type GroupTables, type PerOpCost } from '../attribution/index.js'

/**
 * A build path as a path in the repository ('/'-separated, relative to its
 * root), or undefined outside it: build paths differ between machines, so
 * only files in the repository keep a path, for source links and lines.
 */
export function repositoryPath(repoRoot: string | undefined, file: string): string | undefined {
  if (repoRoot === undefined || file === '') return undefined
  const rel = relative(repoRoot, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined
  return rel.split(sep).join('/')
}

/** The files whose line costs a bundle keeps: the repository's own. */
export function inRepository(
  repoRoot: string | undefined
): ((file: string) => boolean) | undefined {
  return repoRoot === undefined ? undefined : file => repositoryPath(repoRoot, file) !== undefined
}

/** Six significant digits: plenty for per-op costs, and it keeps results.json small. */
export function round(x: number): number {
  return Number(x.toPrecision(6))
}

/**
 * One measure's per-op costs of a benchmark group, as the bundle keeps
 * them: a file only when it lies inside the repository, numbers rounded.
 */
export function bundleCosts(
  t: GroupTables,
  group: string,
  median: number | undefined,
  topK: number,
  repoRoot: string | undefined
): PerOpCost[] {
  const locate = (name: string): { file: string; line: number } | undefined => {
    const src = t.sources.get(name)
    const rel = src && repositoryPath(repoRoot, src.file)
    return rel === undefined ? undefined : { file: rel, line: src!.line }
  }
  return perOpCosts(t, group, median, topK, locate).map(f => {
    const out = { ...f, flat: round(f.flat), cum: round(f.cum), self: round(f.self ?? f.flat) }
    if (f.lines)
      out.lines = f.lines.map(l => ({
        line: l.line,
        flat: round(l.flat),
        cum: round(l.cum),
        self: round(l.self)
      }))
    return out
  })
}
