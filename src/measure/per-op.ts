/**
 * Per-op function costs as a bundle keeps them: source paths relative to
 * the repository (build paths differ between machines), six significant
 * digits. Shared by the bundle builder and the contention pass's part.
 */
import { isAbsolute, join, relative, sep } from 'node:path'
import { perOpCosts, type GroupTables, type PerOpCost } from '../attribution/index.js'

/** Where a profile's file names lead: the repository's root, and the modules a trimmed name starts with. */
export interface SourceRoots {
  repoRoot: string | undefined
  /**
   * Module paths and their directories. A binary built with -trimpath
   * names a module's file `<module path>/<file in the module>`; the
   * longest module path it starts with gives the directory.
   */
  modules?: readonly { path: string; dir: string }[]
}

/**
 * A profile's file name as a path in the repository ('/'-separated,
 * relative to its root), or undefined outside it: build paths differ
 * between machines, so only files in the repository keep a path, for
 * source links and lines. An absolute name (a binary built without
 * -trimpath) is taken as it is; a trimmed one through its module.
 */
export function repositoryPath(roots: SourceRoots, file: string): string | undefined {
  const { repoRoot } = roots
  if (repoRoot === undefined || file === '') return undefined
  const absolute = isAbsolute(file) ? file : untrimmed(roots.modules ?? [], file)
  if (absolute === undefined) return undefined
  const rel = relative(repoRoot, absolute)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined
  return rel.split(sep).join('/')
}

/** A trimmed file name in one of the modules, as a path in that module's directory. */
function untrimmed(
  modules: readonly { path: string; dir: string }[],
  file: string
): string | undefined {
  let best: { path: string; dir: string } | undefined
  for (const m of modules)
    if (file.startsWith(`${m.path}/`) && (!best || m.path.length > best.path.length)) best = m
  if (!best) return undefined
  const rest = file.slice(best.path.length + 1).split('/')
  if (rest.some(part => part === '..' || part === '')) return undefined
  return join(best.dir, ...rest)
}

/** The files whose line costs a bundle keeps: the repository's own. */
export function inRepository(roots: SourceRoots): ((file: string) => boolean) | undefined {
  return roots.repoRoot === undefined
    ? undefined
    : file => repositoryPath(roots, file) !== undefined
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
  roots: SourceRoots
): PerOpCost[] {
  const locate = (name: string): { file: string; line: number } | undefined => {
    const src = t.sources.get(name)
    const rel = src && repositoryPath(roots, src.file)
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
